r"""Cutting a piece of math into chains of equalities: rows split at ``\\``, sides at ``=``
(a row that starts with ``&=`` continues the chain of the row before), without ``\tag``,
``\label`` and aligning environments; and the token-level splits the reader makes inside a
side (the rows of a cases block, its columns at ``&``, an evaluation bar ``|_{x=a}``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from derivations.read.latex import Parser, Scope, Token, Unreadable, top_level

ALIGNING = {
    "aligned",
    "align",
    "split",
    "gathered",
    "gather",
    "equation",
    "multline",
    "eqnarray",
    "alignat",
    "alignedat",
    "flalign",
}


@dataclass(frozen=True)
class Side:
    tokens: list[Token]
    offset: int  # where the ``=`` before it (or the side itself) is


def stripped(tokens: list[Token], *, trailing: bool = True) -> list[Token]:
    """Tokens without ``\\tag{…}``, ``\\label{…}`` and aligning environments."""
    out: list[Token] = []
    k = 0
    while k < len(tokens):
        tok = tokens[k]
        named = tok.kind == "cmd" and tok.text in ("tag", "label", "begin", "end")
        if named and k + 1 < len(tokens) and tokens[k + 1].text == "{":
            close = next((j for j in range(k + 1, len(tokens)) if tokens[j].text == "}"), None)
            if close is not None:
                name = "".join(t.text for t in tokens[k + 2 : close])
                if tok.text in ("tag", "label") or name.rstrip("*") in ALIGNING:
                    k = close + 1
                    continue
        out.append(tok)
        k += 1
    while trailing and out and out[-1].kind == "char" and out[-1].text in ".,;":
        out.pop()
    return out


def chains(tokens: list[Token]) -> Iterator[list[Side]]:
    """The chains of equalities: rows split at ``\\\\``, sides at ``=``; ``&=`` continues."""
    tokens = stripped(tokens, trailing=False)
    rows: list[list[Side]] = []
    sides: list[Side] = []
    current: list[Token] = []
    start = tokens[0].offset if tokens else 0

    def close_side(offset: int) -> None:
        nonlocal current
        sides.append(Side(stripped(current), offset))
        current = []

    for tok, top in top_level(tokens):
        if top and tok.kind == "char" and tok.text == "&":
            continue
        if top and tok.kind == "cmd" and tok.text == "\\":
            close_side(start)
            rows.append(sides)
            sides = []
            start = tok.offset
            continue
        if top and tok.kind == "char" and tok.text == "=":
            close_side(start)
            start = tok.offset
            continue
        current.append(tok)
    close_side(start)
    rows.append(sides)
    chain: list[Side] = []
    for row in rows:
        if all(not s.tokens for s in row):
            continue
        if not row[0].tokens and chain:
            chain.extend(row[1:])
            continue
        if chain:
            yield chain
        chain = list(row)
    if chain:
        yield chain


def has_derivative(tokens: list[Token]) -> bool:
    for k, tok in enumerate(tokens):
        if tok.kind == "cmd" and tok.text in ("partial", "nabla"):
            return True
        if tok.kind == "char" and tok.text == "'":
            return True
        is_frac = tok.kind == "cmd" and tok.text in ("frac", "dfrac", "cfrac", "tfrac")
        if is_frac:
            try:
                if Parser(tokens[k:], Scope())._split_frac() is not None:
                    return True
            except Unreadable:
                return True  # a derivative form the reader refuses is still a derivative claim
    return False


_ARROWS = {"rightarrow", "Rightarrow", "to", "longrightarrow", "Longrightarrow", "implies", "→"}


def without_arrow(tokens: list[Token]) -> list[Token]:
    """A formula after ``\\rightarrow`` or ``→`` (an arrow that introduces it)."""
    while tokens and tokens[0].text in _ARROWS:
        tokens = tokens[1:]
    return tokens


def evaluation_point(tokens: list[Token]) -> tuple[list[Token], list[Token], list[Token]] | None:
    """``(body, x, a)`` when a side ends with ``|_{x=a}`` (``\\big|``, ``\\right|``)."""
    bar = None
    for k, (tok, top) in enumerate(top_level(tokens)):
        if top and tok.text == "|" and k + 2 < len(tokens) and tokens[k + 1].text == "_":
            bar = k
    if bar is None or bar == 0 or tokens[bar + 2].text != "{" or tokens[-1].text != "}":
        return None
    group = tokens[bar + 3 : -1]
    equals = [k for k, t in enumerate(group) if t.text == "="]
    if len(equals) != 1 or equals[0] == 0 or equals[0] == len(group) - 1:
        return None
    return tokens[:bar], group[: equals[0]], group[equals[0] + 1 :]


def row_chains(tokens: list[Token]) -> list[tuple[list[Side], list[Token]]] | None:
    """The rows of a side that is one cases block whose rows are chains ``A = B & i = j``."""
    if len(tokens) < 6 or tokens[0].text != "begin" or tokens[-1].text != "}":
        return None
    opened = next((k for k, t in enumerate(tokens) if t.text == "}"), 0)
    if "".join(t.text for t in tokens[1 : opened + 1]) not in ("{cases}", "{dcases}"):
        return None
    end = max((k for k, t in enumerate(tokens) if t.text == "end"), default=None)
    if end is None or "".join(t.text for t in tokens[end + 1 :]) not in ("{cases}", "{dcases}"):
        return None
    body = tokens[opened + 1 : end]
    if any(t.text == "begin" for t in body):
        return None
    rows: list[tuple[list[Side], list[Token]]] = []
    for row in split_rows(body):
        parts = [[t for t in part] for part in split_at(row, "&")]
        if len(parts) != 2:
            return None
        value, condition = parts
        sides = split_at(value, "=")
        if len(sides) < 2:
            return None
        offsets = [value[0].offset] + [
            t.offset for t, top in top_level(value) if top and t.kind == "char" and t.text == "="
        ]
        rows.append(
            ([Side(stripped(s), at) for s, at in zip(sides, offsets, strict=True)], condition)
        )
    return rows or None


def split_rows(tokens: list[Token]) -> list[list[Token]]:
    rows: list[list[Token]] = [[]]
    for tok, top in top_level(tokens):
        if top and tok.kind == "cmd" and tok.text == "\\":
            rows.append([])
        else:
            rows[-1].append(tok)
    return [r for r in rows if r]


def split_at(tokens: list[Token], text: str) -> list[list[Token]]:
    parts: list[list[Token]] = [[]]
    for tok, top in top_level(tokens):
        if top and tok.kind == "char" and tok.text == text:
            parts.append([])
        else:
            parts[-1].append(tok)
    return parts
