r"""Piecewise activations: ReLU, leaky ReLU, ELU, SELU, CELU, hardtanh, hard sigmoid, hard swish.

The course documents' formulas carry the claims the documents make about them, with their
mistakes recorded as expected refutations; the others cite the paper or the PyTorch
documentation page that defines them. Each records the value its derivative takes at a kink
(the convention) where a framework states one.
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
from derivations.catalog.sources import ACTIVATIONS_AND_OUTPUT as DOC0
from derivations.catalog.sources import ACTIVATIONS_ZH as DOC3
from derivations.catalog.sources import BACKPROP_ZH as DOC4
from derivations.catalog.sources import (
    CELU,
    MOBILENETV3,
    PYTORCH,
    REFERENCE,
    SELU,
    cite,
    paper,
    torch_doc,
)
from derivations.catalog.sources import DERIVATIVE_NOTES as DOC2
from derivations.catalog.sources import NEURON_LECTURE as DOC1
from derivations.model import Claim, Convention, Formula, Kind
from derivations.symbolic import conditions

(x,) = real("x")
(alpha, lam) = positive("alpha lambda")
e = sp.exp
SLOPE_DOMAIN = ((alpha, (sp.Integer(0), sp.Integer(1))),)

_relu_pytorch = Convention("x = 0", "0", (PYTORCH,))
relu = Formula(
    name="relu",
    kind=Kind.ACTIVATION,
    title="Rectified linear unit",
    summary="ReLU(x) = max(0, x); ReLU'(x) = 1 for x > 0 and 0 for x < 0; no derivative at 0.",
    variables=(x,),
    variable=x,
    definition=sp.Max(0, x),
    derivative=sp.Heaviside(x),
    aliases=("rectifier",),
    conventions=(
        Convention("x = 0", "1", (f"{DOC0} (𝕀(x ≥ 0))", f"{DOC3} (z ≥ 0)", f"{DOC4} eq. (4)")),
        Convention("x = 0", "undefined", (DOC2,)),
        _relu_pytorch,
    ),
    sources=(
        cite(DOC0, "Scaler Activation table, ReLU"),
        cite(DOC1, "② ReLU"),
        cite(DOC2, "ReLU & Leaky ReLU, ReLU"),
        cite(DOC3, "ReLU"),
        cite(DOC4, "eq. (3)"),
    ),
    claims=(
        Claim(
            id="relu.definition-cases",
            title="ReLU by cases",
            lhs=sp.Max(0, x),
            rhs=sp.Piecewise((x, x >= 0), (0, True)),
            expected=PROVED,
            sources=(cite(DOC0, "Scaler Activation table, ReLU"),),
        ),
        Claim(
            id="relu.derivative.closed-at-zero",
            title="ReLU' = 1 for x ≥ 0, 0 otherwise",
            lhs=D(sp.Max(0, x), x),
            rhs=sp.Piecewise((1, x >= 0), (0, True)),
            expected=PROVED,
            sources=(
                cite(DOC0, "Scaler Activation table, ReLU: 𝕀(x ≥ 0)"),
                cite(DOC3, "ReLU, derivative"),
                cite(DOC4, "eq. (4)"),
            ),
        ),
        Claim(
            id="relu.derivative.undefined-at-zero",
            title="ReLU' = 0 for x < 0, 1 for x > 0",
            lhs=D(sp.Max(0, x), x),
            rhs=sp.Piecewise((0, x < 0), (1, x > 0)),
            expected=PROVED,
            sources=(cite(DOC2, "ReLU & Leaky ReLU, ReLU f'(x)"),),
        ),
    ),
)

_leaky = sp.Piecewise((x, x > 0), (alpha * x, True))
_one_percent = conditions.equal(alpha, sp.Rational(1, 100), text="slope α = 0.01")
leaky_relu = Formula(
    name="leaky_relu",
    kind=Kind.ACTIVATION,
    title="Leaky ReLU",
    summary="x for x > 0, αx otherwise (α = 0.01 in some notes); derivative 1 or α.",
    variables=(x,),
    parameters=(alpha,),
    variable=x,
    definition=_leaky,
    derivative=sp.Piecewise((1, x > 0), (alpha, True)),
    domains=SLOPE_DOMAIN,
    aliases=("leaky-relu", "lrelu"),
    conventions=(
        Convention("x = 0", "1", (f"{DOC4} eq. (6)",)),
        Convention("x = 0", "undefined", (f"{DOC2} (α = 0.01)",)),
        Convention("x = 0", "α", (f"{PYTORCH} (negative_slope)",)),
    ),
    sources=(
        cite(DOC2, "ReLU & Leaky ReLU, Leaky ReLU (α = 0.01)"),
        cite(DOC3, "Leaky ReLU"),
        cite(DOC4, "eq. (5)"),
    ),
    claims=(
        Claim(
            id="leaky_relu.definition-closed-at-zero",
            title="the two ways of writing leaky ReLU agree",
            lhs=_leaky,
            rhs=sp.Piecewise((x, x >= 0), (alpha * x, x < 0)),
            expected=PROVED,
            sources=(cite(DOC3, "Leaky ReLU"), cite(DOC4, "eq. (5)")),
        ),
        Claim(
            id="leaky_relu.derivative.one-percent",
            title="leaky ReLU' with slope 0.01",
            lhs=D(_leaky, x),
            rhs=sp.Piecewise((1, x > 0), (sp.Rational(1, 100), x < 0)),
            expected=PROVED,
            conditions=(_one_percent,),
            sources=(cite(DOC2, "ReLU & Leaky ReLU, Leaky ReLU f'(x)"),),
        ),
        Claim(
            id="leaky_relu.derivative.eq6",
            title="leaky ReLU' as written in eq. (6)",
            lhs=D(_leaky, x),
            rhs=sp.Piecewise((1, x >= 0), (alpha, alpha < 0)),
            expected=REFUTED,
            correction=sp.Piecewise((1, x > 0), (alpha, x < 0)),
            statement=r"\frac{d}{dx}\operatorname{LeakyReLU} = \begin{cases} 1 & x \ge 0 \\ p & p < 0 \end{cases}",
            sources=(
                cite(
                    DOC4, "eq. (6)", "the second case's condition is written p < 0; read literally"
                ),
            ),
        ),
    ),
)

_elu = sp.Piecewise((x, x >= 0), (alpha * (e(x) - 1), True))
elu = Formula(
    name="elu",
    kind=Kind.ACTIVATION,
    title="Exponential linear unit",
    summary="x for x ≥ 0, α(e^x − 1) otherwise; derivative 1 or αe^x = ELU(x) + α.",
    variables=(x,),
    parameters=(alpha,),
    variable=x,
    definition=_elu,
    derivative=sp.Piecewise((1, x > 0), (alpha * e(x), True)),
    domains=((alpha, (sp.Integer(0), sp.Integer(3))),),
    conventions=(Convention("x = 0", "differentiable only when α = 1", ()),),
    sources=(cite(DOC3, "ELU"),),
    claims=(
        Claim(
            id="elu.derivative.output-form",
            title="ELU' for x < 0 in terms of the output",
            lhs=D(_elu, x),
            rhs=sp.Piecewise((1, x > 0), (_elu + alpha, True)),
            expected=PROVED,
            sources=(cite(DOC3, "ELU (derivative not stated; the standard output form)"),),
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
_elu_open = sp.Piecewise((x, x > 0), (alpha * (e(x) - 1), True))
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
            rhs=_elu_open,
            expected=REFUTED,
            correction=_celu,
            sources=(paper(CELU, "CELU and ELU agree when α = 1", "checked here at every α"),),
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
