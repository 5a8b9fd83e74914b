"""Fast numerical evaluation of a SymPy tree with mpmath, to screen candidate points.

Walking the tree once with mpmath at 50 digits is an order of magnitude faster than SymPy's
``evalf``, and it executes nothing generated from the expression (no ``lambdify``). It only
screens: a point where both sides agree to 25 digits is not a counterexample worth confirming,
and a point where they seem to differ is confirmed by :mod:`derivations.verifier.sampling`'s
exact or strict evaluation before anything is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import mpmath
import sympy as sp

from derivations.symbolic.functions import sigmoid, softmax, softplus

DPS = 50


class Unsupported(Exception):
    """The tree has a node this evaluator does not know; the caller falls back to ``evalf``."""


class Undefined(Exception):
    """The expression has no real value at the point (a pole, a log of a negative number)."""


def _log(v: Any) -> Any:
    if v <= 0:
        raise Undefined
    return mpmath.log(v)


def _sqrt(v: Any) -> Any:
    if v < 0:
        raise Undefined
    return mpmath.sqrt(v)


UNARY: dict[type, Callable[[Any], Any]] = {
    sp.exp: mpmath.exp,
    sp.log: _log,
    sp.sin: mpmath.sin,
    sp.cos: mpmath.cos,
    sp.tan: mpmath.tan,
    sp.tanh: mpmath.tanh,
    sp.sinh: mpmath.sinh,
    sp.cosh: mpmath.cosh,
    sp.sech: mpmath.sech,
    sp.atan: mpmath.atan,
    sp.erf: mpmath.erf,
    sp.Abs: abs,
    sigmoid: lambda v: 1 / (1 + mpmath.exp(-v)),
    softplus: lambda v: mpmath.log(1 + mpmath.exp(v)),
    sp.sign: lambda v: mpmath.sign(v),
    sp.Heaviside: lambda v: (
        mpmath.mpf(1) if v > 0 else (mpmath.mpf(0) if v < 0 else mpmath.mpf(0.5))
    ),
}


def evaluate(expr: sp.Basic, point: Mapping[sp.Symbol, Any]) -> Any:
    """``expr`` at ``point`` as an mpmath number.

    Raises :class:`Undefined` where it has no real value, :class:`Unsupported` for unknown nodes.
    """
    with mpmath.workdps(DPS):
        return _eval(expr, point, {})


def _eval(e: sp.Basic, point: Mapping[sp.Symbol, Any], memo: dict[sp.Basic, Any]) -> Any:
    """The value of ``e``; ``memo`` holds the values of the subexpressions met so far, so a
    subexpression shared by several branches of the tree is evaluated once."""
    if e.is_Atom:
        return _atom(e, point)
    known = memo.get(e)
    if known is None:
        known = memo[e] = _node(e, point, memo)
    return known


def _atom(e: sp.Basic, point: Mapping[sp.Symbol, Any]) -> Any:
    if e.is_Symbol:
        if e not in point:
            raise Unsupported(f"no value for {e}")
        return (
            mpmath.mpf(point[e].p) / point[e].q if isinstance(point[e], sp.Rational) else point[e]
        )
    if e.is_Rational:
        return mpmath.mpf(e.p) / e.q
    if e.is_Float:
        return mpmath.mpf(str(e))
    if e is sp.pi:
        return mpmath.pi
    if e is sp.E:
        return mpmath.e
    if e is sp.nan or e is sp.zoo or e.is_infinite:
        raise Undefined
    raise Unsupported(type(e).__name__)


def _node(e: sp.Basic, point: Mapping[sp.Symbol, Any], memo: dict[sp.Basic, Any]) -> Any:
    # An expression that is not an atom is infinite only through an infinite atom
    # (SymPy folds 1/0 and log(0) into zoo when it builds them): asking SymPy's
    # is_infinite of every node cost more than the evaluation itself.
    if e.is_Add:
        return mpmath.fsum(_eval(a, point, memo) for a in e.args)
    if e.is_Mul:
        value = mpmath.mpf(1)
        for a in e.args:
            value *= _eval(a, point, memo)
        return value
    if e.is_Pow:
        base, exponent = _eval(e.base, point, memo), e.exp
        if exponent.is_Integer:
            if base == 0 and exponent < 0:
                raise Undefined
            return base ** int(exponent)
        power = _eval(exponent, point, memo)
        if base < 0 and power == mpmath.floor(power):
            return base ** int(power)  # an exponent that is an integer at this point
        if base < 0 or (base == 0 and power <= 0):
            raise Undefined
        return mpmath.power(base, power)
    kind = type(e)
    if kind in UNARY:
        return UNARY[kind](_eval(e.args[0], point, memo))
    if isinstance(e, softmax):
        logits = [_eval(a, point, memo) for a in e.args[1:]]
        shift = max(logits)
        weights = [mpmath.exp(z - shift) for z in logits]
        return weights[int(e.args[0])] / mpmath.fsum(weights)
    if isinstance(e, (sp.Max, sp.Min)):
        values = [_eval(a, point, memo) for a in e.args]
        return max(values) if isinstance(e, sp.Max) else min(values)
    if isinstance(e, sp.KroneckerDelta):
        return mpmath.mpf(
            1 if _eval(e.args[0], point, memo) == _eval(e.args[1], point, memo) else 0
        )
    if isinstance(e, sp.Piecewise):
        for value, cond in e.args:
            if _holds(cond, point, memo):
                return _eval(value, point, memo)
        raise Undefined
    raise Unsupported(type(e).__name__)


def _holds(cond: sp.Basic, point: Mapping[sp.Symbol, Any], memo: dict[sp.Basic, Any]) -> bool:
    if cond is sp.true:
        return True
    if cond is sp.false:
        return False
    if isinstance(cond, sp.And):
        return all(_holds(c, point, memo) for c in cond.args)
    if isinstance(cond, sp.Or):
        return any(_holds(c, point, memo) for c in cond.args)
    if isinstance(cond, sp.Not):
        return not _holds(cond.args[0], point, memo)
    if isinstance(cond, sp.Rel):
        left, right = _eval(cond.lhs, point, memo), _eval(cond.rhs, point, memo)
        compare = {
            "<": left < right,
            "<=": left <= right,
            ">": left > right,
            ">=": left >= right,
            "==": left == right,
            "!=": left != right,
        }
        return bool(compare[cond.rel_op])
    raise Unsupported(type(cond).__name__)


def agree(a: Any, b: Any, digits: int = 25) -> bool:
    """True when two screened values agree to ``digits`` significant digits."""
    scale = max(abs(a), abs(b), mpmath.mpf(1))
    return bool(abs(a - b) <= scale * mpmath.mpf(10) ** (-digits))
