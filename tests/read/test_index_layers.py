"""Backpropagation notes whose index letter names the layer: a corpus of fresh notes.

Every claim of ``tests/data/notes/index_layers/*.md`` has its expected verdict here, by line,
worked out by hand: with :math:`z_k = \\sum_j w_{jk} o_j` the gradient of a weight is the
error of the unit it feeds times the output of the unit it leaves (``δ_k o_j``, Bishop's
``δ_j z_i``); a claim that drops that output, takes the wrong unit's, or transposes a weight
is refuted at small sizes. A softmax's ``p_i`` and ``p_j`` beside them stay one vector.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from derivations.read.index_layers import Written, convention, layer_name
from derivations.read.latex import index_symbol
from derivations.read.notes import read_file
from derivations.verifier.claim import verify

CORPUS = Path(__file__).resolve().parents[1] / "data" / "notes" / "index_layers"
P, R = "proved", "refuted"


def verdicts(name: str) -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    """Verdicts by line, skip reasons by line, and the readings by line."""
    reading = read_file(CORPUS / name)
    found: dict[int, str] = {}
    readings: dict[int, str] = {}
    for located in reading.claims:
        line = int(located.location.rsplit(":", 1)[1])
        found[line] = verify(located.claim).verdict.value
        readings[line] = located.claim.sources[0].reading
    skipped = {int(s.location.rsplit(":", 1)[1]): s.reason for s in reading.skipped}
    return found, skipped, readings


@pytest.mark.slow
def test_three_layers_weights_from_j_to_k() -> None:
    found, skipped, readings = verdicts("three_layers.md")
    assert found == {
        18: P,  # ∂L/∂w_jk = δ_k o_j
        20: R,  # the output of unit k instead of unit j
        26: P,  # ∂L/∂w_ij = δ_j o_i, through the layer above
        28: R,  # the input factor o_i dropped
        32: R,  # ∂L/∂w_ni = δ_i: the input factor x_n dropped (the slip of eq. (28))
    }
    assert skipped == {}
    assert "layers told by index letters" in readings[26]
    assert "i ∈ 1..I, j ∈ 1..J, k ∈ 1..K, n ∈ 1..N" in readings[26]


@pytest.mark.slow
def test_bishop_weights_into_j() -> None:
    found, skipped, readings = verdicts("bishop.md")
    assert found == {
        19: P,  # ∂E/∂w_kj = δ_k z_j
        21: R,
        27: P,  # ∂E/∂a_j = δ_j (a defined name held as the variable)
        29: P,  # ∂E/∂w_ji = δ_j z_i, with h'(a_j) of the document's h = tanh
        31: R,  # the unit's own output instead of its input
        33: R,  # w_jk is another matrix than w_kj
    }
    assert skipped == {}
    assert "i ∈ 1..D, j ∈ 1..M, k ∈ 1..K" in readings[29]


@pytest.mark.slow
def test_capital_labels_and_unlabelled_errors() -> None:
    found, skipped, _ = verdicts("capital_labels.md")
    assert found == {
        13: P,  # ∂E/∂w_jk = δ_k^K o_j
        15: R,
        17: P,  # ∂E/∂w_ij = δ_j^J x_i
        19: R,
        23: P,  # δ_k without its label is δ_k^K
        25: P,  # ∂E/∂z_j = δ_j^J
        27: R,  # the errors δ_k dropped from the sum
    }
    assert skipped == {}


@pytest.mark.slow
def test_sums_without_bounds_give_each_letter_a_size() -> None:
    found, skipped, readings = verdicts("unbounded.md")
    assert found == {10: P, 12: R, 14: P, 16: R}
    assert skipped == {}
    assert "i ∈ 1..I, j ∈ 1..J, k ∈ 1..K" in readings[14]


def test_a_softmax_and_a_fixed_point_are_not_layers() -> None:
    found, skipped, readings = verdicts("softmax_beside.md")
    assert found == {7: P, 9: R, 15: P, 17: R}
    assert not any("layers told" in r for r in readings.values())
    assert skipped == {
        19: "x is defined in terms of itself",
        21: "x is not defined in the document",
    }


@pytest.mark.slow
def test_the_reproducer_of_the_task() -> None:
    """Three layers written out inline, the last claim missing its input factor."""
    from derivations.read.notes import reads

    text = (
        "# Backprop\n"
        r"Let $z_k = \sum_{j=1}^{J} w_{jk} o_j$ and $o_k = \sigma(z_k)$, "
        r"$z_j = \sum_{i=1}^{I} w_{ij} o_i$ and $o_j = \sigma(z_j)$, "
        r"$z_i = \sum_{n=1}^{N} w_{ni} x_n$ and $o_i = \sigma(z_i)$."
        "\n"
        "$$\nL = \\frac{1}{2}\\sum_{k=1}^{K}(o_k - t_k)^2\n$$\n"
        "$$\n\\delta_k = (o_k - t_k)o_k(1 - o_k)\n$$\n"
        "$$\n\\frac{\\partial L}{\\partial w_{jk}} = \\delta_k o_j\n$$\n"
        "$$\n\\delta_j = o_j(1 - o_j)\\sum_k\\delta_k w_{jk}\n$$\n"
        "$$\n\\delta_i = o_i(1 - o_i)\\sum_j\\delta_j w_{ij}\n$$\n"
        "$$\n\\frac{\\partial L}{\\partial w_{ni}} = \\delta_i\n$$\n"
    )
    reading = reads(text, "layers.md")
    assert reading.skipped == []
    verdict = {c.location: verify(c.claim).verdict.value for c in reading.claims}
    assert verdict == {"layers.md:10": P, "layers.md:19": R}


def _written(*definitions: tuple[str, str, sp.Expr]) -> Written:
    found = Written()
    for name, letters, body in definitions:
        found.definitions.append((name, tuple(index_symbol(x) for x in letters), body))
    return found


def test_a_chain_alone_is_not_enough() -> None:
    """x_i = Σ_j A_ij x_j (one letter pair, one definition, one bound): not layers."""
    i, j, n = index_symbol("i"), index_symbol("j"), sp.Symbol("n", integer=True, positive=True)
    a, x = sp.IndexedBase("A"), sp.IndexedBase("x")
    assert convention(_written(("x", "i", sp.Sum(a[i, j] * x[j], (j, 1, n))))) is None


def test_two_bounds_for_one_letter_are_not_read() -> None:
    j, k = index_symbol("j"), index_symbol("k")
    J, K, M = (sp.Symbol(s, integer=True, positive=True) for s in "JKM")
    w, o, z, t = (sp.IndexedBase(s) for s in "wozt")
    layers = [
        ("z", "k", sp.Sum(w[j, k] * o[j], (j, 1, J))),
        ("o", "k", sp.Function("f")(z[k])),
        ("o", "j", sp.Function("f")(z[j])),
        ("z", "j", sp.Sum(t[k], (k, 1, K))),
    ]
    found = convention(_written(*layers))
    assert found is not None
    assert dict(found.ranges) == {"j": sp.Symbol("J", integer=True, positive=True), "k": K}
    assert convention(_written(*layers, ("y", "j", sp.Sum(t[k], (k, 1, M))))) is None


def test_layer_names() -> None:
    assert layer_name("w", "jk") == "w^JK"
    assert layer_name("delta", "k") == "delta^K"


def test_a_prime_at_a_component_is_the_derivative_there() -> None:
    """``\\sigma'(z_j)``: the derivative of σ at the component z_j (Bishop's ``h'(a_j)``)."""
    from derivations.read.latex import Scope, read, tokenize

    value = read(tokenize(r"\sigma'(z_j)"), Scope(indexed=True))
    z = sp.IndexedBase("z", real=True)
    j = index_symbol("j")
    point = sp.Symbol("t", real=True)
    sigma = 1 / (1 + sp.exp(-point))
    expected = sp.diff(sigma, point).xreplace({point: z[j]})
    assert sp.simplify(value.doit().rewrite(sp.exp) - expected) == 0
