r"""Finding the derivative claims of a Markdown or LaTeX document.

The document is scanned for math (display ``$$…$$``, ``\[…\]``, ``equation``
and ``align`` environments; inline ``$…$``), skipping code. Each piece of math
is cut into rows at ``\\`` and each row into the sides of a chain of ``=``; a
row that starts with ``&=`` continues the chain of the row before. Every link
``A = B`` of a chain that contains a derivative is a claim, located at the line
of its ``=``. ``f(x) = …`` (also ``\operatorname{ReLU}(x) = …``, ``div(ŷ, y) = …``
and a word without argument, ``\operatorname{LeakyReLU} = …``) defines the
function for the rest of the document. In a chain whose first side is the
derivative of a function of its variable (``\frac{d}{dx}\sigma(x)``), the bare
name stands for that function (``\sigma(1-\sigma)``). A side that is a cases
block on a parameter's values (``y = 1``, ``y = 0``) gives one claim per case,
under that condition. How a claim was read, when not literally, is its source's
``reading``.

Math that cannot be read is *skipped* with the reason (nothing is dropped
silently): the summary counts the display equations checked, the ones that
only define a function, and the ones skipped, by reason.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sympy as sp

from derivations.errors import InputError
from derivations.model import Claim, Condition, Formula, Kind, Source, Verdict
from derivations.read.latex import (
    Function,
    Parser,
    Scope,
    Token,
    Unreadable,
    definition_head,
    equality_cases,
    has_equality_cases,
    key,
    known_function,
    read,
    read_side,
    tokenize,
    top_level,
)
from derivations.read.limits import DEFAULT, Limits
from derivations.symbolic import conditions

_EQUALITY_PART = "a cases block on values (y = 1, y = 0) is read only as a whole side of a claim"
MAX_FILE_BYTES = 2_000_000
MAX_CLAIMS = 2000
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


class NotesError(InputError):
    """A notes file that cannot be read at all."""


@dataclass(frozen=True)
class Math:
    """A piece of math: its text, where it starts, and whether it was displayed."""

    text: str
    offset: int
    display: bool


@dataclass(frozen=True)
class Skip:
    """Math that was not checked, and why."""

    location: str
    reason: str
    display: bool


@dataclass(frozen=True)
class Located:
    """A claim found in the document and where."""

    claim: Claim
    location: str


@dataclass
class Reading:
    """What a document yielded: claims, skipped math, and per display equation a status."""

    path: str
    claims: list[Located] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    display: Counter[str] = field(default_factory=Counter)
    definitions: list[str] = field(default_factory=list)

    def formula(self) -> Formula:
        """The claims as one formula (the document), for
        :func:`derivations.checking.report.check`."""
        return Formula(
            name=self.path,
            kind=Kind.IDENTITY,
            title=f"claims of {self.path}",
            summary="",
            variables=(),
            definition=sp.Integer(0),
            sources=(Source(self.path, "whole document"),),
            claims=tuple(c.claim for c in self.claims),
        )


# --- finding the math ---------------------------------------------------------------------------

_FENCE = re.compile(r"^[ \t>]*(```|~~~)", re.M)
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.M)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_DISPLAY_MD = re.compile(r"\$\$(.+?)\$\$|\\\[(.+?)\\\]", re.S)
_ENVIRONMENT = re.compile(
    r"\\begin\{(equation|align|gather|multline|eqnarray|flalign)(\*?)\}(.+?)\\end\{\1\2\}", re.S
)
_INLINE = re.compile(r"(?<![\\$])\$(?!\$)((?:\\.|[^$\\\n])+?)\$|\\\((.+?)\\\)")
_TEX_COMMENT = re.compile(r"(?<!\\)%[^\n]*")


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def _without_code(text: str) -> str:
    """Markdown with code blocks, code spans and quote markers blanked (offsets kept)."""
    lines = text.split("\n")
    inside = False
    for k, line in enumerate(lines):
        fence = _FENCE.match(line)
        if fence or inside:
            lines[k] = " " * len(line)
        if fence:
            inside = not inside
    text = "\n".join(lines)
    text = _QUOTE.sub(lambda m: " " * len(m.group(0)), text)
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text)


def find_math(text: str, *, tex: bool = False) -> list[Math]:
    """Every piece of math of a document, in order of position."""
    clean = _TEX_COMMENT.sub(lambda m: " " * len(m.group(0)), text) if tex else _without_code(text)
    found: list[Math] = []
    for pattern in (_ENVIRONMENT, _DISPLAY_MD):
        for m in pattern.finditer(clean):
            group = m.lastindex or 0
            body_start = m.start(group)
            found.append(Math(clean[body_start : m.end(group)], body_start, True))
            clean = _blank(clean, m.start(), m.end())
    for m in _INLINE.finditer(clean):
        group = 1 if m.group(1) is not None else 2
        found.append(Math(m.group(group), m.start(group), False))
    return sorted(found, key=lambda piece: piece.offset)


# --- cutting math into chains -----------------------------------------------------------------


@dataclass(frozen=True)
class Side:
    tokens: list[Token]
    offset: int  # where the ``=`` before it (or the side itself) is


def _strip(tokens: list[Token], *, trailing: bool = True) -> list[Token]:
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
    tokens = _strip(tokens, trailing=False)
    rows: list[list[Side]] = []
    sides: list[Side] = []
    current: list[Token] = []
    start = tokens[0].offset if tokens else 0

    def close_side(offset: int) -> None:
        nonlocal current
        sides.append(Side(_strip(current), offset))
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


def _has_derivative(tokens: list[Token]) -> bool:
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


# --- reading a document ------------------------------------------------------------------------


class _Document:
    def __init__(self, path: str, text: str, limits: Limits) -> None:
        self.path, self.text, self.limits = path, text, limits
        self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        self.scope = Scope()
        self.reading = Reading(path)

    def line(self, offset: int) -> int:
        return bisect_right(self.starts, offset)

    def where(self, offset: int) -> str:
        return f"{self.path}:{self.line(offset)}"

    def skip(self, offset: int, reason: str, display: bool) -> None:
        self.reading.skipped.append(Skip(self.where(offset), reason, display))

    def math(self, piece: Math) -> str:
        """Read one piece of math; return its status: checked, definition, skipped or ignored."""
        try:
            tokens = [
                Token(t.kind, t.text, t.offset + piece.offset)
                for t in tokenize(piece.text, self.limits)
            ]
        except Unreadable as exc:
            if piece.display:
                self.skip(piece.offset, exc.reason, True)
                return "skipped"
            return "ignored"
        statuses = [self.chain(chain, piece.display) for chain in chains(tokens)]
        for status in ("checked", "definition", "skipped"):
            if status in statuses:
                return status
        if piece.display and statuses:
            return "skipped"
        return "ignored"

    def chain(self, sides: list[Side], display: bool) -> str:
        if len(sides) < 2 or not sides[0].tokens:
            if display:
                self.skip(sides[0].offset, "no equation (nothing to check)", True)
                return "skipped"
            return "ignored"
        if any(not s.tokens for s in sides):
            if display or any(_has_derivative(s.tokens) for s in sides):
                self.skip(sides[0].offset, "an incomplete equation (a side is empty)", display)
                return "skipped"
            return "ignored"
        head = definition_head(sides[0].tokens)
        derivative = any(_has_derivative(s.tokens) for s in sides)
        links = list(itertools.pairwise(sides))
        status = "ignored"
        if head is not None and not _has_derivative(sides[0].tokens):
            name, parameters = head
            self.define(name, parameters, sides[1])
            status = "definition"
            links = links[1:]
        elif not derivative and not self._known_head(sides[0].tokens):
            if display:
                self.skip(sides[0].offset, "not a derivative claim", True)
                return "skipped"
            return "ignored"
        if not display and not derivative:
            return status
        bare = self.bare(sides[0]) if status != "definition" else {}
        checked = False
        for left, right in links:
            if self.link(left, right, display, bare):
                checked = True
        if checked:
            return "checked"
        return status if status == "definition" else "skipped"

    @staticmethod
    def _known_head(tokens: list[Token]) -> bool:
        if not tokens or tokens[0].kind != "cmd":
            return False
        if tokens[0].text in ("mathrm", "operatorname") and len(tokens) > 2:
            close = next((k for k, t in enumerate(tokens) if t.text == "}"), len(tokens))
            name = "".join(t.text for t in tokens[2:close] if t.kind == "letter")
            return known_function(name) and tokens[-1].text == ")"
        return known_function(tokens[0].text) and tokens[0].text != "sigma"

    def define(self, name: str, parameters: tuple[str, ...] | None, side: Side) -> None:
        symbols = [sp.Symbol(p, real=True) for p in parameters or ()]
        first, others = (symbols[0], tuple(symbols[1:])) if symbols else (None, ())
        line = self.line(side.offset)
        try:
            body = read(side.tokens, self.scope, self.limits)
            if has_equality_cases(body):
                raise Unreadable("a case on an equality inside a definition")
        except Unreadable as exc:
            self.scope.functions[key(name)] = Function(first, None, line, exc.reason, others)
            self.skip(side.offset, f"definition of {name} not read: {exc.reason}", True)
            return
        self.scope.functions[key(name)] = Function(first, body, line, others=others)
        shown = f"{name}({', '.join(parameters)})" if parameters is not None else name
        self.reading.definitions.append(f"{self.where(side.offset)}: {shown}")

    def bare(self, first: Side) -> dict[str, tuple[sp.Expr, sp.Symbol]]:
        """When the chain starts with the derivative of a function of its variable
        (``\\frac{d}{dx}\\sigma(x)``), that function's name stands for it without an argument
        in the rest of the chain (``\\sigma(1-\\sigma)``); nowhere else."""
        try:
            subject = read_side(first.tokens, self.scope, self.limits).subject
        except Unreadable:
            return {}
        if subject is None:
            return {}
        name, function, variable = subject
        return {name: (function, variable)}

    def link(
        self,
        left: Side,
        right: Side,
        display: bool,
        bare: dict[str, tuple[sp.Expr, sp.Symbol]] | None = None,
    ) -> bool:
        try:
            lhs_side = read_side(left.tokens, self.scope, self.limits, bare)
            rhs_side = read_side(right.tokens, self.scope, self.limits, bare)
        except Unreadable as exc:
            self.skip(exc.offset if exc.offset is not None else right.offset, exc.reason, display)
            return False
        lhs, rhs = lhs_side.expr, rhs_side.expr
        reading = "; ".join(dict.fromkeys(lhs_side.notes + rhs_side.notes))
        split = equality_cases(rhs)
        if split is None and (has_equality_cases(lhs) or has_equality_cases(rhs)):
            self.skip(right.offset, _EQUALITY_PART, display)
            return False
        if split is None:
            self.claim(right, lhs, rhs, reading)
            return True
        variables = {v for d in lhs.atoms(sp.Derivative) for v in d.variables}
        if any(symbol in variables for _, symbol, _ in split):
            self.skip(right.offset, "cases on values of the variable of the derivative", display)
            return False
        for value, symbol, number in split:
            self.claim(right, lhs, value, reading, conditions.equal(symbol, number))
        return True

    def claim(
        self, right: Side, lhs: sp.Expr, rhs: sp.Expr, reading: str, *hypotheses: Condition
    ) -> None:
        """Add the claim ``lhs = rhs`` (under ``hypotheses``) at the line of ``right``."""
        if len(self.reading.claims) >= MAX_CLAIMS:
            raise NotesError(f"{self.path}: more than {MAX_CLAIMS} claims")
        location = self.where(right.offset)
        line = self.line(right.offset)
        taken = sum(c.location == location for c in self.reading.claims)
        when = "".join(f" (when {h.text})" for h in hypotheses)
        claim = Claim(
            id=location if not taken else f"{location}#{taken + 1}",
            title=f"line {line}{when}",
            lhs=lhs,
            rhs=rhs,
            sources=(Source(self.path, f"line {line}", reading),),
            expected=Verdict.PROVED,
            conditions=hypotheses,
        )
        self.reading.claims.append(Located(claim, location))


def reads(
    text: str, path: str = "<string>", *, tex: bool = False, limits: Limits = DEFAULT
) -> Reading:
    """The claims and skipped math of a document's text."""
    document = _Document(path, text, limits)
    for piece in find_math(text, tex=tex):
        status = document.math(piece)
        if piece.display:
            document.reading.display[status if status != "ignored" else "skipped"] += 1
    return document.reading


def read_file(path: str | Path, *, as_: str | None = None, limits: Limits = DEFAULT) -> Reading:
    """The claims of the notes at ``path``; ``as_`` is ``markdown`` or ``tex`` (else by suffix)."""
    shown = str(path)
    try:
        with Path(path).open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise NotesError(f"{shown}: cannot read: {exc.strerror}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise NotesError(f"{shown}: larger than {MAX_FILE_BYTES} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotesError(f"{shown}: not UTF-8 (byte {exc.start})") from None
    tex = as_ == "tex" if as_ else Path(shown).suffix.lower() in (".tex", ".latex")
    return reads(text, shown, tex=tex, limits=limits)
