r"""A layer's superscript dropped: ``o_k`` for ``o^{(1)}_k`` when the notes make that certain.

Notes on one layer often define ``o^{(1)}_k = \sigma(z^{(1)}_k)`` and then write ``o_k``
("the superscript is dropped from here on"). The name without its label is read as the
labelled one only when the document's definitions before the claim (in any section) write
that name (its *stem*) with exactly one label, in their names or bodies, and the definitions
visible at the claim do not define the stem itself: with two layers ``h^{(1)}`` and
``h^{(2)}``, ``h_k`` is not read (which layer?).

Notes that write several layers with one unlabelled name (``o_k``, ``o_j``, ``o_i``, the
layer told only by the index letter) are not recognised as such here; their claims are kept
safe by the definitions they lack (a pre-activation ``z_k`` that no definition gives is not
defined, and the claim is skipped).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import sympy as sp


def stem(name: str) -> str:
    """``o^(1)`` → ``o``; a name without a label is its own stem."""
    return name.split("^", 1)[0]


def name_of(e: sp.Basic) -> str | None:
    """The name of a component's family or of a (non-index) symbol."""
    if isinstance(e, sp.Indexed):
        return str(e.base.label)
    if isinstance(e, sp.Symbol) and not e.is_integer:
        return e.name
    return None


def labelled_names(bodies: Iterable[tuple[str, sp.Basic | None]]) -> dict[str, tuple[str, ...]]:
    """For each stem, the labelled names (``o^(1)``) that definitions ``(name, body)`` use."""
    found: dict[str, set[str]] = {}
    for name, body in bodies:
        names = {name}
        if body is not None:
            names |= {n for a in sp.preorder_traversal(body) if (n := name_of(a)) is not None}
        for n in names:
            if stem(n) != n:
                found.setdefault(stem(n), set()).add(n)
    return {s: tuple(sorted(names)) for s, names in found.items()}


def relabelled(e: sp.Expr, name: str) -> sp.Expr:
    """A component or symbol with another name (same indices, same assumptions)."""
    if isinstance(e, sp.Indexed):
        base = sp.IndexedBase(name, real=True) if e.base.is_real else sp.IndexedBase(name)
        return sp.Indexed(base, *e.indices)
    assert isinstance(e, sp.Symbol)
    return sp.Symbol(name, real=True) if e.is_real else sp.Symbol(name)


_ONE_LETTER_LABEL = re.compile(r"\^[(\[]([A-Za-z])[)\]]")


def index_in_superscript(exprs: Iterable[sp.Basic], indices: set[str]) -> str:
    """Why a claim is not read when a bracketed superscript is one of its indices
    (``x^{(i)}`` summed over i: the i-th example, not a layer), else ``""``."""
    for e in exprs:
        for a in sp.preorder_traversal(e):
            name = name_of(a)
            if name is None:
                continue
            for letter in _ONE_LETTER_LABEL.findall(name):
                if letter in indices:
                    return (
                        f"{name}: the superscript ({letter}) is an index of the claim (the "
                        f"{letter}-th example?), not a layer label: not read"
                    )
    return ""
