"""Claims about radicals, logarithms and powers, decided on the common real domain of their
sides (:mod:`derivations.verifier.domains`): the examples of issue 14 and the false proof
``log(x*y) = log(x) + log(y)`` the normal form alone used to give."""

from __future__ import annotations

import pytest
import sympy as sp

from derivations.model import Claim, Source, Verdict
from derivations.read.expression import parse
from derivations.verifier.claim import verify
from derivations.verifier.domains import analyse, requirements

x, y, a = sp.symbols("x y a", real=True)


def claim(lhs: str, rhs: str) -> Claim:
    return Claim(
        id=f"test:{lhs}={rhs}",
        title="",
        lhs=parse(lhs),
        rhs=parse(rhs),
        sources=(Source("test", "-"),),
        expected=Verdict.PROVED,
    )


@pytest.mark.parametrize(
    ("lhs", "rhs", "where"),
    [
        ("x^log(y)", "y^log(x)", "both sides real: x > 0, y > 0"),
        ("1/sqrt(x)", "sqrt(1/x)", "both sides real: x > 0"),
        ("2*pi*sqrt(m/k)", "2*pi/sqrt(k/m)", "both sides real: (k > 0, m > 0) or (k < 0, m < 0)"),
    ],
)
def test_true_where_both_sides_are_real_is_proved_and_says_where(
    lhs: str, rhs: str, where: str
) -> None:
    result = verify(claim(lhs, rhs))
    assert (result.verdict, result.where) == (Verdict.PROVED, where)


def test_power_of_power_is_refuted_where_both_sides_are_real() -> None:
    # Both sides real at an integer exponent: ((-1)^2)^(1/2) = 1, (-1)^(2·1/2) = -1.
    result = verify(claim("(a^b)^c", "a^(b*c)"))
    assert result.verdict is Verdict.REFUTED and result.counterexample is not None
    assert result.counterexample.point == (("a", "-1"), ("b", "2"), ("c", "1/2"))
    assert (result.counterexample.lhs, result.counterexample.rhs) == ("1", "-1")


def test_log_of_a_product_is_refuted_where_only_the_left_side_is_real() -> None:
    # The normal form alone proved it (it splits logarithms of products): a false proof.
    result = verify(claim("log(x*y)", "log(x)+log(y)"))
    assert result.verdict is Verdict.REFUTED and result.counterexample is not None
    point = dict(result.counterexample.point)
    assert sp.Rational(point["x"]) < 0 and sp.Rational(point["y"]) < 0
    assert result.counterexample.rhs == "undefined"


def test_requirements_are_hard_for_logs_and_constant_roots_soft_for_varying_exponents() -> None:
    assert requirements(sp.log(x) + sp.sqrt(y)) == {(x, True), (y, True)}
    assert requirements(a**x) == {(a, False)}
    assert requirements(sp.exp(x) ** y + sp.log(x**2 + 1)) == set()


def test_a_derivative_claim_is_silent_where_its_function_is_undefined() -> None:
    analysis = analyse(1 / x, sp.sqrt(x**3) / (x**2 * sp.sqrt(x)), scope=(sp.log(x),))
    assert analysis is not None and not analysis.one


def _proof(lhs: sp.Expr, rhs: sp.Expr) -> object:
    from derivations.verifier.core import Check, prove

    # sampled only where x, y > 0: the proof alone must see the other orthants
    positive = {s: (sp.Integer(1), sp.Integer(4)) for s in (x, y, a)}
    return prove(Check("", "", lhs, rhs), positive, {}, "test")


def test_a_switch_does_not_hide_where_each_side_is_real() -> None:
    # issue 14: inside the regions of a switch the zero test used to run without the real
    # domains, and proved log(x*y) = log(x) + log(y) wherever a > 0
    split = sp.Piecewise((sp.log(x * y), a > 0), (0, True))
    joined = sp.Piecewise((sp.log(x) + sp.log(y), a > 0), (0, True))
    proof = _proof(split, joined)
    assert not proof.proved  # type: ignore[attr-defined]
    point = dict(proof.counterexample.point)  # type: ignore[attr-defined]
    assert sp.Rational(point["x"]) < 0 and sp.Rational(point["y"]) < 0
    outside = _proof(sp.Max(0, sp.log(x * y)), sp.Max(0, sp.log(x) + sp.log(y)))
    assert not outside.proved  # type: ignore[attr-defined]
    result = verify(claim("max(0, log(x*y))", "max(0, log(x) + log(y))"))
    assert result.verdict is not Verdict.PROVED


def test_a_switch_keeps_a_true_claim_and_the_signs_its_regions_decide() -> None:
    # log(x^2) = 2 log|x| on both regions of |x|: "x > 0" in one of them says nothing
    proof = _proof(sp.Max(0, a) * sp.log(x**2), sp.Max(0, a) * 2 * sp.log(sp.Abs(x)))
    assert proof.proved and proof.domain == ""  # type: ignore[attr-defined]
