"""Exact random points at which the search evaluates both sides of a claim.

Points are rationals drawn from a generator seeded by the claim's id, so a run
is reproducible. Whether a point refutes the claim is decided in one place,
:mod:`derivations.verifier.evidence`.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Mapping

import sympy as sp

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
