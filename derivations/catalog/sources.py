"""The references the catalog cites, and how to cite a place in them.

The course documents are the five seed notes in ``shared/seeds/``; a source names the file and
the section or equation number, plus how an ambiguous passage was read. The formulas of modern
networks cite public references instead: the paper (authors, year, title, arXiv id) or the
framework documentation page that defines them, and the place in it. Only what a reference states
is cited to it; the results the tool states itself cite :data:`REFERENCE`.
"""

from __future__ import annotations

from collections.abc import Iterable

from derivations.model import Source

ACTIVATIONS_AND_OUTPUT = "000_3d7fee2bb648fd9a.txt"
NEURON_LECTURE = "001_0a406a38a6081074.txt"
DERIVATIVE_NOTES = "002_0a3d01bc8db34b18.txt"
ACTIVATIONS_ZH = "003_e73e636360d1ca6c.txt"
BACKPROP_ZH = "004_5545a304e35691f9.txt"

DOCUMENTS = (
    ACTIVATIONS_AND_OUTPUT,
    NEURON_LECTURE,
    DERIVATIVE_NOTES,
    ACTIVATIONS_ZH,
    BACKPROP_ZH,
)

#: A short title for each seed document, shown beside its file name (which stays the reference).
TITLES = {
    ACTIVATIONS_AND_OUTPUT: "Activations & Output",
    NEURON_LECTURE: "Artificial neuron, lecture notes",
    DERIVATIVE_NOTES: "Derivative 导数",
    ACTIVATIONS_ZH: "激活函数 / activation functions",
    BACKPROP_ZH: "反向传播 / backpropagation",
}


def titled(citation: str) -> str:
    """A citation with every seed document's file name in it preceded by the document's title:
    ``Activations & Output (000_3d7fee2bb648fd9a.txt): eq. 3``; a file name already titled,
    and a citation of no seed document, are unchanged.

    >>> titled("004_5545a304e35691f9.txt: eq. (2)")
    '反向传播 / backpropagation (004_5545a304e35691f9.txt): eq. (2)'
    >>> titled("derive catalog: deliberately wrong variant of 000_3d7fee2bb648fd9a.txt (eq. 1)")
    'derive catalog: deliberately wrong variant of Activations & Output (000_3d7fee2bb648fd9a.txt) (eq. 1)'
    >>> titled(titled("001_0a406a38a6081074.txt")) == titled("001_0a406a38a6081074.txt")
    True
    """
    for document, title in TITLES.items():
        shown = f"{title} ({document})"
        parts = citation.split(shown)
        citation = shown.join(part.replace(document, shown) for part in parts)
    return citation


def document_title(citation: str) -> str | None:
    """The title of the seed document a citation cites (it starts with the document's file
    name), or ``None`` for any other reference, the tool's own variants of a passage included.

    >>> document_title("003_e73e636360d1ca6c.txt: tanh, definition")
    '激活函数 / activation functions'
    >>> document_title("derive catalog: deliberately wrong variant of 003_e73e636360d1ca6c.txt") is None
    True
    """
    return next((t for d, t in TITLES.items() if citation.startswith(d)), None)


def document_titles(citations: Iterable[str]) -> list[str]:
    """The titles of the seed documents the citations cite, each once, in the documents'
    order: ``derive list``'s column of documents.

    >>> document_titles(["004_5545a304e35691f9.txt: eq. (2)", "000_3d7fee2bb648fd9a.txt: x"])
    ['Activations & Output', '反向传播 / backpropagation']
    """
    cited = {document_title(c) for c in citations}
    return [title for title in TITLES.values() if title in cited]


#: The frameworks whose conventions at kinks the catalog records.
PYTORCH = "PyTorch (torch.nn.functional)"


def cite(document: str, location: str, reading: str = "") -> Source:
    """A place in a seed document."""
    return Source(document, location, reading)


def variant(document: str, location: str, what: str) -> Source:
    """A deliberately wrong variant of a passage, made by the tool to show it is refuted.

    It cites the tool, never the document: the document did not write it, and it must not
    appear among the documents' errors.
    """
    return Source("derive catalog", f"deliberately wrong variant of {document} ({location})", what)


# --- Modern networks: papers and framework documentation ------------------------------------

#: Cited for the results the tool states itself (the correct general forms, and
#: closed forms that are standard but not printed in the cited paper).
REFERENCE = Source("derive catalog", "reference result")

GELU = "Hendrycks & Gimpel 2016, Gaussian Error Linear Units (GELUs), arXiv:1606.08415"
SILU = (
    "Elfwing, Uchibe & Doya 2018, Sigmoid-Weighted Linear Units for Neural Network Function "
    "Approximation in Reinforcement Learning, arXiv:1702.03118"
)
SWISH = "Ramachandran, Zoph & Le 2017, Searching for Activation Functions, arXiv:1710.05941"
MISH = "Misra 2019, Mish: A Self Regularized Non-Monotonic Activation Function, arXiv:1908.08681"
SELU = (
    "Klambauer, Unterthiner, Mayr & Hochreiter 2017, Self-Normalizing Neural Networks, "
    "arXiv:1706.02515"
)
CELU = "Barron 2017, Continuously Differentiable Exponential Linear Units, arXiv:1704.07483"
MOBILENETV3 = "Howard et al. 2019, Searching for MobileNetV3, arXiv:1905.02244"
FOCAL = (
    "Lin, Goyal, Girshick, He & Dollár 2017, Focal Loss for Dense Object Detection, "
    "arXiv:1708.02002"
)
HUBER = "Huber 1964, Robust Estimation of a Location Parameter, Ann. Math. Statist. 35(1)"
FAST_RCNN = "Girshick 2015, Fast R-CNN, arXiv:1504.08083"
LABEL_SMOOTHING = (
    "Szegedy, Vanhoucke, Ioffe, Shlens & Wojna 2016, Rethinking the Inception Architecture "
    "for Computer Vision, arXiv:1512.00567"
)
BATCH_NORM = "Ioffe & Szegedy 2015, Batch Normalization, arXiv:1502.03167"
LAYER_NORM = "Ba, Kiros & Hinton 2016, Layer Normalization, arXiv:1607.06450"
ATTENTION = "Vaswani et al. 2017, Attention Is All You Need, arXiv:1706.03762"
RESNET = "He, Zhang, Ren & Sun 2016, Deep Residual Learning for Image Recognition, arXiv:1512.03385"
DROPOUT = (
    "Srivastava, Hinton, Krizhevsky, Sutskever & Salakhutdinov 2014, Dropout: A Simple Way to "
    "Prevent Neural Networks from Overfitting, JMLR 15"
)
DEEP_LEARNING_BOOK = "Goodfellow, Bengio & Courville 2016, Deep Learning, MIT Press"
IDENTITY_MAPPINGS = (
    "He, Zhang, Ren & Sun 2016, Identity Mappings in Deep Residual Networks, arXiv:1603.05027"
)


def paper(document: str, location: str, reading: str = "") -> Source:
    """A place in a paper."""
    return Source(document, location, reading)


def torch_doc(name: str, reading: str = "") -> Source:
    """The PyTorch documentation page of ``torch.nn.NAME``."""
    return Source("PyTorch documentation", f"torch.nn.{name}", reading)


def tensorflow_doc(name: str, reading: str = "") -> Source:
    """The TensorFlow documentation page of ``NAME``."""
    return Source("TensorFlow documentation", name, reading)


def other_reading(document: str, location: str, what: str) -> Source:
    """A reading of an ambiguous passage under which it fails, shown beside the reading under
    which it holds (which cites the document).

    It cites the tool, not the document: the document's notation allows a reading under which
    it is right, so the failure is not the document's error and stays off the errata page.
    """
    return Source("derive catalog", f"another reading of {document} ({location})", what)
