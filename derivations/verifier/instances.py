r"""Concrete instances of undefined functions, so claims about *every* f can be sampled.

A claim such as :math:`\frac{d}{dx} f(g(x)) = f'(g(x))\,g'(x)` speaks of arbitrary ``f`` and
``g``; SymPy cannot evaluate it at a point. Replacing each undefined function by a concrete
one (a random quadratic polynomial with rational coefficients) gives an instance: if the
instance fails at a point, the claim fails for that ``f`` and ``g``, a genuine
counterexample. Agreement on instances proves nothing; proofs use the symbolic form.
"""

from __future__ import annotations

import random

import sympy as sp
from sympy.core.function import AppliedUndef


def undefined(expr: sp.Basic) -> list[type]:
    """The undefined functions applied in ``expr``, in a stable order."""
    return sorted({a.func for a in expr.atoms(AppliedUndef)}, key=lambda f: str(f))


def concrete(arity: int, rng: random.Random) -> sp.Lambda:
    """A random quadratic polynomial in ``arity`` variables with small rational coefficients."""
    u = sp.symbols(f"u1:{arity + 1}", real=True)

    def coefficient() -> sp.Rational:
        return sp.Rational(rng.randint(-9, 9) or 1, rng.choice((1, 2, 3, 4)))

    body = coefficient() + sp.Add(*(coefficient() * v + coefficient() * v**2 for v in u))
    if arity > 1:
        body += coefficient() * u[0] * u[1]
    return sp.Lambda(u, body)


def _as_substitutions(expr: sp.Expr) -> sp.Expr:
    """``Derivative(F(g(x)), g(x))`` as ``Subs(Derivative(F(ξ), ξ), ξ, g(x))``.

    SymPy writes the chain rule with derivatives by an expression; an expression is no
    variable once ``g`` is replaced by a polynomial, a substitution still is.
    """

    def by_symbols(d: sp.Derivative) -> sp.Expr:
        body, variables, points, counts = d.expr, [], [], []
        for v, count in d.variable_count:
            if v.is_Symbol:
                variables.append(v)
                counts.append(count)
                continue
            xi = sp.Dummy("xi", real=True)
            body = body.xreplace({v: xi})
            variables.append(xi)
            counts.append(count)
            points.append((xi, v))
        derivative = sp.Derivative(body, *zip(variables, counts, strict=True))
        if not points:
            return derivative
        return sp.Subs(derivative, tuple(p for p, _ in points), tuple(v for _, v in points))

    return expr.replace(
        lambda e: (
            isinstance(e, sp.Derivative) and not all(v.is_Symbol for v, _ in e.variable_count)
        ),
        by_symbols,
    )


def instantiate(
    sides: tuple[sp.Expr, sp.Expr], rng: random.Random
) -> tuple[tuple[sp.Expr, sp.Expr], str]:
    """Both sides with every undefined function replaced by the same concrete one, and a text
    naming the instance (empty when there was nothing to replace)."""
    functions = undefined(sides[0]) + [
        f for f in undefined(sides[1]) if f not in undefined(sides[0])
    ]
    if not functions:
        return sides, ""
    sides = (_as_substitutions(sides[0]), _as_substitutions(sides[1]))
    chosen: dict[type, sp.Lambda] = {}
    for f in functions:
        arity = next(len(a.args) for side in sides for a in side.atoms(AppliedUndef) if a.func == f)
        chosen[f] = concrete(arity, rng)

    def replace(expr: sp.Expr) -> sp.Expr:
        for f, lam in chosen.items():
            expr = expr.replace(
                lambda e, f=f: isinstance(e, AppliedUndef) and e.func == f,
                lambda e, lam=lam: lam(*e.args),
            )
        return expr.doit()

    named = "; ".join(
        f"{f}({', '.join(map(str, lam.variables))}) = {lam.expr}" for f, lam in chosen.items()
    )
    return (replace(sides[0]), replace(sides[1])), f"for the instance {named}"
