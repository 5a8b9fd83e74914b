"""Sums from 0 and over part of a range, products, components beside vectors, ill-shaped
definitions: two corpus notes with every claim's verdict by line.

The expected verdicts were worked out by hand from the notes' mathematics, not taken from the
tool. ``ranges_and_products.md``: with classes numbered 0..K-1, ∂q_j/∂z_m = q_j(δ_jm − q_m),
so q_j(1 − q_m) drops the δ; ∂/∂a_i Σ_{s≠i} a_s a_i = Σ_{s≠i} a_s, not Σ_s a_s;
d/dt Σ_{k=2}^N t² x_k = 2t Σ_{k=2}^N x_k, not 2t Σ_{k=1}^N x_k (x_1 is not in the sum);
∂/∂w_j Π_k w_k = Π_{k≠j} w_k = P/w_j, not P; ∂ ln Π_k w_k/∂w_j = 1/w_j, not Σ_k 1/w_k;
ReLU' is the indicator of x > 0, not of x > 1. ``shapes_and_components.md``:
∂/∂w_j ½(wᵀx − t)² = (wᵀx − t)x_j; ∂(aᵀu + u_1)/∂u = a + e_1, while v_1 does not depend on u;
∂J/∂s_k = p̂_k Σ_m c_m − c_k for J = −cᵀ ln softmax(s), which is p̂_k − c_k only when Σc = 1;
1_{n×1} exp(a) multiplies an n×1 by an n×1, which has no meaning (in a row convention too);
for a row b, ∂(bv)/∂v is bᵀ (denominator layout) or b (numerator layout), never 2bᵀ.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from derivations.read.ill_shaped import ill_shaped
from derivations.read.latex import Scope, Unreadable, read, tokenize
from derivations.read.notes import read_file, reads
from derivations.read.sum_bounds import Lower, lower
from derivations.read.sum_ranges import from_one
from derivations.read.vectors import VectorScope
from derivations.verifier.claim import verify

DATA = Path(__file__).resolve().parents[1] / "data" / "notes"
P, R = "proved", "refuted"


def verdicts(path: Path) -> tuple[dict[int, list[str]], dict[int, str], dict[int, str]]:
    """Verdicts by line, skip reasons by line, and the reason or holds-when text by line."""
    reading = read_file(path, as_="markdown")
    hypotheses = reading.formula().hypotheses
    found: dict[int, list[str]] = {}
    why: dict[int, str] = {}
    for located in reading.claims:
        line = int(located.location.rsplit(":", 1)[1])
        result = verify(located.claim, hypotheses=hypotheses)
        found.setdefault(line, []).append(result.verdict.value)
        why[line] = result.holds_under or result.reason
    skipped = {int(s.location.rsplit(":", 1)[1]): s.reason for s in reading.skipped}
    return found, skipped, why


def test_sums_from_zero_without_an_index_over_part_of_a_range_and_products() -> None:
    found, skipped, _ = verdicts(DATA / "index" / "ranges_and_products.md")
    assert found == {
        10: [P],  # softmax over 0..K-1: q_j(δ_jm − q_m)
        14: [R],  # the δ dropped
        20: [P],  # Σ_{s=1, s≠i}: the sum without the term s = i
        24: [R],  # Σ_{s≠i} a_s is not Σ_s a_s
        30: [P],  # Σ_{k=2}^{N} on both sides
        34: [R],  # x_1 is not in the sum from 2
        38: [P],  # Σ_{k=1}^{N-1} on both sides
        42: [R],  # x_N is not in the sum to N − 1
        64: [P],  # ∂Π/∂w_j = Π_{k≠j} w_k
        68: [R],  # not Π itself
        72: [P],  # P / w_j
        76: [P],  # ∂ ln Π / ∂w_j = 1/w_j
        80: [R],  # not Σ 1/w_k
        86: [P],  # e^z_i read as e^{z_i}
        90: [R],  # the denominator dropped
        96: [P],  # ReLU' = 𝕀(x > 0)
        100: [R],  # not 𝕀(x > 1)
    }
    assert skipped == {
        48: "a sum over part of the range beside the free index i: the range of i is not certain",
        54: "k is both an index and a variable",
    }


def test_components_beside_vectors_and_a_definition_without_a_shape() -> None:
    found, skipped, why = verdicts(DATA / "vectors" / "shapes_and_components.md")
    assert found == {
        10: [P],  # ∂E/∂w_j = (wᵀx − t) x_j
        14: [R],  # w_j for x_j
        20: [P],  # v_1 is not a component of u
        24: [R],  # u_1 is: the gradient is a + e_1
        34: [P],  # p̂_k 1ᵀc − c_k
        38: [R],  # p̂_k − c_k, only when Σc = 1
        44: [R],  # 1_{n×1} exp(a): an n×1 times an n×1
        54: [P],  # the well-formed definition: the softmax Jacobian
        70: [P],  # lengths stated d: ∂(gᵀh)/∂g_j = h_j
        74: [R],  # not g_j
        84: [P],  # b stated a row (in a display): ∂(bv)/∂v = bᵀ in denominator layout
        88: [R],  # not 2bᵀ
        102: [P],  # a defined vector's components, in index notation: ∂Q/∂o_i = o_i − t_i
        106: [R],  # the target dropped
    }
    assert why[38] == "sum of c = 1 (for every n)"
    assert "1 is n×1 and exp(a) is n×1" in why[44]
    assert skipped == {62: "definition of r not read: a product of a n×1 and a n×1 (not defined)"}


@pytest.mark.parametrize(
    ("subscript", "expected"),
    [
        ("k", Lower("k", None, None)),
        ("k=0", Lower("k", 0, None)),
        ("j=2", Lower("j", 2, None)),
        (r"k \ne i", Lower("k", None, "i")),
        (r"s=1 \& s \neq i", Lower("s", 1, "i")),
        (r"s=1,\, s \neq i", Lower("s", 1, "i")),
        (r"\substack{s=1 \\ s \ne i}", Lower("s", 1, "i")),
    ],
)
def test_the_subscript_of_a_sum(subscript: str, expected: Lower) -> None:
    assert lower(tokenize(subscript)) == expected


@pytest.mark.parametrize(
    ("subscript", "reason"),
    [
        ("k=7", "a sum from 7"),
        ("k=a", "not k, k = 0"),
        (r"k \ne k", "not k, k = 0"),
        ("k, j", "names two indices"),
    ],
)
def test_a_subscript_that_is_not_read(subscript: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        lower(tokenize(subscript))


def test_a_zero_based_claim_is_the_same_claim_over_one_to_n() -> None:
    z = sp.IndexedBase("z")
    k, n = sp.Symbol("k", integer=True), sp.Symbol("n", integer=True, positive=True)
    lhs, rhs, note = from_one(sp.Sum(z[k] ** 2, (k, 0, n - 1)), z[0] + z[k].subs(k, 2))
    assert lhs == sp.Sum(z[k] ** 2, (k, 1, n))
    assert rhs == z[1] + z[3]
    assert "from 0" in note


def test_sums_from_zero_beside_sums_from_one_are_not_read() -> None:
    z = sp.IndexedBase("z")
    k, n = sp.Symbol("k", integer=True), sp.Symbol("n", integer=True, positive=True)
    with pytest.raises(Unreadable, match="from 0 beside sums from 1"):
        from_one(sp.Sum(z[k], (k, 0, n - 1)), sp.Sum(z[k], (k, 1, n)))


def test_a_product_over_k_not_i_is_the_products_before_and_after_i() -> None:
    value = read(tokenize(r"\prod_{k \ne i} w_k"), Scope(indexed=True))
    assert len(value.atoms(sp.Product)) == 2
    assert all(p.function.has(sp.IndexedBase("w", real=True)) for p in value.atoms(sp.Product))


@pytest.mark.parametrize(
    "math",
    [
        r"\mathbf{r} = \mathbf{w}\mathbf{x}",  # the dot-product shorthand, shapes not stated
        r"\mathbf{r} = \mathbf{1}_{n \times 1} \mathbf{x}^T \mathbf{x}",  # well formed
        # a row convention makes it an outer product
        r"\mathbf{r} = \mathbf{1}_{n \times 1} \mathbf{x}",
    ],
)
def test_what_is_not_ill_shaped_for_certain_is_not_reported(math: str) -> None:
    body = tokenize(math.split("=", 1)[1])
    assert ill_shaped(body, VectorScope()) is None


def test_an_ill_shaped_definition_names_the_failing_product() -> None:
    body = tokenize(r"\frac{\exp(\mathbf{z})}{\mathbf{1}_{n \times 1} \exp(\mathbf{z})}")
    found = ill_shaped(body, VectorScope())
    assert found is not None
    assert found.left.shape == found.right.shape == (sp.Symbol("n", integer=True, positive=True), 1)


def test_a_vector_written_as_the_tuple_of_its_components_is_a_definition() -> None:
    reading = reads("$$\n\\mathbf{a} = (a_1, \\dots, a_n)^\\mathrm{T}\n$$\n", "t.md")
    assert reading.skipped == []
    assert reading.display["definition"] == 1


def test_a_function_without_its_backslash_in_a_table_row_that_writes_it_with_one() -> None:
    table = (
        "| Name | $f(z)$ | $f'(z)$ |\n| --- | --- | --- |\n"
        r"| tanh | $\frac{\exp(z)-\exp(-z)}{exp(z)+\exp(-z)}$ | $1 - f(z)^2$ |" + "\n"
        r"| odd | $exp(z) + z$ | $1$ |" + "\n"
    )
    reading = reads(table, "t.md")
    assert [c.location for c in reading.claims] == ["t.md:3"]
    assert verify(reading.claims[0].claim).verdict.value == P
    assert [s.reason for s in reading.skipped] == [
        "a function name without a backslash (exp, log) in a table row"
    ]
