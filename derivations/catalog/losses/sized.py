r"""Losses at any length n, decided for every size: softmax with cross-entropy, KL divergence,
L2 divergence, MSE, hinge, the log-loss of logistic regression.

The symbols they share with the other families are in :mod:`derivations.catalog.any_size`.
"""

from __future__ import annotations

import sympy as sp

from derivations.catalog.any_size import column_of, delta, exp_total, i, k, n, p, y, yhat, z
from derivations.catalog.building import PROVED, REFUTED, D
from derivations.catalog.sources import ACTIVATIONS_AND_OUTPUT as DOC0
from derivations.catalog.sources import ACTIVATIONS_ZH as DOC3
from derivations.catalog.sources import BACKPROP_ZH as DOC4
from derivations.catalog.sources import DERIVATIVE_NOTES as DOC2
from derivations.catalog.sources import NEURON_LECTURE as DOC1
from derivations.catalog.sources import cite, variant
from derivations.model import Claim, Formula, Kind
from derivations.symbolic import conditions
from derivations.symbolic.functions import sigmoid
from derivations.symbolic.indexed import one_hot, sums_to_one, total, vector
from derivations.symbolic.matrix_calculus import DENOMINATOR, NUMERATOR, derivative

_r, _c = sp.symbols("r c", integer=True)

_ce = -total(y[k] * sp.log(p(k)), k, n)
_sum_one = sums_to_one(y, n)
_hot = one_hot(y, n)
softmax_cross_entropy_n = Formula(
    name="softmax_cross_entropy_n",
    kind=Kind.LOSS,
    title="Softmax + cross-entropy at any length n",
    summary="L = −Σ_k y_k log p_k with p = softmax(z); ∂L/∂z_i = p_i − y_i when Σ y = 1 (one-hot y included).",
    variables=(z[i],),
    parameters=(y[i],),
    definition=_ce,
    hypotheses=(_sum_one,),
    aliases=("softmax-cross-entropy-n",),
    sources=(cite(DOC3, "softmax + cross_entropy"), cite(DOC4, "eqs. (15)–(16)")),
    claims=(
        Claim(
            id="softmax_cross_entropy_n.gradient",
            title="∂L/∂z_i = p_i − y_i when Σ y = 1, every n",
            lhs=D(_ce, z[i]),
            rhs=p(i) - y[i],
            conditions=(_sum_one,),
            expected=PROVED,
            statement=r"\frac{\partial L}{\partial z_i} = p_i - y_i",
            sources=(cite(DOC4, "eq. (16)", "the last step uses Σ_k y_k = 1"),),
        ),
        Claim(
            id="softmax_cross_entropy_n.gradient-one-hot",
            title="∂L/∂z_i = p_i − y_i for one-hot y, every n",
            lhs=D(_ce, z[i]),
            rhs=p(i) - y[i],
            conditions=(_hot,),
            expected=PROVED,
            statement=r"\frac{\partial L}{\partial z_i} = p_i - y_i",
            sources=(cite(DOC4, "eq. (16)"),),
        ),
        Claim(
            id="softmax_cross_entropy_n.gradient-any-y",
            title="∂L/∂z_i = p_i − y_i without Σ y = 1",
            lhs=D(_ce, z[i]),
            rhs=p(i) - y[i],
            expected=REFUTED,
            correction=p(i) * total(y[k], k, n) - y[i],
            statement=r"\frac{\partial L}{\partial z_i} = p_i - y_i \quad (\text{any } y)",
            sources=(cite(DOC4, "eq. (16)", "read without its implicit hypothesis Σ y = 1"),),
        ),
        Claim(
            id="softmax_cross_entropy_n.simplified-loss",
            title="l = −yᵀz + ln(1ᵀexp z) when Σ y = 1, every n",
            lhs=_ce,
            rhs=-total(y[k] * z[k], k, n) + sp.log(exp_total),
            conditions=(_sum_one,),
            expected=PROVED,
            statement=r"-\boldsymbol{y}^\mathrm{T}\ln\operatorname{softmax}(\boldsymbol{z}) = -\boldsymbol{y}^\mathrm{T}\boldsymbol{z} + \ln(\boldsymbol{1}^\mathrm{T}\exp\boldsymbol{z})",
            sources=(
                cite(
                    DOC3,
                    "softmax + cross_entropy, l = …",
                    "ln(1ᵀz) read as ln(1ᵀexp(z)), as the derivation needs",
                ),
            ),
        ),
        Claim(
            id="softmax_cross_entropy_n.gradient-zh-as-written",
            title="∂l/∂z = −y + 1/(1ᵀz), as written",
            lhs=D(_ce, z[i]),
            rhs=-y[i] + 1 / total(z[k], k, n),
            conditions=(_sum_one,),
            expected=REFUTED,
            correction=p(i) - y[i],
            statement=r"\frac{\partial l}{\partial \boldsymbol{z}} = -\boldsymbol{y} + \frac{\boldsymbol{1}}{\boldsymbol{1}^\mathrm{T}\boldsymbol{z}}",
            sources=(
                cite(
                    DOC3,
                    "softmax + cross_entropy, ∂l/∂z",
                    "read literally: 1 over the sum of the logits",
                ),
            ),
        ),
    ),
)


def xlogx(t: sp.Expr) -> sp.Expr:
    r""":math:`t \log t` with the convention :math:`0 \log 0 = 0` of entropy and KL divergence."""
    return sp.Piecewise((0, sp.Eq(t, 0)), (t * sp.log(t), True))


_kl = total(xlogx(y[k]) - y[k] * sp.log(yhat[k]), k, n)
_cross = -total(y[k] * sp.log(yhat[k]), k, n)
_cls = _hot.hot
kl_divergence_n = Formula(
    name="kl_divergence_n",
    kind=Kind.LOSS,
    title="KL divergence and cross-entropy at any length n",
    summary="KL(y‖ŷ) = Σ_k y_k log(y_k/ŷ_k) (0 log 0 = 0); for one-hot y it is −log ŷ_c, the cross-entropy.",
    variables=(yhat[i],),
    parameters=(y[i],),
    definition=_kl,
    hypotheses=(_hot,),
    aliases=("kl-n",),
    sources=(
        cite(DOC0, "KL Divergence for Classifier, multi-class"),
        cite(DOC1, "③ Loss Functions, ①"),
    ),
    claims=(
        Claim(
            id="kl_divergence_n.one-hot",
            title="KL(y‖ŷ) = −log ŷ_c for one-hot y, every n",
            lhs=_kl,
            rhs=-sp.log(yhat[_cls]),
            conditions=(_hot,),
            expected=PROVED,
            statement=r"\sum_{i=1}^n y_i \log\frac{y_i}{\hat y_i} = -\log \hat y_c",
            sources=(
                cite(DOC0, "KL Divergence for Classifier, multi-class"),
                cite(DOC1, "③ ①, KL ≡ −log p(y = y_gt)"),
            ),
        ),
        Claim(
            id="kl_divergence_n.is-cross-entropy",
            title="KL(y‖ŷ) = −Σ y log ŷ (cross-entropy) for one-hot y, every n",
            lhs=_kl,
            rhs=_cross,
            conditions=(_hot,),
            expected=PROVED,
            statement=r"KL(p^{gt} \parallel \hat p) = -\sum_y p^{gt}(y)\log \hat p(y)",
            sources=(
                cite(
                    DOC1,
                    "③ ①, 'Why is this called Cross-Entropy? And where is the KL divergence coming in?'",
                ),
            ),
        ),
        Claim(
            id="kl_divergence_n.gradient",
            title="∂KL/∂ŷ_i = −1/ŷ_c if i = c, else 0, every n",
            lhs=D(_kl, yhat[i]),
            rhs=-delta(i, _cls) / yhat[_cls],
            conditions=(_hot,),
            expected=PROVED,
            statement=r"\frac{\partial\, \mathrm{div}}{\partial \hat y_i} = \begin{cases} -1/\hat y_c & c = i \\ 0 & \text{otherwise}\end{cases}",
            sources=(cite(DOC0, "KL Divergence for Classifier, multi-class, derivative"),),
        ),
    ),
)

_l2 = sp.Rational(1, 2) * total((yhat[k] - y[k]) ** 2, k, n)
_mse = total((yhat[k] - y[k]) ** 2, k, n) / n
_ce_mean = -total(y[k] * sp.log(yhat[k]), k, n) / n
YH, Y = column_of(sp.Lambda((_r, _c), yhat[_r + 1])), column_of(sp.Lambda((_r, _c), y[_r + 1]))
l2_divergence_n = Formula(
    name="l2_divergence_n",
    kind=Kind.LOSS,
    title="L2 divergence ½‖ŷ − y‖² at any length n",
    summary="div = ½ Σ_k (ŷ_k − y_k)²; ∇_ŷ div = ŷ − y.",
    variables=(yhat[i],),
    parameters=(y[i],),
    definition=_l2,
    sources=(cite(DOC0, "L2 Divergence"), cite(DOC4, "eqs. (9)–(10)")),
    claims=(
        Claim(
            id="l2_divergence_n.gradient",
            title="∂div/∂ŷ_i = ŷ_i − y_i, every n",
            lhs=D(_l2, yhat[i]),
            rhs=yhat[i] - y[i],
            expected=PROVED,
            statement=r"\frac{\partial}{\partial \hat y_i}\frac{1}{2}\sum_k(\hat y_k - y_k)^2 = \hat y_i - y_i",
            sources=(cite(DOC0, "L2 Divergence, ∇"), cite(DOC4, "eq. (10)", "o_k read as ŷ_k")),
        ),
        Claim(
            id="l2_divergence_n.gradient-vector",
            title="∇_ŷ div = ŷ − y as a column (denominator layout), every n",
            lhs=derivative(_l2, YH, DENOMINATOR),
            rhs=YH - Y,
            expected=PROVED,
            statement=r"\nabla_{\hat y}\,\mathrm{div} = \hat y - y",
            sources=(cite(DOC0, "L2 Divergence, ∇", "∇ read as a column, the denominator layout"),),
        ),
        Claim(
            id="l2_divergence_n.gradient-row",
            title="∂div/∂ŷ in numerator layout is the row (ŷ − y)ᵀ, not the column",
            lhs=derivative(_l2, YH, NUMERATOR),
            rhs=YH - Y,
            expected=REFUTED,
            correction=(YH - Y).T,
            statement=r"\frac{\partial\,\mathrm{div}}{\partial \hat y}\Big|_{\text{numerator}} = \hat y - y",
            # A layout trap the catalog builds: ŷ − y is 000's formula in 000's convention (∇ a
            # column); 001 never writes it, and its numerator layout makes the gradient a row.
            sources=(
                variant(
                    DOC1,
                    "④ Convention: a gradient is a row vector",
                    "000's column ŷ − y taken for the gradient in 001's numerator layout",
                ),
            ),
        ),
    ),
)

mse_n = Formula(
    name="mse_n",
    kind=Kind.LOSS,
    title="Mean squared error and mean cross-entropy at any length n",
    summary="L = (1/n)‖y − ŷ‖²; ∂L/∂ŷ_i = (2/n)(ŷ_i − y_i). L = −(1/n)Σ y log ŷ; ∂L/∂ŷ_i = −y_i/(n ŷ_i).",
    variables=(yhat[i],),
    parameters=(y[i],),
    definition=_mse,
    sources=(cite(DOC2, "Mean Squared Error"), cite(DOC2, "Cross Entropy")),
    claims=(
        Claim(
            id="mse_n.partial",
            title="∂L/∂ŷ_i = (1/n)(ŷ_i − y_i), as written",
            lhs=D(_mse, yhat[i]),
            rhs=(yhat[i] - y[i]) / n,
            expected=REFUTED,
            correction=2 * (yhat[i] - y[i]) / n,
            statement=r"\frac{\partial L}{\partial \hat y_i} = \frac{1}{n}(\hat y_i - y_i)",
            sources=(
                cite(DOC2, "Mean Squared Error, ∂L/∂ŷ_i", "the factor 2 of the square is missing"),
            ),
        ),
        Claim(
            id="mse_n.partial-corrected",
            title="∂L/∂ŷ_i = (2/n)(ŷ_i − y_i), every n",
            lhs=D(_mse, yhat[i]),
            rhs=2 * (yhat[i] - y[i]) / n,
            expected=PROVED,
            statement=r"\frac{\partial L}{\partial \hat y_i} = \frac{2}{n}(\hat y_i - y_i)",
            sources=(cite(DOC2, "Mean Squared Error", "the correct value of the written claim"),),
        ),
        Claim(
            id="mse_n.cross-entropy-partial",
            title="∂/∂ŷ_i of −(1/n)Σ y log ŷ = −y_i/ŷ_i, as written",
            lhs=D(_ce_mean, yhat[i]),
            rhs=-y[i] / yhat[i],
            expected=REFUTED,
            correction=-y[i] / (n * yhat[i]),
            statement=r"\frac{\partial L}{\partial \hat y_i} = -\frac{y_i}{\hat y_i}",
            sources=(
                cite(DOC2, "Cross Entropy, ∂L/∂ŷ_i", "the factor 1/n of the loss is dropped"),
            ),
        ),
    ),
)

# Hinge and logistic regression with vectors of any length n.
j_ = sp.Symbol("j", integer=True)
u, xs = vector("u"), vector("x")
yl = sp.Symbol("y", real=True)

_margin = yl * total(u[j_] * xs[j_], j_, n)
_hinge = sp.Max(0, 1 - _margin)
_labels = conditions.binary(yl, (-1, 1))
hinge_n = Formula(
    name="hinge_n",
    kind=Kind.LOSS,
    title="Hinge loss max(0, 1 − y wᵀx) at any length n",
    summary="Subgradient ∂L/∂w = −y x where y wᵀx < 1, 0 where y wᵀx > 1 (y in {−1, +1}).",
    variables=(u[i],),
    parameters=(xs[i], yl),
    definition=_hinge,
    sources=(cite(DOC1, "③ ② Hinge-Loss"),),
    claims=(
        Claim(
            id="hinge_n.subgradient",
            title="∂L/∂wᵢ = −y xᵢ if y wᵀx < 1, else 0, every n",
            lhs=D(_hinge, u[i]),
            rhs=sp.Piecewise((-yl * xs[i], _margin < 1), (0, True)),
            conditions=(_labels,),
            expected=PROVED,
            statement=r"\frac{\partial L_i}{\partial w_j} = \begin{cases} -y_i x_{ij} & y_i \vec w^T \vec x_i < 1 \\ 0 & y_i \vec w^T \vec x_i > 1\end{cases}",
            sources=(cite(DOC1, "③ ② Hinge-Loss", "the subgradient, off the kink y wᵀx = 1"),),
        ),
        Claim(
            id="hinge_n.subgradient-sign",
            title="∂L/∂wᵢ = y xᵢ if y wᵀx < 1 (sign dropped)",
            lhs=D(_hinge, u[i]),
            rhs=sp.Piecewise((yl * xs[i], _margin < 1), (0, True)),
            conditions=(_labels,),
            expected=REFUTED,
            correction=sp.Piecewise((-yl * xs[i], _margin < 1), (0, True)),
            statement=r"\frac{\partial L_i}{\partial w_j} = y_i x_{ij}\ (y_i \vec w^T \vec x_i < 1)",
            sources=(variant(DOC1, "③ ② Hinge-Loss", "the sign of the subgradient dropped"),),
        ),
    ),
)

_a = total(u[j_] * xs[j_], j_, n)
_p = sigmoid(_a)
_logloss = -yl * sp.log(_p) - (1 - yl) * sp.log(1 - _p)
logistic_regression_n = Formula(
    name="logistic_regression_n",
    kind=Kind.LOSS,
    title="Logistic regression log-loss at any length n",
    summary="L = −y log σ(wᵀx) − (1 − y) log(1 − σ(wᵀx)); ∂L/∂w = (σ(wᵀx) − y) x.",
    variables=(u[i],),
    parameters=(xs[i], yl),
    definition=_logloss,
    aliases=("log-loss-n",),
    sources=(cite(DOC1, "② Logistic; ⑤ Chain Rule, example"),),
    claims=(
        Claim(
            id="logistic_regression_n.gradient",
            title="∂L/∂wᵢ = (p − y) xᵢ, every n",
            lhs=D(_logloss, u[i]),
            rhs=(_p - yl) * xs[i],
            expected=PROVED,
            statement=r"\frac{\partial L}{\partial \vec w} = (p - y)\,\vec x^T,\quad p = \sigma(\vec w^T\vec x)",
            sources=(cite(DOC1, "② Logistic Regression", "the general label y, not only y = +1"),),
        ),
        Claim(
            id="logistic_regression_n.chain-example",
            title="∂/∂w of −log σ(wᵀx) = (1 − p)xᵀ, as written (y = +1), every n",
            lhs=D(-sp.log(_p), u[i]),
            rhs=(1 - _p) * xs[i],
            expected=REFUTED,
            correction=(_p - 1) * xs[i],
            statement=r"\frac{\partial L_i}{\partial w} = (1 - p)\,x^T \quad (L_i = -\log\sigma(w^T x_i),\ y_i = +1)",
            sources=(
                cite(
                    DOC1,
                    "⑤ Chain Rule, example",
                    "the product of the written factors is −(1 − p)xᵀ: the sign is lost",
                ),
            ),
        ),
    ),
)
