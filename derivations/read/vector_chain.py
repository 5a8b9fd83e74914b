r"""The chain rule in vector notation through maps the notes never define:
``∂L/∂\mathbf{w} = ∂L/∂\mathbf{h}\; ∂\mathbf{h}/∂\mathbf{w}``.

A side that is a product of derivatives, each of one letter (a scalar) or one bold vector by
another, is a product of Jacobians. In numerator layout ∂z/∂x has the entries ∂z_a/∂x_b (z's
components down, x's across) and a scalar's derivative is a row; in denominator layout each is
the transpose. Each side is written entry by entry in index notation, a product summing over
the family where its factors meet. A product whose factors meet at different families has no
shape for every size of them, and gives no reading in that layout; neither do sides of
different shapes. The claim in index notation is read by
:mod:`derivations.read.undefined_chain`, which stands in linear maps for the undefined ones at
a size per family and decides it for every map. The layout is the one the document names, else
each layout that gives a reading; the claim holds when one reading is proved, and is never
refuted.

Only plain letters that the document does not state to be vectors are scalars; a letter
written both plain and bold, a superscript (``\mathbf{h}^{(i)}``), a transpose or anything
but products of such derivatives is not read here.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

import sympy as sp

from derivations.read.definitions import Visible
from derivations.read.latex import OPEN, Token, Unreadable, group_end, index_symbol
from derivations.read.undefined_chain import ChainStandIn, Said, chain_stand_in
from derivations.symbolic.matrix_calculus import NUMERATOR

_BOLD = frozenset({"mathbf", "vec", "boldsymbol", "bm"})
_FRACTIONS = frozenset({"frac", "dfrac", "tfrac"})

#: A name of the claim: its letter, and whether it is a vector.
Name = tuple[str, bool]
#: A matrix of the claim in index notation: its rows' family, its columns' family (None: one
#: row or column), and its entry at a row and a column index.
Matrix = tuple[str | None, str | None, Callable[[sp.Basic, sp.Basic], sp.Expr]]


def _group(tokens: list[Token], k: int) -> tuple[list[Token], int] | None:
    """The tokens inside the brace group at ``k``, and the index after it."""
    end = group_end(tokens, k)
    return (tokens[k + 1 : end - 1], end) if end > k else None


def _name(tokens: list[Token]) -> Name | None:
    """``L``, ``\\mathbf{h}``, ``\\vec h``."""
    texts = [t.text for t in tokens]
    if len(tokens) == 1 and tokens[0].kind == "letter":
        return texts[0], False
    if len(tokens) == 4 and texts[0] in _BOLD and texts[1] == "{" and texts[3] == "}":
        return (texts[2], True) if tokens[2].kind == "letter" else None
    if len(tokens) == 2 and texts[0] in _BOLD and tokens[1].kind == "letter":
        return texts[1], True
    return None


def _derivative(tokens: list[Token]) -> Name | None:
    """The name in ``\\partial NAME``."""
    if not tokens or tokens[0].kind != "cmd" or tokens[0].text != "partial":
        return None
    return _name(tokens[1:])


def factors(tokens: list[Token]) -> list[tuple[Name, Name]] | None:
    """The derivatives a side multiplies (``\\frac{\\partial L}{\\partial \\mathbf{h}}
    \\cdot …``), or None when the side is anything else."""
    found: list[tuple[Name, Name]] = []
    k = 0
    while k < len(tokens):
        tok = tokens[k]
        if tok.kind == "cmd" and tok.text == "cdot" and found:
            k += 1
            continue
        if tok.kind != "cmd" or tok.text not in _FRACTIONS:
            return None
        upper = _group(tokens, k + 1)
        lower = _group(tokens, upper[1]) if upper is not None else None
        if upper is None or lower is None:
            return None
        top, below = _derivative(upper[0]), _derivative(lower[0])
        if top is None or below is None:
            return None
        found.append((top, below))
        k = lower[1]
    return found or None


def _component(name: Name, index: sp.Basic) -> sp.Expr:
    letter, vector = name
    return sp.IndexedBase(letter)[index] if vector else sp.Symbol(letter, real=True)


def _jacobian(top: Name, below: Name, layout: str) -> Matrix:
    down, across = (top, below) if layout == NUMERATOR else (below, top)

    def entry(row: sp.Basic, column: sp.Basic) -> sp.Expr:
        if layout == NUMERATOR:
            return sp.Derivative(_component(top, row), _component(below, column))
        return sp.Derivative(_component(top, column), _component(below, row))

    return (down[0] if down[1] else None), (across[0] if across[1] else None), entry


def _product(
    found: list[tuple[Name, Name]], layout: str, fresh: Callable[[], sp.Symbol]
) -> tuple[str | None, str | None, Callable[[sp.Basic, sp.Basic], sp.Expr]] | None:
    """The product of the Jacobians, or None when two neighbours meet at different families."""
    matrices = [_jacobian(top, below, layout) for top, below in found]
    for (_, columns, _), (rows, _, _) in itertools.pairwise(matrices):
        if columns != rows:
            return None

    def entry(row: sp.Basic, column: sp.Basic) -> sp.Expr:
        indices: list[sp.Basic] = [row]
        limits = []
        for _, columns, _ in matrices[:-1]:
            if columns is None:
                indices.append(sp.Integer(1))
            else:
                t = fresh()
                indices.append(t)
                limits.append((t, 1, OPEN))
        indices.append(column)
        term = sp.Mul(*(m[2](indices[s], indices[s + 1]) for s, m in enumerate(matrices)))
        return sp.Sum(term, *reversed(limits)) if limits else term

    return matrices[0][0], matrices[-1][1], entry


def vector_chain_stand_in(
    sides: tuple[list[Token], list[Token]],
    layouts: Iterable[str],
    columns: frozenset[str],
    visible: Visible,
    said: Callable[[], Mapping[str, Iterable[Said]]],
    vectors: frozenset[str] = frozenset(),
) -> ChainStandIn | None:
    """The claim read in index notation in each layout that gives it a shape, through linear
    stand-ins; None when it is not a product of derivatives of names through vectors in every
    layout, or :mod:`derivations.read.undefined_chain` does not read it; ``columns``: the
    plain letters the document states to be vectors; ``vectors``: the names defined in vector
    notation where the claim stands (their definitions decide). :class:`Unreadable` when no
    layout gives the product a shape and the document defines none of its functions."""
    written = [factors(side) for side in sides]
    if written[0] is None or written[1] is None or len(written[0]) + len(written[1]) > 8:
        return None
    names = {n for side in written if side for pair in side for n in pair}
    letters = {letter for letter, _ in names}
    if len(letters) != len(names) or not any(vector for _, vector in names):
        return None  # a letter both plain and bold, or no vector at all
    if any(letter in columns for letter, vector in names if not vector):
        return None
    if any(top[0] in vectors for side in written if side for top, _ in side):
        return None  # a function defined in vector notation here: the vector reader uses it
    pool = [index_symbol(c) for c in "ijklpqrstuvabcdefgh" if c not in letters]
    read: list[tuple[str, ChainStandIn]] = []
    tried, shaped = list(layouts), False
    for layout in tried:
        fresh = iter(pool).__next__
        left, right = (_product(side, layout, fresh) for side in written if side)
        if left is None or right is None or left[:2] != right[:2]:
            continue
        row = fresh() if left[0] is not None else sp.Integer(1)
        column = fresh() if left[1] is not None else sp.Integer(1)
        chain = chain_stand_in(left[2](row, column), right[2](row, column), visible, said)
        if chain is not None:
            read.append((layout, chain))
        shaped = True
    if not shaped and not any(
        letter in said() or visible.get(letter) is not None or letter in visible.hidden
        for (letter, _), _ in (pair for side in written if side for pair in side)
    ):
        raise Unreadable(
            f"a product of derivatives of functions the document does not define that has no "
            f"shape in {' or '.join(tried)} layout (its factors meet at different vectors)"
        )
    if not read:
        return None
    (layout, first), others = read[0], read[1:]
    how = (
        f"{layout} layout"
        + (": the document names no layout: both are tried" if others else "")
        + "; read entry by entry in index notation"
    )
    readings = tuple((f"{lay} layout", c.lhs, c.rhs) for lay, c in read) if others else ()
    return replace(first, note=f"{how}; {first.note}", readings=readings)
