r"""Activations of modern networks: GELU, SiLU/Swish, Mish, SELU, CELU, softsign, hardtanh,
hard sigmoid, hard swish, log-sigmoid, log-softmax, softmin and softplus with β.

Each formula cites the paper that introduced it or the PyTorch documentation page that defines
it; the claims are the closed forms the literature states, one claim per form, and the
approximations that are not identities are recorded as expected refutations. Vector activations
are encoded at n = 3.

The standard normal CDF and density are written through ``erf``:
:math:`\Phi(x) = \tfrac12(1 + \operatorname{erf}(x/\sqrt2))`,
:math:`\varphi(x) = e^{-x^2/2}/\sqrt{2\pi}`.
"""

from __future__ import annotations

import sympy as sp

from derivations.catalog.building import (
    PROVED,
    REFUTED,
    D,
    column,
    jacobian,
    matrix,
    positive,
    real,
)
from derivations.catalog.modern_sources import (
    CELU,
    GELU,
    MISH,
    MOBILENETV3,
    REFERENCE,
    SELU,
    SILU,
    SWISH,
    paper,
    torch_doc,
)
from derivations.catalog.sources import PYTORCH
from derivations.model import Claim, Convention, Formula, Kind, Source
from derivations.symbolic import conditions
from derivations.symbolic.functions import sigmoid, softmax, softplus

(x,) = real("x")
(alpha, beta, lam) = positive("alpha beta lambda")
e = sp.exp
N = 3


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
        "x ≈ ±2.699 (proven by interval arithmetic in oracles.gelu_approximation)."
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
                    "oracles.gelu_approximation, fact 1",
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

#: SELU's constants as defined in the paper (α₀₁, λ₀₁ for the fixed point mean 0, variance 1).
_erfc = sp.erfc(1 / sp.sqrt(2))
SELU_ALPHA = -sp.sqrt(2 / sp.pi) / (_erfc * e(sp.Rational(1, 2)) - 1)
SELU_LAMBDA = (
    (1 - _erfc * sp.sqrt(sp.E))
    * sp.sqrt(2 * sp.pi)
    / sp.sqrt(
        2 * sp.erfc(sp.sqrt(2)) * sp.E**2
        + sp.pi * _erfc**2 * sp.E
        - 2 * (2 + sp.pi) * _erfc * sp.sqrt(sp.E)
        + sp.pi
        + 2
    )
)
_selu = lam * sp.Piecewise((x, x > 0), (alpha * (e(x) - 1), True))
_selu_constants = (
    conditions.equal(alpha, SELU_ALPHA, text="α = α₀₁ ≈ 1.6732632423543772848170429916717"),
    conditions.equal(lam, SELU_LAMBDA, text="λ = λ₀₁ ≈ 1.0507009873554804934193349852946"),
)
selu = Formula(
    name="selu",
    kind=Kind.ACTIVATION,
    title="Scaled exponential linear unit",
    summary=(
        "selu(x) = λx for x > 0, λα(eˣ − 1) otherwise, with the paper's "
        "α₀₁ ≈ 1.6732632423543772848 "
        "and λ₀₁ ≈ 1.0507009873554804934 (exact expressions through erfc); derivative λ or λαeˣ "
        "= selu(x) + λα."
    ),
    variables=(x,),
    parameters=(lam, alpha),
    variable=x,
    definition=_selu,
    derivative=sp.Piecewise((lam, x > 0), (lam * alpha * e(x), True)),
    domains=((alpha, (sp.Integer(1), sp.Integer(2))), (lam, (sp.Integer(1), sp.Integer(2)))),
    conventions=(
        Convention("x = 0", "not differentiable (λ vs λα)", ()),
        Convention(
            "x = 0",
            "λα, the left one-sided value",
            (
                f"{PYTORCH} (elu_backward in aten/src/ATen/native/cpu/Activation.cpp takes the "
                "exponential branch for x ≤ 0)",
            ),
        ),
    ),
    sources=(paper(SELU, "eq. (2) and the constants α₀₁, λ₀₁"), torch_doc("SELU")),
    claims=(
        Claim(
            id="selu.derivative.output-form",
            title="selu' = selu(x) + λα for x < 0",
            lhs=D(_selu, x),
            rhs=sp.Piecewise((lam, x > 0), (_selu + lam * alpha, True)),
            expected=PROVED,
            sources=(REFERENCE,),
        ),
        Claim(
            id="selu.derivative.at-published-constants",
            title="selu' at α₀₁, λ₀₁",
            lhs=D(_selu, x),
            rhs=sp.Piecewise((SELU_LAMBDA, x > 0), (SELU_LAMBDA * SELU_ALPHA * e(x), True)),
            expected=PROVED,
            conditions=_selu_constants,
            statement=(
                r"\operatorname{selu}'(x) = \begin{cases}\lambda_{01} & x > 0\\"
                r" \lambda_{01}\alpha_{01}e^x & x < 0\end{cases}"
            ),
            sources=(paper(SELU, "constants α₀₁ and λ₀₁ (exact expressions)"),),
        ),
    ),
)

_celu = sp.Piecewise((x, x > 0), (alpha * (e(x / alpha) - 1), True))
_elu = sp.Piecewise((x, x > 0), (alpha * (e(x) - 1), True))
_alpha_one = conditions.equal(alpha, sp.Integer(1), text="α = 1")
celu = Formula(
    name="celu",
    kind=Kind.ACTIVATION,
    title="Continuously differentiable exponential linear unit",
    summary=(
        "CELU(x, α) = max(0, x) + min(0, α(e^{x/α} − 1)); derivative 1 for x > 0 and e^{x/α} "
        "otherwise, continuous at 0 for every α; CELU = ELU only when α = 1."
    ),
    variables=(x,),
    parameters=(alpha,),
    variable=x,
    definition=_celu,
    derivative=sp.Piecewise((1, x > 0), (e(x / alpha), True)),
    domains=((alpha, (sp.Rational(1, 2), sp.Integer(3))),),
    hypotheses=(_alpha_one,),
    conventions=(Convention("x = 0", "1 (both one-sided derivatives are 1)", (CELU,)),),
    sources=(paper(CELU, "definition of CELU"), torch_doc("CELU")),
    claims=(
        Claim(
            id="celu.derivative.output-form",
            title="CELU' = CELU(x)/α + 1 for x < 0",
            lhs=D(_celu, x),
            rhs=sp.Piecewise((1, x > 0), (_celu / alpha + 1, True)),
            expected=PROVED,
            sources=(REFERENCE,),
        ),
        Claim(
            id="celu.derivative.alpha",
            title="∂CELU/∂α",
            lhs=D(_celu, alpha),
            rhs=sp.Piecewise((0, x > 0), (e(x / alpha) * (1 - x / alpha) - 1, True)),
            expected=PROVED,
            sources=(REFERENCE,),
        ),
        Claim(
            id="celu.is-elu",
            title="CELU(x, α) = ELU(x, α)",
            lhs=_celu,
            rhs=_elu,
            expected=REFUTED,
            correction=_celu,
            sources=(paper(CELU, "CELU and ELU agree when α = 1", "checked here at every α"),),
        ),
    ),
)

_softsign = x / (1 + sp.Abs(x))
softsign = Formula(
    name="softsign",
    kind=Kind.ACTIVATION,
    title="Softsign",
    summary="softsign(x) = x/(1 + |x|); its derivative is 1/(1 + |x|)².",
    variables=(x,),
    variable=x,
    definition=_softsign,
    derivative=1 / (1 + sp.Abs(x)) ** 2,
    sources=(torch_doc("Softsign"),),
    claims=(
        Claim(
            id="softsign.derivative-cases",
            title="softsign' by cases",
            lhs=D(_softsign, x),
            rhs=sp.Piecewise((1 / (1 + x) ** 2, x > 0), (1 / (1 - x) ** 2, True)),
            expected=PROVED,
            sources=(REFERENCE,),
        ),
    ),
)

_hardtanh = sp.Piecewise((-1, x < -1), (1, x > 1), (x, True))
hardtanh = Formula(
    name="hardtanh",
    kind=Kind.ACTIVATION,
    title="Hard tanh (min_val = −1, max_val = 1)",
    summary=(
        "hardtanh(x) = −1 for x < −1, 1 for x > 1, x otherwise; derivative 1 on (−1, 1), 0 outside."
    ),
    variables=(x,),
    variable=x,
    definition=_hardtanh,
    derivative=sp.Piecewise((1, sp.And(x > -1, x < 1)), (0, True)),
    conventions=(
        Convention(
            "x = ±1",
            "0",
            (
                f"{PYTORCH} (hardtanh_backward in aten/src/ATen/native/cpu/Activation.cpp: 0 "
                "for x ≤ min_val or x ≥ max_val)",
            ),
        ),
    ),
    sources=(torch_doc("Hardtanh"),),
    claims=(
        Claim(
            id="hardtanh.clamp",
            title="hardtanh is clamp(x, −1, 1)",
            lhs=_hardtanh,
            rhs=sp.Min(1, sp.Max(-1, x)),
            expected=PROVED,
            sources=(torch_doc("Hardtanh", "the cases form and clamp(x, min_val, max_val)"),),
        ),
    ),
)


def relu6(u: sp.Expr) -> sp.Expr:
    r""":math:`\min(\max(0, u), 6)`."""
    return sp.Min(sp.Max(0, u), 6)


_hard_sigmoid = relu6(x + 3) / 6
hard_sigmoid = Formula(
    name="hard_sigmoid",
    kind=Kind.ACTIVATION,
    title="Hard sigmoid (PyTorch, ReLU6(x + 3)/6)",
    summary="h(x) = ReLU6(x + 3)/6 = 0, x/6 + 1/2 or 1; derivative 1/6 on (−3, 3), 0 outside.",
    variables=(x,),
    variable=x,
    definition=_hard_sigmoid,
    derivative=sp.Piecewise((sp.Rational(1, 6), sp.And(x > -3, x < 3)), (0, True)),
    conventions=(
        Convention(
            "x = ±3",
            "0",
            (
                f"{PYTORCH} (hardsigmoid_backward in aten/src/ATen/native/cpu/Activation.cpp: "
                "1/6 only for −3 < x < 3; ReLU6's backward, hardtanh_backward on [0, 6], is "
                "likewise 0 at 0 and 6)",
            ),
        ),
    ),
    aliases=("hardsigmoid",),
    sources=(torch_doc("Hardsigmoid"), paper(MOBILENETV3, "§5.2, Nonlinearities: ReLU6(x + 3)/6")),
    claims=(
        Claim(
            id="hard_sigmoid.cases",
            title="ReLU6(x + 3)/6 by cases",
            lhs=_hard_sigmoid,
            rhs=sp.Piecewise((0, x <= -3), (1, x >= 3), (x / 6 + sp.Rational(1, 2), True)),
            expected=PROVED,
            sources=(torch_doc("Hardsigmoid"),),
        ),
    ),
)

_hard_swish = x * relu6(x + 3) / 6
hard_swish = Formula(
    name="hard_swish",
    kind=Kind.ACTIVATION,
    title="Hard swish",
    summary=(
        "h-swish(x) = x·ReLU6(x + 3)/6; "
        "derivative 0 for x < −3, (2x + 3)/6 on (−3, 3), 1 for x > 3."
    ),
    variables=(x,),
    variable=x,
    definition=_hard_swish,
    derivative=sp.Piecewise((0, x < -3), (1, x > 3), ((2 * x + 3) / 6, True)),
    conventions=(
        Convention(
            "x = −3 and x = 3",
            "the outer one-sided values: 0 at −3, 1 at 3",
            (
                f"{PYTORCH} (hardswish_backward in aten/src/ATen/native/cpu/Activation.cpp: 0 "
                "for x ≤ −3, x/3 + 1/2 for x < 3, 1 otherwise; measured with torch 2.13.0. "
                "Since pytorch/pytorch PR #148049, fixing issue #147801; older releases "
                "returned the inner values −1/2 at −3 and 3/2 at 3)",
            ),
        ),
    ),
    aliases=("hardswish", "h_swish"),
    sources=(paper(MOBILENETV3, "§5.2, Nonlinearities"), torch_doc("Hardswish")),
    claims=(
        Claim(
            id="hard_swish.cases",
            title="h-swish by cases",
            lhs=_hard_swish,
            rhs=sp.Piecewise((0, x <= -3), (x, x >= 3), (x * (x + 3) / 6, True)),
            expected=PROVED,
            sources=(torch_doc("Hardswish"),),
        ),
    ),
)

_log_sigmoid = sp.log(sigmoid(x))
log_sigmoid = Formula(
    name="log_sigmoid",
    kind=Kind.ACTIVATION,
    title="Log-sigmoid",
    summary="log σ(x) = −softplus(−x); its derivative is 1 − σ(x) = σ(−x).",
    variables=(x,),
    variable=x,
    definition=_log_sigmoid,
    derivative=1 - sigmoid(x),
    sources=(torch_doc("LogSigmoid"),),
    claims=(
        Claim(
            id="log_sigmoid.definition",
            title="log σ(x) = log(1/(1 + e^{−x}))",
            lhs=_log_sigmoid,
            rhs=sp.log(1 / (1 + e(-x))),
            expected=PROVED,
            sources=(torch_doc("LogSigmoid"),),
        ),
        Claim(
            id="log_sigmoid.neg-softplus",
            title="log σ(x) = −softplus(−x)",
            lhs=_log_sigmoid,
            rhs=-softplus(-x),
            expected=PROVED,
            sources=(REFERENCE,),
        ),
        Claim(
            id="log_sigmoid.derivative.sigmoid-of-minus-x",
            title="(log σ)'(x) = σ(−x)",
            lhs=D(_log_sigmoid, x),
            rhs=sigmoid(-x),
            expected=PROVED,
            sources=(REFERENCE,),
        ),
    ),
)

z = real("z1:4")
p = [softmax(i, *z) for i in range(N)]
_log_softmax = [sp.log(pi) for pi in p]
_log_sum_exp = sp.log(sp.Add(*(e(zj) for zj in z)))
log_softmax = Formula(
    name="log_softmax",
    kind=Kind.ACTIVATION,
    title="Log-softmax (n = 3)",
    summary="log p_i = z_i − log Σ_j e^{z_j}; Jacobian ∂ log p_i/∂z_j = δ_ij − p_j, i.e. I − 1pᵀ.",
    variables=z,
    definition=column(_log_softmax),
    derivative=sp.ImmutableMatrix(sp.eye(N) - sp.ones(N, 1) * column(p).T),
    aliases=("logsoftmax",),
    sources=(torch_doc("LogSoftmax"),),
    claims=(
        Claim(
            id="log_softmax.log-sum-exp",
            title="log p_i = z_i − log Σ e^{z_j}",
            lhs=column(_log_softmax),
            rhs=column([zi - _log_sum_exp for zi in z]),
            expected=PROVED,
            statement=r"\log p_i = z_i - \log\sum_j e^{z_j}",
            sources=(torch_doc("LogSoftmax", "log(exp(x_i)/Σ_j exp(x_j))"),),
        ),
        Claim(
            id="log_softmax.jacobian.elementwise",
            title="∂ log p_i/∂z_j = δ_ij − p_j",
            lhs=jacobian(_log_softmax, z),
            rhs=matrix(N, N, lambda i, j: sp.KroneckerDelta(i, j) - p[j]),
            expected=PROVED,
            statement=r"\frac{\partial \log p_i}{\partial z_j} = \delta_{ij} - p_j",
            sources=(REFERENCE,),
        ),
    ),
)

_softmin = [softmax(i, *(-zj for zj in z)) for i in range(N)]
_softmin_exp = [e(-zi) / sp.Add(*(e(-zj) for zj in z)) for zi in z]
softmin = Formula(
    name="softmin",
    kind=Kind.ACTIVATION,
    title="Softmin (n = 3)",
    summary="softmin(z) = softmax(−z); Jacobian ∂s_i/∂z_j = −s_i(δ_ij − s_j) = ssᵀ − diag(s).",
    variables=z,
    definition=column(_softmin_exp),
    derivative=sp.ImmutableMatrix(column(_softmin) * column(_softmin).T - sp.diag(*_softmin)),
    sources=(torch_doc("Softmin"),),
    claims=(
        Claim(
            id="softmin.is-softmax-of-negative",
            title="softmin(z) = softmax(−z)",
            lhs=column(_softmin_exp),
            rhs=column(_softmin),
            expected=PROVED,
            statement=r"\frac{e^{-z_i}}{\sum_j e^{-z_j}} = \operatorname{softmax}(-z)_i",
            sources=(torch_doc("Softmin", "exp(−x_i)/Σ_j exp(−x_j)"),),
        ),
    ),
)

_softplus_beta = sp.log(1 + e(beta * x)) / beta
_threshold = sp.Integer(20)
softplus_beta = Formula(
    name="softplus_beta",
    kind=Kind.ACTIVATION,
    title="Softplus with β",
    summary=(
        "softplus_β(x) = (1/β) log(1 + e^{βx}); its derivative is σ(βx). PyTorch switches to x "
        "where βx > threshold (20): an approximation, not an identity."
    ),
    variables=(x,),
    parameters=(beta,),
    variable=x,
    definition=_softplus_beta,
    derivative=sigmoid(beta * x),
    sources=(torch_doc("Softplus"),),
    claims=(
        Claim(
            id="softplus_beta.beta-one",
            title="softplus_β with β = 1 is softplus",
            lhs=_softplus_beta,
            rhs=softplus(x),
            expected=PROVED,
            conditions=(_beta_one,),
            sources=(torch_doc("Softplus"),),
        ),
        Claim(
            id="softplus_beta.threshold",
            title="PyTorch's linear branch for βx > 20 as an identity (β = 1)",
            lhs=_softplus_beta,
            rhs=sp.Piecewise((x, beta * x > _threshold), (_softplus_beta, True)),
            expected=REFUTED,
            correction=_softplus_beta,
            conditions=(_beta_one,),
            sources=(
                torch_doc(
                    "Softplus",
                    "'reverts to the linear function when input × β > threshold' (20); "
                    "a numerical shortcut, checked here as an identity",
                ),
            ),
        ),
    ),
)

FORMULAS = (
    gelu,
    gelu_tanh_formula,
    swish,
    mish,
    selu,
    celu,
    softsign,
    hardtanh,
    hard_sigmoid,
    hard_swish,
    log_sigmoid,
    log_softmax,
    softmin,
    softplus_beta,
)
