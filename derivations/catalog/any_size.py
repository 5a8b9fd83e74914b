r"""The symbols and constructors of the formulas stated at any size.

Each family checks its vector formulas at n = 3 and states some of them again with a symbolic
length :math:`n` (indexed symbols, sums, Kronecker deltas), decided for every size by
:mod:`derivations.verifier.sized`; the matrix-calculus identities and the dense layer are stated
with their layout named (:mod:`derivations.symbolic.matrix_calculus`), with an arbitrary
activation ``f`` (an undefined SymPy function): a proof holds for every differentiable ``f``; a
counterexample is searched with ``f = tanh``. ``derive NAME --n 5`` instantiates any of these
formulas at a concrete size.

This module holds what the families share: the length ``n``, the indices, the vectors ``z``,
``y`` and ``ŷ``, softmax at symbolic length, and the elementwise activation of a column.
"""

from __future__ import annotations

import sympy as sp

from derivations.symbolic.indexed import index, size, slope_of, total, vector

n = size("n")
i, j = index("i", n), index("j", n)
k = sp.Symbol("k", integer=True)
z, y = vector("z"), vector("y")
yhat = vector("yhat", positive=True)
delta = sp.KroneckerDelta
#: :math:`\sum_{k=1}^n e^{z_k}`, the denominator of softmax.
exp_total = total(sp.exp(z[k]), k, n)

_r, _c = sp.symbols("r c", integer=True)


def p(t: sp.Expr) -> sp.Expr:
    r"""Softmax component :math:`p_t = e^{z_t} / \sum_k e^{z_k}` at symbolic length."""
    return sp.exp(z[t]) / exp_total


def column_of(entry: sp.Lambda, rows: sp.Expr = n) -> sp.FunctionMatrix:
    """A column vector of symbolic length whose 0-based entry r is ``entry(r)``."""
    return sp.FunctionMatrix(rows, 1, entry)


def fprime(fn: sp.FunctionClass, at: sp.Expr) -> sp.Expr:
    """``fn'(at)`` for an arbitrary activation ``fn`` (an undefined function ``fn'``)."""
    return slope_of(fn, at)


def elementwise(fn: sp.FunctionClass, v: sp.MatrixExpr) -> sp.FunctionMatrix:
    """``fn`` applied to every entry of the column ``v``."""
    return sp.FunctionMatrix(v.shape[0], 1, sp.Lambda((_r, _c), fn(v[_r, 0])))


def slopes(fn: sp.FunctionClass, v: sp.MatrixExpr) -> sp.FunctionMatrix:
    """The column ``fn'(v)``."""
    return sp.FunctionMatrix(v.shape[0], 1, sp.Lambda((_r, _c), fprime(fn, v[_r, 0])))


def readable(expr: sp.Basic, depth: int = 0) -> sp.Basic:
    """``expr`` with the summation variables SymPy invents named r, s, t by depth (for display)."""
    if isinstance(expr, sp.Sum) and len(expr.limits) == 1:
        ((var, lo, hi),) = expr.limits
        fresh = sp.Symbol("rstuv"[depth], integer=True)
        return sp.Sum(readable(expr.function.xreplace({var: fresh}), depth + 1), (fresh, lo, hi))
    if expr.is_Atom or not expr.args:
        return expr
    return expr.func(*(readable(a, depth) for a in expr.args))
