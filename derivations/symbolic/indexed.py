r"""Notation for claims at symbolic size: dimensions, indices, vectors, sums and hypotheses.

A claim about vectors of any length is written with indexed symbols
(:class:`sympy.IndexedBase` ``z[i]``, matrix symbols ``A[i, j]``), free indices
(:class:`sympy.Idx` with a symbolic range such as ``1..n``) and sums
:math:`\sum_{k=1}^{n}`. This module builds such expressions and recognises them;
:mod:`derivations.verifier.sized` decides the claims.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp
from sympy.core.function import AppliedUndef

from derivations.model import Claim, Condition, Math


def size(name: str = "n") -> sp.Symbol:
    """A dimension: a positive integer symbol."""
    return sp.Symbol(name, integer=True, positive=True)


def index(name: str, length: sp.Expr, *, base: int = 1) -> sp.Idx:
    """A free index ranging over ``base .. base + length - 1`` (1-based by default)."""
    return sp.Idx(name, (base, base + length - 1))


def vector(name: str, *, positive: bool = False) -> sp.IndexedBase:
    """Components ``name[i]`` of a real (or positive) vector."""
    return sp.IndexedBase(name, real=True, positive=positive or None)


def total(term: sp.Expr, k: sp.Symbol, length: sp.Expr, *, base: int = 1) -> sp.Sum:
    r""":math:`\sum_{k=base}^{base+length-1} term`."""
    return sp.Sum(term, (k, base, base + length - 1))


@dataclass(frozen=True)
class SizedCondition(Condition):
    r"""A hypothesis about a vector of symbolic length, e.g. :math:`\sum_k y_k = 1`.

    ``rule`` is ``"sums_to_one"``, ``"one_hot"``, ``"zero"`` (every component
    is 0) or ``"symmetric"`` (a square matrix symbol); ``vector`` is the indexed
    base or matrix symbol it is about and ``length`` its length. A symmetric
    :math:`A` is written :math:`(B + B^\mathrm{T})/2` for an arbitrary :math:`B`
    (every symmetric matrix is of that form, with :math:`B = A`). A one-hot vector is
    :math:`y_k = \delta_{kc}` for a free class index :math:`c` (every position
    of the 1 at once); at a concrete size the condition becomes
    :func:`derivations.symbolic.conditions.one_hot` / ``sums_to_one``.
    """

    rule: str = ""
    vector: sp.Basic | None = None
    length: sp.Expr = sp.S.Zero
    hot: sp.Idx | None = None


def sums_to_one(y: sp.IndexedBase, length: sp.Expr, *, name: str = "y") -> SizedCondition:
    return SizedCondition(
        text=f"sum of {name} = 1 (for every n)",
        latex=rf"\textstyle\sum_k {name}_k = 1",
        cases=(),
        rule="sums_to_one",
        vector=y,
        length=length,
    )


def one_hot(y: sp.IndexedBase, length: sp.Expr, *, name: str = "y") -> SizedCondition:
    c = index("c", length)
    return SizedCondition(
        text=f"{name} is one-hot ({name}_k = δ(k, c) for a class c, for every n)",
        latex=rf"{name}_k = \delta_{{kc}}",
        cases=(),
        rule="one_hot",
        vector=y,
        length=length,
        hot=c,
    )


def zero(v: sp.Basic, length: sp.Expr, *, text: str) -> SizedCondition:
    """Every component of the vector (indexed base or matrix symbol) ``v`` is 0.

    The LaTeX is written from ``v`` itself: ``text`` may hold Unicode (w₂) that neither
    KaTeX in strict mode nor pdflatex accepts in math.
    """
    shown = rf"{sp.latex(v)} = \mathbf{{0}}"
    return SizedCondition(text=text, latex=shown, cases=(), rule="zero", vector=v, length=length)


def symmetric(a: sp.MatrixSymbol, *, name: str = "A") -> SizedCondition:
    """The square matrix symbol ``a`` is symmetric, at every size."""
    return SizedCondition(
        text=f"{name} is symmetric",
        latex=rf"{name} = {name}^\top",
        cases=(),
        rule="symmetric",
        vector=a,
        length=a.shape[0],
    )


def all_matrix_symbols(expr: sp.Basic) -> set[sp.MatrixSymbol]:
    return {a for a in sp.preorder_traversal(expr) if isinstance(a, sp.MatrixSymbol)}


def sizes_of(*exprs: sp.Basic) -> list[sp.Symbol]:
    """The symbolic dimensions the expressions mention, by name."""
    found: set[sp.Symbol] = set()
    for expr in exprs:
        if not isinstance(expr, sp.Basic):
            continue
        candidates = set(expr.free_symbols)
        for m in all_matrix_symbols(expr):
            candidates |= set(sp.Tuple(*m.shape).free_symbols)
        if isinstance(expr, sp.MatrixExpr):
            candidates |= set(sp.Tuple(*expr.shape).free_symbols)
        for idx in expr.atoms(sp.Idx):
            candidates |= set(sp.Tuple(idx.lower, idx.upper).free_symbols)
        found |= {
            s
            for s in candidates
            if isinstance(s, sp.Symbol)
            and not isinstance(s, sp.Idx)
            and s.is_integer
            and s.is_positive
        }
    return sorted(found, key=lambda s: s.name)


def is_sized(claim: Claim) -> bool:
    """True when the claim is about symbolic sizes (this module decides it)."""
    return any(
        isinstance(side, sp.Basic)
        and (
            (isinstance(side, sp.MatrixExpr) and not isinstance(side, sp.MatrixBase))
            or bool(side.atoms(sp.Idx))
            or bool(side.atoms(sp.Indexed))
            or bool(all_matrix_symbols(side))
        )
        for side in (claim.lhs, claim.rhs)
    ) or any(isinstance(c, SizedCondition) for c in claim.conditions)


def prime(fn: sp.FunctionClass | str) -> sp.FunctionClass:
    """The derivative ``f'`` of an undefined function ``f``, as an undefined function of its own."""
    name = fn if isinstance(fn, str) else fn.__name__
    return sp.Function(f"{name}'")


def slope_of(fn: sp.FunctionClass, at: sp.Expr) -> sp.Expr:
    """``f'(at)`` for an arbitrary (undefined) activation ``f``."""
    return prime(fn)(at)


def generic_slopes(side: Math) -> Math:
    """``f'(x)`` of an undefined ``f`` as a function ``f'`` of its own, so that the concrete
    verifier can substitute points (it stays an unknown: nothing about ``f`` is assumed)."""
    if isinstance(side, sp.MatrixBase):
        return sp.ImmutableMatrix(side.applyfunc(generic_slopes))

    def is_slope(e: sp.Basic) -> bool:
        if isinstance(e, sp.Subs):
            d = e.expr
            return (
                isinstance(d, sp.Derivative)
                and isinstance(d.expr, AppliedUndef)
                and d.variables == d.expr.args
                and d.expr.args == e.variables
            )
        return (
            isinstance(e, sp.Derivative)
            and isinstance(e.expr, AppliedUndef)
            and len(e.expr.args) == 1
            and e.variables == e.expr.args
        )

    def slope(e: sp.Basic) -> sp.Expr:
        if isinstance(e, sp.Subs):
            fn, point = e.expr.expr.func, e.point[0]
        else:
            fn, point = e.expr.func, e.expr.args[0]
        return prime(fn)(point)

    out = side.replace(is_slope, slope)
    # a Subs whose derivative was replaced first (replace works from the leaves up)
    return out.replace(
        lambda e: isinstance(e, sp.Subs) and not e.expr.has(sp.Derivative), lambda e: e.doit()
    )
