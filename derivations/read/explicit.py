r"""A claim in vector notation whose every shape is a number, written out entry by entry.

A literal (``\begin{pmatrix} x_1^2 x_2 \\ \sin x_1 \end{pmatrix}``) beside vectors of stated
numeric length (``\mathbf{x} \in \mathbb{R}^2``) has nothing of symbolic size left: its sides
become explicit matrices whose entries name the components as the notes write them
(``x[1]`` → ``x_1``, the entry (1, 2) of ``A`` → ``A_12``), and the claim is decided as an
explicit matrix claim. Derivatives stay unevaluated: the verifier takes them.

>>> x = sp.IndexedBase("x", real=True)
>>> written_out(sp.ImmutableMatrix([[x[1] * x[2]]]))
Matrix([[x_1*x_2]])
>>> written_out(x[1] + sp.IndexedBase("y")[sp.Symbol("i")]) is None
True
"""

from __future__ import annotations

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement


def _component(e: sp.Indexed) -> sp.Symbol | None:
    if not all(i.is_Integer for i in e.indices):
        return None
    return sp.Symbol(f"{e.base.label}_{''.join(str(i) for i in e.indices)}", real=True)


def _element(e: MatrixElement) -> sp.Symbol | None:
    if not (e.i.is_Integer and e.j.is_Integer and isinstance(e.parent, sp.MatrixSymbol)):
        return None
    return sp.Symbol(f"{e.parent.name}_{int(e.i) + 1}{int(e.j) + 1}", real=True)


def written_out(side: sp.Basic) -> sp.Basic | None:
    """``side`` with explicit entries and components as symbols; None when a size, an index
    or a matrix of symbolic shape is left."""
    if isinstance(side, sp.MatrixExpr):
        if not all(sp.sympify(d).is_Integer for d in side.shape):
            return None
        try:
            side = sp.ImmutableMatrix(side.as_explicit())
        except (ValueError, TypeError, IndexError):
            return None
    renamed: dict[sp.Basic, sp.Basic] = {}
    for a in sp.preorder_traversal(side):
        if isinstance(a, sp.Indexed):
            symbol = _component(a)
        elif isinstance(a, MatrixElement):
            symbol = _element(a)
        else:
            continue
        if symbol is None:
            return None
        renamed[a] = symbol
    out = side.xreplace(renamed)
    if out.atoms(sp.Indexed, MatrixElement, sp.MatrixSymbol, sp.Sum, sp.Idx):
        return None
    if any(not s.is_real for s in out.free_symbols if isinstance(s, sp.Symbol)):
        return None
    return out


__all__ = ("written_out",)
