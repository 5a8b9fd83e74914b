r"""Gated activations, the input times a gate: GELU (exact and its tanh form), SiLU/Swish, Mish.

Each formula cites the paper that introduced it and the PyTorch documentation page that defines
it; the claims are the closed forms the literature states, one claim per form, and the
approximations that are not identities are recorded as expected refutations.

The standard normal CDF and density are written through ``erf``:
:math:`\\Phi(x) = \\tfrac12(1 + \\operatorname{erf}(x/\\sqrt2))`,
:math:`\\varphi(x) = e^{-x^2/2}/\\sqrt{2\\pi}`.
"""

from __future__ import annotations

import sympy as sp

from derivations.catalog.building import (
    PROVED,
    REFUTED,
    D,
    positive,
    real,
)
from derivations.catalog.sources import (
    GELU,
    MISH,
    REFERENCE,
    SILU,
    SWISH,
    paper,
    torch_doc,
)
from derivations.model import Claim, Formula, Kind, Source
from derivations.symbolic import conditions
from derivations.symbolic.functions import sigmoid, softplus

(x,) = real("x")
(beta,) = positive("beta")
e = sp.exp


def normal_cdf(u: sp.Expr) -> sp.Expr:
    r""":math:`\Phi(u) = \tfrac12\,(1 + \operatorname{erf}(u/\sqrt2))`."""
    return (1 + sp.erf(u / sp.sqrt(2))) / 2


def normal_pdf(u: sp.Expr) -> sp.Expr:
    r""":math:`\varphi(u) = e^{-u^2/2}/\sqrt{2\pi}`."""
    return e(-(u**2) / 2) / sp.sqrt(2 * sp.pi)


#: The cubic coefficient of GELU's tanh approximation, as published (0.044715).
GELU_CUBIC = sp.Rational(44715, 1000000)
#: The slope of GELU's sigmoid approximation, as published (1.702).
GELU_SIGMOID_SLOPE = sp.Rational(1702, 1000)


def gelu_tanh(u: sp.Expr) -> sp.Expr:
    r""":math:`\tfrac12 u\,(1 + \tanh(\sqrt{2/\pi}\,(u + 0.044715\,u^3)))`."""
    return u / 2 * (1 + sp.tanh(sp.sqrt(2 / sp.pi) * (u + GELU_CUBIC * u**3)))


_gelu = x * normal_cdf(x)
gelu = Formula(
    name="gelu",
    kind=Kind.ACTIVATION,
    title="Gaussian error linear unit (exact)",
    summary=(
        "GELU(x) = xΦ(x) = (x/2)(1 + erf(x/√2)); GELU'(x) = Φ(x) + xφ(x). The tanh and sigmoid "
        "approximations of the paper are not identities (see the formula gelu_tanh and the "
        "approximation analysis)."
    ),
    variables=(x,),
    variable=x,
    definition=_gelu,
    derivative=normal_cdf(x) + x * normal_pdf(x),
    sources=(paper(GELU, "§2"), torch_doc("GELU")),
    claims=(
        Claim(
            id="gelu.definition-erf",
            title="xΦ(x) through erf",
            lhs=_gelu,
            rhs=x / 2 * (1 + sp.erf(x / sp.sqrt(2))),
            expected=PROVED,
            statement=r"x\Phi(x) = x \cdot \tfrac12\left[1 + \operatorname{erf}(x/\sqrt2)\right]",
            sources=(paper(GELU, "§2"), torch_doc("GELU", "approximate='none'")),
        ),
        Claim(
            id="gelu.tanh-approximation",
            title="the tanh approximation as an identity",
            lhs=_gelu,
            rhs=gelu_tanh(x),
            expected=REFUTED,
            correction=_gelu,
            statement=(
                r"x\Phi(x) = 0.5x\left(1 + \tanh\left[\sqrt{2/\pi}\,(x + 0.044715x^3)\right]\right)"
            ),
            sources=(
                paper(GELU, "§2", "stated as an approximation (≈); checked here as an identity"),
                torch_doc("GELU", "approximate='tanh'"),
            ),
        ),
        Claim(
            id="gelu.sigmoid-approximation",
            title="the sigmoid approximation as an identity",
            lhs=_gelu,
            rhs=x * sigmoid(GELU_SIGMOID_SLOPE * x),
            expected=REFUTED,
            correction=_gelu,
            statement=r"x\Phi(x) = x\,\sigma(1.702x)",
            sources=(
                paper(GELU, "§2", "stated as an approximation (≈); checked here as an identity"),
            ),
        ),
        Claim(
            id="gelu.derivative",
            title="GELU' = Φ(x) + xφ(x)",
            lhs=D(_gelu, x),
            rhs=normal_cdf(x) + x * normal_pdf(x),
            expected=PROVED,
            statement=r"\frac{d}{dx}\,x\Phi(x) = \Phi(x) + x\varphi(x)",
            sources=(REFERENCE,),
        ),
    ),
)

_u = sp.sqrt(2 / sp.pi) * (x + GELU_CUBIC * x**3)
_gelu_tanh = gelu_tanh(x)
_gelu_error = _gelu - _gelu_tanh
gelu_tanh_formula = Formula(
    name="gelu_tanh",
    kind=Kind.ACTIVATION,
    title="GELU, tanh approximation",
    summary=(
        "0.5x(1 + tanh u), u = √(2/π)(x + 0.044715x³); its derivative is "
        "½(1 + tanh u) + ½x(1 − tanh²u)·√(2/π)(1 + 0.134145x²). It is not xΦ(x): the largest "
        "absolute error over the reals lies between 4.732·10⁻⁴ and 4.733·10⁻⁴, attained at "
        "x ≈ ±2.699 (proven by interval arithmetic in tests/oracles/gelu_approximation.py)."
    ),
    variables=(x,),
    variable=x,
    definition=_gelu_tanh,
    derivative=(1 + sp.tanh(_u)) / 2
    + x / 2 * (1 - sp.tanh(_u) ** 2) * sp.sqrt(2 / sp.pi) * (1 + 3 * GELU_CUBIC * x**2),
    aliases=("gelu_approximate",),
    sources=(paper(GELU, "§2"), torch_doc("GELU", "approximate='tanh'")),
    claims=(
        Claim(
            id="gelu_tanh.error-even",
            title="the approximation error is an even function",
            lhs=_gelu_error.subs(x, -x),
            rhs=_gelu_error,
            expected=PROVED,
            statement=r"e(-x) = e(x),\quad e(x) = x\Phi(x) - \operatorname{GELU}_{\tanh}(x)",
            sources=(
                Source(
                    "derive catalog",
                    "tests/oracles/gelu_approximation.py, fact 1",
                    "the error bound searches x ≥ 0 only, by this symmetry",
                ),
            ),
        ),
    ),
)

_swish = x * sigmoid(beta * x)
_beta_one = conditions.equal(beta, sp.Integer(1), text="β = 1")
swish = Formula(
    name="swish",
    kind=Kind.ACTIVATION,
    title="Swish / SiLU with β",
    summary=(
        "f(x) = xσ(βx) (SiLU when β = 1); "
        "f'(x) = σ(βx)(1 + βx(1 − σ(βx))) = βf(x) + σ(βx)(1 − βf(x))."
    ),
    variables=(x,),
    parameters=(beta,),
    variable=x,
    definition=_swish,
    derivative=sigmoid(beta * x) * (1 + beta * x * (1 - sigmoid(beta * x))),
    hypotheses=(_beta_one,),
    aliases=("silu",),
    sources=(paper(SWISH, "Swish: f(x) = x·σ(βx)"), paper(SILU, "SiLU"), torch_doc("SiLU")),
    claims=(
        Claim(
            id="swish.derivative.expanded",
            title="f' = σ(βx) + βxσ(βx)(1 − σ(βx))",
            lhs=D(_swish, x),
            rhs=sigmoid(beta * x) + beta * x * sigmoid(beta * x) * (1 - sigmoid(beta * x)),
            expected=PROVED,
            sources=(REFERENCE,),
        ),
        Claim(
            id="swish.derivative.output-form",
            title="f' = βf(x) + σ(βx)(1 − βf(x))",
            lhs=D(_swish, x),
            rhs=beta * _swish + sigmoid(beta * x) * (1 - beta * _swish),
            expected=PROVED,
            sources=(paper(SWISH, "derivative of Swish, in terms of f(x)"),),
        ),
        Claim(
            id="swish.derivative.silu",
            title="SiLU' = σ(x)(1 + x(1 − σ(x)))",
            lhs=D(_swish, x),
            rhs=sigmoid(x) * (1 + x * (1 - sigmoid(x))),
            expected=PROVED,
            conditions=(_beta_one,),
            sources=(paper(SILU, "derivative of the SiLU (the dSiLU)"),),
        ),
        Claim(
            id="swish.derivative.beta-one-form",
            title="the β = 1 form f + σ(βx)(1 − f) used at any β",
            lhs=D(_swish, x),
            rhs=_swish + sigmoid(beta * x) * (1 - _swish),
            expected=REFUTED,
            sources=(
                Source(
                    "derive catalog",
                    "the SiLU derivative f + σ(x)(1 − f) with σ(x) replaced by σ(βx)",
                    "a common slip: the factor β is dropped",
                ),
            ),
        ),
    ),
)

_mish = x * sp.tanh(softplus(x))
_omega = 4 * (x + 1) + 4 * e(2 * x) + e(3 * x) + e(x) * (4 * x + 6)
_delta = 2 * e(x) + e(2 * x) + 2
mish = Formula(
    name="mish",
    kind=Kind.ACTIVATION,
    title="Mish",
    summary=(
        "f(x) = x·tanh(softplus(x)); f'(x) = tanh(softplus(x)) + x·sech²(softplus(x))·σ(x) "
        "= eˣω/δ² with ω = 4(x + 1) + 4e²ˣ + e³ˣ + eˣ(4x + 6), δ = 2eˣ + e²ˣ + 2."
    ),
    variables=(x,),
    variable=x,
    definition=_mish,
    derivative=sp.tanh(softplus(x)) + x * sp.sech(softplus(x)) ** 2 * sigmoid(x),
    sources=(paper(MISH, "definition f(x) = x tanh(softplus(x))"), torch_doc("Mish")),
    claims=(
        Claim(
            id="mish.derivative.exp-form",
            title="f' = eˣω/δ²",
            lhs=D(_mish, x),
            rhs=e(x) * _omega / _delta**2,
            expected=PROVED,
            statement=(
                r"f'(x) = \frac{e^x\omega}{\delta^2},"
                r"\ \omega = 4(x+1) + 4e^{2x} + e^{3x} + e^x(4x+6),"
                r"\ \delta = 2e^x + e^{2x} + 2"
            ),
            sources=(paper(MISH, "first derivative of Mish, ω and δ"),),
        ),
        Claim(
            id="mish.derivative.swish-form",
            title="f' = Δ(x)·swish(x) + f(x)/x",
            lhs=D(_mish, x),
            rhs=sp.sech(softplus(x)) ** 2 * x * sigmoid(x) + _mish / x,
            expected=PROVED,
            statement=(
                r"f'(x) = \operatorname{sech}^2(\operatorname{softplus}(x))\,x\,\sigma(x)"
                r" + \frac{f(x)}{x}"
            ),
            sources=(paper(MISH, "first derivative of Mish, Δ(x)·swish(x) + f(x)/x"),),
        ),
    ),
)
