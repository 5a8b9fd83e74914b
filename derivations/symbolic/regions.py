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
from fractions import Fraction

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


class _NoRealValue(Exception):
    """A switch's argument has no real value at the point."""


def _sign_at(g: sp.Expr, point: Mapping[sp.Symbol, sp.Expr]) -> int:
    value = g.xreplace(dict(point))
    if not value.is_Rational:
        value = sp.N(value, 30)
    if value == 0:
        raise OnBoundary
    if not value.is_real:
        raise _NoRealValue
    return 1 if value > 0 else -1


def select(expr: sp.Expr, point: Mapping[sp.Symbol, sp.Expr]) -> tuple[sp.Expr, tuple[str, ...]]:
    """The smooth expression that ``expr`` equals near ``point``, and the region's key.

    Raises :class:`OnBoundary` when ``point`` lies on a boundary. A switch whose arguments
    have no real value at ``point`` (``Max(0, log x)`` at ``x = -1``) is :data:`UNDEFINED`
    there, and the switches around it are still selected.
    """
    key: list[str] = []
    while switches := _innermost(expr):
        chosen = {}
        for switch in switches:
            try:
                index, value = _branch_at(switch, point)
            except _NoRealValue:
                index, value = -1, UNDEFINED
            chosen[switch] = value
            key.append(f"{sp.sstr(switch)}#{index if index >= 0 else 'undefined'}")
        expr = expr.xreplace(chosen)
    return expr, tuple(key)


def _branch_at(switch: sp.Basic, point: Mapping[sp.Symbol, sp.Expr]) -> tuple[int, sp.Expr]:
    """The branch of ``switch`` that applies at ``point``: its index and value."""
    for index, branch in enumerate(branches(switch)):
        if branch.constraints is None:
            cond = _branch_condition(switch, index)
            try:
                holds = bool(cond.xreplace(dict(point)))
            except TypeError:  # a comparison of values that are not real
                raise _NoRealValue from None
        else:
            holds = all(_sign_at(g, point) > 0 for g in branch.constraints)
        if holds:
            return index, branch.value
    raise OnBoundary  # only an Or-condition Piecewise can fall through to here


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


#: Holds the parts of a switch that are evaluated in a region whatever branch it takes (see
#: :func:`enumerate_regions`); SymPy leaves an undefined function's arguments as they are.
evaluated = sp.Function("evaluated")


def evaluated_parts(switch: sp.Basic, index: int) -> tuple[sp.Expr, ...]:
    """What ``switch`` evaluates where it takes its branch ``index``: every argument of ``Max``,
    ``Min``, ``Abs``, ``sign`` and ``Heaviside`` (``Max(0, log x)`` is undefined where ``x < 0``
    even where it would be 0), and for ``Piecewise`` the sides of its conditions up to the one
    that applies (the values of the other pieces are not evaluated)."""
    if not isinstance(switch, sp.Piecewise):
        return tuple(switch.args)
    pieces = [(value, cond) for value, cond in switch.args]
    if pieces[-1][1] is not sp.true:
        pieces.append((UNDEFINED, sp.true))
    earlier: list[sp.Basic] = []
    count = 0
    for _, cond in pieces:
        count += len(_disjuncts(sp.And(cond, *[_negate(c) for c in earlier])))
        earlier.append(cond)
        if index < count:
            break
    return tuple(side for c in earlier for r in c.atoms(sp.Rel) for side in r.args)


def enumerate_regions(
    expr: sp.Expr, limit: int = 512, *, carrier: sp.Symbol | None = None
) -> Iterator[Region] | None:
    """Every combination of branches, or ``None`` when there are more than ``limit``.

    Switches are chosen innermost first: once the innermost ones are replaced
    by a branch, the switches around them become innermost, and so on, with the
    constraints of every choice accumulated along the way.

    With ``carrier``, a switch becomes its branch plus ``carrier`` times
    :data:`evaluated` of the parts it evaluates (:func:`evaluated_parts`): the region's
    expression is that expression at ``carrier = 0``, and its logarithms and roots, including
    those a product by 0 would drop (``Max(0, x)·log(xy)`` is ``0·log(xy) = 0`` where
    ``x < 0``, yet undefined where ``xy < 0``), are those of the expression as it stands.
    """
    found: list[Region] = []
    zero = {carrier: sp.Integer(0)} if carrier is not None else {}

    def value(switch: sp.Basic, index: int, branch: Branch) -> sp.Expr:
        parts = evaluated_parts(switch, index) if carrier is not None else ()
        if carrier is None or not parts:
            return branch.value
        return branch.value + carrier * evaluated(*parts)

    def descend(current: sp.Expr, key: tuple[str, ...], cons: tuple[sp.Expr, ...] | None) -> bool:
        switches = _innermost(current)
        if not switches:
            found.append(Region(current, key, cons))
            return len(found) <= limit
        options = [list(enumerate(branches(s))) for s in switches]
        for combo in itertools.product(*options):
            pairs = list(zip(switches, combo, strict=True))
            chosen = {s: value(s, i, b) for s, (i, b) in pairs}
            more = tuple(f"{sp.sstr(s.xreplace(zero))}#{i}" for s, (i, _) in pairs)
            joined = cons
            for _, b in combo:
                joined = (
                    None
                    if joined is None or b.constraints is None
                    else joined + tuple(g.xreplace(zero) for g in b.constraints)
                )
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
    if not _linear(cons, symbols):
        return _reduced_interior_point(cons, bounds)
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


def _linear(cons: list[sp.Expr], symbols: list[sp.Symbol]) -> bool:
    return all(g.is_polynomial(*symbols) for g in cons) and all(
        sp.Poly(g, *symbols).total_degree() <= 1 for g in cons
    )


def _sign_free(g: sp.Expr) -> sp.Expr | None:
    """An expression with the sign of ``g`` wherever ``g`` is defined and not 0: ``g``'s
    numerator times its denominator without their positive factors; None when always
    negative."""
    numerator, denominator = sp.fraction(sp.together(g))
    kept, sign = [], 1
    for factor in sp.Mul.make_args(sp.factor_terms(numerator * denominator)):
        if factor.is_positive:
            continue
        if factor.is_negative:
            sign = -sign
            continue
        kept.append(factor)
    out = sign * sp.Mul(*kept)
    return None if out.is_negative else sp.expand(out)


def _without_exponential(g: sp.Expr) -> sp.Expr | bool:
    r"""``a e^u + c > 0`` with ``a``, ``c`` of known signs as a condition on ``u``:
    :math:`u > \log(-c/a)` when ``a > 0 > c`` (``True``/``False`` when it always/never holds);
    ``g`` itself otherwise."""
    exponentials = [t for t in sp.Add.make_args(g) if _varying_exp(t)]
    if len(exponentials) != 1:
        return g
    factors = sp.Mul.make_args(exponentials[0])
    varying = [f for f in factors if isinstance(f, sp.exp) and f.args[0].free_symbols]
    if len(varying) != 1:
        return g
    rest = varying[0]
    a = sp.Mul(*[f for f in factors if f is not rest])
    if _varying_exp(a):
        return g
    c = g - exponentials[0]
    if _varying_exp(c) or (a.is_positive is None and a.is_negative is None):
        return g
    u = rest.args[0]
    if a.is_positive and c.is_nonnegative:
        return True
    if a.is_negative and c.is_nonpositive:
        return False
    if a.is_positive and c.is_negative:
        return sp.expand(u - sp.expand_log(sp.log(-c / a), force=False))
    if a.is_negative and c.is_positive:
        return sp.expand(sp.expand_log(sp.log(c / -a), force=False) - u)
    return g


def reduced_boundary(g: sp.Expr) -> sp.Expr:
    """The boundary ``g = 0`` in its simplest equivalent form: without positive factors or
    denominators, and ``a e^u + c`` as ``u - log(-c/a)`` (``e^x = 1`` is ``x = 0``)."""
    signed = _sign_free(g)
    if signed is None:
        return g
    reduced = _without_exponential(signed)
    if isinstance(reduced, bool):
        return signed
    return _sign_free(reduced) or reduced


def _varying_exp(e: sp.Expr) -> bool:
    """Whether ``e`` has an exponential of something that varies (not e^(1/2))."""
    return any(x.args[0].free_symbols for x in e.atoms(sp.exp))


def _reduced_interior_point(
    constraints: list[sp.Expr],
    bounds: Mapping[sp.Symbol, tuple[sp.Expr | None, sp.Expr | None]],
) -> dict[sp.Symbol, sp.Expr] | bool | None:
    """:func:`interior_point` of non-linear constraints that reduce to linear ones.

    Each reduction keeps the set the same or makes it larger, so an empty answer is exact and
    a point found is a seed for sampling near it (it may lie just outside the region):

    1. a constraint keeps only its sign: positive factors and denominators go
       (``x/α > 0`` is ``x > 0`` for ``α > 0``);
    2. ``a e^u + c > 0`` becomes a linear condition on ``u`` (``α e^x > 1`` is
       ``x + log α > 0``), and ``log α`` of a positive symbol becomes a free variable;
    3. a symbol that occurs only in one monomial ``x·q`` (``q`` a product of positive
       symbols, ``βx``) is replaced by that monomial, a change of variable for each ``q``
       (its own bounds are dropped).
    """
    cons: list[sp.Expr] = []
    for g in constraints:
        signed = _sign_free(g)
        if signed is None:
            return False
        reduced = _without_exponential(signed)
        if reduced is False:
            return False
        if reduced is True:
            continue
        again = _sign_free(reduced)
        if again is None:
            return False
        cons.append(again)
    relaxed = dict(bounds)
    logs: dict[sp.Symbol, sp.Symbol] = {}  # fresh variable -> the positive symbol it is log of
    for g in list(cons):
        for term in g.atoms(sp.log):
            inner = term.args[0]
            if inner.is_Symbol and inner.is_positive:
                fresh = sp.Dummy(f"log_{inner}", real=True)
                logs[fresh] = inner
                lo, hi = bounds.get(inner, (None, None))
                relaxed[fresh] = (
                    sp.floor(sp.log(lo)) if lo is not None and lo > 0 else None,
                    sp.ceiling(sp.log(hi)) if hi is not None else None,
                )
    if logs:
        back = {sp.log(v): k for k, v in logs.items()}
        cons = [g.xreplace(back) for g in cons]
    products: dict[sp.Symbol, tuple[sp.Symbol, sp.Expr]] = {}
    symbols = set().union(*(g.free_symbols for g in cons))
    for x in sorted(symbols, key=lambda s: s.name):
        if x.is_positive:
            continue
        monomials = {t.as_coeff_Mul()[1] for g in cons for t in sp.Add.make_args(g) if t.has(x)}
        if len(monomials) != 1:
            continue
        (monomial,) = monomials
        q = monomial / x
        if (
            q == 1
            or q.has(x)
            or not q.is_positive
            or not all(s.is_positive for s in q.free_symbols)
        ):
            continue
        fresh = sp.Dummy(f"{x}_times", real=True)
        products[fresh] = (x, q)
        cons = [sp.expand(g.subs(monomial, fresh)) for g in cons]
        relaxed[fresh] = (None, None)
    symbols = set().union(*(g.free_symbols for g in cons))
    # 4. an irrational constant (log α₀₁) becomes a variable between rational bounds around it,
    # the same constant the same variable
    constants: dict[sp.Expr, sp.Symbol] = {}
    for index, g in enumerate(cons):
        constant, rest = g.as_independent(*symbols, as_Add=True)
        if constant.is_Rational or not constant.is_number:
            continue
        if constant not in constants:
            fresh = sp.Dummy("c", real=True)
            constants[constant] = fresh
            centre = sp.Rational(str(sp.N(constant, 40)))
            relaxed[fresh] = (centre - sp.Rational(1, 10**30), centre + sp.Rational(1, 10**30))
        cons[index] = rest + constants[constant]
    symbols = set().union(*(g.free_symbols for g in cons))
    ordered = sorted(symbols, key=lambda s: s.name)
    if not cons or not _linear(cons, ordered):
        return None
    point = interior_point(tuple(cons), relaxed)
    if not isinstance(point, dict):
        return point
    if constants:
        # The point of the relaxation hugs the constants' narrow bounds; a seed well inside
        # comes from the constants at their centres (it only needs to be near the region).
        centres = {v: sum(relaxed[v]) / 2 for v in constants.values()}
        seed = interior_point(tuple(g.xreplace(centres) for g in cons), relaxed)
        point = seed if isinstance(seed, dict) else point
    out: dict[sp.Symbol, sp.Expr] = {
        s: v
        for s, v in point.items()
        if s not in logs and s not in products and s not in constants.values()
    }
    for fresh, positive in logs.items():
        value = sp.exp(point.get(fresh, 0))
        out[positive] = value if value.is_Rational else sp.Rational(str(sp.N(value, 4)))
    for fresh, (x, q) in products.items():
        scale = q.xreplace({s: out.get(s, sp.Integer(1)) for s in q.free_symbols})
        out[x] = sp.nsimplify(point.get(fresh, 0) / scale)
        for s in q.free_symbols:
            out.setdefault(s, sp.Integer(1))
    return _simple(out, constraints)


def _simple(
    point: dict[sp.Symbol, sp.Expr], constraints: list[sp.Expr]
) -> dict[sp.Symbol, sp.Expr]:
    """``point`` with coordinates of small denominators when those still satisfy every
    constraint (a counterexample at x = -1/4 reads better than at a 40-digit fraction)."""
    for denominator in (4, 16, 256):
        rounded = {
            s: sp.Rational(Fraction(str(sp.N(v, 30))).limit_denominator(denominator))
            for s, v in point.items()
        }
        try:
            if all(sp.N(g.xreplace(rounded), 30) > 0 for g in constraints):
                return rounded
        except TypeError:  # a constraint that does not evaluate to a number
            break
    return point
