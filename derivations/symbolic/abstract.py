r"""Claims about functions a document leaves abstract (``L = f \circ g`` with f, g undefined).

A function the notes never define, or define by math that cannot be read, is a SymPy
undefined function. A claim about it is decided only where it holds **for every** such
function: then it holds for the one the author had in mind too. The argument is symbolic:
the derivatives are taken by the chain rule (:meth:`sympy.Basic.doit`), ``f'(g(x))`` being
:math:`\left.\frac{d}{d\xi} f(\xi)\right|_{\xi = g(x)}`, and the difference of the sides
simplifies to 0. A claim that does not hold for every function says nothing certain about
the author's function, so it is never refuted.

>>> x = sp.Symbol("x", real=True)
>>> f, g = sp.Function("f", real=True), sp.Function("g", real=True)
>>> xi = sp.Symbol("xi", real=True)
>>> chain = sp.Subs(sp.Derivative(f(xi), xi), xi, g(x)) * sp.Derivative(g(x), x)
>>> holds_for_every_function(sp.Derivative(f(g(x)), x), chain)
True
>>> holds_for_every_function(sp.Derivative(f(g(x)), x), sp.Derivative(g(x), x))
False
"""

from __future__ import annotations

import sympy as sp
from sympy.core.function import AppliedUndef


def abstract_names(*exprs: sp.Basic) -> list[str]:
    """The names of the abstract functions in ``exprs``, sorted."""
    return sorted({str(a.func) for e in exprs for a in e.atoms(AppliedUndef)})


def has_abstract(*exprs: sp.Basic) -> bool:
    return any(e.atoms(AppliedUndef) for e in exprs)


def holds_for_every_function(lhs: sp.Basic, rhs: sp.Basic) -> bool:
    """Whether ``lhs = rhs`` is an identity whatever the abstract functions in it are."""
    if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
        if not (isinstance(lhs, sp.MatrixBase) and isinstance(rhs, sp.MatrixBase)):
            return False
        if lhs.shape != rhs.shape:
            return False
        return all(holds_for_every_function(a, b) for a, b in zip(lhs, rhs, strict=True))
    try:
        difference = (lhs - rhs).doit()
        return bool(sp.simplify(difference) == 0)
    except (TypeError, ValueError, NotImplementedError):
        return False


__all__ = ("abstract_names", "has_abstract", "holds_for_every_function")
