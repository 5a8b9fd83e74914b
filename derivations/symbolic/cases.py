r"""The value of a ``cases`` block: a :class:`sympy.Piecewise` whose cases do not overlap.

A document writes

.. math::

    f'(x) = \begin{cases} 0 & x < 0 \\ 1 & x > 0 \\ \text{undefined} & x = 0 \end{cases}

Each case is a value (or *undefined*) and a condition (a conjunction of
inequalities, or *otherwise*). The reading is

* *otherwise* holds where no other case's condition holds;
* where no case applies, or only an *undefined* one, the value is undefined
  (a :class:`~sympy.Piecewise` without a default), so a claim is refuted there
  when its other side has a value;
* where two cases with different values both apply on an open set, the
  document gives two values: the block is read as *undefined* there (it can be
  refuted there but never proved), and the reading says so. An overlap of
  measure zero (``x \ge 0`` and ``x \le 0``) is a kink, where no claim is
  asserted.

Whether two conditions overlap on an open set is decided exactly for linear
inequalities (:func:`derivations.symbolic.regions.interior_point`); when it cannot be
decided they are taken to overlap, which only costs readability.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy as sp

from derivations.symbolic.regions import interior_point


class Ambiguous(Exception):
    """A ``cases`` block that has no reading (no case with a value, two *otherwise*)."""


@dataclass(frozen=True)
class Case:
    """One row: ``value`` (``None`` for *undefined*) where ``condition`` (``None``: otherwise)."""

    value: sp.Expr | None
    condition: sp.Basic | None


def _strict(cond: sp.Basic) -> tuple[sp.Expr, ...] | None:
    """``cond`` as expressions ``g`` meaning ``g > 0`` (closures ignored), or ``None``."""
    if cond is sp.true:
        return ()
    if isinstance(cond, sp.And):
        parts = [_strict(c) for c in cond.args]
        if any(p is None for p in parts):
            return None
        return tuple(g for p in parts for g in p)  # type: ignore[union-attr]
    if isinstance(cond, (sp.StrictGreaterThan, sp.GreaterThan)):
        return (cond.lhs - cond.rhs,)
    if isinstance(cond, (sp.StrictLessThan, sp.LessThan)):
        return (cond.rhs - cond.lhs,)
    return None


def _linear(g: sp.Expr) -> bool:
    symbols = sorted(g.free_symbols, key=sp.default_sort_key)
    if not symbols:
        return bool(g.is_real)
    return bool(g.is_polynomial(*symbols)) and sp.Poly(g, *symbols).total_degree() <= 1


def _interval(constraints: tuple[sp.Expr, ...]) -> bool | None:
    """Whether ``g > 0`` for all ``g`` has an interior, when every ``g`` is ``a·x + b`` in one
    symbol with rational ``a``, ``b`` (decided by comparing the bounds); else ``None``."""
    symbols = set().union(*(g.free_symbols for g in constraints))
    if len(symbols) > 1:
        return None
    lower: list[sp.Rational] = []
    upper: list[sp.Rational] = []
    for g in constraints:
        if not symbols:
            if not g.is_Rational:
                return None
            if g <= 0:
                return False
            continue
        (x,) = symbols
        a, b = sp.expand(g).coeff(x, 1), sp.expand(g).coeff(x, 0)
        if not (a.is_Rational and b.is_Rational) or sp.expand(a * x + b - g) != 0:
            return None
        if a > 0:
            lower.append(-b / a)
        elif a < 0:
            upper.append(-b / a)
        elif b <= 0:
            return False
    return not lower or not upper or bool(max(lower) < min(upper))


def overlap(a: sp.Basic, b: sp.Basic, *, programs: list[int] | None = None) -> bool | None:
    """Whether conditions ``a`` and ``b`` both hold on an open set (``None``: undecided).

    Conditions in one variable are decided by their bounds; others by a linear program,
    at most ``programs[0]`` of them (the count is decremented; none left: undecided).
    """
    if a is sp.false or b is sp.false:
        return False
    sa, sb = _strict(a), _strict(b)
    if sa is None or sb is None or not all(_linear(g) for g in sa + sb):
        return None
    decided = _interval(sa + sb)
    if decided is not None:
        return decided
    if programs is not None:
        if programs[0] <= 0:
            return None
        programs[0] -= 1
    return interior_point(sa + sb, {}) is not False


def _shown(cond: sp.Basic) -> str:
    return str(sp.sstr(cond)).replace(" & ", " and ")


def piecewise(
    cases: Sequence[Case], *, programs: list[int] | None = None
) -> tuple[sp.Expr, tuple[str, ...]]:
    """The Piecewise the rows of a ``cases`` block denote, and notes on how it was read.

    >>> x = sp.Symbol("x", real=True)
    >>> piecewise([Case(sp.Integer(0), x < 0), Case(sp.Integer(1), None)])[0]
    Piecewise((0, x < 0), (1, True))
    >>> p = sp.Symbol("p", real=True)
    >>> value, notes = piecewise([Case(sp.Integer(1), x >= 0), Case(p, p < 0)])
    >>> value
    Piecewise((1, (p >= 0) & (x >= 0)), (p, (p < 0) & (x < 0)))
    >>> notes[0]
    'cases 1 and 2 both apply where x >= 0 and p < 0 with different values: read as undefined there'
    """
    otherwise = [k for k, c in enumerate(cases) if c.condition is None]
    if len(otherwise) > 1:
        raise Ambiguous("a cases block with two 'otherwise' rows")
    if all(c.value is None for c in cases):
        raise Ambiguous("a cases block in which no case has a value")
    explicit = [c.condition for c in cases if c.condition is not None]
    conditions: list[sp.Basic] = [
        c.condition if c.condition is not None else sp.And(*[sp.Not(e) for e in explicit])
        for c in cases
    ]
    notes: list[str] = []
    final = list(conditions)
    for i in range(len(cases)):
        for j in range(i + 1, len(cases)):
            if i in otherwise or j in otherwise or cases[i].value == cases[j].value:
                continue
            both = overlap(conditions[i], conditions[j], programs=programs)
            if both is False:
                continue
            final[i] = sp.And(final[i], sp.Not(conditions[j]))
            final[j] = sp.And(final[j], sp.Not(conditions[i]))
            notes.append(
                f"cases {i + 1} and {j + 1} {'both' if both else 'may both'} apply where "
                f"{_shown(conditions[i])} and "
                f"{_shown(conditions[j])} with different values: read as undefined there"
            )
    pieces = [(c.value, cond) for c, cond in zip(cases, final, strict=True) if c.value is not None]
    return sp.Piecewise(*pieces), tuple(notes)


__all__ = ("Ambiguous", "Case", "overlap", "piecewise")
