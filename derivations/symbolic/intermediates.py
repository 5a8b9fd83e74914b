r"""Named intermediate quantities of a formula (batch normalization's :math:`\mu`,
:math:`\sigma^2`, :math:`\hat x_i`): expanding them into an expression, and folding an
expression back into them for display.

Both are exact: a name stands for its value, so replacing one by the other changes how an
expression is written, never its value.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import sympy as sp

Expression = TypeVar("Expression", bound=sp.Basic)


def expanded(expr: Expression, intermediates: Sequence[tuple[sp.Symbol, sp.Basic]]) -> Expression:
    """``expr`` with its named intermediates replaced by their values, the last defined first
    (each may use the ones before it): :math:`\\mu - x_1` with :math:`\\mu = (x_1 + x_2)/2` is
    :math:`(x_2 - x_1)/2`.

    >>> x1, x2, mu = sp.symbols("x1 x2 mu")
    >>> expanded(mu - x1, [(mu, (x1 + x2) / 2)])
    -x1/2 + x2/2
    """
    for name, value in reversed(intermediates):
        expr = expr.xreplace({name: value})
    return expr


def _evaluated(expr: sp.Basic) -> sp.Basic:
    """``expr`` rebuilt with SymPy's automatic evaluation (a value written unevaluated,
    ``(1/3)·(x₁ + x₂ + x₃)``, as SymPy holds it in a computed expression)."""
    if not expr.args or isinstance(expr, sp.Derivative):
        return expr
    return expr.func(*(_evaluated(a) for a in expr.args))


def folded(expr: Expression, intermediates: Sequence[tuple[sp.Symbol, sp.Basic]]) -> Expression:
    """``expr`` with each occurrence of an intermediate's value (expanded, as SymPy evaluates
    it) written as the intermediate's name, the last defined first: the exact inverse of
    :func:`expanded` where the values occur as whole subexpressions or sums of terms.

    >>> x1, x2, s = sp.symbols("x1 x2 s")
    >>> folded(sp.sqrt(x1**2 + x2**2 + 1), [(s, x1**2 + x2**2)])
    sqrt(s + 1)
    """
    values = [
        (name, _evaluated(expanded(value, intermediates[:index])))
        for index, (name, value) in enumerate(intermediates)
    ]
    for name, value in reversed(values):
        expr = expr.subs(value, name)
    return expr
