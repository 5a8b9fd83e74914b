r"""Where the sides of a proved claim divide by zero, named as the report's ``where``.

A proof by the normal form cancels fractions: ``x/(x^2 - 1) = 1/(2(x - 1)) + 1/(2(x + 1))`` is
proved, and holds wherever both sides have a value, that is where :math:`x \ne \pm 1`. Each
denominator (a power with a negative integer exponent) that can vanish is named by its zeros:

- a polynomial in one symbol (of degree at most 4, its roots written out): its real roots, those
  of every denominator of the claim together, ``x ≠ ±1``, ``x ≠ 0, x ≠ 2`` (a root is named
  only where the side it divides is undefined: ``Piecewise((1/(x - 2), x < 1), (0, True))`` has
  a value at ``x = 2``); no real root, nothing to name (``x^2 + x + 1``);
- otherwise the denominator's simplest form as an inequality, as kinks are named
  (``e^x - 1`` is ``x ≠ 0``, ``x - y`` is ``x ≠ y``).

Denominators that are positive or negative by assumption (``1 + e^(-x)``, ``β > 0``), powers
with a fractional exponent (their bases must be positive, which the real domain names) and
``sin``, ``cos`` (named as trigonometric poles) are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

import sympy as sp

from derivations.symbolic import regions
from derivations.verifier.core import excluded_parts
from derivations.verifier.evidence import Real, real_value

#: Highest degree of a denominator whose real roots are named one by one.
MAX_DEGREE = 4


def vanishing_denominators(
    sides: Iterable[sp.Expr],
    *,
    signed: Collection[sp.Symbol] = (),
    show: Callable[[sp.Expr], str] = sp.sstr,
) -> set[str]:
    """The inequalities that leave out the zeros of the denominators of ``sides``; ``x ≠ 0``
    not for a symbol of ``signed`` (a real domain split by its sign already leaves 0 out)."""
    parts: set[str] = set()
    roots: dict[sp.Symbol, set[sp.Expr]] = {}
    for side in sides:
        for base in _denominators(side):
            if _never_zero(base):
                continue
            numerator, _ = sp.fraction(sp.together(base))  # its own denominators come in turn
            try:
                factors = _factors(numerator)
            except (sp.PolynomialError, NotImplementedError):
                factors = [numerator]
            for factor in factors:
                if not factor.free_symbols or _never_zero(factor):
                    continue
                found = _roots(factor)
                if found is None:
                    parts |= excluded_parts([factor], show=show)
                    continue
                symbol, real = found
                roots.setdefault(symbol, set()).update(
                    r
                    for r in real
                    if not (r == 0 and symbol in signed) and _undefined_at(side, symbol, r)
                )
    for symbol, zeros in roots.items():
        for r in zeros:
            if r.could_extract_minus_sign() and -r in zeros:
                continue  # named with its opposite: x ≠ ±1
            both = -r in zeros and r != 0
            parts.add(f"{symbol} ≠ {'±' if both else ''}{show(r)}")
    return parts


def _denominators(side: sp.Expr) -> list[sp.Expr]:
    found = []
    for node in sp.preorder_traversal(side):
        if not (node.is_Pow and node.exp.is_Integer and node.exp.is_negative):
            continue
        base = node.base
        if isinstance(base, (sp.sin, sp.cos)) or regions.has_switches(base):
            continue
        if base.free_symbols and base not in found:
            found.append(base)
    return found


def _factors(numerator: sp.Expr) -> list[sp.Expr]:
    """The irreducible factors of a polynomial ``numerator`` of at most :data:`MAX_DEGREE` in
    each symbol; any other numerator whole (factoring it could take long)."""
    symbols = sorted(numerator.free_symbols, key=lambda s: s.name)
    if not symbols or not numerator.is_polynomial(*symbols):
        return [numerator]
    if sp.Poly(numerator, *symbols).total_degree() > 2 * MAX_DEGREE:
        return [numerator]
    return [f for f, _ in sp.factor_list(numerator)[1]]


def _never_zero(factor: sp.Expr) -> bool:
    return bool(factor.is_nonzero or factor.is_positive or factor.is_negative)


def _roots(factor: sp.Expr) -> tuple[sp.Symbol, list[sp.Expr]] | None:
    """The real roots of ``factor``, a polynomial of one symbol with numbers for coefficients
    and a degree of at most :data:`MAX_DEGREE`, all of them written out; None otherwise."""
    (symbol, *others) = sorted(factor.free_symbols, key=lambda s: s.name)
    if others or not factor.is_polynomial(symbol):
        return None
    poly = sp.Poly(factor, symbol)
    if poly.degree() > MAX_DEGREE or not all(c.is_algebraic for c in poly.all_coeffs()):
        return None
    found = sp.roots(poly)
    if sum(found.values()) != poly.degree() or any(r.is_real is None for r in found):
        return None  # not every root written out, or not known real or not
    return symbol, [r for r in found if r.is_real]


def _undefined_at(side: sp.Expr, symbol: sp.Symbol, root: sp.Expr) -> bool:
    """Whether ``side`` has no real value where ``symbol`` is ``root`` (and its other symbols
    anything: at a point of theirs that is not special); undecided counts as undefined."""
    others = sorted(side.free_symbols - {symbol}, key=lambda s: s.name)
    point = {s: sp.Rational(3, 7) + i for i, s in enumerate(others)}
    return not isinstance(real_value(side, {**point, symbol: root}), Real)
