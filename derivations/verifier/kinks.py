r"""Points beside the kinks of a claim's switches and far out in each region.

A claim can be wrong only on a thin set next to a boundary of its switches (``(0, 1/1000)``) or
only far out (``βx > 20``), where random points rarely fall. After the random points, the
counterexample search tries, in a fixed order:

1. for every boundary ``g = 0`` that is linear in one symbol once the others are fixed at a
   random point (or whose simplest form is: ``e^x = 1`` is ``x = 0``), its root in that symbol
   plus and minus each of :data:`KINK_OFFSETS`, nearest first, at most :data:`KINK_SAMPLES`
   points;
2. for every boundary linear in no symbol (``x^2 + y^2 = 1``, ``x^3 - x = 1``), the real roots
   of the polynomial it becomes in one symbol once the others are fixed (at the random point,
   at that point moved towards 0, then at a few seeded points: the first that gives roots),
   plus and minus the same offsets, at most :data:`CURVE_SAMPLES` points. A boundary
   that is not a polynomial in any one symbol (``e^x + x = 2``) gets no points of its own.

Points outside a symbol's true domain, or on a boundary, are left out.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Mapping
from fractions import Fraction

import sympy as sp

from derivations.symbolic import regions
from derivations.verifier.sampling import Bounds, hard_bounds, random_point, rng_for

#: Most points per check placed beside the kinks of its switches and far out in each region.
KINK_SAMPLES = 32
#: Most points per check placed beside its boundaries that are linear in no symbol.
CURVE_SAMPLES = 16
#: How far from a kink those points lie, nearest first: just beside it, then far out.
KINK_OFFSETS = (sp.Rational(1, 4096), sp.Rational(1, 64), sp.Integer(10), sp.Integer(100))
#: Highest degree of a boundary polynomial whose real roots are sought.
CURVE_DEGREE = 8
#: Factors by which the random point is moved towards 0, and seeded points drawn besides, to
#: fix the other symbols at while a curved boundary's roots are sought.
CURVE_SCALES = (sp.Rational(1, 4), sp.Rational(1, 16))
CURVE_BASES = 3
#: How far the rational used for a curved boundary's root may lie from it: 1/64 of the
#: nearest offset, so the points beside it stay on their sides.
ROOT_TOLERANCE = KINK_OFFSETS[0] / 64

Point = dict[sp.Symbol, sp.Expr]
Root = tuple[Point, sp.Symbol, sp.Rational]  # the point whose other coordinates are kept


def kink_points(
    sides: Iterable[sp.Expr], bounds: Bounds, domains: Bounds, rng: random.Random
) -> list[Point]:
    """The points beside the boundaries of the switches of ``sides`` (see the module
    docstring), in a fixed order that depends only on ``rng``'s state."""
    sides = tuple(sides)
    found = sorted(set().union(*(regions.boundaries(s) for s in sides)), key=sp.default_sort_key)
    if not found:
        return []
    symbols = set().union(*(s.free_symbols for s in sides))
    limits = hard_bounds(symbols, domains)
    base = random_point(bounds, rng)
    # The curved boundaries draw their points from a generator of their own, seeded by this
    # point, so the linear ones (and every later check's) stay those of every earlier run.
    seeded = rng_for("curves " + sp.sstr(sorted(base.items(), key=lambda item: item[0].name)))
    straight: list[Root] = []
    curved: list[sp.Expr] = []
    for g in found:
        roots = [
            (base, s, root)
            for s in sorted(g.free_symbols & set(base), key=lambda s: s.name)
            if (root := _linear_root(g, s, base)) is not None
        ]
        straight.extend(r for r in roots if r not in straight)
        if not roots:
            curved.append(g)
    # where the other symbols are fixed: at the random point, nearer 0 (a circle x² + y² = 1
    # has no root in x where |y| > 1), then at seeded points
    bases = [base] + [{s: v * scale for s, v in base.items()} for scale in CURVE_SCALES]
    bases += [random_point(bounds, seeded) for _ in range(CURVE_BASES)]
    bent = _curve_roots(curved, bases)
    return _beside(straight, found, limits, KINK_SAMPLES) + _beside(
        bent, found, limits, CURVE_SAMPLES
    )


def _beside(
    roots: list[Root],
    found: list[sp.Expr],
    limits: Mapping[sp.Symbol, tuple[sp.Expr | None, sp.Expr | None]],
    most: int,
) -> list[Point]:
    """At most ``most`` points at each root plus and minus each offset, nearest first."""
    points: list[Point] = []
    for offset in KINK_OFFSETS:
        for sign in (-1, 1):
            for base, s, root in roots:
                point = {**base, s: root + sign * offset}
                lo, hi = limits.get(s, (None, None))
                if (lo is not None and point[s] <= lo) or (hi is not None and point[s] >= hi):
                    continue
                if any(g.xreplace(point) == 0 for g in found):
                    continue
                points.append(point)
                if len(points) == most:
                    return points
    return points


def _linear_root(g: sp.Expr, s: sp.Symbol, base: Mapping[sp.Symbol, sp.Expr]) -> sp.Rational | None:
    """The root in ``s`` of ``g = 0`` with every other symbol at ``base``, when ``g`` (or its
    simplest form) is then linear in ``s``; rounded to a rational of 30 digits when irrational."""
    for poly in _polynomials_in(g, s, base):
        if poly.degree() != 1:
            continue
        slope, intercept = poly.all_coeffs()
        root = -intercept / slope
        if root.is_Rational:
            return root
        value = sp.N(root, 30)
        if value.is_real and value.is_finite:
            return sp.Rational(str(value))
    return None


def _curve_roots(curved: list[sp.Expr], bases: list[Point]) -> list[Root]:
    """For each boundary and each of its symbols, the real roots in that symbol at the first
    of ``bases`` where there are any; boundaries taken in turn, root by root, so that each
    gets points before the cap is reached."""
    per_boundary: list[list[Root]] = []
    for g in curved:
        found: list[Root] = []
        for s in sorted(g.free_symbols, key=lambda s: s.name):
            for base in bases:
                if s not in base:
                    break
                roots = polynomial_roots(g, s, base)
                if roots:
                    found.extend((base, s, r) for r in roots)
                    break
        per_boundary.append(found)
    out: list[Root] = []
    for layer in range(max((len(f) for f in per_boundary), default=0)):
        out.extend(f[layer] for f in per_boundary if layer < len(f))
    return out


def polynomial_roots(
    g: sp.Expr, s: sp.Symbol, base: Mapping[sp.Symbol, sp.Expr]
) -> list[sp.Rational]:
    """The real roots in ``s`` of ``g = 0`` (or of its simplest form) with every other symbol
    at ``base``, when that is a polynomial in ``s`` of degree 2 to :data:`CURVE_DEGREE` with
    rational coefficients: each isolated exactly in an interval narrower than 10^-12, then a
    rational with a small denominator within :data:`ROOT_TOLERANCE` of it; [] otherwise."""
    for poly in _polynomials_in(g, s, base):
        if not 2 <= poly.degree() <= CURVE_DEGREE or not (poly.domain.is_QQ or poly.domain.is_ZZ):
            continue
        roots = []
        for (lo, hi), _ in poly.intervals(eps=sp.Rational(1, 10**12)):
            middle = Fraction(int(lo.p), int(lo.q)) / 2 + Fraction(int(hi.p), int(hi.q)) / 2
            near = _simple(middle)
            roots.append(sp.Rational(near.numerator, near.denominator))
        return roots
    return []


def _polynomials_in(
    g: sp.Expr, s: sp.Symbol, base: Mapping[sp.Symbol, sp.Expr]
) -> Iterator[sp.Poly]:
    """``g`` and then its simplest form as polynomials in ``s`` alone, every other symbol at
    ``base`` (the forms that are not such polynomials are passed over)."""
    others = {t: v for t, v in base.items() if t != s}
    for form in (g, regions.reduced_boundary(g)):
        fixed = sp.expand(form.xreplace(others))
        if fixed.free_symbols == {s} and fixed.is_polynomial(s):
            yield sp.Poly(fixed, s)


def _simple(value: Fraction) -> Fraction:
    """A rational within :data:`ROOT_TOLERANCE` of ``value``, its denominator a power of 10
    at most (the least that will do)."""
    tolerance = Fraction(int(ROOT_TOLERANCE.p), int(ROOT_TOLERANCE.q))
    for digits in range(1, 13):
        near = value.limit_denominator(10**digits)
        if abs(near - value) <= tolerance:
            return near
    return value
