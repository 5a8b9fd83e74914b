r"""A component written without its underscore: ``pi`` for ``p_i``.

Notes typed quickly drop an underscore: ``-pi \cdot p_j`` where ``p_i`` is meant. The parser
reads ``pi`` as the product of the letters p and i. That product has no other meaning when
``p`` is a family the document defines with one index (``p_i = e^{z_i} / \sum_k e^{z_k}``)
and ``i`` is an index of the same claim (a component's index or a sum's variable): a family
without its index times an index is not a quantity. Only then the product is read as the
component ``p_i``, and the reading says so; any other use of a family without an index is
left for the expansion to refuse.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

from derivations.read.latex import index_symbol


def index_names(*exprs: sp.Basic) -> set[str]:
    """The names used as indices: of components, sums and Kronecker deltas."""
    found: set[str] = set()
    for e in exprs:
        for a in e.atoms(sp.Indexed):
            found |= {s.name for s in a.indices if isinstance(s, sp.Symbol)}
        for s in e.atoms(sp.Sum):
            found |= {limit[0].name for limit in s.limits}
        for d in e.atoms(sp.KroneckerDelta):
            found |= {s.name for s in d.args if isinstance(s, sp.Symbol)}
    return found


def joined(
    lhs: sp.Expr, rhs: sp.Expr, one_index: Callable[[str], bool]
) -> tuple[sp.Expr, sp.Expr, list[str]]:
    """The sides with each product ``p·i`` read as ``p_i`` when ``one_index(p)`` (the document
    defines p with one index) and i is an index of the claim; with the notes on it."""
    indices = index_names(lhs, rhs)
    notes: list[str] = []

    def plain(e: sp.Basic) -> str | None:
        if isinstance(e, sp.Symbol) and not e.is_integer:
            return e.name
        return None

    def rewrite(e: sp.Basic) -> sp.Basic:
        if not e.args or isinstance(e, sp.Indexed):
            return e
        args = [rewrite(a) for a in e.args]
        if not isinstance(e, sp.Mul):
            return e.func(*args)
        families = [a for a in args if (n := plain(a)) is not None and one_index(n)]
        letters = [a for a in args if (n := plain(a)) is not None and n in indices]
        if len(families) != 1 or len(letters) != 1:
            return e.func(*args)
        (family,), (letter,) = families, letters
        component = sp.Indexed(sp.IndexedBase(str(family), real=True), index_symbol(str(letter)))
        note = (
            f"{family}{letter} read as {family}_{letter} "
            "(a family without its index times an index)"
        )
        if note not in notes:
            notes.append(note)
        rest = [a for a in args if a is not family and a is not letter]
        return sp.Mul(component, *rest)

    if not indices:
        return lhs, rhs, notes
    new_lhs, new_rhs = rewrite(lhs), rewrite(rhs)
    assert isinstance(new_lhs, sp.Expr) and isinstance(new_rhs, sp.Expr)
    return new_lhs, new_rhs, notes
