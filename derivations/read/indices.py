r"""From a reading in index notation to a claim at symbolic size.

The parser reads ``z_i`` as a component of the family ``z`` at the integer index ``i``,
``\sum_{k=1}^{K}`` as a :class:`sympy.Sum` and a sum without an upper bound with the marker
:data:`~derivations.read.latex.OPEN`. Here, once the document's definitions are expanded,
a claim gets its size and its free indices get their range, in the form the catalog uses
(``catalog/vectors.py``: :class:`sympy.IndexedBase`, :class:`sympy.Idx` over ``1..n``,
:class:`sympy.Sum`, :class:`sympy.KroneckerDelta`), so that
:mod:`derivations.verifier.sized` decides it for every size:

* the size is the upper bound of the claim's sums when they agree (``K``); sums written
  without a bound (``\sum_k``) run over the same range; with no bound at all, the size is
  a symbolic ``n``; sums over different bounds are not read;
* a free index (in a component or a Kronecker delta, not bound by a sum) ranges over
  ``1..size``;
* a family used both with an index and without one, or with a number (``o_1`` beside
  ``o_k``), is not read.
"""

from __future__ import annotations

import sympy as sp

from derivations.read.latex import OPEN, Unreadable, size_symbol

#: What binds an index: sums and products.
BINDERS = (sp.Sum, sp.Product)


def is_indexed(*exprs: sp.Basic) -> bool:
    """Whether the expressions use index notation (components, sums, products, deltas)."""
    return any(
        e.has(sp.Indexed) or e.has(*BINDERS) or e.has(sp.KroneckerDelta)
        for e in exprs
        if isinstance(e, sp.Basic)
    )


def _bounds(exprs: tuple[sp.Basic, ...]) -> set[sp.Expr]:
    found: set[sp.Expr] = set()
    for e in exprs:
        for s in e.atoms(sp.Sum):
            for _, lower, upper in s.limits:
                if lower != 1:
                    raise Unreadable("only sums from 1 are read")
                found.add(upper)
        for p in e.atoms(sp.Product):  # the two parts of a product over k ≠ i are not sizes
            found |= {
                upper
                for _, lower, upper in p.limits
                if lower == 1 and (upper == OPEN or (upper.is_Symbol and upper.is_positive))
            }
    return found


def _index_names(exprs: tuple[sp.Basic, ...]) -> set[sp.Symbol]:
    """Every integer symbol used as an index (free or bound)."""
    found: set[sp.Symbol] = set()
    for e in exprs:
        for a in e.atoms(sp.Indexed):
            found |= {s for s in a.indices if isinstance(s, sp.Symbol)}
        for d in e.atoms(sp.KroneckerDelta):
            found |= {s for s in d.args if isinstance(s, sp.Symbol)}
        for s in e.atoms(*BINDERS):
            found |= {limit[0] for limit in s.limits}
    return found


def _is_index(s: sp.Basic) -> bool:
    return isinstance(s, sp.Symbol) and bool(s.is_integer) and s.is_positive is None


def free_indices(expr: sp.Basic, bound: frozenset[sp.Symbol] = frozenset()) -> set[sp.Symbol]:
    """The indices of components and deltas that no enclosing sum binds."""
    if isinstance(expr, BINDERS):
        inner = bound | {limit[0] for limit in expr.limits}
        within = free_indices(expr.function, inner)
        for _, lower, upper in expr.limits:  # a product over k ≠ i: i is in the limits
            within |= {s for s in (lower.free_symbols | upper.free_symbols) if _is_index(s)}
        return within - bound
    if isinstance(expr, (sp.Indexed, sp.KroneckerDelta)):
        args = expr.indices if isinstance(expr, sp.Indexed) else expr.args
        return {s for a in args for s in a.free_symbols if _is_index(s) and s not in bound}
    found: set[sp.Symbol] = set()
    for a in expr.args:
        found |= free_indices(a, bound)
    return found


def _rename_bound(expr: sp.Basic, avoid: set[str]) -> sp.Basic:
    """Sums whose index has the name of a free index get a fresh name (k → k')."""
    if isinstance(expr, BINDERS):
        function = _rename_bound(expr.function, avoid)
        limits = []
        for variable, lower, upper in expr.limits:
            if variable.name in avoid:
                fresh = variable.name + "'"
                while fresh in avoid:
                    fresh += "'"
                renamed = sp.Symbol(fresh, integer=True)
                function = function.xreplace({variable: renamed})
                variable = renamed
            limits.append((variable, lower, upper))
        return expr.func(function, *limits)
    if not expr.args or isinstance(expr, (sp.Indexed, sp.KroneckerDelta)):
        return expr
    return expr.func(*(_rename_bound(a, avoid) for a in expr.args))


def rename_bound(expr: sp.Basic, avoid: set[str]) -> sp.Basic:
    """``expr`` with the sums and products whose index is named in ``avoid`` (the free
    indices) given a fresh name (k → k')."""
    return _rename_bound(expr, avoid)


def size_of(lhs: sp.Expr, rhs: sp.Expr) -> sp.Symbol:
    """The claim's size: its sums' common upper bound, else ``n``."""
    bounds = _bounds((lhs, rhs)) - {OPEN}
    if len(bounds) > 1:
        shown = ", ".join(sorted(sp.sstr(b) for b in bounds))
        raise Unreadable(f"sums over different ranges ({shown}) are not supported")
    if bounds:
        (bound,) = bounds
        if not isinstance(bound, sp.Symbol):
            raise Unreadable("a sum whose upper bound is not a size")
        return size_symbol(bound.name)
    # a variable n (the 1/n of a mean) is the size; an index named n is not
    taken = {s.name for s in _index_names((lhs, rhs))} | {
        s.name for e in (lhs, rhs) for s in plain_symbols(e) if s.is_integer
    }
    for name in ("n", "N", "m"):
        if name not in taken:
            return size_symbol(name)
    raise Unreadable("no name is free for the size of the claim (n, N and m are indices)")


def plain_symbols(expr: sp.Basic) -> set[sp.Symbol]:
    """The symbols of ``expr`` outside components (the label ``y`` of ``y_k`` is not one)."""
    found: set[sp.Symbol] = set()

    def walk(e: sp.Basic) -> None:
        if isinstance(e, (sp.Indexed, sp.IndexedBase)):
            return
        if isinstance(e, sp.Symbol):
            found.add(e)
            return
        for a in e.args:
            walk(a)

    walk(expr)
    return found


def _check_families(exprs: tuple[sp.Basic, ...]) -> None:
    bases = {str(a.base.label) for e in exprs for a in e.atoms(sp.Indexed)}
    for e in exprs:
        for s in plain_symbols(e):
            if s.is_integer:
                continue
            stem = s.name.split("_")[0]
            if s.name in bases:
                raise Unreadable(f"{s.name} is used both with and without an index")
            if stem in bases and "_" in s.name:
                raise Unreadable(
                    f"{s.name} beside {stem} with letter indices: numbered components of an "
                    "indexed family are not supported"
                )
    indices = _index_names(exprs)
    names = {s.name for e in exprs for s in plain_symbols(e) if not s.is_integer}
    clash = sorted(i.name for i in indices if i.name in names)
    if clash:
        raise Unreadable(f"{clash[0]} is both an index and a variable")


def check_families(exprs: tuple[sp.Basic, ...]) -> None:
    """:class:`Unreadable` when a family is used both with and without an index, with a
    number beside letters, or when an index is also a variable."""
    _check_families(exprs)


def sized(lhs: sp.Expr, rhs: sp.Expr) -> tuple[sp.Expr, sp.Expr, sp.Symbol | None]:
    """The sides with their size and their free indices ranged (the size is None for a claim
    without index notation, returned unchanged)."""
    if not is_indexed(lhs, rhs):
        return lhs, rhs, None
    sides = (lhs, rhs)
    _check_families(sides)
    n = size_of(lhs, rhs)
    renamed: dict[sp.Basic, sp.Basic] = {OPEN: n}
    for b in _bounds(sides) - {OPEN}:
        renamed[b] = n
    for s in {s for e in sides for s in e.free_symbols}:
        if isinstance(s, sp.Symbol) and not s.is_integer and s.name == n.name:
            renamed[s] = n
    sides = tuple(e.xreplace(renamed) for e in sides)
    free = set().union(*(free_indices(e) for e in sides)) - {n}
    avoid = {i.name for i in free}
    sides = tuple(_rename_bound(e, avoid) for e in sides)
    ranged = {i: sp.Idx(i.name, (1, n)) for i in free}
    lhs, rhs = (e.xreplace(ranged) for e in sides)
    return lhs, rhs, n
