"""Claims about abstract functions: an identity for every function is proved by the chain rule;
anything else is a claim about every f, refuted by an instance (the notes reader never sends
those: see tests/read/test_literals_and_abstract.py)."""

from __future__ import annotations

import sympy as sp

from derivations.model import Claim, Verdict
from derivations.symbolic.abstract import abstract_names, holds_for_every_function
from derivations.verifier.claim import verify

x = sp.Symbol("x", real=True)
xi = sp.Symbol("xi", real=True)
f, g = sp.Function("f", real=True), sp.Function("g", real=True)


def _claim(lhs: sp.Expr, rhs: sp.Expr) -> Claim:
    return Claim(id="c", title="c", lhs=lhs, rhs=rhs, sources=(), expected=Verdict.PROVED)


def test_the_chain_rule_holds_for_every_f_and_g() -> None:
    outer_at_g = sp.Subs(sp.Derivative(f(xi), xi), xi, g(x))
    result = verify(_claim(sp.Derivative(f(g(x)), x), outer_at_g * sp.Derivative(g(x), x)))
    assert result.verdict is Verdict.PROVED


def test_the_product_rule_for_a_square_holds_for_every_f() -> None:
    lhs, rhs = sp.Derivative(f(x) ** 2, x), 2 * f(x) * sp.Derivative(f(x), x)
    assert verify(_claim(lhs, rhs)).verdict is Verdict.PROVED


def test_what_holds_for_some_f_only_is_refuted_by_an_instance() -> None:
    # f' = 2f holds for f = e^{2x}, not for every f: an instance of f refutes it
    result = verify(_claim(sp.Derivative(f(x), x), 2 * f(x)))
    assert result.verdict is Verdict.REFUTED
    assert result.counterexample is not None
    # the outer derivative taken at x instead of g(x): false for most f, g
    wrong = sp.Subs(sp.Derivative(f(xi), xi), xi, x) * sp.Derivative(g(x), x)
    assert verify(_claim(sp.Derivative(f(g(x)), x), wrong)).verdict is Verdict.REFUTED


def test_the_names_of_the_abstract_functions() -> None:
    assert abstract_names(f(g(x)), g(x) + 1) == ["f", "g"]
    assert not holds_for_every_function(sp.Derivative(f(x), x), sp.Integer(0))
