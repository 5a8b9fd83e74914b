"""Exact random points, and evaluation of both sides of a claim at them.

Points are rationals drawn from a generator seeded by the claim's id, so a run
is reproducible. Values are exact where the expression is rational and are
otherwise evaluated with SymPy's adaptive-precision ``evalf`` to 30
significant digits with ``strict=True``: a difference reported non-zero is
certainly non-zero.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Mapping

import sympy as sp
from mpmath.libmp.libhyper import NoConvergence
from sympy.core.evalf import PrecisionExhausted

DIGITS = 30
DEFAULT_RANGE = (sp.Integer(-4), sp.Integer(4))
POSITIVE_RANGE = (sp.Integer(0), sp.Integer(4))

Point = dict[sp.Symbol, sp.Expr]
Bounds = Mapping[sp.Symbol, tuple[sp.Rational, sp.Rational]]


def rng_for(key: str) -> random.Random:
    """A generator seeded by ``key`` (stable across runs and Python versions)."""
    return random.Random(int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big"))


def bounds_for(
    symbols: Iterable[sp.Symbol], domains: Bounds
) -> dict[sp.Symbol, tuple[sp.Rational, sp.Rational]]:
    """The interval each symbol is drawn from: its declared domain, else by its assumptions."""
    by_name = {s.name: r for s, r in domains.items()}
    out = {}
    for s in symbols:
        if s.name in by_name:
            out[s] = by_name[s.name]
        elif s.is_positive or s.is_nonnegative:
            out[s] = POSITIVE_RANGE
        else:
            out[s] = DEFAULT_RANGE
    return out


def hard_bounds(
    symbols: Iterable[sp.Symbol], domains: Bounds
) -> dict[sp.Symbol, tuple[sp.Expr | None, sp.Expr | None]]:
    """Where each symbol truly lives: its declared domain, (0, ∞) when positive, else unbounded.

    Unlike :func:`bounds_for`, this is a statement about the claim, not a sampling choice, so
    it is what may be used to show a region empty.
    """
    by_name = {s.name: r for s, r in domains.items()}
    out: dict[sp.Symbol, tuple[sp.Expr | None, sp.Expr | None]] = {}
    for s in symbols:
        if s.name in by_name:
            out[s] = by_name[s.name]
        elif s.is_positive or s.is_nonnegative:
            out[s] = (sp.Integer(0), None)
        else:
            out[s] = (None, None)
    return out


def random_point(
    bounds: Mapping[sp.Symbol, tuple[sp.Rational, sp.Rational]], rng: random.Random
) -> Point:
    """A point with a rational coordinate strictly inside each symbol's interval."""
    point: Point = {}
    for s in sorted(bounds, key=lambda s: s.name):
        lo, hi = bounds[s]
        denominator = rng.choice((2, 3, 4, 5, 7, 8, 16))
        numerator = rng.randint(1, denominator - 1) if rng.random() < 0.5 else rng.randint(1, 63)
        fraction = sp.Rational(numerator % denominator or 1, denominator)
        point[s] = lo + (hi - lo) * fraction
    return point


def value_at(expr: sp.Expr, point: Mapping[sp.Symbol, sp.Expr]) -> sp.Expr | None:
    """``expr`` at ``point``: an exact number, or ``None`` where it is undefined or not real."""
    value = expr.xreplace(dict(point))
    if not value.is_number:
        value = value.doit()
    if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or value.is_real is False:
        return None
    return value


def certainly_different(a: sp.Expr, b: sp.Expr) -> bool:
    """True only when ``a - b`` is provably non-zero."""
    difference = a - b
    if difference.is_Rational:
        return bool(difference != 0)
    try:
        approx = sp.N(difference, DIGITS, strict=True)
    except (PrecisionExhausted, NoConvergence, ValueError, TypeError):
        return False
    return bool(approx.is_number and approx != 0)


def show(value: sp.Expr | None, digits: int = DIGITS) -> str:
    """A value as text: exact when rational, else ``digits`` significant digits."""
    if value is None:
        return "undefined"
    if value.is_Rational:
        return str(value)
    return str(sp.N(value, digits))


def show_pair(a: sp.Expr | None, b: sp.Expr | None) -> tuple[str, str]:
    """Both values, with at least 30 digits and as many more as it takes to tell them apart."""
    digits = DIGITS
    while True:
        shown = show(a, digits), show(b, digits)
        if shown[0] != shown[1] or digits >= 8 * DIGITS:
            return shown
        digits *= 2
