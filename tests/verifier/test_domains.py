"""Claims about radicals, logarithms and powers, decided on the common real domain of their
sides (:mod:`derivations.verifier.domains`): the examples of issue 14 and the false proof
``log(x*y) = log(x) + log(y)`` the normal form alone used to give."""

from __future__ import annotations

import pytest
import sympy as sp
from oracles import real_value

from derivations.model import Claim, Counterexample, Source, Verdict
from derivations.read.expression import parse
from derivations.symbolic import regions
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


def _only_one_side_real(lhs: sp.Expr, rhs: sp.Expr, cx: Counterexample) -> None:
    """The oracle's word on a counterexample shown as "real on one side, undefined on the
    other": so it is at the point and at points near it."""
    point = {sp.Symbol(k, real=True): sp.Rational(v) for k, v in cx.point}
    assert "undefined" in (cx.lhs, cx.rhs) and "I" not in cx.lhs + cx.rhs
    real, undefined = (lhs, rhs) if cx.rhs == "undefined" else (rhs, lhs)
    for step in (0, sp.Rational(1, 10**6), sp.Rational(-1, 10**6)):
        near = {s: v + step for s, v in point.items()}
        assert real_value.real(real, near) and not real_value.real(undefined, near), near


def test_a_switch_whose_arguments_are_not_real_is_refuted_where_one_side_is() -> None:
    # issue 14: max(0, log(xy)) is real where x, y < 0 and max(0, log x + log y) is not; the
    # certificate used to pass over every point where a switch's argument is not real
    lhs, rhs = sp.Max(0, sp.log(x * y)), sp.Max(0, sp.log(x) + sp.log(y))
    proof = _proof(lhs, rhs)
    assert proof.counterexample is not None  # type: ignore[attr-defined]
    _only_one_side_real(lhs, rhs, proof.counterexample)  # type: ignore[attr-defined]
    result = verify(claim("max(0, log(x*y))", "max(0, log(x) + log(y))"))
    assert result.verdict is Verdict.REFUTED and result.counterexample is not None
    _only_one_side_real(lhs, rhs, result.counterexample)


def test_a_product_by_a_switch_keeps_the_logarithm_it_multiplies_by_0() -> None:
    # issue 14: where x < 0, max(0, x)·log(xy) is 0·log(xy), which SymPy writes 0; the proof of
    # that region used to prove it, though there log(xy) is real where y < 0 and log x is not
    lhs, rhs = sp.Max(0, x) * sp.log(x * y), sp.Max(0, x) * (sp.log(x) + sp.log(y))
    proof = _proof(lhs, rhs)
    assert not proof.proved  # type: ignore[attr-defined]
    assert proof.counterexample is not None  # type: ignore[attr-defined]
    _only_one_side_real(lhs, rhs, proof.counterexample)  # type: ignore[attr-defined]
    result = verify(claim("max(0, x)*log(x*y)", "max(0, x)*(log(x) + log(y))"))
    assert result.verdict is Verdict.REFUTED and result.counterexample is not None
    _only_one_side_real(lhs, rhs, result.counterexample)


def test_a_region_keeps_the_requirements_of_what_its_switches_evaluate() -> None:
    # where x < 0 the region of max(0, x)·log(xy) is 0, yet it still needs xy > 0; and a
    # Heaviside factor that is 0 there does not make log x real either
    carrier = sp.Dummy("c")
    found = regions.enumerate_regions(sp.Max(0, x) * sp.log(x * y), carrier=carrier)
    assert found is not None
    negative = [r for r in found if r.constraints == (-x,)]
    assert [r.expr.xreplace({carrier: 0}) for r in negative] == [0]
    assert requirements(negative[0].expr, carrier) == {(x * y, True)}
    proof = _proof(sp.Heaviside(x) * sp.log(x), sp.Piecewise((sp.log(x), x > 0), (0, True)))
    assert proof.counterexample is not None  # type: ignore[attr-defined]
    assert proof.counterexample.lhs == "undefined"  # type: ignore[attr-defined]


def test_a_switch_keeps_a_true_claim_and_the_signs_its_regions_decide() -> None:
    # log(x^2) = 2 log|x| on both regions of |x|: "x > 0" in one of them says nothing
    proof = _proof(sp.Max(0, a) * sp.log(x**2), sp.Max(0, a) * 2 * sp.log(sp.Abs(x)))
    assert proof.proved and proof.domain == ""  # type: ignore[attr-defined]
