"""What the two sides of a claim hold, read as SymPy expressions: the names it differentiates
by, its matrices and their shapes (one kind and one shape per name), its layout derivatives,
the renaming of a name by a dropped layer superscript; and the document's functions of one
variable as callables for the vector reader."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping

import sympy as sp

from derivations.read import index_layers
from derivations.read.indices import plain_symbols
from derivations.read.latex import Function, Unreadable
from derivations.read.layers import name_of
from derivations.read.vector_claims import resolve
from derivations.symbolic.matrix_calculus import LayoutDerivative


def by_layers(convention: index_layers.Convention, side: sp.Expr) -> sp.Expr:
    """A claim's side with the families of layers told by index letters renamed."""
    renamed = convention.renamed(side)
    assert isinstance(renamed, sp.Expr)
    return renamed


def one_kind_per_name(*sides: sp.Basic) -> None:
    """A name read as a matrix in the claim and as a number in a definition it expands
    (``A`` of ``r = \\frac12 \\|A\\mathbf{x}\\|^2`` read in index notation), or as matrices of two
    shapes (a definition read before the shape was stated), is not read: the two readings would
    be compared as different things."""
    shapes: dict[str, set[tuple[sp.Expr, sp.Expr]]] = {}
    for e in sides:
        for m in e.atoms(sp.MatrixSymbol):
            shapes.setdefault(str(m.name), set()).add(m.shape)
        for v in e.atoms(sp.FunctionMatrix):  # a column: the family of its entries
            body = v.lamda.expr
            if v.shape[1] == 1 and isinstance(body, sp.Indexed) and len(body.indices) == 1:
                shapes.setdefault(str(body.base.label), set()).add(v.shape)
    numbers = {s.name for e in sides for s in plain_symbols(e) if not s.is_integer}
    both = sorted(set(shapes) & numbers)
    if both:
        raise Unreadable(f"{both[0]} is a matrix in the claim and a number in a definition it uses")
    for name, found in sorted(shapes.items()):
        if len(found) > 1:  # a shape stated after a definition that inferred another one
            shown = " and ".join(sorted(f"{sp.sstr(r)}×{sp.sstr(c)}" for r, c in found))
            raise Unreadable(f"the matrix {name} is read with two shapes ({shown})")


def variables_of(lhs: sp.Expr, rhs: sp.Expr) -> frozenset[str]:
    """The names a claim differentiates by."""
    return frozenset(
        n
        for side in (lhs, rhs)
        for d in side.atoms(sp.Derivative)
        for v in d.variables
        if (n := name_of(v)) is not None
    )


def scalar_functions(functions: dict[str, Function]) -> dict[str, Callable[[sp.Expr], sp.Expr]]:
    """The document's functions of one variable with a readable body (σ(x) = 1/(1 + e^{-x})),
    by name, as callables that a vector reader applies entry by entry."""
    found: dict[str, Callable[[sp.Expr], sp.Expr]] = {}
    for name, function in functions.items():
        if function.parameter is None or function.body is None or function.others:
            continue
        found[name] = functools.partial(function.apply, name)
    return found


def side_shape(side: sp.Basic) -> tuple[sp.Expr, sp.Expr]:
    return side.shape if isinstance(side, sp.MatrixExpr) else (sp.Integer(1), sp.Integer(1))


def shape_text(side: sp.Basic) -> str:
    rows, cols = side_shape(side)
    return f"{sp.sstr(rows)}×{sp.sstr(cols)}"


def matrix_symbols(*sides: sp.Basic) -> set[sp.MatrixSymbol]:
    return {
        a for side in sides for a in sp.preorder_traversal(side) if isinstance(a, sp.MatrixSymbol)
    }


def layout_derivatives(*sides: sp.Basic) -> list[LayoutDerivative]:
    return [
        a for side in sides for a in sp.preorder_traversal(side) if isinstance(a, LayoutDerivative)
    ]


def components_resolved(e: sp.Basic, definitions: Mapping[str, sp.Expr]) -> sp.Basic:
    """The functions of derivatives by a component (``∂/∂z_i``, SymPy's ``Derivative``) with
    the document's vector definitions put in; the rest is left to the claim's builder."""
    return e.replace(
        lambda d: (
            isinstance(d, sp.Derivative) and any(isinstance(v, sp.Indexed) for v in d.variables)
        ),
        lambda d: sp.Derivative(resolve(d.expr, definitions), *d.variable_count),
    )


def renaming_of(lhs: sp.Expr, rhs: sp.Expr) -> str:
    """Why a link without derivatives is a renaming, not a claim: a name on one side is a name
    of the other with its layer superscript dropped (``o_1^{(1)}`` and ``o_1``)."""
    if lhs.has(sp.Derivative) or rhs.has(sp.Derivative):
        return ""
    left = {n for a in sp.preorder_traversal(lhs) if (n := name_of(a))}
    right = {n for a in sp.preorder_traversal(rhs) if (n := name_of(a))}
    for one, other in ((left, right), (right, left)):
        for name in one - other:
            stem = re.sub(r"\^\([^)]*\)", "", name)
            if stem != name and stem in other - one:
                return f"{name} and {stem}: the same quantity with its superscript dropped"
    return ""
