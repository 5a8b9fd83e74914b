r"""The subscript and superscript of ``\sum`` and ``\prod``: index, start, exclusion, end.

Read: ``_{k}``, ``_{k=0}``, ``_{k=2}``, ``_{k \ne i}``, and a start with an exclusion joined by
``,``, ``;``, ``\&``, ``\land`` or written on two rows of ``\substack`` (``_{s=1 \& s \neq i}``,
``_{\substack{s=1 \\ s \ne i}}``); an end that is a size or a size plus or minus a number
(``^{n}``, ``^{n-1}``, ``^{N+1}``), or no end at all.

>>> from derivations.read.latex import tokenize
>>> lower(tokenize(r"s=1 \& s \neq i"))
Lower(index='s', start=1, excluded='i')
>>> lower(tokenize(r"k=0"))
Lower(index='k', start=0, excluded=None)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import sympy as sp


class Token(Protocol):
    """A token of the LaTeX reader (:class:`derivations.read.latex.Token`)."""

    @property
    def kind(self) -> str: ...

    @property
    def text(self) -> str: ...


class Unreadable(ValueError):
    """A subscript that is not read; the message says what."""

    @property
    def reason(self) -> str:
        return str(self.args[0])


#: What joins a start and an exclusion in one subscript.
_JOINS = frozenset({",", ";", "&", "\\", "land", "wedge"})
_UNEQUAL = frozenset({"ne", "neq", "≠"})
#: Sums that start further than this are not read (their first terms are written out).
MAX_START = 3


@dataclass(frozen=True)
class Lower:
    """The index of a sum, the number it starts at (None when not written) and the index it
    skips (``k \\ne i``)."""

    index: str
    start: int | None
    excluded: str | None


def _parts(tokens: Sequence[Token]) -> list[list[Token]]:
    if tokens and tokens[0].kind == "cmd" and tokens[0].text == "substack":
        tokens = tokens[1:]
    parts: list[list[Token]] = [[]]
    for t in tokens:
        if t.text in _JOINS and (t.kind == "cmd" or t.text in (",", ";")):
            parts.append([])
        elif t.kind == "char" and t.text in ("{", "}"):
            continue
        else:
            parts[-1].append(t)
    return [p for p in parts if p]


def lower(tokens: Sequence[Token]) -> Lower:
    """The subscript of a sum, or :class:`Unreadable` with what is not read."""
    parts = _parts(tokens)
    if not parts or parts[0][0].kind != "letter":
        raise Unreadable("a sum without its index (\\sum_k)")
    index = parts[0][0].text
    start: int | None = None
    excluded: str | None = None
    for part in parts:
        texts = [t.text for t in part]
        if part[0].text != index or part[0].kind != "letter":
            raise Unreadable("a sum whose subscript names two indices")
        if len(part) == 1:
            continue
        if texts[1] == "=" and len(part) == 3 and part[2].kind == "number" and start is None:
            start = int(texts[2]) if texts[2].isdigit() else -1
            if not 0 <= start <= MAX_START:
                raise Unreadable(
                    f"a sum from {texts[2]} (only sums from 0 to {MAX_START} are read)"
                )
            continue
        if (
            texts[1] in _UNEQUAL
            and len(part) == 3
            and part[2].kind == "letter"
            and texts[2] != index
            and excluded is None
        ):
            excluded = texts[2]
            continue
        raise Unreadable("a sum whose subscript is not k, k = 0, k = 1 or k \\ne i")
    return Lower(index, start, excluded)


def product(
    factor: sp.Expr, index: sp.Symbol, start: sp.Expr, end: sp.Expr, excluded: sp.Symbol | None
) -> sp.Expr:
    r"""``\prod_{k=1}^{n} f_k``; ``\prod_{k \ne i} f_k`` is the product of the factors before
    ``i`` times the product of those after it (no division by :math:`f_i`, which may be 0).
    Only products from 1 are read."""
    if start != 1:
        raise Unreadable(f"a product from {start} (only products from 1 are read)")
    if excluded is None:
        return sp.Product(factor, (index, start, end))
    return sp.Product(factor, (index, start, excluded - 1)) * sp.Product(
        factor, (index, excluded + 1, end)
    )


__all__ = ("MAX_START", "Lower", "Unreadable", "lower", "product")
