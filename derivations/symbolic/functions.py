r"""SymPy functions that neural-network notes use but SymPy does not define.

Each class knows two things:

* its *readable* derivative (``fdiff``), the form the notes write, e.g.
  :math:`\sigma'(x) = \sigma(x)(1 - \sigma(x))`;
* its *definition* through ``exp`` (``rewrite(exp)``), which the verifier uses.

The verifier always rewrites to the definition before differentiating, so the
readable derivatives here are never trusted: they only shape the corrections
and the displayed results, and every such result is itself verified.
"""

from __future__ import annotations

from typing import Any

import sympy as sp


class sigmoid(sp.Function):
    r"""The logistic sigmoid.

    .. math:: \sigma(x) = \frac{1}{1 + e^{-x}}, \qquad \sigma'(x) = \sigma(x)\,(1 - \sigma(x))
    """

    nargs = 1

    def fdiff(self, argindex: int = 1) -> sp.Expr:
        return self * (1 - self)

    def _eval_rewrite_as_exp(self, arg: sp.Expr, **kwargs: Any) -> sp.Expr:
        return 1 / (1 + sp.exp(-arg))

    def _eval_is_real(self) -> bool | None:
        return self.args[0].is_real

    def _eval_is_positive(self) -> bool | None:
        return self.args[0].is_real

    def _latex(self, printer: Any, exp: str | None = None) -> str:
        tex = rf"\sigma\left({printer._print(self.args[0])}\right)"
        return rf"{tex}^{{{exp}}}" if exp else tex


class softplus(sp.Function):
    r"""The softplus function.

    .. math:: \operatorname{softplus}(x) = \log(1 + e^{x}),
              \qquad \operatorname{softplus}'(x) = \sigma(x)
    """

    nargs = 1

    def fdiff(self, argindex: int = 1) -> sp.Expr:
        return sigmoid(self.args[0])

    def _eval_rewrite_as_exp(self, arg: sp.Expr, **kwargs: Any) -> sp.Expr:
        return sp.log(1 + sp.exp(arg))

    def _eval_is_real(self) -> bool | None:
        return self.args[0].is_real

    def _latex(self, printer: Any, exp: str | None = None) -> str:
        tex = rf"\operatorname{{softplus}}\left({printer._print(self.args[0])}\right)"
        return rf"{tex}^{{{exp}}}" if exp else tex


class softmax(sp.Function):
    r"""Component ``i`` (zero-based, first argument) of the softmax of the remaining arguments.

    .. math:: p_i = \frac{e^{z_i}}{\sum_j e^{z_j}}, \qquad
              \frac{\partial p_i}{\partial z_j} = p_i\,(\delta_{ij} - p_j)
    """

    def fdiff(self, argindex: int = 1) -> sp.Expr:
        i = int(self.args[0])
        j = argindex - 2
        logits = self.args[1:]
        p_j = softmax(j, *logits)
        return self * (sp.KroneckerDelta(i, j) - p_j)

    def _eval_rewrite_as_exp(self, index: sp.Expr, *logits: sp.Expr, **kwargs: Any) -> sp.Expr:
        return sp.exp(logits[int(index)]) / sp.Add(*(sp.exp(z) for z in logits))

    def _eval_is_positive(self) -> bool | None:
        return all(z.is_real for z in self.args[1:])

    def _eval_is_real(self) -> bool | None:
        return all(z.is_real for z in self.args[1:])

    def _latex(self, printer: Any, exp: str | None = None) -> str:
        tex = rf"p_{{{int(self.args[0]) + 1}}}"
        return rf"{tex}^{{{exp}}}" if exp else tex

    def _sympystr(self, printer: Any) -> str:
        return f"p{int(self.args[0]) + 1}"


def softmax_vector(logits: tuple[sp.Expr, ...]) -> sp.ImmutableMatrix:
    """The softmax outputs ``(p_1, ..., p_n)`` of ``logits`` as a column vector."""
    return sp.ImmutableMatrix([softmax(i, *logits) for i in range(len(logits))])


#: Functions whose definition through ``exp`` the verifier substitutes before differentiating:
#: this module's, and the hyperbolic functions.
DEFINED_FUNCTIONS: tuple[type[sp.Function], ...] = (
    sigmoid,
    softplus,
    softmax,
    sp.tanh,
    sp.sinh,
    sp.cosh,
    sp.sech,
    sp.csch,
    sp.coth,
)


def to_definitions(expr: Any) -> Any:
    """Replace every function of :data:`DEFINED_FUNCTIONS` by its definition through ``exp``.

    Only these: a general ``rewrite(exp)`` would also turn ``x**2`` into ``exp(2 log x)``.
    """
    if not hasattr(expr, "rewrite"):
        return expr
    return expr.rewrite(list(DEFINED_FUNCTIONS), sp.exp)
