r"""Products over an index at symbolic size: :math:`\prod_{k=1}^{n} f_k`.

SymPy differentiates a product by the product rule,
:math:`\partial_{x_i} \prod_{k=1}^{n} f_k = \sum_d \partial_{x_i} f_d \prod_{k<d} f_k
\prod_{k>d} f_k`, which the sized verifier's sifting turns into the two partial products
around the free index :math:`i`. One rule, valid for every :math:`n` and every
:math:`i \in 1..n`, writes the whole product in the same parts, so that the two sides meet:

.. math::
    \prod_{k=1}^{n} f_k = \Big(\prod_{k=1}^{i-1} f_k\Big) f_i \Big(\prod_{k=i+1}^{n} f_k\Big)

It is applied only when the expression has exactly one free index (with two, the order of
the indices would split the product in two ways); the parts then become opaque variables
like the sums that no rule removes. Where this does not settle a claim, it stays unknown:
a product is refuted only by a counterexample at a concrete size, where it is written out.

>>> import sympy as sp
>>> n = sp.Symbol("n", integer=True, positive=True)
>>> i, k = sp.Idx("i", (1, n)), sp.Symbol("k", integer=True)
>>> x = sp.IndexedBase("x")
>>> split_at_free_index(sp.Product(x[k], (k, 1, n)) / x[i])
Product(x[k], (k, 1, i - 1))*Product(x[k], (k, i + 1, n))
"""

from __future__ import annotations

import sympy as sp


def split_at_free_index(expr: sp.Basic) -> sp.Basic:
    """Every product over the whole range of the one free index, split around it."""
    if not expr.has(sp.Product):
        return expr
    free = expr.atoms(sp.Idx)
    if len(free) != 1:
        return expr
    (i,) = free
    lower, upper = i.lower, i.upper

    def whole(e: sp.Basic) -> bool:
        return (
            isinstance(e, sp.Product)
            and len(e.limits) == 1
            and e.limits[0][1] == lower
            and e.limits[0][2] == upper
            and not e.function.has(i)
        )

    def split(e: sp.Product) -> sp.Expr:
        ((k, lo, hi),) = e.limits
        f = e.function
        return sp.Product(f, (k, lo, i - 1)) * f.xreplace({k: i}) * sp.Product(f, (k, i + 1, hi))

    return expr.replace(whole, split)


__all__ = ("split_at_free_index",)
