r"""The zero test of a rational function with python-flint, when it is installed.

After :mod:`derivations.verifier.zero` has replaced every exponential, logarithm and opaque
subterm by a fresh symbol, the difference of a claim's sides is a rational function of
independent symbols with rational coefficients. It is identically zero exactly when the
numerator of

.. math:: \frac{n_1}{d_1} + \frac{n_2}{d_2} = \frac{n_1 d_2 + n_2 d_1}{d_1 d_2}, \qquad
          \frac{n_1}{d_1} \cdot \frac{n_2}{d_2} = \frac{n_1 n_2}{d_1 d_2}

built bottom-up over the expression tree is the zero polynomial (no denominator being the zero
polynomial). python-flint's ``fmpq_mpoly`` (FLINT's exact multivariate polynomials over
:math:`\mathbb{Q}`) does this arithmetic about twenty times faster than SymPy's
``cancel(together(...))`` on the catalog's zero tests; the answer is the same, since both are
exact. Without python-flint (``pip install "derive-nn[fast]"``), or for an expression that is
not such a rational function (a float, a symbolic exponent), :func:`is_zero` answers ``None``
and the caller uses SymPy.
"""

from __future__ import annotations

import importlib
from typing import Any

import sympy as sp

flint: Any
try:  # optional heavy dependency: the extra "fast"
    flint = importlib.import_module("flint")
except ImportError:  # pragma: no cover - exercised where python-flint is not installed
    flint = None


class _NotRational(Exception):
    """The expression is not a rational function of its symbols with rational coefficients."""


def available() -> bool:
    """Whether python-flint is installed."""
    return flint is not None


def _fraction(expr: sp.Expr, ctx: Any, gens: dict[sp.Symbol, Any]) -> tuple[Any, Any]:
    """``expr`` as (numerator, denominator), two ``fmpq_mpoly``; unreduced (no gcd taken)."""
    if expr.is_Rational:
        return ctx.constant(flint.fmpq(int(expr.p), int(expr.q))), ctx.constant(1)
    if isinstance(expr, sp.Symbol):
        return gens[expr], ctx.constant(1)
    if isinstance(expr, sp.Add):
        numerator, denominator = ctx.constant(0), ctx.constant(1)
        for term in expr.args:
            n, d = _fraction(term, ctx, gens)
            if d == denominator:
                numerator += n
            else:
                numerator, denominator = numerator * d + n * denominator, denominator * d
        return numerator, denominator
    if isinstance(expr, sp.Mul):
        numerator, denominator = ctx.constant(1), ctx.constant(1)
        for factor in expr.args:
            n, d = _fraction(factor, ctx, gens)
            numerator, denominator = numerator * n, denominator * d
        return numerator, denominator
    if isinstance(expr, sp.Pow) and expr.exp.is_Integer:
        n, d = _fraction(expr.base, ctx, gens)
        power = int(expr.exp)
        return (n**power, d**power) if power >= 0 else (d ** (-power), n ** (-power))
    raise _NotRational


def is_zero(expr: sp.Expr) -> bool | None:
    """Whether the rational function ``expr`` is identically zero; ``None`` when python-flint is
    not installed or ``expr`` is not a rational function of its symbols (then ask SymPy)."""
    if flint is None:
        return None
    symbols = sorted(expr.free_symbols, key=sp.default_sort_key)
    if not all(isinstance(s, sp.Symbol) for s in symbols):
        return None
    # Generators named by position: two symbols with one name (other assumptions) stay apart.
    names = tuple(f"g{i}" for i in range(len(symbols))) or ("g",)
    ctx = flint.fmpq_mpoly_ctx.get(names, "lex")
    gens = dict(zip(symbols, ctx.gens(), strict=False))
    try:
        numerator, denominator = _fraction(expr, ctx, gens)
    except _NotRational:
        return None
    if denominator == 0:  # a division by zero: undefined everywhere, never shown to be 0
        return False
    return bool(numerator == 0)
