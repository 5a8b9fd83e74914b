"""Vector functions the notes never define, in the chain rule (``read/undefined_chain.py``,
``read/vector_chain.py``).

The corpora ``tests/data/notes/index/undefined_chain.md`` and
``tests/data/notes/vectors/undefined_chain.md`` were written for these tests. A chain
rule in index notation through maps left open is proved for every differentiable map (two and
three maps, a scalar at the top, maps the notes name only as ``\\mathbf{m} = F(\\mathbf{n})``);
a wrong one (the sum dropped, indices swapped) does not hold for every map and is skipped with
that reason, never refuted. A claim the notes make uncertain (a map defined through two
families, before or after the claim), a value of a map, a second derivative or an order of
dependency the claim leaves open is skipped with its reason. In vector notation, a product of
derivatives is read entry by entry in the layout that gives it a shape (the one the document
names, else either).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
from notes_tools import checked

from derivations.read.definitions import Visible
from derivations.read.latex import Unreadable, index_symbol, tokenize
from derivations.read.undefined_chain import chain_stand_in
from derivations.read.vector_chain import factors, vector_chain_stand_in
from derivations.symbolic.matrix_calculus import DENOMINATOR, NUMERATOR

NOTES = Path(__file__).resolve().parents[1] / "data" / "notes"
CORPUS = NOTES / "index" / "undefined_chain.md"
VECTORS = NOTES / "vectors" / "undefined_chain.md"

NOT_FOR_EVERY = "the claim does not hold for every such function"


@pytest.fixture(scope="module")
def corpus() -> tuple[list[tuple[int, str]], dict[int, str]]:
    verdicts, skipped, _ = checked(CORPUS)
    return verdicts, skipped


def test_true_chain_rules_are_proved(corpus: tuple[list[tuple[int, str]], dict[int, str]]) -> None:
    verdicts, _ = corpus
    assert verdicts == [
        (7, "proved"),  # ∂u_a/∂r_b = Σ_c ∂u_a/∂s_c ∂s_c/∂r_b
        (9, "proved"),  # the factors swapped, the sum's bound written
        (21, "proved"),  # three maps
        (23, "proved"),  # the middle map skipped
        (29, "proved"),  # a scalar E at the top
        (39, "proved"),  # m = F(n), n = G(o): the dependency the claim has
    ]


def test_wrong_chain_rules_are_skipped_not_refuted(
    corpus: tuple[list[tuple[int, str]], dict[int, str]],
) -> None:
    _, skipped = corpus
    for line in (13, 17, 25, 31, 41):  # the sum dropped, or indices swapped
        assert NOT_FOR_EVERY in skipped[line], line
        assert "not defined in the document, read as any function" in skipped[line]


def test_a_dependency_the_notes_make_uncertain_is_skipped(
    corpus: tuple[list[tuple[int, str]], dict[int, str]],
) -> None:
    _, skipped = corpus
    assert skipped[49].startswith("c is defined at line 45 otherwise than through b")
    assert skipped[53].startswith("Z is defined at line 57 otherwise than through Y")


def test_what_the_derivatives_do_not_fix_is_skipped(
    corpus: tuple[list[tuple[int, str]], dict[int, str]],
) -> None:
    _, skipped = corpus
    assert skipped[61].startswith("f appears as a value")
    assert "not supported" in skipped[63]  # a second derivative
    assert "leave open which of f, g, h, l depends on which" in skipped[65]


def test_nothing_in_the_corpus_is_refuted() -> None:
    _, _, result = checked(CORPUS)
    assert all(c.verdict != "refuted" for c in result.report.claims)


def test_a_map_of_a_state_beside_its_variable_is_uncertain(tmp_path: Path) -> None:
    """h = g(s, w): s may depend on w as well (a recurrent state), so ∂h/∂w in the claim is
    not certainly the whole dependency of h on w; h = g(w) is."""
    claim = (
        "$$\\frac{\\partial L}{\\partial w_j} = \\sum_k \\frac{\\partial L}{\\partial h_k} "
        "\\frac{\\partial h_k}{\\partial w_j}$$\n"
    )
    two = tmp_path / "two.md"
    two.write_text("$$\\mathbf{h} = g(\\mathbf{s}, \\mathbf{w})$$\n\n" + claim)
    verdicts, skipped, _ = checked(two)
    assert verdicts == []
    assert skipped[3].startswith("h is defined at line 1 otherwise than through w")
    one = tmp_path / "one.md"
    one.write_text("$$\\mathbf{h} = g(\\mathbf{w})$$\n\n" + claim)
    verdicts, _, _ = checked(one)
    assert verdicts == [(3, "proved")]


def _chain(*names: str) -> tuple[sp.IndexedBase, ...]:
    return tuple(sp.IndexedBase(n) for n in names)


def test_the_stand_in_is_a_product_of_jacobians_at_separate_sizes() -> None:
    z, y, x = _chain("z", "y", "x")
    i, j, k = (index_symbol(n) for n in "ijk")
    lhs = sp.Derivative(z[i], x[j])
    rhs = sp.Sum(sp.Derivative(z[i], y[k]) * sp.Derivative(y[k], x[j]), (k, 1, sp.Symbol("m")))
    found = chain_stand_in(lhs, rhs, Visible({}, {}))
    assert found is not None
    assert found.names == ("z", "y")
    sizes = {str(s) for s in found.lhs.free_symbols if isinstance(s, sp.Idx)}
    assert sizes == {"i", "j"}
    (ranged_i,) = (s for s in found.lhs.free_symbols if isinstance(s, sp.Idx) and s.name == "i")
    (ranged_j,) = (s for s in found.lhs.free_symbols if isinstance(s, sp.Idx) and s.name == "j")
    assert ranged_i.upper != ranged_j.upper  # z and x need not have as many components
    assert "J_z" in str(found.lhs) and "J_y" in str(found.lhs)


def test_no_stand_in_without_an_undefined_map_between_families() -> None:
    (o,) = _chain("o")
    i, k = index_symbol("i"), index_symbol("k")
    # ∂o_k/∂o_i: a family by itself, no map
    assert (
        chain_stand_in(sp.Derivative(o[k], o[i]), sp.KroneckerDelta(i, k), Visible({}, {})) is None
    )


def test_a_value_of_a_map_is_not_read() -> None:
    z, y, x = _chain("z", "y", "x")
    i, j, k = (index_symbol(n) for n in "ijk")
    rhs = z[i] * sp.Sum(sp.Derivative(z[i], y[k]) * sp.Derivative(y[k], x[j]), (k, 1, 3))
    with pytest.raises(Unreadable, match="appears as a value"):
        chain_stand_in(sp.Derivative(z[i], x[j]), rhs, Visible({}, {}))


def test_a_derivative_without_a_family_between_is_not_a_chain_rule() -> None:
    x, b = _chain("x", "b")
    i = index_symbol("i")
    # x_i = Σ_j A_ij x_j + b_i, then ∂x_i/∂b_i = 1: about one x, not every map
    assert chain_stand_in(sp.Derivative(x[i], b[i]), sp.Integer(1), Visible({}, {})) is None


def test_other_quantities_are_left_to_the_definitions() -> None:
    z, y, x, w = _chain("z", "y", "x", "W")
    i, j, k = (index_symbol(n) for n in "ijk")
    rhs = sp.Sum(sp.Derivative(z[i], y[k]) * w[k, j], (k, 1, sp.Symbol("m")))
    assert chain_stand_in(sp.Derivative(z[i], x[j]), rhs, Visible({}, {})) is None


def test_vector_chain_rules_in_the_layout_that_gives_them_a_shape() -> None:
    verdicts, skipped, result = checked(VECTORS)
    assert verdicts == [
        (7, "proved"),  # ∂L/∂w = ∂L/∂h ∂h/∂w: numerator layout
        (9, "proved"),  # ∂z/∂x = ∂z/∂y · ∂y/∂x
        (19, "proved"),  # ∂c/∂a = ∂b/∂a ∂c/∂b, the layout named: denominator
        (33, "proved"),  # m = f(u): the dependency the claim has
    ]
    assert NOT_FOR_EVERY in skipped[13]  # (∂J/∂s)² ∂s/∂r
    assert "has no shape in denominator layout" in skipped[21]  # the numerator order
    assert skipped[27].startswith("q is defined at line 25 otherwise than through v")
    assert all(c.verdict != "refuted" for c in result.report.claims)


def _frac(top: str, below: str) -> str:
    return rf"\frac{{\partial {top}}}{{\partial {below}}}"


def test_a_side_is_read_only_as_a_product_of_derivatives_of_names() -> None:
    side = tokenize(_frac("L", r"\mathbf{h}") + r" \cdot " + _frac(r"\vec{h}", r"\mathbf{w}"))
    assert factors(side) == [(("L", False), ("h", True)), (("h", True), ("w", True))]
    assert factors(tokenize(_frac("L", r"\vec{h}^{(i)}"))) is None
    assert factors(tokenize("W^T " + _frac("L", r"\mathbf{h}"))) is None


def test_each_layout_reads_the_product_it_gives_a_shape() -> None:
    z, y, x = (rf"\mathbf{{{c}}}" for c in "zyx")
    left = tokenize(_frac(z, x))

    def read(right: str, layouts: tuple[str, ...]) -> str | None:
        sides = (left, tokenize(right))
        found = vector_chain_stand_in(sides, layouts, frozenset(), Visible({}, {}), dict)
        return None if found is None else found.note.split(";")[0]

    both = (NUMERATOR, DENOMINATOR)
    assert read(_frac(z, y) + _frac(y, x), both) == "numerator layout"
    assert read(_frac(y, x) + _frac(z, y), both) == "denominator layout"
    with pytest.raises(Unreadable, match="no shape in denominator layout"):
        read(_frac(z, y) + _frac(y, x), (DENOMINATOR,))
