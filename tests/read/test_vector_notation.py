"""Vectors and matrices in notes: a corpus of fresh notes with every claim's verdict by line.

The notes in ``tests/data/notes/vectors/`` are written in several styles (bold and arrowed
vectors, ``\\boldsymbol`` and ``\\bm``, MathJax Markdown, Chinese prose, row and column
conventions). The expected verdicts were worked out by hand, not taken from the tool:
∂(xᵀBx)/∂x = (B + Bᵀ)x in denominator layout, so 2Bx is false unless B is symmetric;
∂(Cu)/∂u = A in numerator layout and Aᵀ in denominator layout, so with no layout named
``= C`` and ``= Cᵀ`` each hold in one layout (not a mistake) and ``= 2C`` in none; the
Jacobian of the element-wise σ is diag(σ ⊙ (1 − σ)), not diag(σ).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from derivations.read.latex import Unreadable, tokenize
from derivations.read.notes import read_file
from derivations.read.vector_claims import VectorState
from derivations.read.vectors import VectorScope, read_vector_side, vectorish
from derivations.symbolic.matrix_calculus import DENOMINATOR, NUMERATOR
from derivations.symbolic.printing import text
from derivations.verifier.claim import verify

CORPUS = Path(__file__).resolve().parents[1] / "data" / "notes" / "vectors"
P, R = "proved", "refuted"


def verdicts(
    name: str,
) -> tuple[dict[int, list[str]], dict[int, str], dict[int, str], dict[int, str]]:
    """Verdicts by line, skip reasons by line, holds-when texts and methods by line."""
    reading = read_file(CORPUS / name, as_=None if name.endswith(".tex") else "markdown")
    hypotheses = reading.formula().hypotheses
    found: dict[int, list[str]] = {}
    holds: dict[int, str] = {}
    methods: dict[int, str] = {}
    for located in reading.claims:
        line = int(located.location.rsplit(":", 1)[1])
        result = verify(located.claim, hypotheses=hypotheses)
        found.setdefault(line, []).append(result.verdict.value)
        methods[line] = result.method + result.reason
        if result.holds_under:
            holds[line] = result.holds_under
    skipped = {int(s.location.rsplit(":", 1)[1]): s.reason for s in reading.skipped}
    return found, skipped, holds, methods


def test_column_gradients_in_the_stated_denominator_layout() -> None:
    found, skipped, holds, methods = verdicts("column_gradients.md")
    assert found == {
        8: [P],  # ∂(aᵀx)/∂x = a
        12: [R],  # aᵀ: a row where the stated layout has a column
        16: [P],  # ∇ xᵀBx = (B + Bᵀ)x
        20: [R],  # 2Bx for a B not stated symmetric
        24: [P],  # ‖x‖₂² → 2x
        28: [R],  # ‖x − a‖² → 2(x − a), the 2 dropped
        32: [P],  # ∂(Bx)/∂x = Bᵀ in denominator layout
        36: [R],  # B: numerator layout, not the stated one
        44: [P],  # 2Sx with S stated symmetric
        48: [R],  # Sx: the 2 dropped
    }
    assert "left side is n×1, the right side 1×n" in methods[12]
    assert holds == {20: "B is symmetric", 36: "B is symmetric"}
    assert skipped == {}


def test_row_gradients_in_numerator_layout_stated_in_chinese() -> None:
    found, skipped, holds, methods = verdicts("row_gradients_zh.md")
    assert found == {
        7: [P],  # ∂(wᵀx)/∂w = xᵀ
        9: [R],  # x: a column in 分子布局
        11: [P],  # ∂(Mx)/∂x = M
        13: [P],  # xᵀ(M + Mᵀ)
        15: [R],  # 2xᵀM: only for M symmetric
        19: [P],  # ∂ 1ᵀexp(x) / ∂x = exp(x)ᵀ
        21: [P],  # the Jacobian of exp is diag(exp x)
        23: [R],  # diag(σ) drops the (1 − σ)
        25: [P],  # diag(σ ⊙ (1 − σ))
    }
    assert "left side is 1×d, the right side d×1" in methods[9]
    assert holds == {15: "M is symmetric"}
    assert skipped == {}


def test_a_claim_true_in_one_layout_is_not_a_mistake() -> None:
    found, skipped, holds, methods = verdicts("both_layouts.md")
    assert found == {
        6: [P],  # v: the shapes decide the denominator layout
        10: [P],  # vᵀ: the shapes decide the numerator layout
        14: [R],  # u: false in both
        18: [P],  # Cᵀ: true in denominator layout only
        22: [P],  # C: true in numerator layout only
        26: [R],  # 2C: false in both
        30: [P],  # u·v read as the dot product
        38: [R],  # CᵀC is n×n, the derivative m×n or n×m: the stated shapes refute it
        46: [P],  # h = Cu with C m×n: ∂h/∂u = C (numerator layout, decided by the shapes)
    }
    assert "holds read in denominator layout" in methods[18]
    assert "holds read in numerator layout" in methods[22]
    assert "refuted in every reading" in methods[26]
    assert "m×n" in methods[38] and "n×n" in methods[38]
    assert holds == {}
    assert skipped == {}


def test_a_stated_layout_holds_in_its_section_and_the_sections_under_it() -> None:
    """Denominator layout stated in one section, numerator in the next, none in the third:
    ∂(Mx)/∂x is Mᵀ in the first (and its subsection), M in the second (and its subsection),
    either in the third. The denominator layout named in prose at the end of the second
    section's subsection holds there, not in the third section that follows."""
    found, skipped, holds, methods = verdicts("two_layouts.md")
    assert found == {
        8: [P],  # aᵀx → a: a column, as stated
        12: [P],  # Mx → Mᵀ in denominator layout
        16: [R],  # M: the numerator layout's, not the section's
        22: [P],  # the subsection keeps the denominator layout: xᵀx → 2x
        26: [R],  # M again refuted in the subsection
        34: [P],  # M in the numerator layout of the second section
        38: [R],  # Mᵀ: the denominator layout's
        42: [P],  # aᵀ: a row
        48: [R],  # a: a column where the section's layout has a row
        58: [P],  # no layout named in this section: M holds in numerator layout
        62: [P],  # and Mᵀ in denominator layout
        66: [R],  # 2M in neither
    }
    assert holds == {16: "M is symmetric", 26: "M is symmetric", 38: "M is symmetric"}
    assert "left side is 1×n, the right side n×1" in methods[48]
    assert "holds read in numerator layout" in methods[58]
    assert "holds read in denominator layout" in methods[62]
    assert skipped == {}
    reading = read_file(CORPUS / "two_layouts.md")
    said = {int(c.location.rsplit(":", 1)[1]): c.claim.sources[0].reading for c in reading.claims}
    assert said[26].startswith('denominator layout, as the document says ("In this part')
    assert said[48].startswith('numerator layout, as the document says ("From here on')
    assert said[58] == "the document names no layout: both are tried"


def test_a_layout_statement_is_scoped_by_the_section_it_is_written_in() -> None:
    text = "本节采用分母布局。\n梯度\n其他\n"
    sections = {0: ("一",), 1: ("一", "1.1"), 2: ("二",)}
    starts = [0, text.index("梯度"), text.index("其他")]

    def section_at(offset: int) -> tuple[str, ...]:
        return sections[sum(offset >= s for s in starts) - 1]

    state = VectorState()
    state.scan(text, 0, len(text) - 1, ("二",), section_at)
    stated = state.layout_at(len(text), ("一", "1.1"))
    assert stated is not None and (stated.layout, stated.section) == (DENOMINATOR, ("一",))
    assert state.layout_at(len(text), ("二",)) is None
    assert state.layout_at(0, ("一",)) is None  # not before it is said


def test_losses_in_vector_form_with_a_stated_distribution() -> None:
    found, skipped, holds, _ = verdicts("losses.md")
    assert found == {
        10: [P],  # ∇ ½‖t̂ − t‖² = t̂ − t
        14: [R],  # twice that
        24: [P],  # −t / t̂ element-wise
        28: [R],  # the quotient upside down
        48: [P],  # p − t under the stated tᵀ1 = 1
        52: [R],  # t − p
        66: [R],  # q − t in a section without the condition: it holds when Σt = 1
    }
    assert holds == {66: "sum of t = 1 (for every n)"}
    assert skipped == {}


def test_notations_with_two_readings_are_skipped() -> None:
    found, skipped, _, _ = verdicts("ambiguous.md")
    # diag(g) − ggᵀ, symmetric: true in both layouts; the notes' own σ(s) = s³ applies to a
    # vector entry by entry, and its derivative is 3x², not σ(x)(1 − σ(x))
    assert found == {34: [P], 76: [R]}
    assert skipped == {
        10: "a product of a n×1 and a n×n (not defined)",  # g·I: g a row with g·I = diag(g)?
        16: "a product of a n×1 and a n×1 (not defined)",  # 1 exp(x) without the transpose
        22: "\\times between vectors is not read",
        28: "^t: a transpose or a time step?",
        40: "a matrix or vector times the plain letter x (a vector without bold?)",
        46: "a transpose of the plain letter w (a vector without bold?)",
        56: "h(…) of a vector: not a name the document defines for vectors",
        66: "the derivative by w of something that does not depend on w as written "
        "(an implicit dependency is not supported): (Σ_{k=1..n?} v[k]^2)/2",
    }


def test_a_vector_whose_components_the_document_defines() -> None:
    found, skipped, holds, _ = verdicts("components.md")
    assert found == {
        16: [P],  # p − y: p_i is softmax(z)_i, and Σ y = 1 is stated
        20: [R],  # p alone
        24: [P],  # pᵀ − yᵀ: a row, so the numerator layout (∇ as a row holds there)
    }
    assert holds == {}
    assert skipped == {}


def test_a_layout_sentence_that_names_both_or_denies_one_names_none() -> None:
    state = VectorState()
    text = (
        "In numerator layout the gradient is a row, in denominator layout a column.\n"
        "We do not use the denominator layout.\n"
        "我们采用分母布局。\n"
    )
    state.scan(text, 0, len(text), ())
    assert [s.layout for s in state.layouts] == [DENOMINATOR]


def test_stated_shapes_rows_and_matrices() -> None:
    state = VectorState()
    text = (
        r"$\mathbf{x} \in \mathbb{R}^{n}$, $\hat{\mathbf{y}} \in \mathbb{R}^{k \times 1}$, "
        r"$\mathbf{r} \in \mathbb{R}^{1 \times n}$, $W \in \mathbb{R}^{m \times n}$, "
        r"$x \in \mathbb{R}^{l}$"
    )
    state.scan(text, 0, len(text), ())
    shapes = {name: tuple(str(d) for d in shape) for name, shape, _ in state.shapes}
    assert shapes == {
        "x": ("n", "1"),
        "yhat": ("k", "1"),
        "r": ("1", "n"),
        "W": ("m", "n"),
    }  # the plain x ∈ R^l is a scalar of the text, not a vector


@pytest.mark.parametrize(
    ("latex", "shape"),
    [
        (r"\mathbf{x}^T", (1, "n")),
        (r"\vec{x}^\top", (1, "n")),
        (r"\boldsymbol{x}^\mathrm{T}", (1, "n")),
        (r"\bm{x}^{\mathsf{T}}", (1, "n")),
        (r"\hat{\mathbf{y}}", ("n", 1)),
        (r"\mathbf{\hat{y}}", ("n", 1)),
        (r"\mathrm{diag}(\mathbf{x})", ("n", "n")),
        (r"\operatorname{diag}(\mathbf{x})", ("n", "n")),
        (r"\boldsymbol{1}_{n \times 1}", ("n", 1)),
        (r"\mathbf{1}^T \mathbf{x}", None),
        (r"\lVert \mathbf{x} \rVert^2", None),
        (r"\|\mathbf{x}\|_2", None),
        (r"\frac{\mathbf{x}}{\mathbf{y}}", ("n", 1)),
        (r"\exp(\mathbf{x}) \odot \ln \mathbf{y}", ("n", 1)),
        (r"\mathbf{I} - \mathbf{x}\mathbf{x}^T", ("n", "n")),
    ],
)
def test_vector_notations_and_their_shapes(latex: str, shape: tuple[object, object] | None) -> None:
    value = read_vector_side(tokenize(latex), VectorScope(), NUMERATOR).value
    if shape is None:
        assert not hasattr(value, "shape") or value.shape == (1, 1)
    else:
        assert tuple(str(d) for d in value.shape) == tuple(str(d) for d in shape)


@pytest.mark.parametrize(
    ("latex", "layout", "shape"),
    [
        (r"\frac{\partial (\mathbf{a}^T\mathbf{x})}{\partial \mathbf{x}}", NUMERATOR, (1, "n")),
        (r"\frac{\partial (\mathbf{a}^T\mathbf{x})}{\partial \mathbf{x}}", DENOMINATOR, ("n", 1)),
        (r"\nabla_{\mathbf{x}} \lVert \mathbf{x} \rVert^2", DENOMINATOR, ("n", 1)),
        (r"\frac{\partial}{\partial \mathbf{x}} \mathbf{x}^T\mathbf{x}", NUMERATOR, (1, "n")),
    ],
)
def test_derivatives_take_the_layout_they_are_read_in(
    latex: str, layout: str, shape: tuple[object, object]
) -> None:
    value = read_vector_side(tokenize(latex), VectorScope(), layout).value
    assert tuple(str(d) for d in value.shape) == tuple(str(d) for d in shape)


@pytest.mark.parametrize(
    "latex",
    [
        r"\mathbf{x}\mathbf{x}",  # (n×1)(n×1)
        r"\mathbf{x} + \mathbf{x}^T",
        r"\mathbf{x} + 1",
        r"\mathbf{x}^2",
        r"\frac{1}{\mathbf{x}}",
        r"\mathbf{x}^t",
        r"\mathbf{f}_i",
        r"\frac{\partial \mathbf{x}^T}{\partial \mathbf{x}}",
    ],
)
def test_what_has_no_certain_reading_is_refused(latex: str) -> None:
    with pytest.raises(Unreadable):
        read_vector_side(tokenize(latex), VectorScope(), NUMERATOR)


def test_vector_notation_is_recognized() -> None:
    assert vectorish(tokenize(r"\vec{w}^T x"))
    assert vectorish(tokenize(r"w^{\top} x"))
    assert vectorish(tokenize(r"A^\mathrm{T}"))
    assert not vectorish(tokenize(r"\frac{d}{dx} x^2"))


@pytest.mark.parametrize(
    ("name", "line", "shown"),
    [
        ("column_gradients.md", 28, "2*x - 2*a"),  # ∇‖x − a‖² = 2(x − a)
        ("column_gradients.md", 20, "Bᵀ*x + B*x"),  # ∇ xᵀBx = (B + Bᵀ)x
        ("row_gradients_zh.md", 15, "(Mᵀ*x + M*x)ᵀ"),  # a row in numerator layout
        ("row_gradients_zh.md", 9, "xᵀ"),
    ],
)
def test_the_correction_of_a_refuted_vector_claim_is_a_vector(
    name: str, line: int, shown: str
) -> None:
    reading = read_file(CORPUS / name, as_="markdown")
    (claim,) = [c.claim for c in reading.claims if c.location.endswith(f":{line}")]
    result = verify(claim)
    assert result.verdict.value == R
    assert text(result.correction) == shown


def test_intermediate_vectors_of_a_layer_and_the_chain_rule() -> None:
    found, skipped, holds, methods = verdicts("layer_chain.md")
    assert found == {
        16: [P],  # ∂L/∂z = zᵀ with z held as a variable, then z = Wx put in
        20: [P],  # ∂z/∂x = W (m×n)
        24: [P],  # the chain rule as a product of the two, in numerator layout
        28: [P],  # zᵀW
        32: [P],  # xᵀWᵀW
        36: [R],  # Wᵀz is a column: the stated numerator layout has a row
        54: [P],  # ∂E/∂z = −(1 − a)ᵀ for a = σ(z), E = −1ᵀ ln a
        58: [R],  # −aᵀ
        62: [P],  # the Jacobian of σ is diag(a ⊙ (1 − a))
    }
    assert "left side is 1×n, the right side n×1" in methods[36]
    assert holds == {}
    # the chain rule in the other order has no meaning in numerator layout: (m×n)(1×m)
    assert skipped == {40: "a product of a m×n and a 1×m (not defined)"}


def test_a_huge_stated_length_is_not_written_out() -> None:
    state = VectorState()
    text = r"$\mathbf{x} \in \mathbb{R}^{1000000000}$ and $\mathbf{y} \in \mathbb{R}^{3}$"
    state.scan(text, 0, len(text), ())
    assert [(name, shape) for name, shape, _ in state.shapes] == [("y", (3, 1))]


def test_hostile_vector_math_is_refused_quickly() -> None:
    deep = r"\mathbf{x}^T" + "(" * 300 + r"\mathbf{x}" + ")" * 300
    for latex in (deep, r"\lVert \mathbf{x}", r"\frac{\partial}{\partial \mathbf{x}}", "^T"):
        with pytest.raises(Unreadable):
            read_vector_side(tokenize(latex), VectorScope(), NUMERATOR)


def test_ridge_regression_in_latex_with_an_align_chain() -> None:
    found, skipped, holds, methods = verdicts("ridge.tex")
    assert found == {
        14: [P],  # ∇J = Xᵀ(Xw − y) + λw
        # the next link, (XᵀX + λI)w − Xᵀy, is true; the procedure for every size does not
        # reduce it (a sum of products of matrix entries), and no counterexample exists
        15: ["unknown"],
        23: [R],  # a row where the stated denominator layout has a column
        29: [P],  # 1ᵀ diag(w) 1 = Σ w
    }
    assert "left side is n×1, the right side 1×n" in methods[23]
    assert holds == {}
    assert skipped == {19: "a product of a m×n and a m×1 (not defined)"}  # X(Xw − y)
