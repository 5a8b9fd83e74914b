r"""Layers that rescale their inputs: batch and layer normalization with their backward passes,
and inverted dropout with a fixed mask.

Backward passes are checked through a scalar: an arbitrary upstream gradient
:math:`g_i = \partial L/\partial y_i` is a symbol, and :math:`L = \sum_i g_i y_i`, so that
:math:`\partial L/\partial x` computed from the forward pass is exactly the backward pass of the
layer for that upstream gradient. Sizes are tiny (a batch of m = 3) so that every claim is decided
in seconds. Each formula cites the paper that introduced it and the PyTorch documentation.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from derivations.catalog.building import (
    PROVED,
    REFUTED,
    D,
    column,
    positive,
    real,
    unevaluated,
)
from derivations.catalog.sources import (
    BATCH_NORM,
    DROPOUT,
    LAYER_NORM,
    REFERENCE,
    paper,
    torch_doc,
)
from derivations.model import Claim, Formula, Kind, Source
from derivations.symbolic import conditions


def _sum(terms: Sequence[sp.Expr]) -> sp.Expr:
    return sp.Add(*terms)


# --- batch normalization, a batch of m = 3 for one feature ------------------------------------

M = 3
xs = real("x1:4")
gs = real("g1:4")
(gamma, beta) = real("gamma beta")
(eps,) = positive("epsilon")
_mu = _sum(xs) / M
_var = _sum([(x - _mu) ** 2 for x in xs]) / M
_std = sp.sqrt(_var + eps)
_xhat = [(x - _mu) / _std for x in xs]
_bn = [gamma * xh + beta for xh in _xhat]
_bn_loss = _sum([g * y for g, y in zip(gs, _bn, strict=True)])

# The paper's chain-rule equations, written out as expressions of the free symbols.
_d_xhat = [g * gamma for g in gs]
_d_var = (
    _sum([dx * (x - _mu) for dx, x in zip(_d_xhat, xs, strict=True)])
    * sp.Rational(-1, 2)
    * (_var + eps) ** sp.Rational(-3, 2)
)
_d_mu = _sum([dx * (-1 / _std) for dx in _d_xhat]) + _d_var * _sum([-2 * (x - _mu) for x in xs]) / M
_d_x_paper = [
    dx / _std + _d_var * 2 * (x - _mu) / M + _d_mu / M for dx, x in zip(_d_xhat, xs, strict=True)
]
_d_x_compact = [
    gamma
    / (M * _std)
    * (M * g - _sum(gs) - xh * _sum([gj * xj for gj, xj in zip(gs, _xhat, strict=True)]))
    for g, xh in zip(gs, _xhat, strict=True)
]
_eps_zero = conditions.equal(eps, sp.Integer(0), text="ε = 0")

# The same quantities named, as the paper writes them: μ, σ² and x̂_i are shown, not expanded.
(mu_name,) = real("mu")
var_name = sp.Symbol("sigma^2", nonnegative=True)
xhat_names = real("x_hat1:4")
_statistics = (
    (mu_name, unevaluated(sp.Mul, sp.Rational(1, M), _sum(xs))),
    (var_name, unevaluated(sp.Mul, sp.Rational(1, M), _sum([(x - mu_name) ** 2 for x in xs]))),
    *(
        (name, (x - mu_name) / sp.sqrt(var_name + eps))
        for name, x in zip(xhat_names, xs, strict=True)
    ),
)
_named_std = sp.sqrt(var_name + eps)

batch_norm = Formula(
    name="batch_norm",
    kind=Kind.LAYER,
    title="Batch normalization, forward and backward (batch m = 3, one feature)",
    summary=(
        "μ = (1/m)Σx_i, σ² = (1/m)Σ(x_i − μ)², x̂_i = (x_i − μ)/√(σ² + ε), y_i = γx̂_i + β. For "
        "L = Σ g_i y_i (g = ∂L/∂y): ∂L/∂x_i = γ/(m√(σ² + ε))·(m g_i − Σ_j g_j − x̂_i Σ_j g_j x̂_j), "
        "∂L/∂γ = Σ g_i x̂_i, ∂L/∂β = Σ g_i."
    ),
    variables=xs,
    parameters=(gamma, beta, eps, *gs),
    definition=_bn_loss,
    derivative=column(_d_x_compact),
    intermediates=_statistics,
    named_definition=_sum([g * (gamma * xh + beta) for g, xh in zip(gs, xhat_names, strict=True)]),
    named_derivative=column(
        [
            gamma
            / (M * _named_std)
            * (
                M * g
                - _sum(gs)
                - xh * _sum([gj * xj for gj, xj in zip(gs, xhat_names, strict=True)])
            )
            for g, xh in zip(gs, xhat_names, strict=True)
        ]
    ),
    hypotheses=(_eps_zero,),
    aliases=("batchnorm", "bn"),
    sources=(paper(BATCH_NORM, "§3, Algorithm 1"), torch_doc("BatchNorm1d")),
    claims=(
        Claim(
            id="batch_norm.backward.paper",
            title="∂L/∂x_i by the paper's chain rule through x̂, σ² and μ",
            lhs=column([D(_bn_loss, x) for x in xs]),
            rhs=column(_d_x_paper),
            expected=PROVED,
            statement=(
                r"\frac{\partial \ell}{\partial x_i} = \frac{\partial \ell}{\partial \hat x_i}"
                r"\frac{1}{\sqrt{\sigma_B^2 + \epsilon}}"
                r" + \frac{\partial \ell}{\partial \sigma_B^2}"
                r"\frac{2(x_i - \mu_B)}{m} + \frac{\partial \ell}{\partial \mu_B}\frac{1}{m}"
            ),
            sources=(paper(BATCH_NORM, "§3, the backpropagation equations after Algorithm 1"),),
        ),
        Claim(
            id="batch_norm.backward.gamma-beta",
            title="∂L/∂γ = Σ g_i x̂_i and ∂L/∂β = Σ g_i",
            lhs=column([D(_bn_loss, gamma), D(_bn_loss, beta)]),
            rhs=column([_sum([g * xh for g, xh in zip(gs, _xhat, strict=True)]), _sum(gs)]),
            expected=PROVED,
            statement=(
                r"\frac{\partial \ell}{\partial \gamma}"
                r" = \sum_i \frac{\partial \ell}{\partial y_i}\hat x_i,"
                r"\quad \frac{\partial \ell}{\partial \beta}"
                r" = \sum_i \frac{\partial \ell}{\partial y_i}"
            ),
            sources=(paper(BATCH_NORM, "§3, the backpropagation equations after Algorithm 1"),),
        ),
        Claim(
            id="batch_norm.backward.statistics-as-constants",
            title="∂L/∂x_i = γg_i/√(σ² + ε), treating μ and σ² as constants",
            lhs=column([D(_bn_loss, x) for x in xs]),
            rhs=column([gamma * g / _std for g in gs]),
            expected=REFUTED,
            correction=column(_d_x_compact),
            statement=(
                r"\frac{\partial \ell}{\partial x_i}"
                r" = \frac{\gamma\, g_i}{\sqrt{\sigma_B^2 + \epsilon}}"
            ),
            sources=(
                Source(
                    "derive catalog",
                    "backpropagating through x̂ only",
                    "the mistake the paper warns against: μ and σ² depend on x",
                ),
            ),
        ),
        Claim(
            id="batch_norm.output-mean",
            title="(1/m) Σ y_i = β",
            lhs=_sum(_bn) / M,
            rhs=beta,
            expected=PROVED,
            sources=(
                paper(
                    BATCH_NORM, "§3, x̂ has mean 0", "stated here for y = γx̂ + β, whose mean is β"
                ),
            ),
        ),
        Claim(
            id="batch_norm.normalized-variance",
            title="(1/m) Σ x̂_i² = 1",
            lhs=_sum([xh**2 for xh in _xhat]) / M,
            rhs=sp.Integer(1),
            expected=REFUTED,
            correction=_var / (_var + eps),
            sources=(
                paper(
                    BATCH_NORM,
                    "§3, 'variance 1'",
                    "the paper says 'if we neglect ε'; checked with ε",
                ),
            ),
        ),
    ),
)

# --- layer normalization, one example with n = 3 features ------------------------------------

gammas = real("c1:4")
betas = real("d1:4")
_ln = [c * xh + d for c, xh, d in zip(gammas, _xhat, betas, strict=True)]
_ln_loss = _sum([g * y for g, y in zip(gs, _ln, strict=True)])
_h = [g * c for g, c in zip(gs, gammas, strict=True)]
_d_x_ln = [
    1
    / (M * _std)
    * (M * h - _sum(_h) - xh * _sum([hj * xj for hj, xj in zip(_h, _xhat, strict=True)]))
    for h, xh in zip(_h, _xhat, strict=True)
]
layer_norm = Formula(
    name="layer_norm",
    kind=Kind.LAYER,
    title="Layer normalization, forward and backward (n = 3 features)",
    summary=(
        "The statistics of batch normalization taken over the features of one example, with a "
        "gain c_i and bias d_i per feature: y_i = c_i x̂_i + d_i. With h_i = g_i c_i: "
        "∂L/∂x_i = (n h_i − Σ_j h_j − x̂_i Σ_j h_j x̂_j)/(n√(σ² + ε))."
    ),
    variables=xs,
    parameters=(*gammas, *betas, eps, *gs),
    definition=_ln_loss,
    derivative=column(_d_x_ln),
    intermediates=_statistics,
    named_definition=_sum(
        [g * (c * xh + d) for g, c, xh, d in zip(gs, gammas, xhat_names, betas, strict=True)]
    ),
    named_derivative=column(
        [
            1
            / (M * _named_std)
            * (
                M * h
                - _sum(_h)
                - xh * _sum([hj * xj for hj, xj in zip(_h, xhat_names, strict=True)])
            )
            for h, xh in zip(_h, xhat_names, strict=True)
        ]
    ),
    aliases=("layernorm", "ln"),
    sources=(paper(LAYER_NORM, "§3, eq. (3)"), torch_doc("LayerNorm")),
    claims=(
        Claim(
            id="layer_norm.gain-gradient",
            title="∂L/∂c_i = g_i x̂_i",
            lhs=column([D(_ln_loss, c) for c in gammas]),
            rhs=column([g * xh for g, xh in zip(gs, _xhat, strict=True)]),
            expected=PROVED,
            sources=(REFERENCE,),
        ),
    ),
)

# --- dropout with a fixed mask ----------------------------------------------------------------

masks = real("m1:4")
(drop,) = positive("p")
_dropout = [m * x / (1 - drop) for m, x in zip(masks, xs, strict=True)]
_dropout_loss = _sum([g * y for g, y in zip(gs, _dropout, strict=True)])
_mask_values = tuple(conditions.binary(m) for m in masks)

dropout = Formula(
    name="dropout",
    kind=Kind.LAYER,
    title="Inverted dropout with a fixed mask (n = 3)",
    summary=(
        "y_i = m_i x_i/(1 − p) with a fixed mask m ∈ {0, 1}³ "
        "(each m_i = 1 with probability 1 − p); "
        "for L = Σ g_i y_i, ∂L/∂x_i = g_i m_i/(1 − p): the same mask scales the gradient. "
        "Averaged over the mask, E[y_i] = x_i."
    ),
    variables=xs,
    parameters=(*masks, drop, *gs),
    definition=_dropout_loss,
    derivative=column([g * m / (1 - drop) for g, m in zip(gs, masks, strict=True)]),
    domains=((drop, (sp.Integer(0), sp.Integer(1))),),
    sources=(
        paper(DROPOUT, "§4, the mask r ~ Bernoulli(p) applied to a layer's output"),
        torch_doc("Dropout"),
    ),
    claims=(
        Claim(
            id="dropout.gradient-masked",
            title="∂L/∂x_i = g_i/(1 − p) where m_i = 1 and 0 where m_i = 0",
            lhs=column([D(_dropout_loss, x) for x in xs]),
            rhs=column(
                [
                    sp.Piecewise((g / (1 - drop), sp.Eq(m, 1)), (0, True))
                    for g, m in zip(gs, masks, strict=True)
                ]
            ),
            expected=PROVED,
            conditions=_mask_values,
            sources=(REFERENCE,),
        ),
        Claim(
            id="dropout.expectation",
            title="E[y_i] = (1 − p)·x_i/(1 − p) + p·0 = x_i",
            lhs=(1 - drop) * _dropout[0].subs(masks[0], 1) + drop * _dropout[0].subs(masks[0], 0),
            rhs=xs[0],
            expected=PROVED,
            sources=(
                torch_doc(
                    "Dropout",
                    "'outputs are scaled by a factor of 1/(1 − p) during training', "
                    "so evaluation is the identity",
                ),
            ),
        ),
        Claim(
            id="dropout.unscaled-expectation",
            title="E[m_i x_i] = x_i without the 1/(1 − p) scaling",
            lhs=(1 - drop) * xs[0] + drop * 0,
            rhs=xs[0],
            expected=REFUTED,
            correction=(1 - drop) * xs[0],
            sources=(
                Source(
                    "derive catalog",
                    "dropout without rescaling, read as preserving the mean",
                    "the original paper instead scales the weights by the retention "
                    "probability at test time",
                ),
            ),
        ),
    ),
)
