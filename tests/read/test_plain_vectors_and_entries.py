"""Plain letters read as vectors where the display shows it, and entries of a Jacobian.

The expected verdicts of ``plain_vectors_and_entries.md`` were worked out by hand:
∇_p ½‖p − t‖² = p − t (not t − p); ∇_û ‖û − u‖² = 2(û − u) (not û − u); a norm without the
components written, or components without a norm, leave the letters scalars (skipped). For the
softmax s, ∂s_i/∂v_j = s_i(δ_ij − s_j), symmetric in i and j, so the entry holds in both layouts,
and s_i(1 − s_j) is wrong off the diagonal (the value is −s_i s_j) in both. For h = Mw,
∂h_i/∂w_j = M_ij: the entry (i, j) is M_ij in numerator layout and M_ji in denominator layout,
so M_ij holds only in numerator layout, M_ij + M_ji in neither; after the document names the
denominator layout, M_ji is proved and M_ij refuted. Vectors stated in ℝ^n in the sentence
before a display: ∇_v̂ ½‖v̂ − v‖² = v̂ − v, not v − v̂; a letter stated in ℝ^3 is not read as a
vector (a claim decided at every size might hold at 3 only), so it is skipped.
∂‖â − a‖²/∂â (a word-named function, a fraction) is 2(â − a); its row form is 2(â − a)ᵀ, not
2(a − â)ᵀ.
"""

from __future__ import annotations

from pathlib import Path

from derivations.read.display_vectors import as_written, emboldened, plain_vectors, stated_vectors
from derivations.read.jacobian_entries import jacobian_entry
from derivations.read.latex import tokenize
from derivations.read.notes import read_file
from derivations.symbolic.matrix_calculus import DENOMINATOR, NUMERATOR
from derivations.verifier.claim import verify

DATA = Path(__file__).resolve().parents[1] / "data" / "notes"
P, R = "proved", "refuted"


def test_plain_vectors_and_jacobian_entries_corpus() -> None:
    reading = read_file(DATA / "vectors" / "plain_vectors_and_entries.md", as_="markdown")
    found: dict[int, list[str]] = {}
    methods: dict[int, str] = {}
    notes: dict[int, str] = {}
    for located in reading.claims:
        line = int(located.location.rsplit(":", 1)[1])
        result = verify(located.claim)
        found.setdefault(line, []).append(result.verdict.value)
        methods[line] = result.method
        notes[line] = "; ".join(s.reading for s in located.claim.sources)
    assert found == {
        5: [P],  # ½‖p − t‖²_2 = ½ Σ_k (p_k − t_k)², p and t vectors
        6: [P],  # ∇_p E = p − t
        12: [P],
        13: [R],  # not t − p
        21: [P],  # ‖û − u‖²_2 = Σ_i ((û)_i − u_i)²
        22: [P],  # ∇_û ‖û − u‖² = 2(û − u)
        28: [P],
        29: [R],  # the 2 dropped
        52: [P],  # softmax entry s_i(δ_ij − s_j)
        56: [R],  # not s_i(1 − s_j)
        62: [P],  # if i = j: s_i(1 − s_i)
        68: [R],  # if i = j: not s_i
        76: [P],  # v̂, v stated in ℝ^n before the display: ∇_v̂ ½‖v̂ − v‖² = v̂ − v
        82: [R],  # not v − v̂
        96: [P],  # ∂‖â − a‖²/∂â = 2(â − a), a column: denominator layout
        102: [R],  # 2(a − â)ᵀ, a row: numerator layout, the sign wrong
        112: [P],  # M_ij, numerator layout
        116: [R],  # M_ij + M_ji in no layout
        122: [P],  # denominator layout stated: M_ji
        126: [R],  # M_ij refuted there
    }
    skipped = {int(s.location.rsplit(":", 1)[1]): s.reason for s in reading.skipped}
    assert skipped[36] == "the variable of a derivative is not one vector or matrix"
    assert 42 in skipped  # components without a norm: q stays a scalar
    assert 88 in skipped  # c stated in ℝ^3 only: never decided at every size
    assert "the document states \\hat{v} in ℝ^n" in notes[76]
    assert "p read as a vector: it stands in a 2-norm" in notes[6]
    assert "(\\hat{u})_i" in notes[22]
    assert "holds read in numerator layout and in denominator layout" in methods[52]
    assert "holds read in numerator layout (not in denominator layout)" in methods[112]
    assert "refuted in every reading" in methods[116]
    assert "as the document says" in notes[122]
    titles = {int(c.location.rsplit(":", 1)[1]): c.claim.title for c in reading.claims}
    assert "when i = j" in titles[62]
    shown = {located.claim.statement for located in reading.claims}
    assert "\\nabla_{p}E(p,t) = p-t" in shown  # the claim as written, without the bold


def test_a_norm_and_components_make_a_vector_neither_alone() -> None:
    def vectors(latex: str) -> set[str]:
        return set(plain_vectors(tokenize(latex)))

    assert vectors(r"\|a - b\|_2^2 = \sum_i (a_i - b_i)^2") == {"a", "b"}
    assert vectors(r"\left\Vert \hat{y}-y\right\Vert^2_2 = \sum_i ((\hat{y})_i - y_i)^2") == {
        "yhat",
        "y",
    }
    assert vectors(r"\|a - b\|_2^2 = (a - b)^2") == set()  # no components
    assert vectors(r"\|a - b\|^2 = \sum_i (a_i - b_i)^2") == set()  # no subscript 2
    assert vectors(r"(a - b)^2 = \sum_i (a_i - b_i)^2") == set()  # no norm
    assert vectors(r"\|a\|_2 + \text{a}_i") == set()  # letters of a word are not components
    assert vectors(r"\|A - B\|_2 = \sum_i (A_i - B_i)^2") == set()  # capitals: matrices?
    assert vectors(r"\|f(x) - y\|_2 = \sum_i (f_i - y_i)^2") == {
        "y"
    }  # f is called; x has no components


def test_shapes_stated_in_a_space_of_symbolic_length() -> None:
    def stated(text: str) -> set[str]:
        return set(stated_vectors(text))

    assert stated(r"Let $\hat{v}, v \in \mathbb{R}^n$ be") == {"vhat", "v"}
    assert stated(r"w \in \mathbb{R}^{d}") == {"w"}
    assert stated(r"c \in \mathbb{R}") == set()
    assert stated(r"x \in \mathbb{R}^3") == set()  # a number: not read
    assert stated(r"A \in \mathbb{R}^{m \times n}") == set()
    assert stated(r"y_i \in \mathbb{R}^n") == set()


def test_emboldened_keeps_components_and_shows_as_written() -> None:
    tokens = tokenize(r"\nabla_{\hat{y}} \|\hat{y} - y\|_2^2 = \sum_i ((\hat{y})_i - y_i)^2")
    bold = emboldened(tokens, plain_vectors(tokens))
    texts = "".join(t.text for t in bold)
    assert texts.startswith("nabla_{mathbf{hat{y}}}")
    assert "hat{y}_i-y_i" in texts  # (ŷ)_i unwrapped to the component ŷ_i
    assert [t.text for t in as_written(bold)][:7] == ["nabla", "_", "{", "hat", "{", "y", "}"]


def test_jacobian_entry_notation() -> None:
    entry = jacobian_entry(
        tokenize(r"\left(\frac{\partial \mathbf{f}}{\partial \mathbf{x}}\right)_{ij}")
    )
    assert entry is not None
    assert (entry.function, entry.variable, entry.row, entry.column) == ("f", "x", "i", "j")
    numerator = "".join(t.text for t in entry.derivative(NUMERATOR))
    denominator = "".join(t.text for t in entry.derivative(DENOMINATOR))
    assert numerator == "frac{partialf_i}{partialx_j}"
    assert denominator == "frac{partialf_j}{partialx_i}"
    for latex in (
        r"\left(\frac{\partial f}{\partial \mathbf{x}}\right)_{ij}",  # f plain
        r"\left(\frac{\partial \mathbf{f}}{\partial \mathbf{x}}\right)_{ii}",  # one index
        r"\left(\frac{\partial \mathbf{f}}{\partial \mathbf{x}}\right)_{i}",
        r"\left(\frac{\partial \mathbf{f}}{\partial \mathbf{x}}\right)_{ij} + 1",
    ):
        assert jacobian_entry(tokenize(latex)) is None, latex
