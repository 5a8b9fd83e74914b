"""Fast numerical evaluation of a SymPy tree with mpmath, to screen candidate points.

Walking the tree once with mpmath at 50 digits is an order of magnitude faster than SymPy's
``evalf``, and it executes nothing generated from the expression (no ``lambdify``). It only
screens: a point where both sides agree to 25 digits is not a counterexample worth confirming,
and a point where they seem to differ is confirmed by :mod:`derivations.sampling`'s exact or
strict evaluation before anything is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import mpmath
import sympy as sp

from derivations.functions import sigmoid, softmax, softplus

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
        return _eval(expr, point)


def _eval(e: sp.Basic, point: Mapping[sp.Symbol, Any]) -> Any:
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
    if e.is_Add:
        return mpmath.fsum(_eval(a, point) for a in e.args)
    if e.is_Mul:
        value = mpmath.mpf(1)
        for a in e.args:
            value *= _eval(a, point)
        return value
    if e.is_Pow:
        base, exponent = _eval(e.base, point), e.exp
        if exponent.is_Integer:
            if base == 0 and exponent < 0:
                raise Undefined
            return base ** int(exponent)
        power = _eval(exponent, point)
        if base < 0 or (base == 0 and power <= 0):
            raise Undefined
        return mpmath.power(base, power)
    kind = type(e)
    if kind in UNARY:
        return UNARY[kind](_eval(e.args[0], point))
    if isinstance(e, softmax):
        logits = [_eval(a, point) for a in e.args[1:]]
        shift = max(logits)
        weights = [mpmath.exp(z - shift) for z in logits]
        return weights[int(e.args[0])] / mpmath.fsum(weights)
    if isinstance(e, (sp.Max, sp.Min)):
        values = [_eval(a, point) for a in e.args]
        return max(values) if isinstance(e, sp.Max) else min(values)
    if isinstance(e, sp.KroneckerDelta):
        return mpmath.mpf(1 if _eval(e.args[0], point) == _eval(e.args[1], point) else 0)
    if isinstance(e, sp.Piecewise):
        for value, cond in e.args:
            if _holds(cond, point):
                return _eval(value, point)
        raise Undefined
    raise Unsupported(type(e).__name__)


def _holds(cond: sp.Basic, point: Mapping[sp.Symbol, Any]) -> bool:
    if cond is sp.true:
        return True
    if cond is sp.false:
        return False
    if isinstance(cond, sp.And):
        return all(_holds(c, point) for c in cond.args)
    if isinstance(cond, sp.Or):
        return any(_holds(c, point) for c in cond.args)
    if isinstance(cond, sp.Not):
        return not _holds(cond.args[0], point)
    if isinstance(cond, sp.Rel):
        left, right = _eval(cond.lhs, point), _eval(cond.rhs, point)
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
