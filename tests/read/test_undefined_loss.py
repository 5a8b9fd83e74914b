"""A loss the notes never define, differentiated in the chain rule (``read/stand_in.py``).

The corpus ``tests/data/notes/index/undefined_loss.md`` was written for these tests, in index
notation and in vectors. A claim
that holds for every differentiable J (the chain rule through the softmax, written with or
without its Jacobian put in) is proved; one that does not hold for every J (a dropped
off-diagonal term, or ∂J/∂s_c = q_c − t_c, true only for one loss) is skipped with the reason,
never refuted: the author may mean a particular J. A name defined after the claim is used as
defined, not stood in for.
"""

from __future__ import annotations

from pathlib import Path

import sympy as sp

from derivations.checking.files import check_files
from derivations.read.definitions import Visible
from derivations.read.stand_in import stand_in

CORPUS = Path(__file__).resolve().parents[1] / "data" / "notes" / "index" / "undefined_loss.md"


def _line(location: str) -> int:
    return int(location.rsplit(":", 1)[1])


def test_every_claim_of_the_corpus_has_its_verdict() -> None:
    result = check_files([str(CORPUS)], use_cache=False)
    located = zip(result.report.claims, result.locations, strict=True)
    assert [(_line(w), c.verdict) for c, w in located] == [
        (14, "proved"),  # the chain rule, for every J
        (20, "proved"),  # with the softmax Jacobian
        (40, "proved"),  # through tanh, for every E
        (52, "proved"),  # C is defined after the claim: C = 3v, so dC/dr = 3 · 2r
        (62, "proved"),  # ∂Q/∂r = Vᵀ ∂Q/∂u (denominator layout), for every Q of u
        (66, "proved"),  # ∂Q/∂V = ∂Q/∂u rᵀ
    ]
    skipped = {_line(s.location): s.reason for s in result.skipped}
    for line in (26, 32, 44, 70):  # false for some loss: skipped, not refuted
        assert "does not hold for every such function" in skipped[line]
        assert skipped[line].startswith(("J: not defined", "E: not defined", "Q: not defined"))
    assert result.summary()["display_derivatives_skipped"] == 4


def test_the_stand_in_is_linear_in_the_arguments_of_the_loss() -> None:
    z, a = sp.IndexedBase("z"), sp.IndexedBase("a")
    i, s = sp.symbols("i s", integer=True)
    loss = sp.Symbol("L")
    claim = sp.Derivative(loss, z[i])
    right = sp.Sum(sp.Derivative(loss, a[s]) * sp.Derivative(a[s], z[i]), (s, 1, 3))
    found = stand_in(claim, right, Visible({}, {}), 0)
    assert found is not None
    assert found.name == "L"
    # neither a nor z is defined: both are arguments of L
    assert "g_a" in str(found.definition.body) and "g_z" in str(found.definition.body)
    assert found.gradient[sp.Derivative(loss, a[s])] == sp.IndexedBase("g_a", real=True)[s]


def test_no_stand_in_where_the_name_is_used_otherwise() -> None:
    x = sp.Symbol("x")
    loss = sp.Symbol("L")
    second = sp.Derivative(loss, x, 2)
    assert stand_in(second, sp.Integer(0), Visible({}, {}), 0) is None
    assert stand_in(sp.Derivative(loss, x), loss, Visible({}, {}), 0) is None


def test_a_claim_about_an_undefined_name_alone_is_skipped_not_refuted(tmp_path: Path) -> None:
    path = tmp_path / "u.md"
    path.write_text("$$ \\frac{\\partial E}{\\partial w_j} = x_j $$\n")
    result = check_files([str(path)], use_cache=False)
    assert not result.report.claims
    (skip,) = result.skipped
    assert skip.reason.startswith("E: not defined in the document")
    assert result.unread == (f"{path}:1",)
