r"""Splitting a piecewise expression into smooth pieces.

``Max``, ``Min``, ``Abs``, ``sign``, ``Heaviside`` and ``Piecewise`` are
*switches*: each chooses one smooth expression on each side of a boundary.
Choosing a branch for every switch gives a smooth expression valid on an open
region; an identity holds almost everywhere when it holds on every non-empty
region. A region is described by strict inequalities ``g > 0``; the boundaries
``g = 0`` are where the claim is not asserted (the kinks).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import sympy as sp
from sympy.solvers.simplex import lpmax

SWITCHES = (sp.Heaviside, sp.Max, sp.Min, sp.Abs, sp.sign, sp.Piecewise, sp.DiracDelta)

#: Stands for "no branch applies": the expression is undefined in that region.
UNDEFINED = sp.nan


class OnBoundary(Exception):
    """The point lies on a boundary between regions."""


@dataclass(frozen=True)
class Branch:
    """One choice of a switch: its value and the strict inequalities ``g > 0`` where it applies.

    ``constraints`` is ``None`` when the region cannot be written that way
    (a condition with ``Or``), in which case it is only reached by sampling.
    """

    value: sp.Expr
    constraints: tuple[sp.Expr, ...] | None


def has_switches(expr: sp.Basic) -> bool:
    return bool(expr.atoms(*SWITCHES))


def _negate(cond: sp.Basic) -> sp.Basic:
    """``Not(cond)``; SymPy turns the negation of a relational into the opposite relational."""
    return sp.Not(cond)


def _strict(cond: sp.Basic) -> tuple[sp.Expr, ...] | None:
    """``cond`` as strict inequalities ``g > 0`` (closures ignored: boundaries have measure 0)."""
    if cond is sp.true:
        return ()
    if cond is sp.false:
        return None
    if isinstance(cond, sp.And):
        parts = [_strict(c) for c in cond.args]
        if any(p is None for p in parts):
            return None
        return tuple(g for p in parts for g in p)  # type: ignore[union-attr]
    if isinstance(cond, sp.Not) and isinstance(cond.args[0], sp.Rel):
        return _strict(_negate(cond.args[0]))
    if isinstance(cond, (sp.StrictGreaterThan, sp.GreaterThan)):
        return (cond.lhs - cond.rhs,)
    if isinstance(cond, (sp.StrictLessThan, sp.LessThan)):
        return (cond.rhs - cond.lhs,)
    return None


def branches(switch: sp.Basic) -> list[Branch]:
    """Every branch a switch can take."""
    if isinstance(switch, (sp.Heaviside, sp.sign, sp.Abs)):
        u = switch.args[0]
        pos, neg = {sp.Heaviside: (1, 0), sp.sign: (1, -1), sp.Abs: (u, -u)}[type(switch)]
        return [
            Branch(sp.Integer(pos) if isinstance(pos, int) else pos, (u,)),
            Branch(sp.Integer(neg) if isinstance(neg, int) else neg, (-u,)),
        ]
    if isinstance(switch, sp.DiracDelta):
        u = switch.args[0]
        return [Branch(sp.Integer(0), (u,)), Branch(sp.Integer(0), (-u,))]
    if isinstance(switch, (sp.Max, sp.Min)):
        sign = 1 if isinstance(switch, sp.Max) else -1
        args = switch.args
        return [Branch(a, tuple(sign * (a - b) for b in args if b is not a)) for a in args]
    assert isinstance(switch, sp.Piecewise)
    out: list[Branch] = []
    earlier: list[sp.Basic] = []
    pieces = [(value, cond) for value, cond in switch.args]
    if pieces[-1][1] is not sp.true:
        pieces.append((UNDEFINED, sp.true))
    for value, cond in pieces:
        region = sp.And(cond, *[_negate(c) for c in earlier])
        out.extend(Branch(value, constraints) for constraints in _disjuncts(region))
        earlier.append(cond)
    return out


def _disjuncts(region: sp.Basic) -> list[tuple[sp.Expr, ...] | None]:
    """``region`` as a union of conjunctions of strict inequalities (one entry per conjunction)."""
    if region is sp.false:
        return []
    if not region.atoms(sp.Or) and not any(
        isinstance(a, sp.Not) for a in sp.preorder_traversal(region)
    ):
        return [_strict(region)]
    dnf = sp.to_dnf(region)
    terms = dnf.args if isinstance(dnf, sp.Or) else (dnf,)
    return [_strict(t) for t in terms]


def boundaries(expr: sp.Basic) -> set[sp.Expr]:
    """The expressions ``g`` whose zero set separates the regions of ``expr``'s switches."""
    found: set[sp.Expr] = set()
    for switch in expr.atoms(*SWITCHES):
        for branch in branches(switch):
            for g in branch.constraints or ():
                if g.free_symbols:
                    found.add(_canonical(g))
    return found


def _canonical(g: sp.Expr) -> sp.Expr:
    g = sp.expand(g)
    return -g if sp.Add.make_args(g)[0].could_extract_minus_sign() else g


def _innermost(expr: sp.Basic) -> list[sp.Basic]:
    switches = expr.atoms(*SWITCHES)
    return sorted(
        (s for s in switches if not any(a.atoms(*SWITCHES) for a in s.args)),
        key=sp.sstr,
    )


def _sign_at(g: sp.Expr, point: Mapping[sp.Symbol, sp.Expr]) -> int:
    value = g.xreplace(dict(point))
    if not value.is_Rational:
        value = sp.N(value, 30)
    if value == 0 or not value.is_real:
        raise OnBoundary
    return 1 if value > 0 else -1


def select(expr: sp.Expr, point: Mapping[sp.Symbol, sp.Expr]) -> tuple[sp.Expr, tuple[str, ...]]:
    """The smooth expression that ``expr`` equals near ``point``, and the region's key.

    Raises :class:`OnBoundary` when ``point`` lies on a boundary.
    """
    key: list[str] = []
    while switches := _innermost(expr):
        chosen = {}
        for switch in switches:
            for index, branch in enumerate(branches(switch)):
                if branch.constraints is None:
                    cond = _branch_condition(switch, index)
                    holds = bool(cond.xreplace(dict(point)))
                else:
                    holds = all(_sign_at(g, point) > 0 for g in branch.constraints)
                if holds:
                    chosen[switch] = branch.value
                    key.append(f"{sp.sstr(switch)}#{index}")
                    break
            else:  # only an Or-condition Piecewise can fall through to here
                raise OnBoundary
        expr = expr.xreplace(chosen)
    return expr, tuple(key)


def _branch_condition(switch: sp.Piecewise, index: int) -> sp.Basic:
    conds = [c for _, c in switch.args]
    if index < len(conds):
        return sp.And(conds[index], *[sp.Not(c) for c in conds[:index]])
    return sp.And(*[sp.Not(c) for c in conds])


@dataclass(frozen=True)
class Region:
    """A choice of branch for every switch: the smooth expression and its inequalities."""

    expr: sp.Expr
    key: tuple[str, ...]
    constraints: tuple[sp.Expr, ...] | None


def enumerate_regions(expr: sp.Expr, limit: int = 512) -> Iterator[Region] | None:
    """Every combination of branches, or ``None`` when there are more than ``limit``.

    Switches are chosen innermost first: once the innermost ones are replaced
    by a branch, the switches around them become innermost, and so on, with the
    constraints of every choice accumulated along the way.
    """
    found: list[Region] = []

    def descend(current: sp.Expr, key: tuple[str, ...], cons: tuple[sp.Expr, ...] | None) -> bool:
        switches = _innermost(current)
        if not switches:
            found.append(Region(current, key, cons))
            return len(found) <= limit
        options = [list(enumerate(branches(s))) for s in switches]
        for combo in itertools.product(*options):
            chosen = {s: b.value for s, (_, b) in zip(switches, combo, strict=True)}
            more = tuple(f"{sp.sstr(s)}#{i}" for s, (i, _) in zip(switches, combo, strict=True))
            joined = cons
            for _, b in combo:
                joined = None if joined is None or b.constraints is None else joined + b.constraints
            if not descend(current.xreplace(chosen), key + more, joined):
                return False
        return True

    return iter(found) if descend(expr, (), ()) else None


def interior_point(
    constraints: tuple[sp.Expr, ...],
    bounds: Mapping[sp.Symbol, tuple[sp.Expr | None, sp.Expr | None]],
) -> dict[sp.Symbol, sp.Expr] | bool | None:
    r"""A point strictly inside ``{g > 0 for all g}`` within ``bounds`` (``None`` = unbounded),
    ``False`` if the set is empty, or ``None`` when that cannot be decided (non-linear).

    Linear constraints are decided exactly by the linear program
    :math:`\max t` subject to :math:`g_i \ge t`, :math:`t \le 1`: the region has
    an interior exactly when the optimum is positive.
    """
    cons = [sp.expand(g) for g in constraints]
    for a, b in itertools.combinations(cons, 2):
        if sp.expand(a + b) == 0:
            return False
    if any(g.is_number and g <= 0 for g in cons):
        return False
    cons = [g for g in cons if not g.is_number]
    symbols = sorted(set().union(*(g.free_symbols for g in cons)), key=lambda s: s.name)
    if not cons:
        return {}
    if not all(g.is_polynomial(*symbols) for g in cons):
        return None
    if any(sp.Poly(g, *symbols).total_degree() > 1 for g in cons):
        return None
    t = sp.Dummy("t")
    plain = {s: sp.Symbol(f"v{i}") for i, s in enumerate(symbols)}
    lp = [g.xreplace(plain) - t >= 0 for g in cons] + [t <= 1]
    for s in symbols:
        lo, hi = bounds.get(s, (None, None))
        lp += [plain[s] - lo - t >= 0] if lo is not None else []
        lp += [hi - plain[s] - t >= 0] if hi is not None else []
    best, solution = lpmax(t, lp)
    if best <= 0:
        return False
    return {s: sp.nsimplify(solution.get(plain[s], 0)) for s in symbols}
