r"""Matrix calculus with the layout said out loud.

Two conventions are in use and the documents mix them:

* **numerator layout** (the Jacobian layout): for :math:`y \in \mathbb{R}^k`
  and :math:`x \in \mathbb{R}^d`, :math:`\partial y / \partial x` is
  :math:`k \times d` with entry :math:`(i, j) = \partial y_i / \partial x_j`;
  the derivative of a scalar by a column vector is a *row*;
* **denominator layout** (the gradient layout): the transpose,
  :math:`d \times k`; the derivative of a scalar by a column vector is a
  *column*, and by an :math:`m \times q` matrix an :math:`m \times q` matrix.

:class:`LayoutDerivative` is the unevaluated derivative in a named layout, a
SymPy matrix expression of symbolic shape whose generic entry is an ordinary
partial derivative. Claims written with it are decided by
:mod:`derivations.verifier.sized`: a shape mismatch refutes them, a concrete size
(:math:`n = 2, 3`) searches for a counterexample, the generic entry is proved
for every size, and the proof is cross-checked entry by entry at a concrete size.

SymPy's own matrix derivatives (:func:`sympy_derivative`) are only ever a
cross-check: they silently return 0 for entries of quadratic forms and leave
determinants unevaluated, so :func:`sympy_agrees` compares them with the proved
value rather than trusting them.
"""

from __future__ import annotations

from typing import Any

import sympy as sp
from sympy.core.symbol import Str

NUMERATOR = "numerator"
DENOMINATOR = "denominator"
LAYOUTS = (NUMERATOR, DENOMINATOR)


def is_matrix(e: Any) -> bool:
    return isinstance(e, sp.MatrixExpr)


class LayoutDerivative(sp.MatrixExpr):
    r"""``∂f/∂x`` in a named layout, for scalar or column-vector ``f`` and vector or matrix ``x``.

    .. math::
        \text{numerator: } (\partial f / \partial x)_{ij} = \partial f_i / \partial x_j,
        \qquad
        \text{denominator: } (\partial f / \partial x)_{ij} = \partial f_j / \partial x_i

    For a scalar ``f`` and a matrix ``X`` the denominator layout has ``X``'s
    shape, entry :math:`\partial f / \partial X_{ij}`; the numerator layout is its transpose.
    """

    def __new__(cls, f: Any, x: sp.MatrixExpr, layout: str | Str) -> LayoutDerivative:
        layout = str(layout)
        if layout not in LAYOUTS:
            raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")
        if not isinstance(f, sp.Basic):  # a SymPy expression or matrix, never text
            raise TypeError(f"expected a SymPy expression, not {type(f).__name__}")
        if is_matrix(f) and f.shape[1] != 1:
            raise ValueError("only scalars and column vectors are differentiated here")
        if is_matrix(f) and f.shape[0] != 1 and x.shape[1] != 1:
            raise ValueError("a vector by a matrix is a third-order tensor; flatten it first")
        return super().__new__(cls, f, x, Str(layout))

    @property
    def function(self) -> Any:
        return self.args[0]

    @property
    def variable(self) -> sp.MatrixExpr:
        return self.args[1]

    @property
    def layout(self) -> str:
        return str(self.args[2])

    def _numerator_shape(self) -> tuple[sp.Expr, sp.Expr]:
        f, x = self.function, self.variable
        outputs = f.shape[0] if is_matrix(f) else sp.Integer(1)
        if x.shape[1] == 1:
            return (outputs, x.shape[0])
        return (x.shape[1], x.shape[0])

    @property
    def shape(self) -> tuple[sp.Expr, sp.Expr]:
        rows, cols = self._numerator_shape()
        return (rows, cols) if self.layout == NUMERATOR else (cols, rows)

    def _numerator_entry(self, i: Any, j: Any) -> sp.Expr:
        f, x = self.function, self.variable
        if x.shape[1] == 1:
            output = f[i, 0] if is_matrix(f) else f
            return sp.Derivative(output, x[j, 0])
        output = f[0, 0] if is_matrix(f) else f
        return sp.Derivative(output, x[j, i])

    def _entry(self, i: Any, j: Any, **kwargs: Any) -> sp.Expr:
        return (
            self._numerator_entry(i, j) if self.layout == NUMERATOR else self._numerator_entry(j, i)
        )

    def _sympystr(self, printer: Any) -> str:
        f, x = printer._print(self.function), printer._print(self.variable)
        return f"∂({f})/∂{x} [{self.layout} layout]"

    def _latex(self, printer: Any, **kwargs: Any) -> str:
        f, x = printer._print(self.function), printer._print(self.variable)
        fraction = rf"\frac{{\partial\, {f}}}{{\partial {x}}}"
        return rf"\left({fraction}\right)_{{\text{{{self.layout}}}}}"


def derivative(f: Any, x: sp.MatrixExpr, layout: str) -> LayoutDerivative:
    """``∂f/∂x`` in ``layout`` (``"numerator"`` or ``"denominator"``)."""
    return LayoutDerivative(f, x, layout)


def sympy_derivative(f: Any, x: sp.MatrixExpr, layout: str) -> Any:
    """SymPy's own matrix derivative, converted to ``layout``; a cross-check only.

    SymPy returns the denominator layout for a scalar or a column vector by a
    column vector (``diff(A*x, x) = A.T``), and for a scalar by a matrix.
    """
    result = sp.diff(f, x)
    if isinstance(result, sp.MatrixExpr) and result.shape == (1, 1) and not is_matrix(f):
        result = result[0, 0]
    if layout == NUMERATOR and is_matrix(result):
        return result.T
    if layout == NUMERATOR and not is_matrix(result) and result == 0:
        return sp.ZeroMatrix(*LayoutDerivative(f, x, layout).shape)
    return result
