"""Sums over several named ranges in one claim (``tests/data/notes/setups/several_ranges.md``):
each free index ranges over the sums of the places it stands in. By hand: with a_j = Σ_i w_ji
x_i, y_k = Σ_j v_kj a_j, E = ½ Σ_k (y_k − t_k)², ∂E/∂v_kj = (y_k − t_k) a_j and ∂E/∂w_ij =
x_j Σ_k v_ki (y_k − t_k) (the indices named the other way round); dropping a_j is wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from derivations.read.latex import Unreadable, index_symbol
from derivations.read.notes import read_file
from derivations.read.several_ranges import several
from derivations.verifier.claim import verify

CORPUS = Path(__file__).resolve().parents[1] / "data" / "notes" / "setups"


def test_each_free_index_gets_the_range_of_its_places() -> None:
    reading = read_file(CORPUS / "several_ranges.md")
    found = {
        int(c.location.rsplit(":", 1)[1]): verify(c.claim).verdict.value for c in reading.claims
    }
    assert found == {12: "proved", 16: "proved", 22: "refuted"}
    notes = {int(c.location.rsplit(":", 1)[1]): c.claim.sources[0].reading for c in reading.claims}
    assert "i over 1..M, j over 1..D" in notes[16]
    skipped = {int(s.location.rsplit(":", 1)[1]): s.reason for s in reading.skipped}
    assert skipped == {
        28: "place 2 of v ranges over D, M in this claim (an index stands where sums over "
        "different ranges do)"
    }


D, K = sp.Symbol("D", integer=True, positive=True), sp.Symbol("K", integer=True, positive=True)
i, j, k = (index_symbol(s) for s in "ijk")
x, y = sp.IndexedBase("x"), sp.IndexedBase("y")


def test_a_condition_stated_on_a_family_is_not_read_over_several_ranges() -> None:
    lhs = sp.Sum(x[i], (i, 1, D)) + sp.Sum(y[k], (k, 1, K))
    with pytest.raises(Unreadable, match="condition stated on y"):
        several(lhs, sp.Integer(0), conditioned={"y"})


def test_a_free_index_without_a_range_is_not_read() -> None:
    lhs = sp.Sum(x[i], (i, 1, D)) + sp.Sum(y[k], (k, 1, K)) + sp.Indexed(sp.IndexedBase("u"), j)
    with pytest.raises(Unreadable, match="range of the index j is not certain"):
        several(lhs, sp.Integer(0))


def test_a_sum_without_an_end_beside_named_ones_is_not_read() -> None:
    lhs = sp.Sum(x[i], (i, 1, D)) + sp.Sum(
        y[k], (k, 1, sp.Symbol("n?", integer=True, positive=True))
    )
    with pytest.raises(Unreadable):
        several(lhs, sp.Integer(0))


def test_an_index_that_is_not_a_name_is_not_read() -> None:
    lhs = sp.Sum(x[i], (i, 1, D)) + sp.Sum(y[k], (k, 1, K)) + x[j + 1]
    with pytest.raises(Unreadable, match="not a name"):
        several(lhs, sp.Integer(0))
