r"""Shapes of matrix expressions at symbolic sizes.

SymPy builds ``F*G`` for an :math:`k \times m` and a :math:`d \times m` matrix
symbol without complaint when the sizes are symbols; here a product needs its
inner sizes equal and a sum needs equal shapes, as expressions.
"""

from __future__ import annotations

import itertools

import sympy as sp


def _text(shape: tuple[sp.Expr, ...]) -> str:
    return "×".join(sp.sstr(s) for s in shape)


def _name(e: sp.Basic) -> str:
    """A short name for a factor: its text when short, else "a factor". A vector built entry
    by entry from the entries of vectors (``exp(z[r + 1])``) is shown as of the vectors
    (``exp(z)``)."""
    if isinstance(e, sp.FunctionMatrix) and isinstance(e.lamda, sp.Lambda):
        body = e.lamda.expr
        body = body.replace(lambda a: isinstance(a, sp.Indexed), lambda a: a.base.label)
        if not body.free_symbols & set(e.lamda.variables):
            e = body
    shown = sp.sstr(e)
    return shown if len(shown) <= 30 else "a factor"


def _same(a: sp.Expr, b: sp.Expr) -> bool:
    return bool(sp.expand(a - b) == 0)


def check_shapes(expr: sp.Basic) -> str:
    """The first shape conflict inside ``expr`` (as text), or ``""``."""
    if not isinstance(expr, sp.Basic):
        return ""
    for node in sp.postorder_traversal(expr):
        if isinstance(node, sp.MatMul):
            factors = [a for a in node.args if isinstance(a, sp.MatrixExpr)]
            for left, right in itertools.pairwise(factors):
                if not _same(left.shape[1], right.shape[0]):
                    return (
                        f"{_name(left)} is {_text(left.shape)} and {_name(right)} is "
                        f"{_text(right.shape)}: {sp.sstr(left.shape[1])} columns against "
                        f"{sp.sstr(right.shape[0])} rows"
                    )
        elif isinstance(node, sp.MatAdd):
            first = node.args[0]
            for other in node.args[1:]:
                if not all(_same(x, y) for x, y in zip(first.shape, other.shape, strict=True)):
                    return (
                        f"{_name(first)} is {_text(first.shape)} but {_name(other)} is "
                        f"{_text(other.shape)} in a sum"
                    )
    return ""
