r"""The LaTeX reader: the reading conventions of the issue, each checked against SymPy."""

from __future__ import annotations

import contextlib

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from derivations.read.latex import (
    Function,
    Scope,
    SideReading,
    Unreadable,
    read,
    read_side,
    tokenize,
)
from derivations.read.notes import reads
from derivations.symbolic.functions import sigmoid

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
        (r"x^{9^{9^{9}}}", "number too large"),
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
    from derivations.read.latex import Function

    scope = Scope({"f": Function(x, x**3)})
    assert read(tokenize(r"f'(y)"), scope) == sp.Derivative(y**3, y)
    assert read(tokenize(r"\frac{df}{dz}"), scope) == sp.Derivative(z**3, z)
    assert read(tokenize(r"f(2)"), scope) == 8


# --- cases blocks -------------------------------------------------------------------------------

p = sp.Symbol("p", real=True)


def side(text: str, scope: Scope | None = None, **bare: tuple[sp.Expr, sp.Symbol]) -> SideReading:
    return read_side(tokenize(text), scope or Scope(), bare=bare)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"\begin{cases} 0 & x < 0 \\ 1 & x > 0 \end{cases}", sp.Piecewise((0, x < 0), (1, x > 0))),
        (
            r"\begin{cases} x & \text{if } x \geq 0 \\ 0 & \text{otherwise} \end{cases}",
            sp.Piecewise((x, x >= 0), (0, True)),
        ),
        (
            r"\begin{cases} x, & \text{if}~x\ge 0, \\\\ 0.01x & \text{if } x \leq 0. \end{cases}",
            sp.Piecewise((x, x >= 0), (x / 100, x <= 0)),
        ),
        (
            r"\begin{cases} 1 & x > 0 \\ \text{undefined} & x = 0 \\ 0 & x < 0 \end{cases}",
            sp.Piecewise((1, x > 0), (0, x < 0)),
        ),
        (
            r"\begin{cases} 1 & 0 < x < 1 \\ 0 & x \le 0 \text{ and } y > 0 \end{cases}",
            sp.Piecewise((1, (x > 0) & (x < 1)), (0, (x <= 0) & (y > 0))),
        ),
        (
            r"2\begin{cases} x & x > 0 \\ 0 & x \le 0 \end{cases}",
            2 * sp.Piecewise((x, x > 0), (0, True)),
        ),
    ],
)
def test_reads_cases(text: str, expected: sp.Expr) -> None:
    assert latex(text) == expected


def test_cases_that_overlap_with_different_values_are_undefined_on_the_overlap() -> None:
    # eq. (6) of seed 004: the second condition is written p < 0
    reading = side(r"\begin{cases} 1 & x \ge 0 \\ p & p < 0 \end{cases}")
    assert reading.expr == sp.Piecewise((1, (x >= 0) & (p >= 0)), (p, (p < 0) & (x < 0)))
    assert reading.notes == (
        "cases 1 and 2 both apply where x >= 0 and p < 0 with different values: "
        "read as undefined there",
    )
    # touching at a point only (x = 0) is a kink, not an overlap: nothing changes
    assert side(r"\begin{cases} 1 & x \ge 0 \\ 0 & x \le 0 \end{cases}").notes == ()


def test_an_undefined_point_case_is_noted() -> None:
    reading = side(r"\begin{cases} 1 & x > 0 \\ \text{undefined} & x = 0 \end{cases}")
    assert reading.notes == ("the undefined case where x = 0 has measure zero; not checked",)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (r"\begin{cases} 1 & y = 1 \\ 0 & y > 0 \end{cases}", "not all distinct values of one"),
        (r"\begin{cases} 1 & y = 1 \\ 0 & y = 1 \end{cases}", "not all distinct values of one"),
        (r"\begin{cases} 1 & y = 1 \\ 0 & z = 0 \end{cases}", "not all distinct values of one"),
        (r"\begin{cases} 1 & c = i \\ 0 & \text{otherwise} \end{cases}", "(c = i) that is not"),
        (r"\begin{cases} 1 & x \ne 0 \end{cases}", "a case on x ≠ 0"),
        (r"\begin{cases} 1 \\ 0 \end{cases}", "not 'value & condition'"),
        (r"\begin{cases} 1 & x & y \end{cases}", "not 'value & condition'"),
        (r"\begin{cases} 1 & \text{otherwise} \\ 0 & \text{else} \end{cases}", "two 'otherwise'"),
        (r"\begin{cases} \text{undefined} & x > 0 \end{cases}", "no case has a value"),
        (r"\begin{cases} 1 & \text{sometimes} \end{cases}", "the text 'sometimes'"),
        (r"\begin{cases} \text{big} & x > 0 \end{cases}", "the text 'big'"),
        (r"\begin{cases} 1 & x \end{cases}", "not a relation"),
        (r"\begin{cases} 1 & \end{cases}", "without a condition"),
        (r"\begin{cases} 1 & x \in S \end{cases}", "not a relation"),
        (r"\begin{cases} 1 & 0 < 1 \end{cases}", "always true or always false"),
        (r"\begin{cases} 1 & \sqrt{-1} < 0 \end{cases}", "non-real"),
        (r"\begin{cases} 1 & x > 0", "without its \\end"),
        (r"\begin{cases} 1 & x > 0 \end{matrix}", "ended by \\end{matrix}"),
        (r"\begin{pmatrix} 1 & 0 \end{pmatrix}", "the environment pmatrix is not supported"),
        (r"\begin{cases} " + r"1 & x > 0 \\ " * 20 + r"\end{cases}", "more than 8 rows"),
    ],
)
def test_cases_refused_with_reason(text: str, reason: str) -> None:
    with pytest.raises(Unreadable) as info:
        latex(text)
    assert reason in info.value.reason


# --- functions without an argument ---------------------------------------------------------------


def test_derivative_of_a_defined_function_name_is_the_function_of_the_variable() -> None:
    scope = Scope({"relu": Function(y, sp.Max(0, y))})
    for text in (r"\frac{d}{dx}\operatorname{ReLU}", r"\frac{d}{dx} \mathrm{relu}"):
        assert side(text, scope).expr == sp.Derivative(sp.Max(0, x), x)
    assert side(r"\frac{d \mathrm{relu}}{dz}", scope).expr == sp.Derivative(sp.Max(0, z), z)


def test_the_documents_definition_wins_over_the_standard_one() -> None:
    scope = Scope({"relu": Function(y, sp.Max(0, 2 * y))})
    assert side(r"\frac{d}{dx}\operatorname{ReLU}", scope).expr == sp.Derivative(
        sp.Max(0, 2 * x), x
    )


def test_a_standard_name_without_definition_is_read_and_noted() -> None:
    reading = side(r"\frac{d}{dx}\operatorname{ReLU}")
    assert reading.expr == sp.Derivative(sp.Max(0, x), x)
    assert reading.notes == ("ReLU is not defined in the document: read as max(0, x)",)
    assert side(r"\sigma(x)").notes == (
        "sigma is not defined in the document: read as the logistic sigmoid 1/(1 + e^(-x))",
    )


def test_a_definition_without_argument_is_its_expression() -> None:
    body = sp.Piecewise((x, x >= 0), (p * x, True))
    scope = Scope({"leakyrelu": Function(None, body, line=66)})
    reading = side(r"\frac{d}{dx}\operatorname{LeakyReLU}", scope)
    assert reading.expr == sp.Derivative(body, x)
    assert "definition at line 66 (written without an argument)" in reading.notes[0]
    with pytest.raises(Unreadable, match="does not depend on z"):
        side(r"\frac{d}{dz}\operatorname{LeakyReLU}", scope)
    with pytest.raises(Unreadable, match="defined at line 66 without an argument"):
        side(r"\operatorname{LeakyReLU}(x)", scope)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (r"\frac{d}{dx}\operatorname{GELU}", "the function GELU is used without an argument"),
        (r"\frac{d}{dx}\operatorname{LeakyReLU}", "used without an argument"),
        (r"\frac{d}{dx} \sigma + 1", "used without an argument"),
        (r"\frac{d}{dx} f", "f does not depend on x"),
    ],
)
def test_function_names_without_definition_are_refused(text: str, reason: str) -> None:
    with pytest.raises(Unreadable) as info:
        side(text)
    assert reason in info.value.reason


# --- a bare σ for σ(x), only where the chain differentiates σ(x) ---------------------------------


def test_bare_sigma_is_sigma_of_the_variable_in_its_chain() -> None:
    s = sigmoid(x)
    reading = side(r"\sigma(1-\sigma)", sigma=(s, x))
    assert reading.expr == s * (1 - s)
    assert reading.notes[0].startswith("sigma without an argument read as sigma(x)")
    assert side(r"1 - \sigma^2", sigma=(s, x)).expr == 1 - s**2
    assert side(r"\sigma(2x)", sigma=(s, x)).expr == sigmoid(2 * x)  # an argument: a call


def test_bare_sigma_is_refused_elsewhere_or_when_ambiguous() -> None:
    with pytest.raises(Unreadable, match="used without an argument"):
        side(r"\sigma(1-\sigma)")
    with pytest.raises(Unreadable, match="an argument or a product"):
        side(r"\sigma x", sigma=(sigmoid(x), x))


def test_the_subject_of_a_derivative_side() -> None:
    assert side(r"\frac{d}{dx} \sigma(x)").subject == ("sigma", sigmoid(x), x)
    assert side(r"\frac{d \sigma(x)}{dx}").subject == ("sigma", sigmoid(x), x)
    assert side(r"\sigma'(x)").subject == ("sigma", sigmoid(x), x)
    assert side(r"\frac{d}{dx}\operatorname{relu}").subject == ("relu", sp.Max(0, x), x)
    assert side(r"\frac{d}{dx} \sigma(2x)").subject is None
    assert side(r"2\frac{d}{dx} \sigma(x)").subject is None
    assert side(r"\frac{d}{dx} x^2").subject is None


def test_a_function_times_one_minus_itself() -> None:
    scope = Scope({"f": Function(y, y**3)})
    assert side(r"f(x)(1-f(x))", scope).expr == x**3 * (1 - x**3)


def test_cases_module_doctests() -> None:
    import doctest

    import derivations.symbolic.cases

    assert doctest.testmod(derivations.symbolic.cases).failed == 0


CASES_TOKENS = [
    r"\begin{cases}",
    r"\end{cases}",
    r"\begin{matrix}",
    " & ",
    r" \\ ",
    r"\text{if }",
    r"\text{otherwise}",
    r"\text{undefined}",
    r"\text{ and }",
    *"<>=(){}x0p1-",
    r"\ge ",
    r"\neq ",
    r"\sigma",
    r"\operatorname{ReLU}",
    r"\frac{d}{dx}",
    r"\sqrt{-1}",
    "e^{x}",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(CASES_TOKENS), max_size=25).map("".join))
def test_cases_reader_raises_only_unreadable(text: str) -> None:
    with contextlib.suppress(Unreadable):
        side(text, sigma=(sigmoid(x), x))
    reading = reads(f"$$\n{text}\n$$\n", "fuzz.md")
    assert sum(reading.display.values()) == 1


def test_cases_on_values_of_a_parameter() -> None:
    reading = side(r"\begin{cases} -\frac{1}{x} & \text{if}~ y=1 \\ 0 & \text{if}~ y=0 \end{cases}")
    assert reading.expr == sp.Piecewise((-1 / x, sp.Eq(y, 1)), (0, sp.Eq(y, 0)))
    assert reading.notes == ("each case on y is checked as its own claim under that condition",)


def test_functions_of_several_arguments() -> None:
    from derivations.read.latex import definition_head

    head = definition_head(tokenize(r"\text{div}(\hat{y}, y)"))
    assert head == ("div", ("yhat", "y"))
    assert definition_head(tokenize(r"f(x, x)")) is None
    assert definition_head(tokenize(r"\text{d}(x)")) is None
    yhat = sp.Symbol("yhat", real=True)
    scope = Scope({"div": Function(yhat, -y * sp.log(yhat), others=(y,))})
    assert side(r"\text{div}(\hat{y}, y)", scope).expr == -y * sp.log(yhat)
    assert side(r"\text{div}(x, 2)", scope).expr == -2 * sp.log(x)
    with pytest.raises(Unreadable, match="div takes 2 argument"):
        side(r"\text{div}(x)", scope)
    with pytest.raises(Unreadable, match=r"text \(\\text\) inside a formula"):
        side(r"\text{div} x", scope)
