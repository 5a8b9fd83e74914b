r"""Losses of a prediction against a real target: L2 divergence, both MSE forms, Huber, smooth L1,
log-cosh, Poisson NLL, cosine similarity.

The course documents' losses carry the claims the documents make about them, with their mistakes
recorded as expected refutations; the others cite the paper or the framework documentation that
defines them, and are written in the residual ``r = x − y`` of a prediction ``x`` and a target
``y``.
"""

from __future__ import annotations

import sympy as sp

from derivations.catalog.building import (
    PROVED,
    REFUTED,
    D,
    chain,
    column,
    positive,
    real,
)
from derivations.catalog.losses.symbols import (
    PROBABILITY_DOMAINS,
    N,
    o,
    x_s,
    y,
    y_s,
    yhat,
)
from derivations.catalog.sources import ACTIVATIONS_AND_OUTPUT as DOC0
from derivations.catalog.sources import BACKPROP_ZH as DOC4
from derivations.catalog.sources import DERIVATIVE_NOTES as DOC2
from derivations.catalog.sources import (
    FAST_RCNN,
    HUBER,
    REFERENCE,
    cite,
    paper,
    tensorflow_doc,
    torch_doc,
)
from derivations.model import Claim, Formula, Kind, Source
from derivations.symbolic import conditions

e = sp.exp
(delta, beta) = positive("delta beta")
r = x_s - y_s


def _inside(u: sp.Expr, width: sp.Expr) -> sp.Basic:
    """:math:`|u| < w`, written without ``Abs`` so that the regions are linear."""
    return sp.And(u > -width, u < width)


def _squared_norm(v: list[sp.Expr]) -> sp.Expr:
    return sp.Add(*(e**2 for e in v))


_l2 = sp.Rational(1, 2) * _squared_norm([yh - t for yh, t in zip(yhat, y, strict=True)])
l2_divergence = Formula(
    name="l2_divergence",
    kind=Kind.LOSS,
    title="L2 divergence ½‖ŷ − y‖²",
    summary="div(ŷ, y) = ½‖ŷ − y‖²; its gradient with respect to ŷ is ŷ − y.",
    variables=yhat,
    parameters=y,
    definition=_l2,
    derivative=column([yh - t for yh, t in zip(yhat, y, strict=True)]),
    domains=PROBABILITY_DOMAINS,
    aliases=("l2", "squared_error"),
    sources=(cite(DOC0, "𝓛2 Divergence For Real-valued Output"),),
    claims=(
        Claim(
            id="l2_divergence.gradient",
            title="∇_ŷ div = ŷ − y",
            lhs=column([D(_l2, yh) for yh in yhat]),
            rhs=column([yh - t for yh, t in zip(yhat, y, strict=True)]),
            expected=PROVED,
            statement=r"\nabla_{\hat{y}}\operatorname{div}(\hat{y}, y) = \hat{y} - y",
            sources=(cite(DOC0, "𝓛2 Divergence, second line"),),
        ),
    ),
)

_mse = sp.Rational(1, N) * _squared_norm([t - yh for t, yh in zip(y, yhat, strict=True)])
_mse_gradient = column([D(_mse, yh) for yh in yhat])
mse = Formula(
    name="mse",
    kind=Kind.LOSS,
    title="Mean squared error (1/n)‖y − ŷ‖², n = 3",
    summary="L = (1/n)‖y − ŷ‖²; ∂L/∂ŷ_i = (2/n)(ŷ_i − y_i).",
    variables=yhat,
    parameters=y,
    definition=_mse,
    derivative=column([sp.Rational(2, N) * (yh - t) for yh, t in zip(yhat, y, strict=True)]),
    domains=PROBABILITY_DOMAINS,
    aliases=("mean_squared_error",),
    sources=(cite(DOC2, "Loss Function, Mean Squared Error (MSE)"),),
    claims=(
        Claim(
            id="mse.partial",
            title="∂L/∂ŷ_i as written",
            lhs=_mse_gradient,
            rhs=column([sp.Rational(1, N) * (yh - t) for yh, t in zip(yhat, y, strict=True)]),
            expected=REFUTED,
            statement=r"\frac{\partial L}{\partial \hat{y}_i} = \frac{1}{n}(\hat{y}_i - y_i)",
            sources=(cite(DOC2, "Mean Squared Error, ∂L/∂ŷ_i"),),
        ),
        Claim(
            id="mse.gradient",
            title="∂L/∂ŷ in vector form as written",
            lhs=_mse_gradient,
            rhs=sp.Rational(1, N) * column([yh - t for yh, t in zip(yhat, y, strict=True)]),
            expected=REFUTED,
            statement=r"\frac{\partial L}{\partial \hat{\mathbf{y}}} = \frac{1}{n}(\hat{\mathbf{y}} - \mathbf{y})",
            sources=(cite(DOC2, "Mean Squared Error, 'Then: ∂L/∂ŷ'"),),
        ),
    ),
)

_half = sp.Rational(1, 2) * sp.Add(*((t - ok) ** 2 for t, ok in zip(y, o, strict=True)))
mse_half = Formula(
    name="mse_half",
    kind=Kind.LOSS,
    title="Squared error ½Σ(y_k − o_k)²",
    summary="L = ½Σ_k (y_k − o_k)²; ∂L/∂o_i = o_i − y_i.",
    variables=o,
    parameters=y,
    definition=_half,
    derivative=column([ok - t for ok, t in zip(o, y, strict=True)]),
    aliases=("half_squared_error",),
    sources=(cite(DOC4, "eq. (9)"),),
    claims=chain(
        "mse_half.derivation-eq10",
        "∂L/∂o_i step by step",
        [
            column([D(_half, oi) for oi in o]),
            column(
                [
                    sp.Rational(1, 2)
                    * sp.Add(*(D((t - ok) ** 2, oi) for t, ok in zip(y, o, strict=True)))
                    for oi in o
                ]
            ),
            column(
                [
                    sp.Rational(1, 2)
                    * sp.Add(*(2 * (t - ok) * D(t - ok, oi) for t, ok in zip(y, o, strict=True)))
                    for oi in o
                ]
            ),
            column(
                [sp.Add(*((ok - t) * D(ok, oi) for t, ok in zip(y, o, strict=True))) for oi in o]
            ),
            column([oi - t for oi, t in zip(o, y, strict=True)]),
        ],
        [PROVED] * 4,
        (cite(DOC4, "eq. (10)"),),
        statements=[
            r"\frac{\partial L}{\partial o_i} = \frac{1}{2}\sum_k \frac{\partial}{\partial o_i}(y_k - o_k)^2",
            r"\frac{1}{2}\sum_k \frac{\partial}{\partial o_i}(y_k - o_k)^2 = \frac{1}{2}\sum_k 2(y_k - o_k)\frac{\partial (y_k - o_k)}{\partial o_i}",
            r"\frac{1}{2}\sum_k 2(y_k - o_k)\frac{\partial (y_k - o_k)}{\partial o_i} = \sum_k (o_k - y_k)\frac{\partial o_k}{\partial o_i}",
            r"\sum_k (o_k - y_k)\frac{\partial o_k}{\partial o_i} = o_i - y_i",
        ],
    ),
)

_huber = sp.Piecewise((r**2 / 2, _inside(r, delta)), (delta * (sp.Abs(r) - delta / 2), True))
_smooth_l1 = sp.Piecewise((r**2 / (2 * beta), _inside(r, beta)), (sp.Abs(r) - beta / 2, True))
_delta_one = conditions.equal(delta, sp.Integer(1), text="δ = 1")
_huber_derivative = sp.Piecewise((r, _inside(r, delta)), (delta * sp.sign(r), True))

huber = Formula(
    name="huber",
    kind=Kind.LOSS,
    title="Huber loss with threshold δ",
    summary=(
        "L = ½r² for |r| < δ, δ(|r| − ½δ) otherwise (r = x − y); ∂L/∂x = r inside, δ·sign(r) "
        "outside, i.e. clamp(r, −δ, δ). Smooth L1 with β = δ is L/δ."
    ),
    variables=(x_s,),
    parameters=(y_s, delta),
    variable=x_s,
    definition=_huber,
    derivative=_huber_derivative,
    hypotheses=(_delta_one,),
    sources=(
        paper(HUBER, "the ρ of the minimax estimator: ½t² for |t| < k, k|t| − ½k² for |t| ≥ k"),
        torch_doc("HuberLoss"),
    ),
    claims=(
        Claim(
            id="huber.derivative.clamp",
            title="∂L/∂x = clamp(x − y, −δ, δ)",
            lhs=D(_huber, x_s),
            rhs=sp.Max(-delta, sp.Min(delta, r)),
            expected=PROVED,
            sources=(REFERENCE,),
        ),
        Claim(
            id="huber.is-delta-times-smooth-l1",
            title="Huber_δ = δ · smooth-L1 with β = δ",
            lhs=_huber,
            rhs=delta * _smooth_l1.subs(beta, delta),
            expected=PROVED,
            sources=(torch_doc("HuberLoss", "'differs from SmoothL1Loss by a factor of delta'"),),
        ),
        Claim(
            id="huber.equals-smooth-l1-at-delta-one",
            title="Huber with δ = 1 is smooth L1 with β = 1",
            lhs=_huber,
            rhs=_smooth_l1.subs(beta, delta),
            expected=PROVED,
            conditions=(_delta_one,),
            sources=(
                torch_doc(
                    "HuberLoss", "'When delta is set to 1, this loss is equivalent to SmoothL1Loss'"
                ),
            ),
        ),
        Claim(
            id="huber.equals-smooth-l1",
            title="Huber_δ = smooth-L1 with β = δ, at any δ",
            lhs=_huber,
            rhs=_smooth_l1.subs(beta, delta),
            expected=REFUTED,
            correction=delta * _smooth_l1.subs(beta, delta),
            sources=(
                Source(
                    "derive catalog",
                    "the δ = 1 equivalence read as holding at every δ",
                    "a common reading of 'Huber loss and smooth L1 are the same'",
                ),
            ),
        ),
    ),
)

smooth_l1 = Formula(
    name="smooth_l1",
    kind=Kind.LOSS,
    title="Smooth L1 loss with β",
    summary="L = r²/(2β) for |r| < β, |r| − β/2 otherwise; ∂L/∂x = r/β inside, sign(r) outside.",
    variables=(x_s,),
    parameters=(y_s, beta),
    variable=x_s,
    definition=_smooth_l1,
    derivative=sp.Piecewise((r / beta, _inside(r, beta)), (sp.sign(r), True)),
    sources=(paper(FAST_RCNN, "eq. (3), β = 1"), torch_doc("SmoothL1Loss")),
    claims=(
        Claim(
            id="smooth_l1.fast-rcnn",
            title="Fast R-CNN's smooth L1 is the β = 1 case",
            lhs=_smooth_l1,
            rhs=sp.Piecewise((r**2 / 2, _inside(r, 1)), (sp.Abs(r) - sp.Rational(1, 2), True)),
            expected=PROVED,
            conditions=(conditions.equal(beta, sp.Integer(1), text="β = 1"),),
            sources=(paper(FAST_RCNN, "eq. (3)"),),
        ),
    ),
)

_log_cosh = sp.log(sp.cosh(r))
log_cosh = Formula(
    name="log_cosh",
    kind=Kind.LOSS,
    title="Log-cosh loss",
    summary="L = log cosh(x − y); ∂L/∂x = tanh(x − y); stably |r| + log(1 + e^{−2|r|}) − log 2.",
    variables=(x_s,),
    parameters=(y_s,),
    variable=x_s,
    definition=_log_cosh,
    derivative=sp.tanh(r),
    aliases=("logcosh",),
    sources=(tensorflow_doc("tf.keras.losses.LogCosh", "logcosh = log((exp(x) + exp(−x))/2)"),),
    claims=(
        Claim(
            id="log_cosh.definition",
            title="log cosh r = log((eʳ + e⁻ʳ)/2)",
            lhs=_log_cosh,
            rhs=sp.log((e(r) + e(-r)) / 2),
            expected=PROVED,
            sources=(tensorflow_doc("tf.keras.losses.LogCosh"),),
        ),
        Claim(
            id="log_cosh.stable-form",
            title="log cosh r = |r| + log(1 + e^{−2|r|}) − log 2",
            lhs=_log_cosh,
            rhs=sp.Abs(r) + sp.log(1 + e(-2 * sp.Abs(r))) - sp.log(2),
            expected=PROVED,
            sources=(REFERENCE,),
        ),
    ),
)

(lam,) = positive("lambda")
(count,) = positive("k")
_poisson_log = e(x_s) - count * x_s
poisson_nll = Formula(
    name="poisson_nll",
    kind=Kind.LOSS,
    title="Poisson negative log-likelihood (log input)",
    summary=(
        "With log_input, L = eˣ − k·x for a log-rate x and a count k; ∂L/∂x = eˣ − k. It is "
        "λ − k log λ at λ = eˣ (the constant log k! dropped)."
    ),
    variables=(x_s,),
    parameters=(count,),
    variable=x_s,
    definition=_poisson_log,
    derivative=e(x_s) - count,
    aliases=("poisson_nll_loss",),
    sources=(torch_doc("PoissonNLLLoss", "log_input=True: exp(input) − target·input"),),
    claims=(
        Claim(
            id="poisson_nll.rate-form",
            title="eˣ − kx = λ − k log λ at λ = eˣ",
            lhs=_poisson_log,
            rhs=(lam - count * sp.log(lam)).subs(lam, e(x_s)),
            expected=PROVED,
            sources=(torch_doc("PoissonNLLLoss", "log_input=False: input − target·log(input)"),),
        ),
        Claim(
            id="poisson_nll.derivative-rate",
            title="∂/∂λ (λ − k log λ) = 1 − k/λ",
            lhs=D(lam - count * sp.log(lam), lam),
            rhs=1 - count / lam,
            expected=PROVED,
            sources=(REFERENCE,),
        ),
    ),
)

a = real("a1:4")
b = real("b1:4")
_dot = sp.Add(*(s * t for s, t in zip(a, b, strict=True)))
_norm_a = sp.sqrt(sp.Add(*(s**2 for s in a)))
_norm_b = sp.sqrt(sp.Add(*(t**2 for t in b)))
_cos = _dot / (_norm_a * _norm_b)
cosine_similarity = Formula(
    name="cosine_similarity",
    kind=Kind.LOSS,
    title="Cosine similarity (n = 3)",
    summary=(
        "cos(a, b) = a·b/(‖a‖‖b‖); ∇_a cos = b/(‖a‖‖b‖) − cos(a, b)·a/‖a‖² (PyTorch's "
        "cosine_similarity divides by max(‖a‖, ε)·max(‖b‖, ε), ε = 10⁻⁸)."
    ),
    variables=a,
    parameters=b,
    definition=_cos,
    derivative=column(
        [t / (_norm_a * _norm_b) - _cos * s / _norm_a**2 for s, t in zip(a, b, strict=True)]
    ),
    aliases=("cosine",),
    sources=(torch_doc("CosineSimilarity"),),
    claims=(
        Claim(
            id="cosine_similarity.gradient-along-b",
            title="bᵀ∇_a cos = ‖b‖(1 − cos²)/‖a‖",
            lhs=sp.Add(*(t * D(_cos, s) for s, t in zip(a, b, strict=True))),
            rhs=_norm_b * (1 - _cos**2) / _norm_a,
            expected=PROVED,
            statement=(
                r"b^\mathrm{T}\nabla_a \cos(a, b)"
                r" = \frac{\lVert b\rVert}{\lVert a\rVert}(1 - \cos^2(a, b))"
            ),
            sources=(REFERENCE,),
        ),
        Claim(
            id="cosine_similarity.gradient-unit-vectors",
            title="∇_a cos = b − (a·b)a for unit vectors, used at any a",
            lhs=column([D(_cos, s) for s in a]),
            rhs=column([t - _dot * s for s, t in zip(a, b, strict=True)]),
            expected=REFUTED,
            sources=(
                Source(
                    "derive catalog",
                    "the gradient of a·b/(‖a‖‖b‖) at ‖a‖ = ‖b‖ = 1, used off the unit sphere",
                ),
            ),
        ),
    ),
)
