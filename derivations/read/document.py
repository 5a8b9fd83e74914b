r"""The document stage: a Markdown, MyST, notebook or LaTeX document becomes its math blocks.

Each :class:`Block` is a plain value: the LaTeX text, display or inline, its line and location
(``path:line``; ``path:cell N:line M`` in a notebook), the *section path* (the titles of the
headings it sits under: Markdown ``#`` headings, LaTeX ``\section``), the prose leading into it,
its equation tag (``\tag{16}``, MyST ``$$ … $$ (label)``, ``:label:``), its *stance* (why it is
not a claim: asked in a question, an exercise, a supposition) and the ``derive:`` marker of a
comment before it.

Markdown is parsed with markdown-it-py (CommonMark, tables, front matter, and the dollarmath
and amsmath plugins): the parse says which lines are code (fenced or indented), HTML, comments
and front matter, which are never read, and where headings and tables are. The math itself is
found in the text that remains, by the same delimiters as ever (``$$…$$``, ``\[…\]``,
``equation`` and ``align`` environments, ``$…$``, ``\(…\)``), so that offsets are those of the
file and a block quote's ``>`` markers are blanks. MkDocs admonition bodies (``!!! note``,
``??? note``, indented four spaces) are read as Markdown, not as indented code. A Markdown table
whose header names a function column and a derivative column (``| Name | $f(z)$ | $f'(z)$ |``)
states one claim per row.

Nothing here reads the LaTeX itself: that is :mod:`derivations.read.latex`.
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.amsmath import amsmath_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from derivations.errors import InputError

ASKED = "asked in a question"
EXERCISE = "an exercise"
SUPPOSITION = "a supposition"
#: Internal stance of math the prose calls wrong; such math becomes a claim expected refuted.
SHOWN_WRONG = "shown as a mistake by the prose around it"
MARKER_SKIP = "skipped by a derive: skip comment"
MARKERS = ("expect refuted", "expect proved", "skip")
KINDS = ("markdown", "tex", "notebook")


class DocumentError(InputError):
    """A document that cannot be read: not a notebook, an unknown ``derive:`` marker."""


@dataclass(frozen=True)
class Block:
    """One piece of math of a document and its context.

    ``offset`` is where the LaTeX starts in :attr:`Document.text`; ``pinned`` blocks (the claims
    of a table row) are LaTeX made from the row's cells: every part of them is at ``line``.
    ``stance`` is empty when the math is asserted, else why it is not a claim.
    """

    text: str
    offset: int
    display: bool
    line: int
    location: str
    section: tuple[str, ...] = ()
    before: str = ""
    tag: str = ""
    stance: str = ""
    marker: str = ""
    pinned: bool = False
    called_wrong: bool = False  # the expect-refuted marker comes from the prose ("… is false:")
    condition: str = ""  # a sign condition the sentence states for it ("for $x > 0$")


@dataclass(frozen=True)
class Document:
    """A document's text (a notebook's Markdown cells joined by newlines) and its math blocks."""

    path: str
    text: str
    blocks: tuple[Block, ...]
    starts: tuple[int, ...]
    cells: tuple[tuple[int, int], ...] = ()  # (offset, cell number) of each notebook cell
    headings: tuple[tuple[int, int, str], ...] = ()  # (offset, level, title) of each heading

    def line(self, offset: int) -> int:
        """The 1-based line of ``offset`` (within its cell, in a notebook)."""
        line = bisect_right(self.starts, offset)
        if not self.cells:
            return line
        start = self.cells[bisect_right([c[0] for c in self.cells], offset) - 1][0]
        return line - bisect_right(self.starts, start) + 1

    def section_at(self, offset: int) -> tuple[str, ...]:
        """The titles of the headings ``offset`` sits under, outermost first."""
        return _section(self.headings, offset)

    def where(self, offset: int) -> str:
        """``path:line``, or ``path:cell N:line M`` in a notebook."""
        if not self.cells:
            return f"{self.path}:{self.line(offset)}"
        cell = self.cells[bisect_right([c[0] for c in self.cells], offset) - 1][1]
        return f"{self.path}:cell {cell}:line {self.line(offset)}"


# --- the pieces before they are located ----------------------------------------------------------


@dataclass(frozen=True)
class _Piece:
    text: str
    offset: int
    start: int  # of the delimiter
    end: int  # after the closing delimiter
    display: bool
    tag: str = ""
    pinned: bool = False
    stance: str = ""


@dataclass(frozen=True)
class _Marker:
    offset: int
    line: int
    text: str


_DISPLAY_MD = re.compile(r"\$\$(.+?)\$\$|\\\[(.+?)\\\]", re.S)
_ENVIRONMENT = re.compile(
    r"\\begin\{(equation|align|gather|multline|eqnarray|flalign)(\*?)\}(.+?)\\end\{\1\2\}", re.S
)
_INLINE = re.compile(r"(?<![\\$])\$(?!\$)((?:\\.|[^$\\\n])+?)\$|\\\((.+?)\\\)")
_TEX_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.M)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_HTML_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_MARKER = re.compile(r"^\s*derive\s*:\s*(.*?)\s*$", re.S)
_TEX_MARKER = re.compile(r"(?<!\\)%\s*derive\s*:([^\n]*)")
_TAG = re.compile(r"\\tag\*?\{([^{}]*)\}")
_LABEL_AFTER = re.compile(r"[ \t]*\(([^()\s]+)\)")
_ADMONITION = re.compile(r"^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+\S")


def _blank(chars: list[str], start: int, end: int) -> None:
    for k in range(start, min(end, len(chars))):
        if chars[k] != "\n":
            chars[k] = " "


def _scan(clean: str, *, environments: bool = True) -> list[_Piece]:
    """Every piece of math in ``clean`` (text whose non-math parts are blanked), in order."""
    found: list[_Piece] = []
    patterns = (_ENVIRONMENT, _DISPLAY_MD) if environments else (_DISPLAY_MD,)
    chars = list(clean)
    for pattern in patterns:
        for m in pattern.finditer("".join(chars)):
            group = m.lastindex or 0
            found.append(_Piece(m.group(group), m.start(group), m.start(), m.end(), display=True))
            _blank(chars, m.start(), m.end())
    for m in _INLINE.finditer("".join(chars)):
        group = 1 if m.group(1) is not None else 2
        found.append(_Piece(m.group(group), m.start(group), m.start(), m.end(), display=False))
    return sorted(found, key=lambda piece: piece.offset)


# --- Markdown -------------------------------------------------------------------------------------


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
    return md.use(dollarmath_plugin, double_inline=True).use(amsmath_plugin)


_MD = _parser()


def _without_admonition_indent(text: str) -> str:
    """The text with MkDocs admonition bodies (``!!! note`` + lines indented four more spaces)
    moved four spaces left, so that markdown-it reads them as Markdown, not as indented code.
    The lines stay where they were (only markdown-it sees this text)."""
    lines = text.split("\n")
    opened: list[int] = []  # the indentation of each open admonition's title line
    for k, line in enumerate(lines):
        stripped = line.expandtabs(4)
        indent = len(stripped) - len(stripped.lstrip(" "))
        if stripped.strip():
            while opened and indent < opened[-1] + 4:
                opened.pop()
        shift = 4 * len(opened)
        if shift and stripped.strip():
            lines[k] = stripped[shift:]
        match = _ADMONITION.match(stripped)
        if match:
            opened.append(indent)
    return "\n".join(lines)


def _line_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]


def _marker(body: str, offset: int, line: int, prefix: str) -> _Marker | None:
    """The ``derive:`` marker of a comment's ``body`` (None when it is another comment); an
    unknown marker is an error at ``prefix`` + line."""
    found = _MARKER.match(body)
    if found is None:
        return None
    text = " ".join(found.group(1).split())
    if text not in MARKERS:
        raise DocumentError(
            f"{prefix}{line}: unknown derive marker {text!r} (known: {', '.join(MARKERS)})"
        )
    return _Marker(offset, line, text)


@dataclass
class _Scanned:
    """What the scan of one Markdown or LaTeX text found, offsets relative to that text."""

    clean: str
    pieces: list[_Piece]
    headings: list[tuple[int, int, str]]  # (offset, level, title)
    markers: list[_Marker]
    exercises: list[tuple[int, int]]  # ranges whose math is an exercise (LaTeX environments)


def _inline_text(token: Token) -> str:
    return " ".join(token.content.split())


def _scan_markdown(text: str, prefix: str) -> _Scanned:
    starts = _line_starts(text)

    def at(line: int) -> int:
        return starts[line] if line < len(starts) else len(text)

    tokens = _MD.parse(_without_admonition_indent(text))
    chars = list(text)
    headings: list[tuple[int, int, str]] = []
    markers: list[_Marker] = []
    pieces: list[_Piece] = []
    for k, token in enumerate(tokens):
        if token.map is None:
            continue
        first, last = token.map
        if token.type == "heading_open":
            headings.append((at(first), int(token.tag[1:]), _inline_text(tokens[k + 1])))
        elif token.type in ("fence", "code_block", "front_matter"):
            if token.type == "fence" and token.info.strip().startswith("{math}"):
                pieces.extend(_myst_math(text, at(first + 1), at(last - 1), at(first)))
            _blank(chars, at(first), at(last))
        elif token.type == "html_block":
            for m in _HTML_COMMENT.finditer(text, at(first), at(last)):
                line = bisect_right(starts, m.start())
                found = _marker(m.group(1), m.start(), line, prefix)
                if found is not None:
                    markers.append(found)
            _blank(chars, at(first), at(last))
        elif token.type == "inline" and any(
            c.type == "html_inline" and c.content.startswith("<!--") for c in token.children or ()
        ):
            for m in _HTML_COMMENT.finditer(text, at(first), at(last)):
                line = bisect_right(starts, m.start())
                found = _marker(m.group(1), m.start(), line, prefix)
                if found is not None:
                    markers.append(found)
                _blank(chars, m.start(), m.end())
        elif token.type == "table_open":
            rows = _table_claims(tokens, k, at)
            if rows is not None:
                pieces.extend(rows)
                _blank(chars, at(first), at(last))
    clean = _QUOTE.sub(lambda m: " " * len(m.group(0)), "".join(chars))
    clean = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), clean)
    pieces.extend(_scan(clean))
    pieces.sort(key=lambda p: p.offset)
    pieces = [_with_label(p, clean) for p in pieces]
    return _Scanned(clean, pieces, headings, markers, [])


def _with_label(piece: _Piece, clean: str) -> _Piece:
    """The equation's tag: ``\\tag{n}`` in it, or MyST's ``$$ … $$ (label)``."""
    if not piece.display or piece.tag:
        return piece
    tag = _TAG.search(piece.text)
    if tag:
        return replace(piece, tag=tag.group(1).strip())
    label = _LABEL_AFTER.match(clean, piece.end)
    if label and clean[piece.end - 2 : piece.end] == "$$":
        return replace(piece, tag=label.group(1))
    return piece


def _myst_math(text: str, body: int, close: int, opening: int) -> list[_Piece]:
    """The body of a MyST ```` ```{math} ```` fence, after its ``:option:`` lines."""
    tag = ""
    while body < close:
        end = text.find("\n", body, close)
        end = close if end < 0 else end + 1
        option = re.match(r"[ \t]*:(\w+):[ \t]*(.*)", text[body:end])
        if option is None:
            break
        if option.group(1) == "label":
            tag = option.group(2).strip()
        body = end
    return [_Piece(text[body:close], body, opening, close, display=True, tag=tag)]


# --- tables: a function column and a derivative column -----------------------------------------

_FUNCTION_HEAD = re.compile(
    r"^(?:(?P<word>functions?|definition|formula|函数|定义)|"
    r"(?P<name>[A-Za-z]|\\[A-Za-z]+)\s*\(\s*(?P<var>[a-z])\s*\))\s*=?$",
    re.I,
)
_DERIVATIVE_HEAD = re.compile(
    r"^(?:(?P<word>derivatives?|gradient|导数|梯度)|"
    r"(?P<name>[A-Za-z]|\\[A-Za-z]+)\s*(?:'|\^\{?\\prime\}?)\s*\(\s*(?P<var>[a-z])\s*\)|"
    r"\\d?frac\{\s*(?:\\mathrm\{d\}|d|\\partial)\s*(?P<fname>[A-Za-z]|\\[A-Za-z]+)?\s*\}"
    r"\{\s*(?:\\mathrm\{d\}|d|\\partial)\s*(?P<fvar>[a-z])\s*\})\s*=?$",
    re.I,
)
_BARE_FUNCTION = re.compile(r"(?<![\\A-Za-z])(exp|log|ln|sin|cos|tan|tanh|sinh|cosh|max|min)\s*\(")


def _with_backslash(cell: str, row: str) -> str:
    """``exp(z)`` as ``\\exp(z)`` where the row also writes ``\\exp``: the author's function,
    written once without its backslash (otherwise e·x·p would be a product)."""
    return _BARE_FUNCTION.sub(
        lambda m: "\\" + m.group(0) if "\\" + m.group(1) in row else m.group(0), cell
    )


def _cell(token: Token) -> str:
    """A cell's math: its text without ``$`` delimiters."""
    text = token.content.strip()
    if text.startswith("$") and text.endswith("$") and len(text) > 1:
        text = text.strip("$")
    return text.strip()


def _table_claims(
    tokens: Sequence[Token], open_index: int, at: Callable[[int], int]
) -> list[_Piece] | None:
    """One claim per row when the header names a function column and a derivative column
    (``f(z)`` and ``f'(z)``, ``\\frac{df}{dz}``, or the words Function and Derivative); else
    ``None`` (the table is not read as claims)."""
    rows: list[tuple[int, list[str]]] = []
    row: list[str] = []
    line = 0
    for token in tokens[open_index + 1 :]:
        if token.type == "table_close":
            break
        if token.type == "tr_open" and token.map is not None:
            row, line = [], token.map[0]
        elif token.type == "inline":
            row.append(_cell(token))
        elif token.type == "tr_close":
            rows.append((line, row))
    if len(rows) < 2:
        return None
    header = rows[0][1]
    functions = [(k, m) for k, h in enumerate(header) if (m := _FUNCTION_HEAD.match(h))]
    derivatives = [(k, m) for k, h in enumerate(header) if (m := _DERIVATIVE_HEAD.match(h))]
    if len(functions) != 1 or len(derivatives) != 1:
        return None
    (fcol, fhead), (dcol, dhead) = functions[0], derivatives[0]
    name = fhead.group("name") or dhead.group("name") or dhead.group("fname")
    named_var = fhead.group("var") or dhead.group("var") or dhead.group("fvar")
    pieces = []
    for line, cells in rows[1:]:
        if max(fcol, dcol) >= len(cells) or not cells[fcol] or not cells[dcol]:
            continue
        offset = at(line)
        pieces.append(_row_claim(cells[fcol], cells[dcol], name, named_var, offset))
    return pieces


def _letters(latex: str) -> set[str]:
    """The single letters of ``latex`` outside command names."""
    return set(re.findall(r"(?<![\\A-Za-z])[a-z](?![A-Za-z])", re.sub(r"\\[A-Za-z]+", " ", latex)))


def _row_claim(
    function: str, derivative: str, name: str | None, named: str | None, offset: int
) -> _Piece:
    """``\\frac{d}{dv}(function) = derivative``, the row's name applied to ``v`` replaced by the
    function itself. The variable is the header's when the function uses it, else the one of
    z and x that the function uses; a row where it is not certain is skipped."""
    letters = _letters(function)
    if named and named in letters:
        variable: str | None = named
    else:
        candidates = [v for v in ("z", "x") if v in letters]
        variable = candidates[0] if len(candidates) == 1 else None
    stance = ""
    function, derivative = (
        _with_backslash(cell, function + derivative) for cell in (function, derivative)
    )
    if variable is None:
        stance = "a table row whose variable is not certain"
    elif _BARE_FUNCTION.search(function) or _BARE_FUNCTION.search(derivative):
        stance = "a function name without a backslash (exp, log) in a table row"
    body = derivative
    if name and variable:
        applied = re.compile(rf"{re.escape(name)}\s*\(\s*{variable}\s*\)")
        body = applied.sub(lambda _: rf"\left({function}\right)", derivative)
    latex = rf"\frac{{d}}{{d{variable or 'x'}}}\left({function}\right) = {body}"
    return _Piece(latex, offset, offset, offset, display=True, pinned=True, stance=stance)


# --- LaTeX ---------------------------------------------------------------------------------------

_SECTION = re.compile(
    r"\\(part|chapter|section|subsection|subsubsection|paragraph)\*?\s*(?:\[[^\]]*\])?\s*\{([^{}]*)\}"
)
_SECTION_LEVEL = {
    "part": 0,
    "chapter": 1,
    "section": 2,
    "subsection": 3,
    "subsubsection": 4,
    "paragraph": 5,
}
_EXERCISE_ENV = re.compile(
    r"\\begin\{(exercise|problem|question|quiz)\*?\}.*?\\end\{\1\*?\}", re.S | re.I
)


def _scan_tex(text: str, path: str) -> _Scanned:
    starts = _line_starts(text)
    markers = []
    for m in _TEX_MARKER.finditer(text):
        line = bisect_right(starts, m.start())
        found = _marker("derive:" + m.group(1), m.start(), line, f"{path}:")
        if found is not None:
            markers.append(found)
    clean = _TEX_COMMENT.sub(lambda m: " " * len(m.group(0)), text)
    headings = [
        (m.start(), _SECTION_LEVEL[m.group(1)], " ".join(m.group(2).split()))
        for m in _SECTION.finditer(clean)
    ]
    exercises = [(m.start(), m.end()) for m in _EXERCISE_ENV.finditer(clean)]
    pieces = [_with_label(p, clean) for p in _scan(clean)]
    return _Scanned(clean, pieces, headings, markers, exercises)


# --- the prose around math: questions, exercises, suppositions ------------------------------------

_NOISE = re.compile(
    r"\*\*|__|^\s*(?:[-+*]|\d+[.)])\s+|^\s*#{1,6}\s.*$|\\(?:begin|end)\{[^}]*\}"
    r"|\\(?:part|chapter|(?:sub)*section|paragraph)\*?\{[^}]*\}|(?<!\S)>+(?!\S)",
    re.M,
)
_ENDS = re.compile(r"(?<=[.!?])\s+|(?<=[。！？；;])")
_EXERCISE_START = re.compile(
    r"^(?:(?:exercises?|problems?|homework|quiz(?:zes)?|practice(?: problems| exercises)?"
    r"|self[- ]?check|(?:review |practice |check )?questions|try it(?: yourself)?"
    r"|test yourself|check yourself|check your understanding"
    r"|(?:spot|find) the (?:error|mistake)s?|练习|习题|思考题|作业|自测)(?:\s*\d[\d.]*)?"
    r"\s*(?:[:：.)]|$)|true or false)",
    re.I,
)
_EXERCISE_IMPERATIVE = re.compile(
    r"^(?:show|prove|verify|check|derive) that\b"
    r"|^(?:decide|determine|check|verify|say|state|tell) (?:whether|if)\b"
    r"|^(?:find|spot|locate|identify) (?:the |an? )?(?:error|mistake|flaw|bug)s?\b"
    r"|^which (?:of the following|of these|one)\b"
    r"|^(?:证明|试证|求证|判断|指出|找出)",
    re.I,
)
# Prose that calls the math next to it wrong: before it ("The following is false:", "It is not
# true that", "A common mistake is") or after it ("… which is wrong.").
_WRONG_BEFORE = re.compile(
    r"\b(?:is|are) (?:false|wrong|incorrect|not (?:true|correct|right))\b"
    r"|\bnot (?:true|correct|the case) that\b"
    r"|\b(?:common|typical|frequent|classic) (?:mistake|error|slip|pitfall)s?\b"
    r"|\b(?:wrong|incorrect|erroneous|mistaken) "
    r"(?:version|derivative|result|answer|step|claim|shortcut|gradient|formula)"
    r"|\bconfus\w+ [^.]*\band (?:write|writes|get|obtain)\b"
    r"|\boften (?:write|writes|claim|get)\b"
    r"|\b(?:the|a|an) (?:wrong|incorrect|erroneous|false)\s*:?$"
    r"|错误的|是错的|不对|不成立|常见(?:的)?错误|典型(?:的)?错误|易错",
    re.I,
)
_WRONG_AFTER = re.compile(
    r"^(?:which|this|that|it) (?:is|was) "
    r"(?:false|wrong|incorrect|a mistake|an error|not (?:true|correct|right))\b"
    r"|^(?:wrong|false|incorrect)[.!]|^(?:这是错的|这是错误的|这不对)",
    re.I,
)
_SUPPOSE = re.compile(
    r"^(?:if|suppose|supposing|assume|assuming|let|when|given)\b|^(?:假设|假定|如果|若|设(?![计置备定立施]))",
    re.I,
)
_CONSEQUENCE = re.compile(
    r"[,，;；]|\b(?:then|we (?:get|have|obtain|find)|gives|yields|becomes|i\.e\.|that is)\b"
    r"|则|得|即|有",
    re.I,
)
_QUESTION_BEFORE = re.compile(
    r"(?:\b(?:following|below|true|false|correct|hold|holds|right|wrong|valid)|下列|以下|对吗|是否成立)"
    r"\W*[?？]$",
    re.I,
)
_CONTINUATION = re.compile(r"^(?:and|or|and also|as well as|以及|和|与|及)?$", re.I)


def _prose(text: str) -> str:
    return " ".join(_NOISE.sub(" ", text).split())


def _paragraph_before(clean: str, lower: int, start: int, *, skip: int = 0) -> str:
    """The paragraph of prose between the math before (``lower``) and this math (``start``);
    ``skip``: that many paragraphs further back."""
    segment = clean[lower:start]
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", segment) if p.strip()]
    return _prose(paragraphs[-1 - skip]) if len(paragraphs) > skip else ""


#: A paragraph that is only the label of an option: (a), b), (iii), A.
_LABEL = re.compile(r"^\(?(?:[a-hA-H]|[ivx]{1,4}|\d{1,2})[.)]$")


def _sentence_after(clean: str, end: int, upper: int, *, paragraphs: bool = False) -> str:
    """The sentence right after the math, in its paragraph (``paragraphs``: in the prose up to
    the next math, across blank lines)."""
    segment = clean[end:upper]
    if not paragraphs:
        segment = re.split(r"\n[ \t]*\n", segment, maxsplit=1)[0]
    after = _prose(segment)
    found = re.search(r"[.!?。！？]", after)
    return after[: found.end()] if found else after


def _last_sentence(paragraph: str) -> str:
    sentences = [s for s in _ENDS.split(paragraph) if s.strip()]
    return sentences[-1].strip() if sentences else ""


def _last_clause(sentence: str) -> str:
    """The clause that leads into the math: "in fact" in "A common mistake is to think it is
    hard; in fact" (the mistake is not this math)."""
    parts = re.split(
        r"[;,，；]|\b(?:but|however|in fact|yet|although|instead)\b", sentence, flags=re.I
    )
    return parts[-1]


def _stance(paragraph: str, after: str, section: tuple[str, ...], inline_math: bool) -> str:
    """Why the math is not a claim ('' when it is asserted)."""
    if section and _EXERCISE_START.match(section[-1]):
        return EXERCISE
    if _EXERCISE_START.match(paragraph):
        return EXERCISE
    sentence = _last_sentence(paragraph)
    unfinished = bool(sentence) and not re.search(r"[.!?。！？]$", sentence)
    own = sentence if unfinished else ""
    if _EXERCISE_IMPERATIVE.match(own):
        return EXERCISE
    if after.rstrip().endswith(("?", "？")) and (
        not inline_math or not re.search(r"[.!。！]", after)
    ):
        return ASKED
    why = re.match(r"(?:why|how|为什么|为何|怎么)", sentence, re.I)
    if not unfinished and not why and _QUESTION_BEFORE.search(sentence):
        return ASKED
    if own and _WRONG_BEFORE.search(_last_clause(own)):
        return SHOWN_WRONG
    if own and _SUPPOSE.match(own) and not _CONSEQUENCE.search(own[1:]):
        return SUPPOSITION
    return ""


def _shown_wrong(paragraph: str) -> str:
    """SHOWN_WRONG when the unfinished sentence that ends ``paragraph`` calls what follows it
    wrong ("A common error is:"), else ''."""
    sentence = _last_sentence(paragraph)
    if not sentence or re.search(r"[.!?。！？]$", sentence):
        return ""
    return SHOWN_WRONG if _WRONG_BEFORE.search(_last_clause(sentence)) else ""


# --- sign conditions the sentence states: "for $x > 0$", "When $x < 0$, …" -----------------------

#: A sign condition on one variable, as inline math: ``x > 0``, ``t \geq 0``, ``x \neq 0``.
SIGN_CONDITION = re.compile(
    r"^\s*([A-Za-z])\s*(>|<|\\gt|\\lt|\\geq?|\\leq?|\\geqslant|\\leqslant|\\neq?|≥|≤|≠)"
    r"\s*(-?\d{1,6})\s*[.,;]?\s*$"
)
# Between a claim and the condition after it: "… = 1 for $x > 0$", "… holds whenever $x > 0$".
_CONDITION_AFTER = re.compile(
    r"^[\s,;]*(?:(?:which |this |it |and )?(?:holds|is true|is valid|applies)\s+)?"
    r"(?:for(?: all| every| any)?|when(?:ever)?|if|provided(?: that)?|as long as|where)\s*$",
    re.I,
)
# A condition that opens the sentence of the claim: "For $x > 0$ we have", "When $x < 0$, ".
_CONDITION_OPENS = re.compile(
    r"(?:^|[.!?:]\s+)(?:for(?: all| every| any)?|when(?:ever)?|if|provided(?: that)?|assuming"
    r"|given)\s*$",
    re.I,
)
_CONDITION_THEN = re.compile(
    r"^[\s,]*(?:(?:then|so)\s*,?\s*)?(?:(?:we|one) (?:have|get|find|obtain)|it holds that)?"
    r"[\s,:]*$",
    re.I,
)


# A condition written at the end of the math itself: "…, \quad x > 0", "… \text{ for } x < 0".
_TRAILING_CONDITION = re.compile(
    r"(?:,\s*|\\[,;]\s*|\\q?quad\s*)+"
    r"(?:\\(?:text|mbox|mathrm)\s*\{\s*(?:for|if|when|whenever)\s*\}\s*)?"
    r"\(?\s*([A-Za-z]\s*(?:>|<|\\gt|\\lt|\\geq?|\\leq?|\\geqslant|\\leqslant|\\neq?)\s*-?\d{1,6})"
    r"\s*\)?"
    r"\s*[.,;]?\s*$"
    r"|\s*\\(?:text|mbox)\s*\{\s*(?:for|if|when|whenever)\s*\}\s*"
    r"([A-Za-z]\s*(?:>|<|\\gt|\\lt|\\geq?|\\leq?|\\geqslant|\\leqslant|\\neq?)\s*-?\d{1,6})"
    r"\s*[.,;]?\s*$"
)


def _trailing_condition(text: str) -> tuple[str, str]:
    """The math without a sign condition written at its end, and that condition:
    ``("f'(x) = 1", "x > 0")`` for ``f'(x) = 1, \\quad x > 0``; else ``(text, "")``."""
    if "\\\\" in text or "&" in text:  # rows of an environment: each would need its own
        return text, ""
    found = _TRAILING_CONDITION.search(text)
    if found is None or (not found.group(1) and not found.group(2)):
        return text, ""
    return text[: found.start()], (found.group(1) or found.group(2)).strip()


def _condition_of(clean: str, pieces: Sequence[_Piece], k: int) -> str:
    """The sign condition (the LaTeX of an inline piece such as ``x > 0``) that the sentence of
    piece ``k`` states for it: right after it ("= 1 for $x > 0$"), or opening its sentence
    ("For $x > 0$ we have $$…$$"); empty when there is none."""
    piece = pieces[k]
    if SIGN_CONDITION.match(piece.text):
        return ""
    if k + 1 < len(pieces):
        after = pieces[k + 1]
        between = clean[piece.end : after.start]
        words = _prose(between)
        if (
            not after.display
            and SIGN_CONDITION.match(after.text)
            and (piece.display or not re.search(r"\n[ \t]*\n", between))
            and words[:1].islower()  # the sentence goes on: "… holds whenever", not "For"
            and _CONDITION_AFTER.match(words)
        ):
            return after.text.strip(" .,;")
    if k > 0:
        before = pieces[k - 1]
        between = clean[before.end : piece.start]
        opening = clean[pieces[k - 2].end if k > 1 else 0 : before.start]
        opening = re.split(r"\n[ \t]*\n", opening)[-1]
        if (
            not before.display
            and SIGN_CONDITION.match(before.text)
            and (piece.display or not re.search(r"\n[ \t]*\n", between))
            and _CONDITION_THEN.match(_prose(between))
            and _CONDITION_OPENS.search(_prose(opening))
        ):
            return before.text.strip(" .,;")
    return ""


# --- the document -----------------------------------------------------------------------------


def _section(
    headings: Sequence[tuple[int, int, str]], offset: int, start: tuple[str, ...] = ()
) -> tuple[str, ...]:
    path: list[tuple[int, str]] = [(0, title) for title in start]
    for at, level, title in headings:
        if at > offset:
            break
        while path and path[-1][0] >= level:
            path.pop()
        path.append((level, title))
    return tuple(title for _, title in path)


def _shifted(scanned: _Scanned, base: int) -> _Scanned:
    pieces = [
        replace(p, offset=p.offset + base, start=p.start + base, end=p.end + base)
        for p in scanned.pieces
    ]
    return _Scanned(
        scanned.clean,
        pieces,
        [(at + base, level, title) for at, level, title in scanned.headings],
        [replace(m, offset=m.offset + base) for m in scanned.markers],
        [(a + base, b + base) for a, b in scanned.exercises],
    )


def _assemble(
    path: str, text: str, parts: Sequence[_Scanned], cells: Sequence[tuple[int, int]] = ()
) -> Document:
    """The blocks of a document from its scanned parts (one, or a notebook's cells), located."""
    clean = "\n\n".join(part.clean for part in parts)
    pieces = [p for part in parts for p in part.pieces]
    headings = [h for part in parts for h in part.headings]
    markers = sorted((m for part in parts for m in part.markers), key=lambda m: m.offset)
    exercises = [e for part in parts for e in part.exercises]
    document = Document(
        path, text, (), tuple(_line_starts(text)), tuple(cells), tuple(sorted(headings))
    )
    blocks: list[Block] = []
    previous_end, previous_stance = 0, ""
    display_end = 0  # the prose before a display block runs from the display block before it
    pending: _Marker | None = None
    used = 0
    for k, piece in enumerate(pieces):
        while used < len(markers) and markers[used].offset < piece.start:
            pending, used = markers[used], used + 1
        marker = ""
        if piece.display and pending is not None:
            marker, pending = pending.text, None
        section = _section(headings, piece.start)
        segment = clean[previous_end : piece.start]
        paragraph = _paragraph_before(clean, previous_end, piece.start)
        upper = pieces[k + 1].start if k + 1 < len(pieces) else len(clean)
        stance = piece.stance
        if not stance and any(a <= piece.start < b for a, b in exercises):
            stance = EXERCISE
        if not stance and piece.pinned:
            stance = EXERCISE if section and _EXERCISE_START.match(section[-1]) else ""
        elif not stance:
            same_paragraph = k > 0 and not re.search(r"\n[ \t]*\n|\\(?:begin|end)\{", segment)
            if same_paragraph and previous_stance == EXERCISE:
                stance = EXERCISE
            elif same_paragraph and previous_stance and _CONTINUATION.match(_prose(segment)):
                stance = previous_stance
            else:
                after = _sentence_after(clean, piece.end, upper)
                if _LABEL.match(paragraph):  # "(b) $$…$$": the option of the question before
                    paragraph = _paragraph_before(clean, previous_end, piece.start, skip=1)
                    if not paragraph and previous_stance in (ASKED, EXERCISE):
                        stance = previous_stance
                stance = stance or _stance(paragraph, after, section, piece.display)
                if not stance and piece.display and display_end < previous_end:
                    # the sentence that leads into a display may hold inline math ("A common
                    # error treats the bias like a weight with input $x$:")
                    stance = _shown_wrong(_paragraph_before(clean, display_end, piece.start))
                following = _sentence_after(clean, piece.end, upper, paragraphs=True)
                if not stance and _WRONG_AFTER.match(following.strip(" ,;")):
                    stance = SHOWN_WRONG
        if marker.startswith("expect"):  # the author says it is a claim: the prose cannot veto
            stance = ""
        called_wrong = False
        if stance == SHOWN_WRONG:  # "A common slip drops the 2:", "… which is wrong."
            stance = ""
            if not marker:
                marker, called_wrong = "expect refuted", True
        text, condition = _trailing_condition(piece.text) if not piece.pinned else (piece.text, "")
        blocks.append(
            Block(
                text=text,
                offset=piece.offset,
                display=piece.display,
                line=document.line(piece.offset),
                location=document.where(piece.offset),
                section=section,
                before=_last_sentence(
                    _paragraph_before(clean, display_end, piece.start)
                    if piece.display
                    else paragraph
                ),
                tag=piece.tag,
                stance=stance,
                marker=marker,
                pinned=piece.pinned,
                called_wrong=called_wrong,
                condition=condition or _condition_of(clean, pieces, k),
            )
        )
        previous_end, previous_stance = piece.end, stance
        display_end = piece.end if piece.display else display_end
    return replace(document, blocks=tuple(blocks))


def markdown(text: str, path: str = "<string>") -> Document:
    """The math blocks of a Markdown (or MyST) document."""
    return _assemble(path, text, [_scan_markdown(text, f"{path}:")])


def tex(text: str, path: str = "<string>") -> Document:
    """The math blocks of a LaTeX document (``%`` comments are not read)."""
    return _assemble(path, text, [_scan_tex(text, path)])


def notebook(text: str, path: str = "<string>") -> Document:
    """The math blocks of the Markdown cells of a Jupyter notebook (JSON text)."""
    import nbformat  # deferred: jsonschema and traitlets load only when a notebook is read

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = nbformat.reads(text, as_version=4)  # type: ignore[no-untyped-call]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DocumentError(f"{path}: not a Jupyter notebook ({_short(exc)})") from None
    cells = getattr(book, "cells", None)
    if not isinstance(cells, list):
        raise DocumentError(f"{path}: not a Jupyter notebook (no cells)")
    parts: list[_Scanned] = []
    starts: list[tuple[int, int]] = []
    joined: list[str] = []
    base = 0
    for number, cell in enumerate(cells, start=1):
        source = cell.get("source", "") if isinstance(cell, dict) else ""
        if isinstance(source, list):
            source = "".join(str(s) for s in source)
        if cell.get("cell_type") != "markdown" or not isinstance(source, str):
            continue
        parts.append(_shifted(_scan_markdown(source, f"{path}:cell {number}:line "), base))
        starts.append((base, number))
        joined.append(source)
        base += len(source) + 2
    return _assemble(path, "\n\n".join(joined), parts, starts)


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__


def parse(text: str, path: str = "<string>", kind: str = "markdown") -> Document:
    """The math blocks of a document of ``kind`` (markdown, tex or notebook)."""
    if kind == "tex":
        return tex(text, path)
    if kind == "notebook":
        return notebook(text, path)
    return markdown(text, path)
