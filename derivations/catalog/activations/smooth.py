r"""Smooth activations: linear, sigmoid, tanh, softplus (also with β), softsign, log-sigmoid.

The course documents' formulas carry the claims the documents make about them, one claim per
written link, with the documents' mistakes recorded as expected refutations. The others cite the
paper or the PyTorch documentation page that defines them, one claim per closed form the
literature states.
"""

from __future__ import annotations

import sympy as sp

from derivations.catalog.building import (
    PROVED,
    REFUTED,
    D,
    chain,
    positive,
    real,
    unevaluated,
)
from derivations.catalog.sources import ACTIVATIONS_AND_OUTPUT as DOC0
from derivations.catalog.sources import ACTIVATIONS_ZH as DOC3
from derivations.catalog.sources import BACKPROP_ZH as DOC4
from derivations.catalog.sources import DERIVATIVE_NOTES as DOC2
from derivations.catalog.sources import NEURON_LECTURE as DOC1
from derivations.catalog.sources import (
    REFERENCE,
    cite,
    torch_doc,
)
from derivations.model import Claim, Formula, Kind
from derivations.symbolic import conditions
from derivations.symbolic.functions import sigmoid, softplus

(x,) = real("x")
(beta,) = positive("beta")
e = sp.exp
_beta_one = conditions.equal(beta, sp.Integer(1), text="β = 1")

linear = Formula(
    name="linear",
    kind=Kind.ACTIVATION,
    title="Linear (identity) activation",
    summary="f(a) = a; with f = identity the neuron is linear regression.",
    variables=(x,),
    variable=x,
    definition=x,
    derivative=sp.Integer(1),
    sources=(cite(DOC1, "② Artificial Neuron, Linear"),),
)

_sig = 1 / (1 + e(-x))
sigmoid_formula = Formula(
    name="sigmoid",
    kind=Kind.ACTIVATION,
    title="Logistic sigmoid",
    summary="σ(x) = 1/(1 + e^{-x}); its derivative is σ(x)(1 − σ(x)).",
    variables=(x,),
    variable=x,
    definition=sigmoid(x),
    derivative=sigmoid(x) * (1 - sigmoid(x)),
    aliases=("logistic", "sigma"),
    sources=(
        cite(DOC0, "Scaler Activation table, Sigmoid"),
        cite(DOC1, "② Artificial Neuron, Logistic"),
        cite(DOC2, "Sigmoid & Tanh, Sigmoid"),
        cite(DOC3, "Sigmoid"),
        cite(DOC4, "eq. (1)"),
    ),
    claims=(
        Claim(
            id="sigmoid.definition",
            title="σ written through exp",
            lhs=sigmoid(x),
            rhs=_sig,
            expected=PROVED,
            sources=(cite(DOC1, "② Logistic"), cite(DOC2, "Sigmoid & Tanh"), cite(DOC4, "eq. (1)")),
        ),
        Claim(
            id="sigmoid.derivative.exp-form",
            title="σ' as a quotient of exponentials",
            lhs=D(sigmoid(x), x),
            rhs=e(-x) / (1 + e(-x)) ** 2,
            expected=PROVED,
            sources=(
                cite(DOC2, "Sigmoid & Tanh, f'(x), first form"),
                cite(DOC3, "Sigmoid, derivative, first form"),
            ),
        ),
        Claim(
            id="sigmoid.derivative.output-form",
            title="σ' in terms of σ",
            lhs=D(sigmoid(x), x),
            rhs=sigmoid(x) * (1 - sigmoid(x)),
            expected=PROVED,
            sources=(
                cite(DOC0, "Scaler Activation table, Sigmoid: f(z)(1 − f(z))"),
                cite(DOC2, "Sigmoid & Tanh, f'(x), second form"),
                cite(DOC3, "Sigmoid, derivative, second form"),
            ),
        ),
        *chain(
            "sigmoid.derivation-eq2",
            "σ' derived step by step",
            [
                D(sigmoid(x), x),
                D(_sig, x),
                e(-x) / (1 + e(-x)) ** 2,
                unevaluated(sp.Add, 1, e(-x), -1) / (1 + e(-x)) ** 2,
                _sig - _sig**2,
                sigmoid(x) * (1 - sigmoid(x)),
            ],
            [PROVED] * 5,
            (cite(DOC4, "eq. (2)"),),
        ),
    ),
)

_tanh_exp = (e(x) - e(-x)) / (e(x) + e(-x))
_typo = unevaluated(
    sp.Mul,
    unevaluated(
        sp.Mul, unevaluated(sp.Add, e(x), unevaluated(sp.Mul, -1, e(x))), sp.Rational(1, 2)
    ),
    unevaluated(
        sp.Pow, unevaluated(sp.Mul, unevaluated(sp.Add, e(x), e(x)), sp.Rational(1, 2)), -1
    ),
)
tanh = Formula(
    name="tanh",
    kind=Kind.ACTIVATION,
    title="Hyperbolic tangent",
    summary="tanh(x) = (e^x − e^{-x})/(e^x + e^{-x}) = 2σ(2x) − 1; tanh' = 1 − tanh².",
    variables=(x,),
    variable=x,
    definition=sp.tanh(x),
    derivative=1 - sp.tanh(x) ** 2,
    sources=(
        cite(DOC0, "Scaler Activation table, tanh"),
        cite(DOC1, "② Artificial Neuron, Tanh"),
        cite(DOC2, "Sigmoid & Tanh, Tanh"),
        cite(DOC3, "tanh"),
        cite(DOC4, "eq. (7)"),
    ),
    claims=(
        Claim(
            id="tanh.definition",
            title="tanh through exp",
            lhs=sp.tanh(x),
            rhs=_tanh_exp,
            expected=PROVED,
            sources=(
                cite(DOC0, "Scaler Activation table, tanh"),
                cite(DOC1, "② Tanh"),
                cite(DOC2, "Sigmoid & Tanh, Tanh"),
                cite(DOC4, "eq. (7), first form"),
            ),
        ),
        Claim(
            id="tanh.via-sigmoid",
            title="tanh as a rescaled sigmoid",
            lhs=_tanh_exp,
            rhs=2 * sigmoid(2 * x) - 1,
            expected=PROVED,
            sources=(cite(DOC4, "eq. (7), second form"),),
        ),
        *chain(
            "tanh.definition-chain",
            "tanh through sinh and cosh",
            [sp.tanh(x), sp.sinh(x) / sp.cosh(x), _typo, (1 - e(-2 * x)) / (1 + e(-2 * x))],
            [PROVED, REFUTED, REFUTED],
            (
                cite(
                    DOC3,
                    "tanh, definition",
                    "the middle form reads (e^x − e^x)/2 over (e^x + e^x)/2, as written",
                ),
            ),
            corrections=[None, ((e(x) - e(-x)) / 2) / ((e(x) + e(-x)) / 2), sp.Integer(0)],
        ),
        Claim(
            id="tanh.definition-end-to-end",
            title="tanh through exp(-2x)",
            lhs=sp.tanh(x),
            rhs=(1 - e(-2 * x)) / (1 + e(-2 * x)),
            expected=PROVED,
            sources=(cite(DOC3, "tanh, definition, first and last forms"),),
        ),
        Claim(
            id="tanh.derivative.output-form",
            title="tanh' in terms of tanh",
            lhs=D(sp.tanh(x), x),
            rhs=1 - sp.tanh(x) ** 2,
            expected=PROVED,
            sources=(
                cite(DOC0, "Scaler Activation table, tanh: 1 − (f(z))²"),
                cite(DOC2, "Sigmoid & Tanh, Tanh f'(x), second form"),
                cite(DOC3, "tanh, derivative, last form"),
            ),
        ),
        Claim(
            id="tanh.derivative.exp-form",
            title="tanh' as a quotient of exponentials",
            lhs=D(_tanh_exp, x),
            rhs=4 / (e(x) + e(-x)) ** 2,
            expected=PROVED,
            sources=(cite(DOC2, "Sigmoid & Tanh, Tanh f'(x), first form"),),
        ),
        Claim(
            id="tanh.derivative.sech",
            title="tanh' as sech²",
            lhs=D(sp.tanh(x), x),
            rhs=sp.sech(x) ** 2,
            expected=PROVED,
            sources=(cite(DOC3, "tanh, derivative, first form"),),
        ),
        Claim(
            id="tanh.sech-identity",
            title="sech² = 1 − tanh²",
            lhs=sp.sech(x) ** 2,
            rhs=1 - sp.tanh(x) ** 2,
            expected=PROVED,
            sources=(cite(DOC3, "tanh, derivative, middle link"),),
        ),
        *chain(
            "tanh.derivation-eq8",
            "tanh' by the quotient rule",
            [
                D(sp.tanh(x), x),
                ((e(x) + e(-x)) * (e(x) + e(-x)) - (e(x) - e(-x)) * (e(x) - e(-x)))
                / (e(x) + e(-x)) ** 2,
                1 - sp.tanh(x) ** 2,
            ],
            [PROVED, PROVED],
            (cite(DOC4, "eq. (8)"),),
        ),
    ),
)

softplus_formula = Formula(
    name="softplus",
    kind=Kind.ACTIVATION,
    title="Softplus",
    summary="softplus(x) = log(1 + e^x); its derivative is the sigmoid.",
    variables=(x,),
    variable=x,
    definition=softplus(x),
    derivative=sigmoid(x),
    sources=(cite(DOC0, "Scaler Activation table, SoftPlus"),),
    claims=(
        Claim(
            id="softplus.definition",
            title="softplus through log and exp",
            lhs=softplus(x),
            rhs=sp.log(1 + e(x)),
            expected=PROVED,
            sources=(cite(DOC0, "Scaler Activation table, SoftPlus"),),
        ),
        Claim(
            id="softplus.derivative",
            title="softplus' = σ",
            lhs=D(softplus(x), x),
            rhs=1 / (1 + e(-x)),
            expected=PROVED,
            sources=(cite(DOC0, "Scaler Activation table, SoftPlus"),),
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
