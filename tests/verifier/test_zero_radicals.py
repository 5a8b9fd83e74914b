"""Rational powers in the normal form: one root per base, reduced modulo r^d = B.

Each positive case is one the form without the relation could not prove (the root would be an
unrelated opaque symbol); each negative case is false somewhere, so it must stay unproved.
"""

from __future__ import annotations

import sympy as sp

from derivations.verifier.zero import is_identically_zero

x, y = sp.symbols("x y", real=True)
s = sp.sqrt(x**2 + 1)


def test_square_of_a_sum_with_a_root_is_reduced() -> None:
    assert is_identically_zero((s + 1) ** 2 - (x**2 + 2 + 2 * s))


def test_conjugates_multiply_to_an_integer() -> None:
    assert is_identically_zero((sp.sqrt(2) + 1) * (sp.sqrt(2) - 1) - 1)


def test_half_and_three_half_powers_share_a_root() -> None:
    b = x**2 + y**2 + 1
    expr = sp.diff(x / sp.sqrt(b), x) - (y**2 + 1) / b ** sp.Rational(3, 2)
    assert is_identically_zero(expr)


def test_cube_roots_reduce_modulo_the_cube() -> None:
    c = sp.cbrt(x**2 + 1)
    assert is_identically_zero((c + 1) ** 3 - (x**2 + 2 + 3 * c**2 + 3 * c))


def test_false_radical_identities_stay_unproved() -> None:
    assert not is_identically_zero(s - (x + 1))
    assert not is_identically_zero((s + 1) ** 2 - (x**2 + 2 + s))
    assert not is_identically_zero(sp.sqrt(x**2 + 2 * x + 1) - (x + 1))  # |x + 1| ≠ x + 1
