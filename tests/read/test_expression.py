"""The whitelist expression parser: what it reads, and what it refuses with a location."""

from __future__ import annotations

import pytest
import sympy as sp

from derivations.read.expression import ExpressionError, parse
from derivations.symbolic.functions import sigmoid

x, y = sp.symbols("x y", real=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x^2", x**2),
        ("x**2", x**2),
        ("-x^2", -(x**2)),  # power binds tighter than unary minus, as in mathematics
        ("2^-1", sp.Rational(1, 2)),
        ("0.1*x", x / 10),  # decimals are exact rationals, not floats
        ("e^x", sp.exp(x)),
        ("ln(x) - log(x)", sp.Integer(0)),
        ("sigmoid(x)*(1 - sigmoid(x))", sigmoid(x) * (1 - sigmoid(x))),
        ("relu(x)", sp.Max(0, x)),
        ("max(x, y) + min(x, y)", sp.Max(x, y) + sp.Min(x, y)),
        ("abs(x) + sqrt(x)", sp.Abs(x) + sp.sqrt(x)),
        ("x^(1/3)", x ** sp.Rational(1, 3)),
        ("pi*x", sp.pi * x),
    ],
)
def test_reads(text: str, expected: sp.Expr) -> None:
    assert parse(text) == expected


def test_symbols_are_real() -> None:
    assert parse("x").is_real


def test_caret_is_power_at_the_token_level() -> None:
    # '^' inside a name cannot exist; a '^' token always becomes '**' with its precedence
    assert parse("x^2*3") == 3 * x**2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x.__class__", "1:2: operator '.' is not allowed"),
        ("__import__('os')", "1:1: name '__import__' is not allowed (leading underscore)"),
        ("lambda: 1", "1:1: Python keyword 'lambda' is not allowed"),
        ("x + foo(x)", "1:5: unknown function 'foo'"),
        ("sigmod(x)", "1:1: unknown function 'sigmod'; did you mean sigmoid?"),
        ("exp(x, y)", "1:1: exp takes one argument, not 2"),
        ("1/99**(1/387420489)", "1:3: root of order 387420489 exceeds 12"),
        ("9**9**9", "number too large (more than 256 bits)"),
        ("x^(9^9)", "a power of degree 387420489 exceeds the budget of 10000"),
        ("(x+y+z+w)^1000", "expanding the power gives 167668501 terms, over the budget of 100000"),
        ("x +* 2", "1:4: syntax error"),
        ("1/0", "division by zero"),
        ("log(0)", "undefined or infinite"),
    ],
)
def test_refuses_with_location(text: str, message: str) -> None:
    with pytest.raises(ExpressionError, match=None) as info:
        parse(text)
    assert message in str(info.value)


@pytest.mark.parametrize(
    "text", ["(x-a)^6000", "(a-x)^6000", "6000*(x-a)^5999", "x^398", "(x^2+1)^(4001/2)"]
)
def test_big_exponents_within_the_cost_budget_are_read(text: str) -> None:
    # issue 14: the bound is the cost of the expansion (degree, terms), not the exponent
    assert parse(text).is_Mul or parse(text).is_Pow


def test_location_on_a_later_line() -> None:
    with pytest.raises(ExpressionError) as info:
        parse("x +\n  y.z")
    assert str(info.value).startswith("2:4:")


def test_diff_only_where_allowed() -> None:
    with pytest.raises(ExpressionError):
        parse("diff(x^2, x)")
    assert parse("diff(x^2, x)", allow_diff=True) == sp.Derivative(x**2, x)


@pytest.mark.parametrize("text", ["max(0, sqrt(-1))", "log(-2) * x", "sqrt(-4) + x"])
def test_non_real_values_are_refused(text: str) -> None:
    with pytest.raises(ExpressionError, match="not a real number"):
        parse(text)
