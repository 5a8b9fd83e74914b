r"""The LaTeX reader: the reading conventions of the issue, each checked against SymPy."""

from __future__ import annotations

import pytest
import sympy as sp

from derivations.functions import sigmoid
from derivations.latex import Scope, Unreadable, read, tokenize

x, y, z = sp.symbols("x y z", real=True)


def latex(text: str) -> sp.Expr:
    return read(tokenize(text), Scope())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"e^{x}", sp.exp(x)),
        (r"e^x + e", sp.exp(x) + sp.E),
        (r"\exp(-x)", sp.exp(-x)),
        (r"\log x + \ln(y)", sp.log(x) + sp.log(y)),
        (r"|x|", sp.Abs(x)),
        (r"\left( x + 1 \right) \cdot y", (x + 1) * y),
        (r"2 \times x", 2 * x),
        (r"\sigma(x)(1 - \sigma(x))", sigmoid(x) * (1 - sigmoid(x))),
        (r"\tanh^2(x)", sp.tanh(x) ** 2),
        (r"\operatorname{tanh}(x)", sp.tanh(x)),
        (r"\mathrm{sech}^2(x)", sp.cosh(x) ** -2),
        (r"\max\{0, z\}", sp.Max(0, z)),
        (r"\max(0, x)", sp.Max(0, x)),
        (r"\frac{1}{1 + e^{-x}}", 1 / (1 + sp.exp(-x))),
        (r"\cfrac{\cfrac{e^x - e^{-x}}{2}}{2}", (sp.exp(x) - sp.exp(-x)) / 4),
        (r"\sqrt{x}", sp.sqrt(x)),
        (r"0.01x", x / 100),
        (r"\hat{y}", sp.Symbol("yhat", real=True)),
        (r"w_{j1} o^{(1)}", sp.Symbol("w_j1", real=True) * sp.Symbol("o^(1)", real=True)),
        (r"\frac{d}{dx} x^2", sp.Derivative(x**2, x)),
        (r"\frac{\mathrm{d}}{\mathrm{d}x}\left(x y\right)", sp.Derivative(x * y, x)),
        (r"\dfrac{\partial}{\partial y} x y", sp.Derivative(x * y, y)),
        (r"\frac{d x^3}{dx}", sp.Derivative(x**3, x)),
        (r"\sigma'(x)", sp.Derivative(sigmoid(x), x)),
    ],
)
def test_reads(text: str, expected: sp.Expr) -> None:
    assert latex(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (r"\sum_i x_i", r"sums (\sum)"),
        (r"\mathbf{x}", r"\mathbf"),
        (r"x^T", "transposes"),
        (r"\foo x", r"unsupported command \foo"),
        (r"f(x)", "the document does not define f"),
        (r"\sigma", "used without an argument"),
        (r"x^12", "ambiguous superscript"),
        (r"\tanh^{-1}(x)", "inverse function"),
        (r"\frac{d}{dx} y", "y does not depend on x"),
        (r"\frac{dy}{dx}", "y is not defined"),
        (r"\frac{\partial \sigma(z)}{\partial w}", "does not depend on w"),
        (r"\frac{d^2}{dx^2} x", "higher or unusual derivatives"),
        (r"\frac{\partial^2 L}{\partial x^2}", "higher or unusual derivatives"),
        (r"x^{9^{9^{9}}}", "exceeds"),
        (r"99^{1/387420489}", "root of order"),
        ("{" * 100 + "x" + "}" * 100, "nested deeper"),
        (r"\frac{1}{0}", "division by zero"),
        ("σ", "unsupported character"),
    ],
)
def test_refuses_with_reason(text: str, reason: str) -> None:
    with pytest.raises(Unreadable) as info:
        latex(text)
    assert reason in info.value.reason


def test_document_definitions_are_substituted() -> None:
    from derivations.latex import Function

    scope = Scope({"f": Function(x, x**3)})
    assert read(tokenize(r"f'(y)"), scope) == sp.Derivative(y**3, y)
    assert read(tokenize(r"\frac{df}{dz}"), scope) == sp.Derivative(z**3, z)
    assert read(tokenize(r"f(2)"), scope) == 8
