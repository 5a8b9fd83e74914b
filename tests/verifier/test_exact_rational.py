"""The python-flint zero test of rational functions gives SymPy's answers (issue 17)."""

from __future__ import annotations

import random

import pytest
import sympy as sp

from derivations.verifier import exact_rational, zero

pytestmark = pytest.mark.skipif(
    not exact_rational.available(), reason="python-flint is not installed (extra: fast)"
)

x, y, t = sp.symbols("x y t", real=True)


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        (1 / (1 + t) - (1 - t / (1 + t)), True),  # σ = 1 − σ·e^x written in t = e^x
        ((x + y) ** 3 - (x**3 + 3 * x**2 * y + 3 * x * y**2 + y**3), True),
        (x / y - y / x, False),
        (sp.Rational(1, 3) * x - x / 3, True),
        (1 / (x - x + 0 * y + 1) - 1, True),
        (x**-2 * y**2 - (y / x) ** 2, True),
        (x - sp.Symbol("x", positive=True), False),  # one name, two symbols
    ],
)
def test_answers_like_sympy(expr: sp.Expr, expected: bool) -> None:
    assert exact_rational.is_zero(expr) is expected
    assert (sp.cancel(sp.together(expr)) == 0) is expected


def test_what_is_no_rational_function_is_left_to_sympy() -> None:
    assert exact_rational.is_zero(sp.Float("0.5") * x - y) is None
    assert exact_rational.is_zero(x**y - 1) is None
    assert exact_rational.is_zero(sp.sqrt(x) - 1) is None


def test_random_rational_functions_agree_with_sympy() -> None:
    """Sums of products of small rational powers, minus a rearrangement of themselves or not."""
    rng = random.Random(17)
    gens = (x, y, t)
    for _ in range(60):
        terms = [
            sp.Rational(rng.randint(-5, 5), rng.randint(1, 4))
            * rng.choice(gens) ** rng.randint(-2, 3)
            / (1 + rng.choice(gens) ** rng.randint(1, 2))
            for _ in range(rng.randint(1, 4))
        ]
        expr = sp.Add(*terms)
        shuffled = sp.together(sp.Add(*reversed(terms)))
        other = shuffled + (rng.choice(gens) if rng.random() < 0.5 else 0)
        difference = sp.Add(expr, -other, evaluate=True)
        assert exact_rational.is_zero(difference) is (sp.cancel(sp.together(difference)) == 0)


def test_the_zero_test_uses_it_and_still_proves_what_it_proved() -> None:
    s = 1 / (1 + sp.exp(-x))
    assert zero.is_identically_zero(sp.diff(s, x) - s * (1 - s))
    assert not zero.is_identically_zero(sp.diff(s, x) - s)
