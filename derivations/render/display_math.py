r"""Displayed equations that fit the page: a long equation broken into aligned rows.

A display of the LaTeX book is printed as one ``equation*`` when its estimated width fits the
line, and otherwise as ``align*`` rows (which can also break across pages). The rule is general,
on the printed LaTeX: the equation is cut before its relations (``=``, ``\leq``, ...) and its
binary operators (``+``, ``-``, ``\cdot``, ...), at any depth of ``\left ... \right``
delimiters but never inside a braced group; a row that ends inside delimiters closes them with
``\right.`` and the next row opens them again with ``\left.``. Each row is filled greedily,
preferring the shallowest cut that still fills half of it. A fraction too wide to stand on one
row is printed as its reciprocal denominator times its numerator in parentheses, which can
then break (the same value).

Widths are estimates in points at the book's 11pt (a letter about 6pt, a binary operator with
its spaces about 13pt); the book's test measures the real boxes.

>>> print(display_math("a = b"))
\begin{equation*}
a = b
\end{equation*}
>>> print(display_math(" + ".join(f"x_{{{i}}}" for i in range(12)), width=150))
\begin{align*}
&x_{0} + x_{1} + x_{2} + x_{3} + x_{4} + x_{5} \\
&\quad + x_{6} + x_{7} + x_{8} + x_{9} + x_{10} \\
&\quad + x_{11}
\end{align*}
>>> print(display_math(r"L = \sigma\left(a_{1} + a_{2} + a_{3} + a_{4} + a_{5}\right) b", 150))
\begin{align*}
&L = \sigma \left( a_{1} + a_{2} + a_{3} + a_{4}\right. \\
&\quad \left.{}+ a_{5} \right) b
\end{align*}
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The width of a displayed row in points (the book's text is 489pt wide; the estimate is rough).
ROW_WIDTH = 420.0

_RELATIONS = frozenset(
    {"=", "<", ">", r"\leq", r"\geq", r"\le", r"\ge", r"\neq", r"\ne", r"\approx", r"\equiv"}
    | {r"\to", r"\sim", r"\propto", r"\Rightarrow", r"\Leftrightarrow", r"\iff"}
)
_OPERATORS = frozenset({"+", "-", r"\cdot", r"\times", r"\odot", r"\otimes", r"\pm", r"\mp"})
#: Commands whose braced arguments belong to them (their count).
_ARGUMENTS = {
    r"\frac": 2,
    r"\dfrac": 2,
    r"\tfrac": 2,
    r"\binom": 2,
    r"\sqrt": 1,
    r"\operatorname": 1,
    r"\text": 1,
    r"\mathrm": 1,
    r"\mathbf": 1,
    r"\mathit": 1,
    r"\mathcal": 1,
    r"\mathbb": 1,
    r"\mathsf": 1,
    r"\boldsymbol": 1,
    r"\hat": 1,
    r"\tilde": 1,
    r"\bar": 1,
    r"\vec": 1,
    r"\dot": 1,
    r"\ddot": 1,
    r"\overline": 1,
    r"\widehat": 1,
    r"\textrm": 1,
    r"\textbf": 1,
}
_TEXT_COMMANDS = frozenset({r"\operatorname", r"\text", r"\mathrm", r"\textrm", r"\textbf"})
_SPACES = {r"\quad": 11.0, r"\qquad": 22.0, r"\,": 2.0, r"\:": 2.5, r"\;": 3.0, r"\!": -2.0}
_BIG = frozenset({r"\sum", r"\prod", r"\int", r"\bigcup", r"\bigcap"})
#: Commands printed as upright words (their letters and a thin space).
_WORDS = frozenset(
    {r"\log", r"\ln", r"\exp", r"\sin", r"\cos", r"\tan", r"\tanh", r"\sinh", r"\cosh"}
    | {r"\max", r"\min", r"\arg", r"\det", r"\sup", r"\inf", r"\lim", r"\implies", r"\iff"}
)

_TOKEN = re.compile(r"\\[A-Za-z]+\s*|\\.|\s+|.", re.S)


def _tokens(latex: str) -> list[str]:
    return [
        t.rstrip() if t.startswith("\\") and t[1:2].isalpha() else t for t in _TOKEN.findall(latex)
    ]


def _join(tokens: list[str]) -> str:
    """Tokens as LaTeX again, a space after a control word that a letter follows."""
    out = []
    for index, token in enumerate(tokens):
        out.append(token)
        after = tokens[index + 1] if index + 1 < len(tokens) else ""
        if token[:1] == "\\" and token[1:2].isalpha() and after[:1].isalpha():
            out.append(" ")
    return "".join(out)


def _group_end(tokens: list[str], start: int) -> int:
    """The index after the ``}`` that closes the ``{`` at ``start``."""
    depth = 0
    for index in range(start, len(tokens)):
        if tokens[index] == "{":
            depth += 1
        elif tokens[index] == "}":
            depth -= 1
            if depth == 0:
                return index + 1
    raise ValueError("unbalanced braces")


def _environment_end(tokens: list[str], start: int) -> int:
    """The index after the ``\\end{...}`` that closes the ``\\begin{...}`` at ``start``."""
    depth = 0
    for index in range(start, len(tokens)):
        if tokens[index] == r"\begin":
            depth += 1
        elif tokens[index] == r"\end":
            depth -= 1
            if depth == 0:
                return _group_end(tokens, index + 1)
    raise ValueError("unbalanced environments")


@dataclass(frozen=True)
class Piece:
    """An unbreakable piece of an equation: ``kind`` is ``open`` (``\\left(``), ``close``
    (``\\right)`` with its scripts), ``relation``, ``operator`` or ``atom``."""

    kind: str
    latex: str
    width: float


def _argument(tokens: list[str], index: int) -> int:
    """The index after one argument (a braced group or one token) starting at ``index``."""
    while index < len(tokens) and tokens[index].isspace():
        index += 1
    if index >= len(tokens):
        return index
    return _group_end(tokens, index) if tokens[index] == "{" else index + 1


def _pieces(latex: str) -> list[Piece]:
    """``latex`` cut into pieces at the top level of its braces and environments."""
    tokens = _tokens(latex)
    pieces: list[Piece] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.isspace():
            index += 1
            continue
        if token in (r"\left", r"\right"):
            end = _argument(tokens, index + 1)
            kind = "open" if token == r"\left" else "close"
        elif token == r"\begin":
            end = _environment_end(tokens, index)
            kind = "atom"
        elif token == "{":
            end = _group_end(tokens, index)
            kind = "atom"
        elif token in _ARGUMENTS:
            end = index + 1
            if token == r"\sqrt" and end < len(tokens) and tokens[end] == "[":
                end = tokens.index("]", end) + 1
            for _ in range(_ARGUMENTS[token]):
                end = _argument(tokens, end)
            kind = "atom"
        else:
            end = index + 1
            kind = (
                "relation" if token in _RELATIONS else "operator" if token in _OPERATORS else "atom"
            )
        while end < len(tokens) and tokens[end] in ("^", "_", "'"):
            end = _argument(tokens, end + 1) if tokens[end] != "'" else end + 1
        text = _join(tokens[index:end])
        if pieces and kind == "atom" and text[0] in "^_'" and pieces[-1].kind in ("atom", "close"):
            last = pieces.pop()
            text, kind = last.latex + text, last.kind
        pieces.append(Piece(kind, text, width(text)))
        index = end
    return pieces


def width(latex: str) -> float:
    """The estimated width of math ``latex`` in points (display style, 11pt)."""
    tokens = _tokens(latex)
    return _width(tokens, 0, len(tokens))


def _width(tokens: list[str], start: int, stop: int) -> float:
    total = 0.0
    index = start
    while index < stop:
        token = tokens[index]
        if token.isspace() or token in ("{", "}", "&"):
            index += 1
            continue
        if token in ("^", "_"):
            end = _argument(tokens, index + 1)
            total += 0.7 * _width(tokens, index + 1, end)
            index = end
            continue
        if token == r"\begin":
            end = _environment_end(tokens, index)
            total += _environment_width(tokens, index, end)
            index = end
            continue
        if token in _ARGUMENTS:
            end = index + 1
            spans = []
            for _ in range(_ARGUMENTS[token]):
                after = _argument(tokens, end)
                spans.append(_width(tokens, end, after))
                end = after
            if token in (r"\frac", r"\dfrac", r"\tfrac", r"\binom"):
                total += 0.9 * max(spans) + 2.0
            elif token in _TEXT_COMMANDS:
                total += 0.95 * spans[0]
            else:
                total += sum(spans) + (8.0 if token == r"\sqrt" else 0.0)
            index = end
            continue
        if token in (r"\left", r"\right"):
            end = _argument(tokens, index + 1)
            total += 1.5 if _join(tokens[index + 1 : end]).strip() == "." else 6.5
            index = end
            continue
        total += _token_width(token)
        index += 1
    return total


def _environment_width(tokens: list[str], start: int, stop: int) -> float:
    """A matrix or cases: its widest cell of each column, and the space between columns."""
    body = _join(tokens[start:stop])
    inner = body[body.index("}") + 1 : body.rindex(r"\end")]
    columns: list[float] = []
    for row in _top_level_split(inner, r"\\"):
        for column, cell in enumerate(_top_level_split(row, "&")):
            cell_width = width(cell)
            if column < len(columns):
                columns[column] = max(columns[column], cell_width)
            else:
                columns.append(cell_width)
    return sum(columns) + 12.0 * len(columns) + 10.0


def _top_level_split(latex: str, separator: str) -> list[str]:
    """``latex`` split at ``separator`` outside braces, delimiters and nested environments."""
    tokens = _tokens(latex)
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for token in tokens:
        if token in ("{", r"\begin", r"\left"):
            depth += 1
        elif token in ("}", r"\end", r"\right"):
            depth -= 1
        if depth == 0 and token == separator:
            parts.append(_join(current))
            current = []
        else:
            current.append(token)
    parts.append(_join(current))
    return parts


def _token_width(token: str) -> float:
    if token in _RELATIONS:
        return 17.5
    if token in _OPERATORS:
        return 14.0
    if token in _SPACES:
        return _SPACES[token]
    if token in _BIG:
        return 16.0
    if token in (",", ";"):
        return 5.0
    if token in ("(", ")", "[", "]", "|", r"\{", r"\}", r"\|"):
        return 5.0
    if token in _WORDS:
        return 5.5 * (len(token) - 1) + 3.0
    if token.startswith("\\"):
        return 7.0 if len(token) > 2 else 4.0
    if token.isdigit():
        return 5.5
    return 6.5 if token.isalpha() else 5.5


def _unfolded(pieces: list[Piece], limit: float) -> list[Piece]:
    r"""Fractions, roots and powers of e wider than ``limit`` rewritten so that they can break,
    each as the same value: :math:`e^{a}` as :math:`\exp\left(a\right)`, :math:`\frac{a}{b}` as
    :math:`\frac{1}{b}\left(a\right)`, or as :math:`\left(a\right)\left(b\right)^{-1}` when
    :math:`b` is wide too, :math:`\sqrt{a}` as
    :math:`\left(a\right)^{\frac{1}{2}}`."""
    out: list[Piece] = []
    for piece in pieces:
        root = re.fullmatch(r"\\sqrt(\{.*\})", piece.latex, re.S)
        if piece.kind == "atom" and piece.width > limit and root is not None:
            tokens = _tokens(root[1])
            if _group_end(tokens, 0) == len(tokens):
                inner = _unfolded(_pieces(_join(tokens[1:-1])), limit)
                out.extend(_wrapped(inner, r"\right)^{\frac{1}{2}}"))
                continue
        power = re.fullmatch(r"e\^(\{.*\})", piece.latex, re.S)
        if piece.kind == "atom" and power is not None and width(power[1]) > 0.5 * limit:
            tokens = _tokens(power[1])
            if _group_end(tokens, 0) == len(tokens):
                out.append(Piece("atom", r"\exp", width(r"\exp")))
                out.extend(_wrapped(_unfolded(_pieces(_join(tokens[1:-1])), limit), r"\right)"))
                continue
        match = re.fullmatch(r"\\frac(\{.*)", piece.latex, re.S)
        if piece.kind != "atom" or piece.width <= limit or match is None:
            out.append(piece)
            continue
        tokens = _tokens(match[1])
        middle = _group_end(tokens, 0)
        if middle == len(tokens) or _group_end(tokens, middle) != len(tokens):
            out.append(piece)  # scripts after the fraction: left as it is
            continue
        numerator = _join(tokens[1 : middle - 1])
        denominator = _join(tokens[middle + 1 : -1])
        if width(denominator) > limit:
            if numerator.strip() != "1":
                out.extend(_wrapped(_unfolded(_pieces(numerator), limit), r"\right)"))
            out.extend(_wrapped(_unfolded(_pieces(denominator), limit), r"\right)^{-1}"))
            continue
        out.append(Piece("atom", rf"\frac{{1}}{{{denominator}}}", width(denominator) + 2.0))
        out.extend(_wrapped(_unfolded(_pieces(numerator), limit), r"\right)"))
    return out


def _wrapped(inner: list[Piece], close: str) -> list[Piece]:
    """``inner`` in parentheses (``close`` ends them), unless it is already parenthesised and
    nothing is to follow the closing one."""
    if close == r"\right)" and _parenthesised(inner):
        return inner
    return [Piece("open", r"\left(", 5.0), *inner, Piece("close", close, 9.0)]


def _parenthesised(pieces: list[Piece]) -> bool:
    """Whether ``pieces`` are one ``\\left ... \\right`` pair with no script after it."""
    if not pieces or pieces[0].kind != "open" or pieces[-1].kind != "close":
        return False
    if not re.fullmatch(r"\\right\S{1,2}", pieces[-1].latex):
        return False
    depth = 0
    for piece in pieces[:-1]:
        depth += {"open": 1, "close": -1}.get(piece.kind, 0)
        if depth == 0:
            return False
    return True


def _breakable(pieces: list[Piece]) -> bool:
    """Whether the equation is a plain sequence this module may lay out in rows."""
    return not any(p.latex in ("&", r"\\", r"\tag", r"\label", r"\nonumber") for p in pieces)


def rows(latex: str, limit: float = ROW_WIDTH) -> list[str]:
    r"""The rows of ``latex`` laid out in ``limit`` points, each starting with its ``&``
    (one row when it fits). A matrix too wide for a row is printed with named entries,
    :math:`E_{1,1}`, ..., each then given on rows of its own after ``where``."""
    pieces = _pieces(latex)
    if sum(p.width for p in pieces) <= limit or not _breakable(pieces):
        return ["&" + latex.strip()]
    pieces, entries = _named_entries(pieces, limit, latex)
    laid = _laid(_unfolded(pieces, 0.5 * limit), limit)
    if entries:
        laid[-1] += r", \quad\text{where}"
    for name, cell in entries:
        laid.extend(rows(f"{name} = {cell}", limit))
    return laid


def _named_entries(
    pieces: list[Piece], limit: float, latex: str
) -> tuple[list[Piece], list[tuple[str, str]]]:
    """Each matrix wider than ``limit`` with its entries replaced by names (a letter not in
    ``latex`` with the entry's row and column), and the entries by name."""
    letters = iter(c for c in "EFGHMNPQRSTUVABCD" if f"{c}_{{" not in latex)
    out: list[Piece] = []
    entries: list[tuple[str, str]] = []
    for piece in pieces:
        match = re.fullmatch(r"\\begin\{(p?matrix)\}(.*)\\end\{\1\}", piece.latex, re.S)
        letter = next(letters, "") if match is not None and piece.width > limit else ""
        if match is None or not letter:
            out.append(piece)
            continue
        table = [_top_level_split(row, "&") for row in _top_level_split(match[2], r"\\")]
        table = [row for row in table if any(cell.strip() for cell in row)]
        named = []
        for r, row in enumerate(table, start=1):
            names = []
            for c, cell in enumerate(row, start=1):
                name = f"{letter}_{{{r},{c}}}"
                names.append(name)
                entries.append((name, cell.strip()))
            named.append(" & ".join(names))
        shown = rf"\begin{{{match[1]}}}" + r"\\".join(named) + rf"\end{{{match[1]}}}"
        out.append(Piece("atom", shown, width(shown)))
    return out, entries


def _laid(pieces: list[Piece], limit: float) -> list[str]:
    """``pieces`` filled into rows of ``limit`` points (see :func:`_row_end`)."""
    depths = []
    depth = 0
    for piece in pieces:
        if piece.kind == "close":
            depth -= 1
        depths.append(depth)
        if piece.kind == "open":
            depth += 1
    out: list[str] = []
    start = 0
    indent = 0.0
    open_stack: list[str] = []
    while start < len(pieces):
        available = limit - indent - 12.0 * len(open_stack)
        end = _row_end(pieces, depths, start, available)
        row = pieces[start:end]
        reopen = "".join(r"\left.{}" for _ in open_stack)
        for piece in row:
            if piece.kind == "open":
                open_stack.append(piece.latex)
            elif piece.kind == "close" and open_stack:
                open_stack.pop()
        close = "".join(r"\right." for _ in open_stack)
        body = " ".join(p.latex for p in row)
        lead = "&" if not out else r"&\quad "
        out.append(f"{lead}{reopen}{body}{close}".rstrip())
        indent = 11.0
        start = end
    return out


def _row_end(pieces: list[Piece], depths: list[int], start: int, available: float) -> int:
    """Where the row beginning at ``start`` ends: the whole rest when it fits; else before a
    relation or operator that still fits, the shallowest such cut among those filling at least
    half the row, the last one at that depth; else between two factors of a product; at least
    one piece."""
    used = 0.0
    cuts: list[tuple[int, float]] = []
    products: list[tuple[int, float]] = []
    for index in range(start, len(pieces)):
        piece = pieces[index]
        if index > start and used <= available:
            if piece.kind in ("relation", "operator") and _binary(pieces, index):
                cuts.append((index, used))
            elif piece.kind in ("atom", "open") and pieces[index - 1].kind in ("atom", "close"):
                products.append((index, used))
        used += piece.width
    if used <= available:
        return len(pieces)
    full = [c for c in cuts if c[1] >= available / 2]
    if not full:
        full = [c for c in products if c[1] >= available / 2] or cuts or products
    if not full:
        return _first_cut_after(pieces, start)
    shallowest = min(depths[index] for index, _ in full)
    return max(index for index, _ in full if depths[index] == shallowest)


def _first_cut_after(pieces: list[Piece], start: int) -> int:
    """The first cut after ``start`` (a row too wide, where nothing fits)."""
    for index in range(start + 1, len(pieces)):
        if pieces[index].kind in ("relation", "operator") and _binary(pieces, index):
            return index
    return len(pieces)


def _binary(pieces: list[Piece], index: int) -> bool:
    """Whether the operator at ``index`` stands between two operands (not a sign)."""
    before = pieces[index - 1]
    return before.kind in ("atom", "close")


def display_math(latex: str, width: float = ROW_WIDTH) -> str:
    """A LaTeX display of the equation ``latex``: ``equation*`` when it fits, else
    ``align*`` rows."""
    laid = rows(latex, width)
    if len(laid) == 1:
        return "\\begin{equation*}\n" + laid[0].removeprefix("&") + "\n\\end{equation*}"
    return "\\begin{align*}\n" + " \\\\\n".join(laid) + "\n\\end{align*}"


def inline_math(latex: str, width_: float = ROW_WIDTH) -> str:
    r"""Math ``latex`` within a line of text: ``$...$`` when it is short; else cut at its
    top-level commas into formulas TeX can put on separate lines, and a part still too wide
    for a line displayed on its own rows.

    >>> inline_math("u = x")
    '$u = x$'
    """
    if width(latex) <= width_ / 2:
        return f"${latex}$"
    parts = [part.strip().removeprefix("\\ ").strip() for part in _top_level_split(latex, ",")]
    return ", ".join(
        f"${part}$" if width(part) <= 0.6 * width_ else display_math(part, width_)
        for part in parts
        if part
    )
