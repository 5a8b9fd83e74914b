r"""Building SymPy expressions from parsed input without letting SymPy run away.

Both parsers (:mod:`derivations.read.expression` for typed expressions and
:mod:`derivations.read.latex` for notes) build their result through these
functions. Every rational constant is computed here first, exactly and with
Python's :class:`fractions.Fraction`, under the bounds of
:class:`~derivations.read.limits.Limits`; only a value within the bounds becomes a
SymPy object. In particular

* an integer power :math:`a^n` of a rational constant is computed only when
  its size :math:`n \cdot \mathrm{bits}(a)` is within the bound;
* a rational exponent :math:`p/q` needs :math:`q \le` ``max_root`` (SymPy searches for an
  exact root of :math:`99^{1/387420489}` for as long as it takes);
* a power of an expression costs what its expansion would: its degree and its number of
  terms are bounded (``max_degree``, ``max_terms``), not its exponent.

A violation raises :class:`Refused` with the reason; the parsers turn it into
an error that names the place in the input.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

import sympy as sp

from derivations.read.limits import DEFAULT, Limits
from derivations.symbolic.functions import sigmoid, softplus


class Refused(Exception):
    """An operation the bounds do not allow, or an undefined constant (1/0)."""


@dataclass(frozen=True)
class Value:
    """A parsed subexpression; ``exact`` is its value when it is a rational constant."""

    expr: sp.Expr
    exact: Fraction | None = None


def _bits(q: Fraction) -> int:
    return max(abs(q.numerator).bit_length(), q.denominator.bit_length())


def _checked(q: Fraction, limits: Limits) -> Value:
    if _bits(q) > limits.max_bits:
        raise Refused(f"number too large (more than {limits.max_bits} bits)")
    return Value(sp.Rational(q.numerator, q.denominator), q)


def rational(q: Fraction, limits: Limits = DEFAULT) -> Value:
    """A rational constant within the bounds."""
    return _checked(q, limits)


def number(text: str, limits: Limits = DEFAULT) -> Value:
    """A decimal literal (``12``, ``0.01``, ``1e-3``) as an exact rational.

    >>> number("0.01").expr
    1/100
    """
    mantissa, _, exponent = text.lower().partition("e")
    digits = sum(ch.isdigit() for ch in mantissa)
    if digits > limits.max_digits:
        raise Refused(f"number {text[:20]}… has more than {limits.max_digits} digits")
    if exponent and (len(exponent.lstrip("+-")) > 3 or abs(int(exponent)) > limits.max_digits):
        raise Refused(f"exponent of {text} exceeds ±{limits.max_digits}")
    try:
        q = Fraction(text)
    except (ValueError, ZeroDivisionError) as exc:
        raise Refused(f"not a number: {text}") from exc
    return _checked(q, limits)


def symbol(name: str) -> Value:
    """A real symbol."""
    return Value(sp.Symbol(name, real=True))


def add(a: Value, b: Value, limits: Limits = DEFAULT) -> Value:
    if a.exact is not None and b.exact is not None:
        return _checked(a.exact + b.exact, limits)
    return Value(sp.Add(a.expr, b.expr))


def neg(a: Value, limits: Limits = DEFAULT) -> Value:
    if a.exact is not None:
        return _checked(-a.exact, limits)
    return Value(-a.expr)


def sub(a: Value, b: Value, limits: Limits = DEFAULT) -> Value:
    return add(a, neg(b, limits), limits)


def mul(a: Value, b: Value, limits: Limits = DEFAULT) -> Value:
    if a.exact is not None and b.exact is not None:
        return _checked(a.exact * b.exact, limits)
    return Value(sp.Mul(a.expr, b.expr))


def div(a: Value, b: Value, limits: Limits = DEFAULT) -> Value:
    if b.exact is not None:
        if b.exact == 0:
            raise Refused("division by zero")
        if a.exact is not None:
            return _checked(a.exact / b.exact, limits)
    return Value(sp.Mul(a.expr, sp.Pow(b.expr, -1)))


def power(base: Value, exponent: Value, limits: Limits = DEFAULT) -> Value:
    """``base ** exponent`` within the bounds (see the module docstring)."""
    q = exponent.exact
    if q is None:
        return Value(sp.Pow(base.expr, exponent.expr))
    if q.denominator > limits.max_root:
        raise Refused(f"root of order {q.denominator} exceeds {limits.max_root}")
    b = base.exact
    if b is not None:
        if b == 0 and q < 0:
            raise Refused("division by zero (0 to a negative power)")
        # b^(p/q) holds b^⌊p/q⌋ exactly: its size is bounded before anything is computed
        if _bits(b) * (abs(q.numerator) // q.denominator) > limits.max_bits:
            raise Refused(f"number too large (more than {limits.max_bits} bits)")
        if q.denominator == 1:
            return _checked(b**q.numerator, limits)
    else:
        _within_cost(base.expr, q, limits)
    return Value(sp.Pow(base.expr, sp.Rational(q.numerator, q.denominator)))


def _within_cost(base: sp.Expr, q: Fraction, limits: Limits) -> None:
    """Refuse ``base ** q`` when expanding it would exceed the degree or the terms bound."""
    n = -(-abs(q.numerator) // q.denominator)  # ⌈|q|⌉
    degree = n * _degree(base)
    if degree > limits.max_degree:
        raise Refused(f"a power of degree {degree} exceeds the budget of {limits.max_degree}")
    terms = math.comb(n + _terms(base) - 1, n)
    if terms > limits.max_terms:
        raise Refused(
            f"expanding the power gives {terms} terms, over the budget of {limits.max_terms}"
        )


def _degree(e: sp.Expr) -> int:
    """An upper bound of the total degree of ``e``, a function application counting 1."""
    if e.is_Number or e.is_NumberSymbol:
        return 0
    if e.is_Add:
        return max(_degree(a) for a in e.args)
    if e.is_Mul:
        return sum(_degree(a) for a in e.args)
    if e.is_Pow and e.exp.is_Rational:
        return _degree(e.base) * -(-abs(int(e.exp.p)) // int(e.exp.q))
    return 1


def _terms(e: sp.Expr) -> int:
    """An upper bound of the number of terms of ``e`` expanded (at least 1)."""
    if e.is_Add:
        return sum(_terms(a) for a in e.args)
    if e.is_Mul:
        return math.prod(_terms(a) for a in e.args)
    if e.is_Pow and e.exp.is_Integer and e.exp > 0:
        n, t = int(e.exp), _terms(e.base)
        return math.comb(n + t - 1, n) if n * t < 10**6 else 10**9
    return 1


def _relu(x: sp.Expr) -> sp.Expr:
    return sp.Max(0, x)


def _sech(x: sp.Expr) -> sp.Expr:
    return 1 / sp.cosh(x)


#: Functions of one argument, by the name the user writes.
UNARY: dict[str, Callable[[sp.Expr], sp.Expr]] = {
    "exp": sp.exp,
    "log": sp.log,
    "ln": sp.log,
    "abs": sp.Abs,
    "sin": sp.sin,
    "cos": sp.cos,
    "tan": sp.tan,
    "tanh": sp.tanh,
    "sinh": sp.sinh,
    "cosh": sp.cosh,
    "sech": _sech,
    "atan": sp.atan,
    "erf": sp.erf,
    "sigmoid": sigmoid,
    "softplus": softplus,
    "relu": _relu,
}

#: Functions of two or more arguments.
VARIADIC: dict[str, Callable[..., sp.Expr]] = {"max": sp.Max, "min": sp.Min}


def call(name: str, args: Sequence[Value], limits: Limits = DEFAULT) -> Value:
    """Function ``name`` applied to ``args``; the name must be in the whitelist.

    The result must be real: ``sqrt(-1)`` or ``log(-2)`` is refused, and so is any argument
    SymPy itself rejects (``max`` of a non-real number).
    """
    if name == "sqrt":
        if len(args) != 1:
            raise Refused("sqrt takes one argument")
        return _real(name, power(args[0], Value(sp.Rational(1, 2), Fraction(1, 2)), limits))
    if name in UNARY:
        if len(args) != 1:
            raise Refused(f"{name} takes one argument, not {len(args)}")
        return _real(name, _built(name, UNARY[name], args[0].expr))
    if name in VARIADIC:
        if not 2 <= len(args) <= limits.max_arguments:
            raise Refused(f"{name} takes 2 to {limits.max_arguments} arguments")
        return _real(name, _built(name, VARIADIC[name], *(a.expr for a in args)))
    raise Refused(f"unknown function {name!r}")


def _built(name: str, function: Callable[..., sp.Expr], *args: sp.Expr) -> Value:
    """``function(*args)``, with SymPy's own objections turned into a refusal."""
    try:
        return Value(function(*args))
    except (ValueError, TypeError, ArithmeticError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise Refused(f"{name}: {reason}") from None


def _real(name: str, value: Value) -> Value:
    if value.expr.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        return value  # reported as undefined or infinite by defined()
    if value.expr.is_number and value.expr.is_real is False:
        raise Refused(f"{name}: the value is not a real number")
    return value


def defined(value: Value) -> sp.Expr:
    """The expression, or :class:`Refused` when it is undefined or infinite (log(0), tan(pi/2))."""
    expr = value.expr
    if expr.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        raise Refused("the expression is undefined or infinite")
    return expr


FUNCTIONS = frozenset({*UNARY, *VARIADIC, "sqrt"})
CONSTANTS: dict[str, Value] = {"e": Value(sp.E), "pi": Value(sp.pi)}
