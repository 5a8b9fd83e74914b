r"""Losses: L2 divergence, both MSE forms, binary and multi-class cross-entropy, KL with one-hot
targets, the log-loss of logistic regression, the hinge loss, and softmax with cross-entropy.

Vector losses are encoded at n = 3 (so the documents' 1/n is 1/3). Targets ``y`` are drawn from
(0, 1) and predictions ``ŷ`` from (0, 1) when counterexamples are searched.
"""

from __future__ import annotations

import sympy as sp

from derivations.catalog.building import (
    PROVED,
    REFUTED,
    D,
    chain,
    column,
    gradient_row,
    positive,
    real,
    row,
)
from derivations.catalog.sources import (
    ACTIVATIONS_AND_OUTPUT as DOC0,
)
from derivations.catalog.sources import (
    ACTIVATIONS_ZH as DOC3,
)
from derivations.catalog.sources import (
    BACKPROP_ZH as DOC4,
)
from derivations.catalog.sources import (
    DERIVATIVE_NOTES as DOC2,
)
from derivations.catalog.sources import (
    NEURON_LECTURE as DOC1,
)
from derivations.catalog.sources import (
    cite,
    other_reading,
)
from derivations.model import Claim, Formula, Kind, Source
from derivations.symbolic import conditions
from derivations.symbolic.functions import sigmoid, softmax

N = 3
UNIT = (sp.Integer(0), sp.Integer(1))
#: Cited for the claims the tool states itself (the correct general forms).
REFERENCE = Source("derive catalog", "reference result")

yhat = positive("yhat1:4")
y = real("y1:4")
o = real("o1:4")
z = real("z1:4")
w = real("w1:4")
x = real("x1:4")
(yhat_s,) = positive("yhat")
(y_s,) = real("y")
(p_s,) = positive("p")
(a_s,) = real("a")

PROBABILITY_DOMAINS = tuple((s, UNIT) for s in (*yhat, *y, yhat_s, y_s, p_s))


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

_bce = -y_s * sp.log(yhat_s) - (1 - y_s) * sp.log(1 - yhat_s)
binary_cross_entropy = Formula(
    name="binary_cross_entropy",
    kind=Kind.LOSS,
    title="Binary cross-entropy",
    summary="div = −y log ŷ − (1 − y) log(1 − ŷ); derivative (ŷ − y)/(ŷ(1 − ŷ)).",
    variables=(yhat_s,),
    parameters=(y_s,),
    variable=yhat_s,
    definition=_bce,
    derivative=(yhat_s - y_s) / (yhat_s * (1 - yhat_s)),
    domains=PROBABILITY_DOMAINS,
    aliases=("bce",),
    sources=(cite(DOC0, "KL Divergence for Classifier, binary classifier"),),
    claims=(
        Claim(
            id="binary_cross_entropy.derivative-cases",
            title="dDiv/dŷ for y = 1 and y = 0",
            lhs=D(_bce, yhat_s),
            rhs=sp.Piecewise((-1 / yhat_s, sp.Eq(y_s, 1)), (1 / (1 - yhat_s), sp.Eq(y_s, 0))),
            expected=PROVED,
            conditions=(conditions.binary(y_s),),
            sources=(cite(DOC0, "KL Divergence for Classifier, binary classifier, derivative"),),
        ),
    ),
)


def _xlogy_ratio(t: sp.Expr, q: sp.Expr) -> sp.Expr:
    """t·log(t/q) with the convention 0·log 0 = 0."""
    return sp.Piecewise((0, sp.Eq(t, 0)), (t * sp.log(t / q), True))


_kl = sp.Add(*(_xlogy_ratio(t, q) for t, q in zip(y, yhat, strict=True)))
_cross_entropy = -sp.Add(*(t * sp.log(q) for t, q in zip(y, yhat, strict=True)))
_one_hot = conditions.one_hot(y)
kl_one_hot = Formula(
    name="kl_one_hot",
    kind=Kind.LOSS,
    title="KL divergence with a one-hot target (n = 3)",
    summary="KL(y‖ŷ) = Σ y_i log(y_i/ŷ_i) (0 log 0 = 0); for one-hot y it is the cross-entropy −log ŷ_c.",
    variables=yhat,
    parameters=y,
    definition=_kl,
    derivative=column(
        [sp.Piecewise((0, sp.Eq(t, 0)), (-t / q, True)) for t, q in zip(y, yhat, strict=True)]
    ),
    domains=PROBABILITY_DOMAINS,
    hypotheses=(_one_hot,),
    aliases=("kl", "kl_divergence", "cross_entropy"),
    sources=(
        cite(DOC0, "KL Divergence for Classifier, multi-class classifier"),
        cite(DOC1, "③ Loss Functions, ① Log-Loss / Cross-Entropy / KL-Divergence"),
    ),
    claims=(
        Claim(
            id="kl_one_hot.is-log-loss",
            title="KL with a one-hot target is −log ŷ_c",
            lhs=_kl,
            rhs=_cross_entropy,
            expected=PROVED,
            conditions=(_one_hot,),
            statement=r"\sum_{i} y_i \log\frac{y_i}{\hat{y}_i} = -\log \hat{y}_c",
            sources=(
                cite(
                    DOC0,
                    "multi-class classifier, first line",
                    "−log ŷ_c with y_c = 1 is −Σ_i y_i log ŷ_i",
                ),
                cite(DOC1, "③ ①: KL(p^gt ‖ p̂) ≡ −log p(y = y_i^gt | x_i, w)"),
            ),
        ),
        Claim(
            id="kl_one_hot.is-cross-entropy",
            title="KL with a one-hot target is the cross-entropy",
            lhs=_kl,
            rhs=_cross_entropy,
            expected=PROVED,
            conditions=(_one_hot,),
            statement=r"KL(p^{gt} \parallel \hat{p}) = -\sum_{y} p^{gt}(y) \log \hat{p}(y)",
            sources=(cite(DOC1, "③ ①: 'Consider Multiclass-classification w/ 1-HOT encoding'"),),
        ),
        Claim(
            id="kl_one_hot.gradient",
            title="∂div/∂ŷ_i = −1/ŷ_c if i = c, else 0",
            lhs=column([D(_kl, q) for q in yhat]),
            rhs=column([-t / q for t, q in zip(y, yhat, strict=True)]),
            expected=PROVED,
            conditions=(_one_hot,),
            statement=r"\frac{\partial \operatorname{div}}{\partial \hat{y}_i} = \begin{cases} -\frac{1}{\hat{y}_c} & c = i \\ 0 & \text{otherwise} \end{cases}",
            sources=(cite(DOC0, "multi-class classifier, derivative"),),
        ),
    ),
)

_ce_mean = -sp.Rational(1, N) * sp.Add(*(t * sp.log(q) for t, q in zip(y, yhat, strict=True)))
_ce_mean_gradient = column([D(_ce_mean, q) for q in yhat])
cross_entropy_mean = Formula(
    name="cross_entropy_mean",
    kind=Kind.LOSS,
    title="Cross-entropy averaged over n = 3 components",
    summary="L = −(1/n)Σ y_i log ŷ_i; ∂L/∂ŷ_i = −y_i/(n ŷ_i).",
    variables=yhat,
    parameters=y,
    definition=_ce_mean,
    derivative=column([-t / (N * q) for t, q in zip(y, yhat, strict=True)]),
    domains=PROBABILITY_DOMAINS,
    sources=(cite(DOC2, "Loss Function, Cross Entropy"),),
    claims=(
        Claim(
            id="cross_entropy_mean.partial",
            title="∂L/∂ŷ_i as written",
            lhs=_ce_mean_gradient,
            rhs=column([-t / q for t, q in zip(y, yhat, strict=True)]),
            expected=REFUTED,
            statement=r"\frac{\partial L}{\partial \hat{y}_i} = -\frac{y_i}{\hat{y}_i}",
            sources=(cite(DOC2, "Cross Entropy, ∂L/∂ŷ_i"),),
        ),
        Claim(
            id="cross_entropy_mean.gradient",
            title="∂L/∂ŷ in vector form as written",
            lhs=_ce_mean_gradient,
            rhs=column([-t / q for t, q in zip(y, yhat, strict=True)]),
            expected=REFUTED,
            statement=r"\frac{\partial L}{\partial \hat{\mathbf{y}}} = -\frac{\mathbf{y}}{\hat{\mathbf{y}}}",
            sources=(
                cite(DOC2, "Cross Entropy, 'Then: ∂L/∂ŷ'", "the vector division is element-wise"),
            ),
        ),
    ),
)

_a = sp.Add(*(wi * xi for wi, xi in zip(w, x, strict=True)))
_p = sigmoid(_a)
_log_loss = -y_s * sp.log(_p) - (1 - y_s) * sp.log(1 - _p)
_positive_label = conditions.equal(y_s, sp.Integer(1), text="y = +1")
log_loss = Formula(
    name="log_loss",
    kind=Kind.LOSS,
    title="Log-loss of logistic regression (n = 3)",
    summary="L(w) = −y log p − (1 − y) log(1 − p) with p = σ(wᵀx); ∇_w L = (p − y)x.",
    variables=w,
    parameters=(*x, y_s),
    definition=_log_loss,
    derivative=column([(_p - y_s) * xi for xi in x]),
    domains=((y_s, UNIT),),
    aliases=("logistic_loss", "logistic_regression"),
    sources=(cite(DOC1, "③ ① L_i(w) = −log P(y_i | x_i, w)"), cite(DOC1, "⑤ Chain Rule, Example")),
    claims=(
        Claim(
            id="log_loss.chain-example.dl-dp",
            title="∂L/∂p of −log p",
            lhs=D(-sp.log(p_s), p_s),
            rhs=-1 / p_s,
            expected=PROVED,
            sources=(cite(DOC1, "⑤ Chain Rule, Example: ∂L/∂p"),),
        ),
        Claim(
            id="log_loss.chain-example.dp-da",
            title="∂p/∂a = p(1 − p)",
            lhs=D(sigmoid(a_s), a_s),
            rhs=sigmoid(a_s) * (1 - sigmoid(a_s)),
            expected=PROVED,
            sources=(cite(DOC1, "⑤ Chain Rule, Example: the underbrace ∂p/∂a = p·(1 − p)"),),
        ),
        Claim(
            id="log_loss.chain-example.dp-da-exp",
            title="∂p/∂a in exponentials as written",
            lhs=D(1 / (1 + sp.exp(-a_s)), a_s),
            rhs=-sp.exp(-a_s) / (1 + sp.exp(a_s)) ** 2,
            expected=REFUTED,
            # A garbled block is no statement the author would recognise as theirs: the reading
            # that fails is reported beside the one that holds (the underbrace, dp-da above).
            sources=(
                other_reading(
                    DOC1,
                    "⑤ Chain Rule, Example: the 2×2 block",
                    "the garbled block read as the fraction −e^{−a}/(1 + e^{a})² for ∂p/∂a; "
                    "its underbrace ∂p/∂a = p·(1 − p) holds",
                ),
            ),
        ),
        Claim(
            id="log_loss.chain-example.gradient",
            title="∂L_i/∂w for y = +1, as written",
            lhs=gradient_row(_log_loss, w),
            rhs=row([(1 - _p) * xi for xi in x]),
            expected=REFUTED,
            conditions=(_positive_label,),
            statement=r"\frac{\partial L_i}{\partial w} = (1 - p)x^\mathrm{T}, \quad L_i(w) = -\log\frac{1}{1 + e^{-w^\mathrm{T}x}}",
            sources=(cite(DOC1, "⑤ Chain Rule, Example: ∂L_i/∂w = (1 − p)xᵀ"),),
        ),
    ),
)

_margin = y_s * _a
_hinge = sp.Max(0, 1 - _margin)
hinge = Formula(
    name="hinge",
    kind=Kind.LOSS,
    title="Hinge loss (n = 3)",
    summary="L(w) = max(0, 1 − y wᵀx) with y ∈ {−1, +1}; subgradient −y x where y wᵀx < 1, else 0.",
    variables=w,
    parameters=(*x, y_s),
    definition=_hinge,
    derivative=column([-y_s * xi * sp.Heaviside(1 - _margin) for xi in x]),
    hypotheses=(conditions.binary(y_s, (-1, 1)),),
    sources=(cite(DOC1, "③ ② Hinge-Loss"),),
    claims=(
        Claim(
            id="hinge.subgradient-cases",
            title="the hinge subgradient by cases",
            lhs=column([D(_hinge, wi) for wi in w]),
            rhs=column([sp.Piecewise((-y_s * xi, _margin < 1), (0, True)) for xi in x]),
            expected=PROVED,
            conditions=(conditions.binary(y_s, (-1, 1)),),
            statement=r"\nabla_w L = \begin{cases} -y\,x & y\,w^\mathrm{T}x < 1 \\ 0 & \text{otherwise} \end{cases}",
            sources=(REFERENCE,),
        ),
    ),
)

# Softmax with cross-entropy, at n = 3.
p = [softmax(i, *z) for i in range(N)]
_ce = -sp.Add(*(t * sp.log(pk) for t, pk in zip(y, p, strict=True)))
_total = sp.Add(*(sp.exp(zk) for zk in z))
_sum_y = sp.Add(*y)
_sums_to_one = conditions.sums_to_one(y)
_others = [[k for k in range(N) if k != i] for i in range(N)]
_true_gradient = column([p[i] * _sum_y - y[i] for i in range(N)])
_zh_loss = -sp.Add(*(t * (zk - sp.log(sp.Add(*z))) for t, zk in zip(y, z, strict=True)))
softmax_cross_entropy = Formula(
    name="softmax_cross_entropy",
    kind=Kind.LOSS,
    title="Softmax followed by cross-entropy (n = 3)",
    summary="L = −Σ y_k log p_k with p = softmax(z); ∂L/∂z_i = p_i Σ_k y_k − y_i, which is p_i − y_i when Σy = 1.",
    variables=z,
    parameters=y,
    definition=_ce,
    derivative=_true_gradient,
    domains=tuple((t, UNIT) for t in y),
    hypotheses=(_sums_to_one, _one_hot),
    aliases=("softmax_ce", "cross_entropy_softmax"),
    sources=(cite(DOC3, "softmax + cross_entropy 的一起求导"), cite(DOC4, "eqs. (15)–(16)")),
    claims=(
        Claim(
            id="softmax_cross_entropy.p-minus-y",
            title="∂L/∂z = p − y when Σy = 1",
            lhs=column([D(_ce, zi) for zi in z]),
            rhs=column([p[i] - y[i] for i in range(N)]),
            expected=PROVED,
            conditions=(_sums_to_one,),
            sources=(REFERENCE,),
        ),
        Claim(
            id="softmax_cross_entropy.p-minus-y-one-hot",
            title="∂L/∂z = p − y for one-hot y",
            lhs=column([D(_ce, zi) for zi in z]),
            rhs=column([p[i] - y[i] for i in range(N)]),
            expected=PROVED,
            conditions=(_one_hot,),
            sources=(REFERENCE,),
        ),
        *chain(
            "softmax_cross_entropy.derivation-eq16",
            "∂L/∂z_i through the softmax",
            [
                column([D(_ce, zi) for zi in z]),
                column(
                    [-sp.Add(*(y[k] * D(sp.log(p[k]), z[i]) for k in range(N))) for i in range(N)]
                ),
                column(
                    [-sp.Add(*(y[k] / p[k] * D(p[k], z[i]) for k in range(N))) for i in range(N)]
                ),
                column(
                    [
                        -y[i] / p[i] * p[i] * (1 - p[i])
                        + sp.Add(*(y[k] / p[k] * p[k] * p[i] for k in _others[i]))
                        for i in range(N)
                    ]
                ),
                column(
                    [
                        y[i] * p[i] - y[i] + sp.Add(*(y[k] * p[i] for k in _others[i]))
                        for i in range(N)
                    ]
                ),
                column([p[i] - y[i] for i in range(N)]),
            ],
            [PROVED, PROVED, PROVED, PROVED, REFUTED],
            (
                cite(
                    DOC4,
                    "eq. (16)",
                    "pi read as p_i; ∂log p_k/∂p_k · ∂p_k/∂z_i written out as (1/p_k)∂p_k/∂z_i",
                ),
            ),
            statements=[
                r"\frac{\partial L}{\partial z_i} = -\sum_k y_k \frac{\partial \log p_k}{\partial z_i}",
                r"-\sum_k y_k \frac{\partial \log p_k}{\partial z_i} = -\sum_k y_k \frac{1}{p_k}\frac{\partial p_k}{\partial z_i}",
                r"-\sum_k y_k \frac{1}{p_k}\frac{\partial p_k}{\partial z_i} = -y_i\frac{1}{p_i}p_i(1 - p_i) + \sum_{k \ne i} y_k \frac{1}{p_k} p_k p_i",
                r"-y_i\frac{1}{p_i}p_i(1 - p_i) + \sum_{k \ne i} y_k \frac{1}{p_k} p_k p_i = y_i p_i - y_i + \sum_{k \ne i} y_k p_i",
                r"y_i p_i - y_i + \sum_{k \ne i} y_k p_i = p_i - y_i",
            ],
            corrections=[None, None, None, None, column([p[i] * _sum_y - y[i] for i in range(N)])],
        ),
        Claim(
            id="softmax_cross_entropy.eq16",
            title="∂L/∂z_i = p_i − y_i, as stated without Σy = 1",
            lhs=column([D(_ce, zi) for zi in z]),
            rhs=column([p[i] - y[i] for i in range(N)]),
            expected=REFUTED,
            statement=r"\frac{\partial L}{\partial z_i} = p_i - y_i",
            sources=(cite(DOC4, "eq. (16), first and last forms"),),
        ),
        *chain(
            "softmax_cross_entropy.log-sum-exp-zh",
            "l rewritten with the log-sum-exp",
            [
                _ce,
                _zh_loss,
                -sp.Add(*(t * zk for t, zk in zip(y, z, strict=True))) + sp.log(sp.Add(*z)),
            ],
            [REFUTED, REFUTED],
            (
                cite(
                    DOC3,
                    "softmax + cross_entropy, 'l = −yᵀ(z − 1 ln(1ᵀz)) = −yᵀz + ln(1ᵀz)'",
                    "ln(1ᵀz) read as written (the log of the sum of the logits); the stated hypothesis ŷᵀ1 = 1 is about ŷ, not y",
                ),
            ),
            statements=[
                r"l = -\boldsymbol{y}^\mathrm{T}(\boldsymbol{z} - \boldsymbol{1}\ln(\boldsymbol{1}^\mathrm{T}\boldsymbol{z}))",
                r"-\boldsymbol{y}^\mathrm{T}(\boldsymbol{z} - \boldsymbol{1}\ln(\boldsymbol{1}^\mathrm{T}\boldsymbol{z})) = -\boldsymbol{y}^\mathrm{T}\boldsymbol{z} + \ln(\boldsymbol{1}^\mathrm{T}\boldsymbol{z})",
            ],
            corrections=[
                -sp.Add(*(t * zk for t, zk in zip(y, z, strict=True))) + _sum_y * sp.log(_total),
                -sp.Add(*(t * zk for t, zk in zip(y, z, strict=True)))
                + _sum_y * sp.log(sp.Add(*z)),
            ],
        ),
        Claim(
            id="softmax_cross_entropy.gradient-zh",
            title="∂l/∂z = −y + 1/(1ᵀz), as written",
            lhs=column([D(_ce, zi) for zi in z]),
            rhs=column([-y[i] + 1 / sp.Add(*z) for i in range(N)]),
            expected=REFUTED,
            statement=r"\frac{\partial l}{\partial \boldsymbol{z}} = -\boldsymbol{y} + \frac{\boldsymbol{1}}{\boldsymbol{1}^\mathrm{T}\boldsymbol{z}}",
            sources=(cite(DOC3, "softmax + cross_entropy, '故 ∂l/∂z = …'"),),
        ),
    ),
)

FORMULAS = (
    l2_divergence,
    mse,
    mse_half,
    binary_cross_entropy,
    kl_one_hot,
    cross_entropy_mean,
    log_loss,
    hinge,
    softmax_cross_entropy,
)
