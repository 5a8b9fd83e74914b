r"""Sums that do not run from 1 to a size, written as sums that do.

The sized verifier (:mod:`derivations.verifier.sized`) decides claims whose sums run over
``1..n`` and whose free indices range over the same ``1..n``. Notes also write:

* **indices from 0**: every sum of the claim runs over ``0..N-1`` (``\sum_{k=0}^{N-1}``, or
  ``\sum_{k=0}`` without an end). The family then has the components ``z_0, …, z_{N-1}`` and a
  free index ranges over them too; naming component ``j`` as ``j + 1`` turns the claim into the
  same claim over ``1..N``: every sum runs over ``1..N`` and every index ``e`` of a component or
  a Kronecker delta becomes ``e + 1`` after each index ``s`` became ``s - 1``, which changes
  ``z_k`` to ``z_k`` and ``z_0`` to ``z_1``. An index used as a number (``\sum_k k x_k``) is not
  renamed so: such a claim is not read.
* **part of a range**: ``\sum_{k=2}^{n} a_k`` and ``\sum_{k=1}^{n-1} a_k`` in a claim without a
  free index are the whole sum minus the terms written out,
  :math:`\sum_{k=1}^{n} a_k - a_1` and :math:`\sum_{k=1}^{n} a_k - a_n` (valid for every
  :math:`n \ge 1` when the sum starts at 2, and every :math:`n \ge 0` when it ends at
  :math:`n-1`, as the empty sum is 0). Beside a free index the range of that index would be
  a guess (``1..n`` or ``2..n``), so such a claim is not read.

>>> import sympy as sp
>>> from derivations.read.latex import index_symbol, size_symbol
>>> k, n = index_symbol("k"), size_symbol("n")
>>> z = sp.IndexedBase("z")
>>> from_one(sp.Sum(sp.exp(z[k]), (k, 0, n - 1)), z[0])[:2]
(Sum(exp(z[k]), (k, 1, n)), z[1])
>>> from_one(sp.Sum(z[k], (k, 2, n)), sp.Integer(0))[0]
-z[1] + Sum(z[k], (k, 1, n))
"""

from __future__ import annotations

import sympy as sp

from derivations.read.indices import free_indices
from derivations.read.latex import OPEN, Unreadable
from derivations.read.sum_bounds import MAX_START


def _ranges(*sides: sp.Basic) -> set[tuple[sp.Expr, sp.Expr]]:
    return {(lo, hi) for e in sides for s in e.atoms(sp.Sum) for _, lo, hi in s.limits}


def _size_of(upper: sp.Expr) -> tuple[sp.Symbol, int] | None:
    """``n - 1`` → ``(n, -1)``; ``n`` → ``(n, 0)``; anything else None."""
    shift, size = upper.as_coeff_Add() if isinstance(upper, sp.Add) else (sp.Integer(0), upper)
    if isinstance(size, sp.Symbol) and size.is_positive and sp.S(shift).is_integer:
        return size, int(shift)
    return None


def _index_symbols(*sides: sp.Basic) -> set[sp.Symbol]:
    found: set[sp.Symbol] = set()
    for e in sides:
        for a in e.atoms(sp.Indexed):
            found |= {s for i in a.indices for s in i.free_symbols}
        for d in e.atoms(sp.KroneckerDelta):
            found |= {s for i in d.args for s in i.free_symbols}
        for s in e.atoms(sp.Sum):
            found |= {limit[0] for limit in s.limits}
    return {s for s in found if isinstance(s, sp.Symbol) and s.is_integer and s != OPEN}


def _used_as_number(e: sp.Basic, indices: set[sp.Symbol]) -> sp.Symbol | None:
    """An index that appears outside the indices of components, deltas and sum limits."""
    if isinstance(e, (sp.Indexed, sp.KroneckerDelta)):
        return None
    if isinstance(e, sp.Sum):
        return _used_as_number(e.function, indices)
    if isinstance(e, sp.Symbol):
        return e if e in indices else None
    for a in e.args:
        found = _used_as_number(a, indices)
        if found is not None:
            return found
    return None


def _relabel(e: sp.Basic, indices: set[sp.Symbol]) -> sp.Basic:
    """Component ``j`` named ``j + 1``, sums over ``0..N-1`` over ``1..N`` (see the module)."""
    down = {s: s - 1 for s in indices}
    if isinstance(e, sp.Indexed):
        return e.base[tuple(i.xreplace(down) + 1 for i in e.indices)]
    if isinstance(e, sp.KroneckerDelta):
        a, b = (i.xreplace(down) + 1 for i in e.args)
        return sp.KroneckerDelta(a, b)
    if isinstance(e, sp.Sum):
        limits = [(v, sp.Integer(1), hi + 1 if hi != OPEN else OPEN) for v, _, hi in e.limits]
        return sp.Sum(_relabel(e.function, indices), *limits)
    if not e.args or isinstance(e, sp.Symbol):
        return e
    return e.func(*(_relabel(a, indices) for a in e.args))


def _zero_based(lhs: sp.Expr, rhs: sp.Expr) -> tuple[sp.Expr, sp.Expr, str]:
    indices = _index_symbols(lhs, rhs)
    for side in (lhs, rhs):
        used = _used_as_number(side, indices)
        if used is not None:
            raise Unreadable(
                f"the index {used} is used as a number in a sum from 0: not read "
                "(only its components are renamed 1..n)"
            )
    lhs, rhs = _relabel(lhs, indices), _relabel(rhs, indices)
    note = "indices from 0 to n − 1 read as 1 to n (component j as j + 1)"
    return lhs, rhs, note


def _whole(s: sp.Sum) -> sp.Expr:
    """A sum over ``a..n+c`` (a ≥ 1, c ≤ 0) as the sum over ``1..n`` minus the terms outside."""
    (k, lo, hi), term = s.limits[0], s.function
    inner = _whole(term) if isinstance(term, sp.Sum) else term
    size = _size_of(hi) if hi != OPEN else (OPEN, 0)
    assert size is not None
    n, shift = size
    outside = [sp.Integer(j) for j in range(1, int(lo))] + [n + j for j in range(shift + 1, 1)]
    whole = sp.Sum(inner, (k, 1, n))
    return whole - sp.Add(*(inner.xreplace({k: j}) for j in outside))


def from_one(lhs: sp.Expr, rhs: sp.Expr) -> tuple[sp.Expr, sp.Expr, str]:
    """The claim with every sum over ``1..n`` and a note of what was rewritten ("" when
    nothing was), or :class:`Unreadable` when its sums cannot be so written for certain."""
    ranges = _ranges(lhs, rhs)
    if all(lo == 1 and (hi == OPEN or _size_of(hi) == (hi, 0)) for lo, hi in ranges):
        return lhs, rhs, ""
    sizes = {_size_of(hi) if hi != OPEN else None for _, hi in ranges}
    if any(not isinstance(lo, sp.Integer) for lo, _ in ranges) or None in (
        _size_of(hi) for _, hi in ranges if hi != OPEN
    ):
        raise Unreadable("a sum whose range is not read (from 0 to 3, to n or n − 1)")
    symbols = {s[0] for s in sizes if s is not None}
    if len(symbols) > 1:
        shown = ", ".join(sorted(s.name for s in symbols))
        raise Unreadable(f"sums over different sizes ({shown}) are not supported")
    if all(lo == 0 for lo, _ in ranges):
        if all(hi == OPEN or _size_of(hi)[1] == -1 for _, hi in ranges):  # type: ignore[index]
            return _zero_based(lhs, rhs)
        raise Unreadable("a sum from 0 that does not end at n − 1")
    if any(lo == 0 for lo, _ in ranges):
        raise Unreadable("sums from 0 beside sums from 1")
    if any(lo > MAX_START for lo, _ in ranges) or any(
        s is not None and s[1] not in (0, -1) for s in sizes
    ):
        raise Unreadable(f"a sum from more than {MAX_START} or to less than n − 1")
    free = free_indices(lhs) | free_indices(rhs)
    if free:
        names = ", ".join(sorted(i.name for i in free))
        raise Unreadable(
            f"a sum over part of the range beside the free index {names}: the range of "
            f"{names} is not certain"
        )

    def partial(e: sp.Basic) -> bool:
        return isinstance(e, sp.Sum) and any(
            lo != 1 or (hi != OPEN and _size_of(hi)[1] != 0)  # type: ignore[index]
            for _, lo, hi in e.limits
        )

    lhs, rhs = (e.replace(partial, _whole) for e in (lhs, rhs))
    note = "a sum over part of the range read as the whole sum minus the terms outside it"
    return lhs, rhs, note


__all__ = ("from_one",)
