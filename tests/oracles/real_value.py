"""An independent evaluation over the reals, for checking the verifier's counterexamples.

It shares no code with :mod:`derivations.verifier.evidence`: it walks the SymPy tree with plain
:mod:`mpmath` numbers at 120 digits and lets mpmath's own complex results say where a part has
no real value: any node whose value is complex (``sqrt(-3)``, ``log(-1)``, ``(-2)**(1/3)``) makes
the whole expression undefined, even when a later operation would make it real again
(``sqrt(-3)*sqrt(-5)``). A pole, or ``nan``, is undefined too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import mpmath
import sympy as sp

from derivations.symbolic.functions import sigmoid, softplus

DPS = 120


class NotReal(Exception):
    """The expression has no real value at the point."""


def _real(v: Any) -> Any:
    if isinstance(v, mpmath.mpc):
        if v.imag != 0:
            raise NotReal
        v = v.real
    if not mpmath.isfinite(v):
        raise NotReal
    return v


def _pow(base: Any, exponent: Any) -> Any:
    if base == 0 and exponent <= 0:
        raise NotReal
    if base < 0 and exponent != int(exponent):
        raise NotReal
    return mpmath.power(base, int(exponent) if exponent == int(exponent) else exponent)


FUNCTIONS = {
    sp.exp: mpmath.exp,
    sp.log: mpmath.log,
    sp.sin: mpmath.sin,
    sp.cos: mpmath.cos,
    sp.tan: mpmath.tan,
    sp.tanh: mpmath.tanh,
    sp.sinh: mpmath.sinh,
    sp.cosh: mpmath.cosh,
    sp.atan: mpmath.atan,
    sp.erf: mpmath.erf,
    sp.Abs: abs,
    sigmoid: lambda v: 1 / (1 + mpmath.exp(-v)),
    softplus: lambda v: mpmath.log1p(mpmath.exp(v)),
}


def value(expr: sp.Basic, point: Mapping[sp.Symbol, sp.Rational]) -> Any:
    """``expr`` at ``point``, an ``mpmath.mpf``; raises :class:`NotReal` where it has none."""
    with mpmath.workdps(DPS):
        return _value(expr, point)


def _value(e: sp.Basic, point: Mapping[sp.Symbol, sp.Rational]) -> Any:
    if e.is_Symbol:
        q = point[e]
        return mpmath.mpf(int(q.p)) / int(q.q)
    if e.is_Rational:
        return mpmath.mpf(int(e.p)) / int(e.q)
    if e is sp.pi:
        return +mpmath.pi
    if e is sp.E:
        return mpmath.e + 0
    if e is sp.I:
        raise NotReal
    if e.is_Add:
        return _real(mpmath.fsum(_value(a, point) for a in e.args))
    if e.is_Mul:
        out = mpmath.mpf(1)
        for a in e.args:
            out *= _value(a, point)
        return _real(out)
    if e.is_Pow:
        return _real(_pow(_value(e.base, point), _value(e.exp, point)))
    if isinstance(e, (sp.Max, sp.Min)):
        values = [_value(a, point) for a in e.args]
        return max(values) if isinstance(e, sp.Max) else min(values)
    if isinstance(e, sp.Piecewise):
        for piece, cond in e.args:
            if bool(cond.xreplace(dict(point))):
                return _value(piece, point)
        raise NotReal
    if type(e) in FUNCTIONS:
        return _real(FUNCTIONS[type(e)](_value(e.args[0], point)))
    raise TypeError(f"the oracle does not evaluate {type(e).__name__}")


def real(expr: sp.Basic, point: Mapping[sp.Symbol, sp.Rational]) -> bool:
    """Whether ``expr`` has a real value at ``point``."""
    try:
        value(expr, point)
    except (NotReal, ZeroDivisionError):
        return False
    return True
