r"""Layers told by the index letter: ``o_k``, ``o_j``, ``o_i`` as three layers' outputs.

Backpropagation notes (Bishop's PRML §5.3, Mitchell, many course notes) write a dense network
in index notation where the index letter names the layer: units k of the output layer, j of
the hidden layer, i below it; ``z_k = \sum_j w_{jk} o_j``, ``o_k = \sigma(z_k)``,
``z_j = \sum_i w_{ij} o_i``; ``\delta_j = o_j (1 - o_j) \sum_k \delta_k w_{jk}``. Read as one
family, ``z_k`` and ``z_j`` would be components of one vector, and ``\delta_j`` an implicit
equation in δ. This module reads such a document with each family keyed by its index letters
(``z_k`` is the component k of the family ``z^K``, ``w_{jk}`` the entry (j, k) of the matrix
``w^JK``, another matrix than ``w^IJ``), and each letter with its own range.

The reading applies only when the document makes it certain:

* **a chain**: a definition of a family F at its letters, followed through the definitions
  written with exactly the letters used (``z_k`` uses ``o_j``, defined as ``o_j = σ(z_j)``),
  uses F at other letters (``z_j``): as one family this would be a circular definition;
* **and a sign of layers**: the family is defined at two letters (``z_k = …`` and
  ``z_j = …``), or a family of two indices is used with two letter pairs in those definitions
  (``w_{jk}``, ``w_{ij}``), or sums over two of the letters have different bounds;
* **one range a letter**: every sum over a letter that the network's definitions and the
  claims about it write has one upper bound (``\sum_{k=1}^{K}``: k ∈ 1..K), or none (then k
  ranges over a size of its own, named by the capital letter).

The families keyed by letters are those of the network: the families of the chain and every
family their definitions use (weights, targets, inputs), and a family written unlabelled
beside a labelled one of the network (``\delta_k`` beside ``\delta_k^K``). Families elsewhere
(``p_i``, ``p_j`` of a softmax in the same document) keep one name. A family of the network
written with an index that is not a letter (``o_1``, ``z_{k+1}``) is not read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import sympy as sp

from derivations.read.definitions import Definitions
from derivations.read.indices import check_families, free_indices, rename_bound
from derivations.read.latex import OPEN, Unreadable, size_symbol

#: A family at its letters: ``("z", ("k",))`` for ``z_k``.
Key = tuple[str, tuple[str, ...]]


@dataclass(frozen=True)
class Written:
    """What a first reading of a document saw: its definitions as written
    (``(name, indices, body)``), and the two sides of its claims."""

    definitions: list[tuple[str, tuple[sp.Symbol, ...], sp.Expr]] = field(default_factory=list)
    claims: list[sp.Expr] = field(default_factory=list)


def _letters(e: sp.Indexed) -> tuple[str, ...] | None:
    """The letters of a component's indices (``w_{jk}``: j, k); None when one is not a
    one-letter lower-case index."""
    found = []
    for i in e.indices:
        if not (isinstance(i, sp.Symbol) and len(i.name) == 1 and i.name.islower()):
            return None
        found.append(i.name)
    return tuple(found)


def _components(e: sp.Basic) -> Iterable[sp.Indexed]:
    return (a for a in sp.preorder_traversal(e) if isinstance(a, sp.Indexed))


def _keys(e: sp.Basic) -> set[Key]:
    return {(str(a.base.label), letters) for a in _components(e) if (letters := _letters(a))}


def layer_name(name: str, letters: Sequence[str]) -> str:
    """``z`` at ``k`` → ``z^K``; ``w`` at ``j, k`` → ``w^JK``."""
    return f"{name}^{''.join(letter.upper() for letter in letters)}"


def _sums(e: sp.Basic) -> Iterable[tuple[str, sp.Expr, sp.Expr]]:
    for s in e.atoms(sp.Sum):
        for variable, lower, upper in s.limits:
            yield variable.name, lower, upper


@dataclass(frozen=True)
class Convention:
    """The families keyed by their letters, and each letter's size."""

    #: Unlabelled names keyed by their letters (``z``, ``o``, ``w``, ``delta``).
    families: frozenset[str]
    #: Labelled names of the network (``delta^K``): an unlabelled ``delta_k`` is ``delta^K``.
    labelled: frozenset[str]
    ranges: Mapping[str, sp.Symbol]
    #: Why the reading applies (shown in each claim's reading).
    why: str

    def renames(self, e: sp.Indexed) -> bool:
        """Whether a component is of a family keyed by its letters."""
        name = str(e.base.label)
        if "^" in name:
            return False
        if name in self.families:
            return True
        letters = _letters(e)
        return letters is not None and layer_name(name, letters) in self.labelled

    def renamed(self, expr: sp.Basic) -> sp.Basic:
        """``expr`` with each component of the network's families named by its letters and
        each sum without an upper bound over a letter given that letter's range."""

        def component(e: sp.Indexed) -> sp.Indexed:
            letters = _letters(e)
            if letters is None:
                shown = ", ".join(map(str, e.indices))
                raise Unreadable(
                    f"{e.base.label}_{{{shown}}}: the index letter tells the layer of "
                    f"{e.base.label}, and {shown} is not a letter (which layer?): not read"
                )
            name = layer_name(str(e.base.label), letters)
            base = sp.IndexedBase(name, real=True) if e.base.is_real else sp.IndexedBase(name)
            return sp.Indexed(base, *e.indices)

        def walk(e: sp.Basic) -> sp.Basic:
            if isinstance(e, sp.Indexed):
                return component(e) if self.renames(e) else e
            if isinstance(e, sp.Sum):
                limits = []
                for variable, lower, upper in e.limits:
                    if upper == OPEN and variable.name in self.ranges:
                        upper = self.ranges[variable.name]
                    limits.append((variable, lower, upper))
                return sp.Sum(walk(e.function), *limits)
            if not e.args or isinstance(e, sp.IndexedBase):
                return e
            return e.func(*(walk(a) for a in e.args))

        return walk(expr)

    def name(self, name: str, indices: tuple[sp.Basic, ...]) -> str:
        """The name a definition ``name_indices = …`` defines under the reading."""
        if not indices:
            return name
        head = sp.Indexed(sp.IndexedBase(name), *indices)
        if not self.renames(head):
            return name
        letters = _letters(head)
        if letters is None:
            raise Unreadable(f"{name}: a definition at an index that is not a letter: not read")
        return layer_name(name, letters)

    def applies(self, *sides: sp.Basic) -> bool:
        """Whether (expanded) sides use the network: then they are sized by :meth:`sized`."""
        return any(
            str(a.base.label) in self.labelled
            or str(a.base.label).split("^", 1)[0] in self.families
            for e in sides
            for a in _components(e)
        )

    def sized(
        self, lhs: sp.Expr, rhs: sp.Expr
    ) -> tuple[sp.Expr, sp.Expr, tuple[sp.Symbol, ...], str]:
        """The sides with each sum over its letter's range and each free index ranged over
        its letter's range; the sizes, and the note for the claim's reading."""
        sides = (lhs, rhs)
        check_families(sides)
        if any(e.has(sp.Product) for e in sides):
            raise Unreadable("a product beside layers told by letters is not read")
        renamed: dict[sp.Basic, sp.Basic] = {}
        for _, lower, upper in (t for e in sides for t in _sums(e)):
            if lower != 1:
                raise Unreadable("a sum that does not start at 1, beside layers told by letters")
            if not isinstance(upper, sp.Symbol) or upper == OPEN:
                raise Unreadable("a sum whose upper bound is not a size")
            renamed[upper] = size_symbol(upper.name)
        sizes = {s.name: s for s in self.ranges.values()}
        for s in {s for e in sides for s in e.free_symbols}:  # the K of a mean 1/K
            if isinstance(s, sp.Symbol) and not s.is_integer and s.name in sizes:
                renamed[s] = sizes[s.name]
        sides = tuple(e.xreplace(renamed) for e in sides)
        free = set().union(*(free_indices(e) for e in sides))
        ranged: dict[sp.Basic, sp.Basic] = {}
        for i in sorted(free, key=lambda s: s.name):
            size = self.ranges.get(i.name)
            if size is None:
                raise Unreadable(f"the index {i.name} has no range among the layers' letters")
            ranged[i] = sp.Idx(i.name, (1, size))
        avoid = {i.name for i in free}
        left, right = (rename_bound(e, avoid).xreplace(ranged) for e in sides)
        used = _size_names(left) | _size_names(right)
        letters = [(letter, size) for letter, size in self.ranges.items() if size.name in used]
        shown = ", ".join(f"{letter} ∈ 1..{size}" for letter, size in letters)
        note = f"layers told by index letters ({self.why}): {shown}"
        sizes_used = tuple(sorted({s for _, s in letters}, key=lambda s: s.name))
        return left, right, sizes_used, note


def _size_names(e: sp.Basic) -> set[str]:
    found = {s.name for s in e.free_symbols if s.is_integer and s.is_positive}
    for idx in e.atoms(sp.Idx):
        found |= {s.name for s in sp.Tuple(idx.lower, idx.upper).free_symbols}
    return found


def _chain(
    definitions: Mapping[Key, list[sp.Expr]],
) -> tuple[set[str], set[Key]]:
    """The families whose definition at their letters uses them at other letters through
    definitions written with the letters used; and every key those chains visit."""
    layered: set[str] = set()
    visited_all: set[Key] = set()
    for (name, letters), bodies in definitions.items():
        seen: set[Key] = {(name, letters)}
        queue = [k for body in bodies for k in _keys(body)]
        while queue:
            key = queue.pop()
            if key in seen:
                continue
            seen.add(key)
            other, at = key
            if other == name and at != letters and len(at) == len(letters):
                layered.add(name)
            for body in definitions.get(key, ()):
                queue.extend(_keys(body))
        if name in layered:
            visited_all |= seen
    return layered, visited_all


def _network(written: Written) -> tuple[dict[Key, list[sp.Expr]], set[str], set[Key]]:
    """The definitions by family and letters, the families of a chain, the keys visited."""
    definitions: dict[Key, list[sp.Expr]] = {}
    for name, indices, body in written.definitions:
        letters = _letters(sp.Indexed(sp.IndexedBase(name), *indices)) if indices else None
        if letters is None or len(set(letters)) != len(letters):
            continue
        definitions.setdefault((name, letters), []).append(body)
    layered, visited = _chain(definitions)
    return definitions, layered, visited


def _stem(e: sp.Indexed) -> str:
    return str(e.base.label).split("^", 1)[0]


def convention(written: Written) -> Convention | None:
    """The layer-index reading of a document, or None when it is not certain."""
    definitions, layered, visited = _network(written)
    layered = {n for n in layered if "^" not in n}  # a labelled name is already its layer's
    if not layered:
        return None
    bodies = [b for key in visited for b in definitions.get(key, ())]
    used: dict[str, set[tuple[str, ...]]] = {}
    for body in bodies:
        for name, letters in _keys(body):
            used.setdefault(name, set()).add(letters)
    network = {name for name, _ in visited} | set(used)
    families = frozenset(n for n in network if "^" not in n)
    # δ_k^K: labelled by the capital of its letter, the layer an unlabelled δ_k names
    labelled = frozenset(
        name
        for name, letters in definitions
        if "^" in name and layer_name(name.split("^", 1)[0], letters) == name
    )
    # the expressions that speak of the network: its definitions, and the other definitions
    # and the claims that use it
    related = list(bodies)
    related += [
        body
        for name, _, body in written.definitions
        if name.split("^", 1)[0] in families or any(_stem(a) in families for a in _components(body))
    ]
    related += [c for c in written.claims if any(_stem(a) in families for a in _components(c))]
    bounds: dict[str, set[sp.Expr]] = {}
    for e in related:
        for letter, _, upper in _sums(e):
            bounds.setdefault(letter, set()).update({upper} - {OPEN})
    every = {
        letter
        for e in related
        for a in _components(e)
        if _stem(a) in families
        for letter in (_letters(a) or ())
    } | set(bounds)
    written_bounds = {b for found in bounds.values() for b in found}
    ranges: dict[str, sp.Symbol] = {}
    for letter in sorted(every):
        found = bounds.get(letter, set())
        if len(found) > 1 or any(not isinstance(b, sp.Symbol) for b in found):
            return None  # two ranges for one letter: not certain
        if found:
            (bound,) = found
            assert isinstance(bound, sp.Symbol)
            ranges[letter] = size_symbol(bound.name)
            continue
        own = letter.upper()
        if any(str(b) == own for b in written_bounds):
            return None  # k without a bound, and K the bound of another letter
        ranges[letter] = size_symbol(own)
    signs = []
    twice = sorted(n for n in layered if len({at for m, at in definitions if m == n}) > 1)
    if twice:
        signs.append(f"{', '.join(twice)} defined at several letters")
    pairs = sorted(n for n, at in used.items() if len(at) > 1 and any(len(a) > 1 for a in at))
    if pairs:
        signs.append(f"{', '.join(pairs)} with several letter pairs")
    if len(written_bounds) > 1:
        signs.append("sums with different bounds")
    if not signs:
        return None
    return Convention(families, labelled, ranges, "; ".join(signs))


def renamed_definitions(found: Definitions, reading: Convention) -> Definitions:
    """A document's definitions (from a first reading) under the reading: each name and body
    as the second reading, which applies it from the start, records them."""
    out = Definitions()
    for d in found.found:
        try:
            name = reading.name(d.name, d.indices)
            body = None if d.body is None else reading.renamed(d.body)
        except Unreadable as exc:
            out.add(replace(d, body=None, reason=exc.reason))
            continue
        assert body is None or isinstance(body, sp.Expr)
        out.add(replace(d, name=name, body=body))
    return out


__all__ = ("Convention", "Written", "convention", "layer_name", "renamed_definitions")
