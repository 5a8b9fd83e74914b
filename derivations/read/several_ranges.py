r"""Claims whose sums run over several named ranges: ``\sum_{i=1}^{D}``, ``\sum_{j=1}^{M}``,
``\sum_{k=1}^{K}`` in one claim (a network's inputs, hidden units and outputs).

The sized verifier (:mod:`derivations.verifier.sized`) decides a claim over several sizes when
every free index has its range. A free index gets the range of the sums over the same place of
the same family: in ``∂E/∂w_{ji}``, after the definitions are put in, the first index of ``w``
is summed over ``1..M`` and the second over ``1..D``, so ``j`` ranges over ``1..M`` and ``i``
over ``1..D``; a Kronecker delta joins its two indices. The reading is refused when it is not
certain: a place of a family summed over two ranges, a free index with no range or two, a sum
without an end beside named ones, an index that is not a bare name (``x_{i+1}``), a product over
an index, or a condition stated on a family of the claim (Σ y = 1 is stated over one size).
"""

from __future__ import annotations

from collections.abc import Collection

import sympy as sp

from derivations.read.indices import check_families, rename_bound
from derivations.read.latex import OPEN, Unreadable, size_symbol

Slot = tuple[str, int]


class _Ranges:
    """Where each index stands (family and place), and the range of each summed index."""

    def __init__(self) -> None:
        self.slots: dict[Slot, set[sp.Expr]] = {}
        self.free: dict[str, set[Slot]] = {}
        self.joined: list[tuple[str, str]] = []  # two free indices a delta joins
        self.direct: dict[str, set[sp.Expr]] = {}  # a free index joined to a summed one

    def walk(self, e: sp.Basic, bound: dict[sp.Symbol, sp.Expr]) -> None:
        if isinstance(e, sp.Product):
            raise Unreadable("a product over an index beside sums over several ranges")
        if isinstance(e, sp.Sum):
            inner = dict(bound)
            for variable, lower, upper in e.limits:
                if lower != 1 or upper == OPEN or not isinstance(upper, sp.Symbol):
                    raise Unreadable(
                        "sums over several ranges, one of them not from 1 to a named size"
                    )
                inner[variable] = upper
            self.walk(e.function, inner)
            return
        if isinstance(e, sp.Derivative):
            self.walk(e.expr, bound)
            for variable in e.variables:
                self.walk(variable, bound)
            return
        if isinstance(e, sp.Indexed):
            for place, index in enumerate(e.indices):
                self._at((str(e.base.label), place), index, bound)
            return
        if isinstance(e, sp.KroneckerDelta):
            a, b = e.args
            for x in (a, b):
                if not isinstance(x, sp.Symbol):
                    raise Unreadable("a Kronecker delta of something other than two indices")
            if a in bound and b not in bound:
                self.direct.setdefault(str(b), set()).add(bound[a])
            elif b in bound and a not in bound:
                self.direct.setdefault(str(a), set()).add(bound[b])
            elif a not in bound and b not in bound:
                self.joined.append((str(a), str(b)))
            return
        for a in e.args:
            self.walk(a, bound)

    def _at(self, slot: Slot, index: sp.Basic, bound: dict[sp.Symbol, sp.Expr]) -> None:
        if isinstance(index, sp.Integer):
            return
        if not isinstance(index, sp.Symbol) or not index.is_integer:
            raise Unreadable(
                "an index that is not a name (x_{i+1}) beside sums over several ranges"
            )
        self.slots.setdefault(slot, set())
        if index in bound:
            self.slots[slot].add(bound[index])
        else:
            self.free.setdefault(index.name, set()).add(slot)

    def ranges(self) -> dict[str, sp.Expr]:
        """Each free index's range, when it is certain."""
        of: dict[str, set[sp.Expr]] = {name: set() for name in self.free}
        for name in self.direct:
            of.setdefault(name, set()).update(self.direct[name])
        slots = {slot: set(r) for slot, r in self.slots.items()}
        for _ in range(len(of) + len(slots) + 1):  # until nothing more is learnt
            before = (sum(map(len, of.values())), sum(map(len, slots.values())))
            for name, places in self.free.items():
                for slot in places:
                    of[name] |= slots[slot]
                    slots[slot] |= of[name]
            for a, b in self.joined:
                merged = of.setdefault(a, set()) | of.setdefault(b, set())
                of[a], of[b] = set(merged), set(merged)
            if before == (sum(map(len, of.values())), sum(map(len, slots.values()))):
                break
        for (family, place), found in slots.items():
            if len(found) > 1:
                shown = ", ".join(sorted(map(str, found)))
                raise Unreadable(
                    f"place {place + 1} of {family} ranges over {shown} in this claim (an index "
                    "stands where sums over different ranges do)"
                )
        result: dict[str, sp.Expr] = {}
        for name, found in of.items():
            if len(found) != 1:
                raise Unreadable(
                    f"the range of the index {name} is not certain beside sums over several ranges"
                )
            (result[name],) = found
        return result


def several(
    lhs: sp.Expr, rhs: sp.Expr, conditioned: Collection[str] = ()
) -> tuple[sp.Expr, sp.Expr, str]:
    """The claim with each sum's end a size and each free index ranged over the range of the
    places it stands in, and a note saying so; ``conditioned``: the families a stated condition
    is about (not read here)."""
    families = {str(a.base.label) for side in (lhs, rhs) for a in side.atoms(sp.Indexed)}
    if families & set(conditioned):
        raise Unreadable(
            "a condition stated on "
            + ", ".join(sorted(families & set(conditioned)))
            + " beside sums over several ranges: not read"
        )
    check_families((lhs, rhs))
    found = _Ranges()
    for side in (lhs, rhs):
        found.walk(side, {})
    ranges = found.ranges()
    ends = {
        str(upper) for side in (lhs, rhs) for s in side.atoms(sp.Sum) for _, _, upper in s.limits
    }
    sizes = {
        s: size_symbol(s.name)
        for side in (lhs, rhs)
        for s in side.free_symbols
        if isinstance(s, sp.Symbol) and s.name in ends
    }
    if set(ranges) & ends:
        raise Unreadable("an index named as a size beside sums over several ranges")
    sides = tuple(side.xreplace(sizes) for side in (lhs, rhs))
    sides = tuple(rename_bound(side, set(ranges)) for side in sides)
    indices = {
        s: sp.Idx(s.name, (1, size_symbol(str(ranges[s.name]))))
        for side in sides
        for s in side.free_symbols
        if isinstance(s, sp.Symbol) and s.is_integer and s.name in ranges
    }
    new_lhs, new_rhs = (side.xreplace(indices) for side in sides)
    assert isinstance(new_lhs, sp.Expr) and isinstance(new_rhs, sp.Expr)
    shown = ", ".join(f"{name} over 1..{ranges[name]}" for name in sorted(ranges))
    note = "sums over several ranges" + (
        f"; the free indices range over the sums of their places: {shown}" if shown else ""
    )
    return new_lhs, new_rhs, note
