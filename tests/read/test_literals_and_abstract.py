"""Matrix literals, inner products and abstract functions in notes.

The corpus ``tests/data/notes/vectors/literals_and_abstract.md`` was written for these tests
(not taken from the seed documents). Its expected verdicts were worked out by hand, in the
numerator layout the notes state: for h(u) = (u₁u₂, e^{u₁} + u₂²) the Jacobian has rows
(u₂, u₁) and (e^{u₁}, 2u₂), so its transpose is false; for y = Bu with a literal B the
Jacobian is B, not Bᵀ (B is not symmetric); ∂(vᵀv)/∂v = 2vᵀ, a row of entries 2v_k, so the
row of v_k and the column of 2v_k are false; ∂⟨a, v⟩/∂v = aᵀ. The chain rule for f and g the
notes leave abstract holds for every f and g; f'(x)g'(x) and dv/du alone do not, and since
the author's f and g are not known they are not refuted either: they are skipped. A plain
q stated in ℝᵐ is a vector, so ∂(qᵀBq)/∂q = qᵀ(B + Bᵀ), and 2qᵀB is false for B not stated
symmetric; r and s, arrowed elsewhere and transposed plain, are vectors: ∂(rᵀs)/∂r = sᵀ.
For J(m) = ½ tanh²(dᵀm), whose composition labels name h = tanh s and s = dᵀm,
∂J/∂m = tanh s (1 − tanh² s) dᵀ = h(1 − h²)dᵀ; h(1 − h)dᵀ and (1 − h²)dᵀ are false (at
m = (0, 4/3), d = (4/3, 0): s = 0, h = 0, so ∂J/∂m = 0 but (1 − h²)d₁ = 4/3).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from derivations.read.composition import uncomposed, without_label
from derivations.read.latex import Unreadable, tokenize
from derivations.read.matrix_literals import dots_layout, ellipsis_pattern, split_cells
from derivations.read.notes import read_file, reads
from derivations.read.plain_vectors import vectors_without_bold
from derivations.read.stages import labelled_stages
from derivations.read.vectors import VectorScope, read_vector_side
from derivations.symbolic.matrix_calculus import NUMERATOR
from derivations.verifier.claim import verify

CORPUS = Path(__file__).resolve().parents[1] / "data" / "notes" / "vectors"
P, R = "proved", "refuted"


def _verdicts(name: str) -> tuple[dict[int, list[str]], dict[int, str], dict[int, object]]:
    reading = read_file(CORPUS / name, as_="markdown")
    found: dict[int, list[str]] = {}
    results: dict[int, object] = {}
    for located in reading.claims:
        line = int(located.location.rsplit(":", 1)[1])
        result = verify(located.claim)
        found.setdefault(line, []).append(result.verdict.value)
        results[line] = result
    skipped = {int(s.location.rsplit(":", 1)[1]): s.reason for s in reading.skipped}
    return found, skipped, results


@pytest.fixture(scope="module")
def corpus() -> tuple[dict[int, list[str]], dict[int, str], dict[int, object]]:
    return _verdicts("literals_and_abstract.md")


def test_every_claim_of_the_corpus_has_its_verdict(
    corpus: tuple[dict[int, list[str]], dict[int, str], dict[int, object]],
) -> None:
    found, _, _ = corpus
    assert found == {
        14: [P],  # the Jacobian of h as a pmatrix
        18: [R],  # its transpose
        26: [P],  # ∂(Bu)/∂u = B for a literal B
        30: [R],  # = Bᵀ
        36: [P],  # the variable written as the literal (u₁, u₂)
        44: [P],  # 2v₁ ⋯ 2v_n
        48: [R],  # v₁ ⋯ v_n
        52: [R],  # a column where the layout makes it a row
        60: [P],  # ∂⟨a, v⟩/∂v = aᵀ
        64: [R],  # 2aᵀ
        76: [P],  # L'(x) = f'(g(x)) g'(x) for every f, g
        94: [P],  # dv/dx = dv/du · du/dx with u = g(x), v = f(u)
        106: [P],  # q ∈ ℝᵐ plain: ∂(qᵀBq)/∂q = qᵀ(B + Bᵀ)
        110: [R],  # 2qᵀB (B not stated symmetric)
        120: [P],  # arrows dropped (r^T of an arrowed r): ∂(rᵀs)/∂r = sᵀ
        124: [R],  # = rᵀ
        146: [P],  # J = ½h², h = tanh s, s = dᵀm: ∂J/∂m = h(1 − h²)dᵀ (h, s from the labels)
        150: [R],  # h(1 − h)dᵀ
        154: [P],  # the same past a middle side that cannot be read (a 1×2 times a 1×n)
        158: [R],  # (1 − h²)dᵀ past it: h is dropped
        170: [P],  # ∂(g(c)²)/∂c = 2g(c) ∂g(c)/∂c for every g of two numbers
        178: [P],  # the gradient of g is the row of its partial derivatives
    }


def test_what_is_not_certain_is_skipped_with_its_reason(
    corpus: tuple[dict[int, list[str]], dict[int, str], dict[int, object]],
) -> None:
    _, skipped, _ = corpus
    assert skipped == {
        56: "the last entry before the dots is not indexed by one size",  # 2v₁ ⋯ 2v₃ with v ∈ ℝⁿ
        80: "f is not a known function and the document does not define it",  # f'(x) g'(x)
        98: "f, g: functions the document does not define (or whose definition could not be "
        "read); the claim does not hold for every such function",  # dv/dx = dv/du
        130: "the vector k written without bold",  # a plain k beside a bold k is another thing
        154: "a product of a 1×2 and a 1×n (not defined)",
        158: "a product of a 1×2 and a 1×n (not defined)",
        # true when d = 0 only: dropping the remark would refute it
        162: "a remark after the claim ([\\text{for}d=0]) may be a condition: not read",
        # false for most g, but g is nobody's: not refuted
        174: "g: functions the document does not define; the claim does not hold for every g",
        182: "g: functions the document does not define; the claim does not hold for every g",
    }


def test_refutations_carry_the_entry_that_differs(
    corpus: tuple[dict[int, list[str]], dict[int, str], dict[int, object]],
) -> None:
    _, _, results = corpus
    transposed = results[18]
    assert transposed.counterexample is not None  # type: ignore[attr-defined]
    assert transposed.counterexample.case == "entry (1, 2)"  # type: ignore[attr-defined]
    column = results[52]
    assert "1×n" in column.reason and "n×1" in column.reason  # type: ignore[attr-defined]


def _side(latex: str) -> object:
    return read_vector_side(tokenize(latex), VectorScope(), NUMERATOR).value


def test_a_literal_is_its_explicit_matrix() -> None:
    value = _side(r"\begin{bmatrix} 1 & x \\ \frac{1}{2} & 3 \end{bmatrix}")
    x = sp.Symbol("x", real=True)
    assert value == sp.ImmutableMatrix([[1, x], [sp.Rational(1, 2), 3]])


@pytest.mark.parametrize(
    "latex",
    [
        r"\begin{bmatrix} 1 & 2 \\ 3 \end{bmatrix}",  # rows of different lengths
        r"\begin{bmatrix} a_1 & \ddots \\ \vdots & a_n \end{bmatrix}",  # dots in a block
        r"\begin{bmatrix} a_1 \\ \vdots \\ b_n \end{bmatrix}",  # two families around the dots
        r"\begin{bmatrix} a_2 \\ \vdots \\ a_n \end{bmatrix}",  # not from 1
        r"\begin{vmatrix} 1 & 2 \\ 3 & 4 \end{vmatrix}",  # a determinant
        r"\begin{bmatrix} \mathbf{x} & 1 \end{bmatrix}",  # a block matrix
    ],
)
def test_a_literal_whose_pattern_is_not_certain_is_refused(latex: str) -> None:
    with pytest.raises(Unreadable):
        _side(latex)


def test_dots_are_a_column_or_a_row_of_three_cells() -> None:
    column = split_cells(tokenize(r"a_1 \\ \vdots \\ a_n"))
    row = split_cells(tokenize(r"a_1 & \cdots & a_n"))
    assert dots_layout(column) == "column"
    assert dots_layout(row) == "row"
    assert dots_layout(split_cells(tokenize(r"a & b"))) is None
    n = sp.Symbol("n", integer=True, positive=True)
    a = sp.IndexedBase("a")
    with pytest.raises(Unreadable):
        ellipsis_pattern(a[1], a[n] + 1)  # the last entry is not the first one at n


def test_an_inner_product_is_a_transpose_times_the_other() -> None:
    value = _side(r"\langle \mathbf{a}, \mathbf{b} \rangle")
    assert isinstance(value, sp.Sum)
    with pytest.raises(Unreadable):
        _side(r"\langle \mathbf{a}, \mathbf{b}, \mathbf{c} \rangle")


def test_composition_and_labels_are_rewritten_as_applications() -> None:
    tokens = uncomposed(without_label(tokenize(r"\text{Example: } (f \circ g \circ h)(x)")))
    assert "".join(t.text for t in tokens) == "f(g(h(x)))"
    kept = tokenize(r"\text{for } x")
    assert without_label(kept) == kept  # a text without a colon is not a label


def test_which_plain_letters_are_vectors() -> None:
    tokens = tokenize(r"w^T x_i + b")
    bold = {"w", "x_i"}
    assert vectors_without_bold(tokens, bold, set(), bold) == {"w", "x_i"}
    # written bold only after this formula: the plain w here is not known to be that vector
    assert vectors_without_bold(tokens, bold, set(), set()) == set()
    # no plain letter transposed: the arrows are not dropped here
    assert vectors_without_bold(tokenize(r"w x_i + b"), bold, set(), bold) == set()
    # stated plain, and never bold
    assert vectors_without_bold(tokenize(r"2 q"), set(), {"q"}, set()) == {"q"}
    assert vectors_without_bold(tokenize(r"2 q"), {"q"}, {"q"}, set()) == set()


def test_the_labels_of_a_composition_chain_to_its_argument() -> None:
    def stages(latex: str) -> list[tuple[str, str]] | None:
        found = labelled_stages(tokenize(latex))
        return None if found is None else [(s.output, s.input) for s in found]

    labelled = (
        r"(\underbrace{-\log(\cdot)}_{\frac{\partial E}{\partial q}} \circ "
        r"\underbrace{\sigma(b)}_{\frac{\partial q}{\partial b}})(b)"
    )
    assert stages(labelled) == [("q", "b"), ("E", "q")]
    # a label that does not chain (q from c, but the next stage gives b)
    broken = labelled.replace(r"\frac{\partial E}{\partial q}", r"\frac{\partial E}{\partial c}")
    assert stages(broken) is None
    # a body that neither has a placeholder nor mentions its input
    assert stages(labelled.replace(r"\sigma(b)", r"\sigma(z)")) is None


def test_a_chain_goes_past_a_side_that_cannot_be_read_only_when_it_is_one_expression() -> None:
    text = "\n\n".join(
        [
            "$$f(x) = x^2$$",
            "$$f'(x) = 0 \\Rightarrow x = 0$$",  # an implication: f' = 0 is not claimed
            "$$\\frac{d}{dx} f(x) = 2x \\approx 3 = 2x$$",  # ≈: not an equality
            "$$\\frac{d}{dx} f(x) = \\lim_{h \\to 0} \\frac{f(x+h) - f(x)}{h} = 2x$$",
        ]
    )
    reading = reads(text, "chains.md", kind="markdown")
    lines = [int(c.location.rsplit(":", 1)[1]) for c in reading.claims]
    assert lines == [7]  # only the limit is passed over: d/dx x² = 2x
    assert verify(reading.claims[0].claim).verdict.value == P
