"""The documents the catalog was built from, and how to cite a place in them.

The documents are the five seed notes in ``shared/seeds/``; a source names the
file and the section or equation number, plus how an ambiguous passage was read.
"""

from __future__ import annotations

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


def other_reading(document: str, location: str, what: str) -> Source:
    """A reading of an ambiguous passage under which it fails, shown beside the reading under
    which it holds (which cites the document).

    It cites the tool, not the document: the document's notation allows a reading under which
    it is right, so the failure is not the document's error and stays off the errata page.
    """
    return Source("derive catalog", f"another reading of {document} ({location})", what)
