r"""Matrix literals: ``\begin{bmatrix} … \end{bmatrix}`` and ``pmatrix``, as explicit matrices.

A literal's rows are separated by ``\\`` and its cells by ``&`` (at the top level: a cell may
hold braces and fractions). Every cell is read by the caller (the vector parser), so a literal
is an explicit SymPy matrix of its entries.

Dots stand for entries only where the pattern is certain: a column ``a_1 \\ \vdots \\ a_n``
or a row ``a_1 & \cdots & a_n`` of exactly three cells whose first and last entries are the
same expression of one index, 1 in the first and a size in the last (:func:`ellipsis_pattern`).
Any other use of dots (``\ddots``, dots between two numbers, dots in a bigger block) is not
read.

>>> [len(r) for r in split_cells(tokens_of(r"a & b \\ c & d"))]
[2, 2]
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from derivations.read.latex import Token, Unreadable, size_symbol, tokenize

#: The environments read as matrix literals (a ``vmatrix`` is a determinant: not read).
LITERALS = frozenset({"bmatrix", "pmatrix", "Bmatrix", "matrix", "smallmatrix"})
DOTS = frozenset({"vdots", "cdots", "ldots", "dots", "ddots"})
#: The most cells a literal may have (a bigger one is not a formula of notes).
MAX_CELLS = 64


def tokens_of(text: str) -> list[Token]:
    """The tokens of ``text`` (for the doctests)."""
    return tokenize(text)


def environment_name(tokens: Sequence[Token], start: int) -> tuple[str, int]:
    """The name of the environment opened by ``\\begin`` at ``start`` and the index after it."""
    if start + 1 >= len(tokens) or tokens[start + 1].text != "{":
        raise Unreadable("\\begin without an environment name", tokens[start].offset)
    k = start + 2
    name = ""
    while k < len(tokens) and tokens[k].text != "}":
        name += tokens[k].text
        k += 1
    if k >= len(tokens):
        raise Unreadable("\\begin{ without its }", tokens[start].offset)
    return name, k + 1


def literal_body(tokens: Sequence[Token], start: int) -> tuple[str, list[Token], int]:
    """The environment's name, its body and the index after its ``\\end{name}``."""
    name, k = environment_name(tokens, start)
    depth = 0
    body_start = k
    while k < len(tokens):
        tok = tokens[k]
        if tok.kind == "cmd" and tok.text == "begin":
            depth += 1
        elif tok.kind == "cmd" and tok.text == "end":
            if depth == 0:
                closing, after = environment_name(tokens, k)
                if closing != name:
                    raise Unreadable(f"\\begin{{{name}}} ended by \\end{{{closing}}}", tok.offset)
                return name, list(tokens[body_start:k]), after
            depth -= 1
        k += 1
    raise Unreadable(f"\\begin{{{name}}} without its \\end", tokens[start].offset)


def split_cells(body: Sequence[Token]) -> list[list[list[Token]]]:
    """Rows of cells: split at the top-level ``\\\\`` and ``&``; a last empty row is dropped."""
    rows: list[list[list[Token]]] = [[[]]]
    depth = 0
    for tok in body:
        if tok.kind == "char" and tok.text == "{":
            depth += 1
        elif tok.kind == "char" and tok.text == "}":
            depth -= 1
        elif tok.kind == "cmd" and tok.text == "begin":
            depth += 1
        elif tok.kind == "cmd" and tok.text == "end":
            depth -= 1
        if depth == 0 and tok.kind == "cmd" and tok.text == "\\":
            rows.append([[]])
            continue
        if depth == 0 and tok.kind == "char" and tok.text == "&":
            rows[-1].append([])
            continue
        rows[-1][-1].append(tok)
    if len(rows) > 1 and rows[-1] == [[]]:
        rows.pop()
    return rows


def is_dots(cell: Sequence[Token]) -> bool:
    return len(cell) == 1 and cell[0].kind == "cmd" and cell[0].text in DOTS


def dots_layout(rows: list[list[list[Token]]]) -> str | None:
    """``"column"`` for ``a \\\\ \\vdots \\\\ b``, ``"row"`` for ``a & \\cdots & b``, None for
    a literal without dots; Unreadable for dots in any other place."""
    cells = [c for row in rows for c in row]
    if not any(is_dots(c) for c in cells):
        return None
    if (
        len(rows) == 3
        and all(len(r) == 1 for r in rows)
        and is_dots(rows[1][0])
        and rows[1][0][0].text == "vdots"
        and not any(is_dots(r[0]) for r in (rows[0], rows[2]))
    ):
        return "column"
    if (
        len(rows) == 1
        and len(rows[0]) == 3
        and is_dots(rows[0][1])
        and rows[0][1][0].text != "vdots"
        and not any(is_dots(c) for c in (rows[0][0], rows[0][2]))
    ):
        return "row"
    raise Unreadable("dots in a matrix literal whose pattern is not certain", cells[0][0].offset)


def ellipsis_pattern(first: sp.Expr, last: sp.Expr) -> tuple[sp.Symbol, sp.Lambda]:
    """The size ``N`` and the entry ``k ↦ e(k)`` (1-based) of ``first, …, last``: ``last``
    has components at one symbolic index ``N`` (``x[N]``), and ``first`` is ``last`` with
    ``N = 1``. Unreadable otherwise.

    >>> x = sp.IndexedBase("x")
    >>> n = size_symbol("n")
    >>> ellipsis_pattern(2 * x[1], 2 * x[n])
    (n, Lambda(_k, 2*x[_k]))
    """
    indices = {i for a in last.atoms(sp.Indexed) for i in a.indices}
    if len(indices) != 1:
        raise Unreadable("the last entry before the dots is not indexed by one size")
    (index,) = indices
    if not isinstance(index, sp.Symbol):
        raise Unreadable("the last entry before the dots is not indexed by one size")
    size = size_symbol(index.name)
    outside = last.xreplace({a: sp.S.Zero for a in last.atoms(sp.Indexed)})
    if index in outside.free_symbols:
        raise Unreadable(f"the size {index} appears outside the indices of the last entry")
    k = sp.Dummy("k", integer=True, positive=True)
    entry = last.xreplace({a: a.func(a.base, k) for a in last.atoms(sp.Indexed)})
    if sp.simplify(entry.xreplace({k: sp.S.One}) - first) != 0:
        raise Unreadable("the first and last entries around the dots are not one pattern")
    return size, sp.Lambda(k, entry)


__all__ = (
    "DOTS",
    "LITERALS",
    "MAX_CELLS",
    "dots_layout",
    "ellipsis_pattern",
    "environment_name",
    "is_dots",
    "literal_body",
    "split_cells",
)
