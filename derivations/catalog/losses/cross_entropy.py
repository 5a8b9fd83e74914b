r"""Cross-entropies and divergences: binary and multi-class cross-entropy, KL divergence (one-hot
and general), softmax with cross-entropy, label smoothing, negative log-likelihood.

The course documents' losses carry the claims the documents make about them, with their mistakes
recorded as expected refutations; the others cite the paper or the framework documentation that
defines them. Vector losses are encoded at n = 3.
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
    UNIT,
    N,
    y,
    y_s,
    yhat,
    yhat_s,
    z,
)
from derivations.catalog.sources import ACTIVATIONS_AND_OUTPUT as DOC0
from derivations.catalog.sources import ACTIVATIONS_ZH as DOC3
from derivations.catalog.sources import BACKPROP_ZH as DOC4
from derivations.catalog.sources import DERIVATIVE_NOTES as DOC2
from derivations.catalog.sources import (
    LABEL_SMOOTHING,
    REFERENCE,
    cite,
    paper,
    torch_doc,
)
from derivations.catalog.sources import NEURON_LECTURE as DOC1
from derivations.model import Claim, Formula, Kind
from derivations.symbolic import conditions
from derivations.symbolic.functions import softmax

e = sp.exp
(eps,) = positive("epsilon")

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

# --- label-smoothing cross-entropy, n = 3 ------------------------------------------------------

_smoothed = [(1 - eps) * t + eps / N for t in y]
_ls_ce = -sp.Add(*(q * sp.log(pk) for q, pk in zip(_smoothed, p, strict=True)))
_uniform_ce = -sp.Add(*(sp.log(pk) / N for pk in p))

label_smoothing = Formula(
    name="label_smoothing_ce",
    kind=Kind.LOSS,
    title="Cross-entropy with label smoothing (n = 3)",
    summary=(
        "q'_k = (1 − ε)y_k + ε/K, L = −Σ q'_k log p_k with p = softmax(z); "
        "L = (1 − ε)H(y, p) + εH(u, p); "
        "∂L/∂z_k = p_k Σq' − q'_k, which is p_k − q'_k when Σy = 1."
    ),
    variables=z,
    parameters=(*y, eps),
    definition=_ls_ce,
    derivative=column([p[k] * sp.Add(*_smoothed) - _smoothed[k] for k in range(N)]),
    domains=((eps, UNIT), *((t, UNIT) for t in y)),
    hypotheses=(conditions.sums_to_one(y), _one_hot),
    aliases=("label_smoothing", "label_smoothing_cross_entropy"),
    sources=(
        paper(LABEL_SMOOTHING, "§7, q'(k) = (1 − ε)δ_{k,y} + εu(k)"),
        torch_doc("CrossEntropyLoss", "label_smoothing"),
    ),
    claims=(
        Claim(
            id="label_smoothing_ce.decomposition",
            title="H(q', p) = (1 − ε)H(q, p) + εH(u, p)",
            lhs=_ls_ce,
            rhs=(1 - eps) * _ce + eps * _uniform_ce,
            expected=PROVED,
            sources=(paper(LABEL_SMOOTHING, "§7, H(q', p) = (1 − ε)H(q, p) + εH(u, p)"),),
        ),
        Claim(
            id="label_smoothing_ce.gradient-one-hot",
            title="∂L/∂z = p − q' for one-hot y",
            lhs=column([D(_ls_ce, zk) for zk in z]),
            rhs=column([p[k] - _smoothed[k] for k in range(N)]),
            expected=PROVED,
            conditions=(_one_hot,),
            statement=r"\frac{\partial L}{\partial z_k} = p_k - q'_k",
            sources=(REFERENCE,),
        ),
    ),
)

ps = positive("p1:4")
qs = positive("q1:4")
_kl_pq = sp.Add(*(pi * sp.log(pi / qi) for pi, qi in zip(ps, qs, strict=True)))
_cross_pq = -sp.Add(*(pi * sp.log(qi) for pi, qi in zip(ps, qs, strict=True)))
_entropy_p = -sp.Add(*(pi * sp.log(pi) for pi in ps))
_p_sums_to_one = conditions.sums_to_one(ps, name="p")
_kl_logits = sp.Add(*(pi * (sp.log(pi) - sp.log(softmax(i, *z))) for i, pi in enumerate(ps)))
kl_divergence = Formula(
    name="kl_divergence_general",
    kind=Kind.LOSS,
    title="KL divergence KL(p‖q) for general distributions (n = 3)",
    summary=(
        "KL(p‖q) = Σ p_i log(p_i/q_i) = H(p, q) − H(p); "
        "∂KL/∂q_i = −p_i/q_i, ∂KL/∂p_i = log(p_i/q_i) + 1; "
        "with q = softmax(z) and Σp = 1, ∂KL/∂z = q − p."
    ),
    variables=qs,
    parameters=ps,
    definition=_kl_pq,
    derivative=column([-pi / qi for pi, qi in zip(ps, qs, strict=True)]),
    domains=tuple((s, UNIT) for s in (*ps, *qs)),
    hypotheses=(_p_sums_to_one,),
    aliases=("kl_div", "kldiv"),
    sources=(torch_doc("KLDivLoss"),),
    claims=(
        Claim(
            id="kl_divergence_general.pytorch-pointwise",
            title="PyTorch's pointwise y(log y − x) with x = log q",
            lhs=_kl_pq,
            rhs=sp.Add(*(pi * (sp.log(pi) - sp.log(qi)) for pi, qi in zip(ps, qs, strict=True))),
            expected=PROVED,
            sources=(
                torch_doc(
                    "KLDivLoss",
                    "L(y_pred, y_true) = y_true·(log y_true − y_pred), input in log space",
                ),
            ),
        ),
        Claim(
            id="kl_divergence_general.cross-entropy-minus-entropy",
            title="KL(p‖q) = H(p, q) − H(p)",
            lhs=_kl_pq,
            rhs=_cross_pq - _entropy_p,
            expected=PROVED,
            sources=(REFERENCE,),
        ),
        Claim(
            id="kl_divergence_general.gradient-p",
            title="∂KL/∂p_i = log(p_i/q_i) + 1",
            lhs=column([D(_kl_pq, pi) for pi in ps]),
            rhs=column([sp.log(pi / qi) + 1 for pi, qi in zip(ps, qs, strict=True)]),
            expected=PROVED,
            sources=(REFERENCE,),
        ),
        Claim(
            id="kl_divergence_general.gradient-logits",
            title="∂KL(p‖softmax(z))/∂z = softmax(z) − p when Σp = 1",
            lhs=column([D(_kl_logits, zk) for zk in z]),
            rhs=column([softmax(i, *z) - ps[i] for i in range(N)]),
            expected=PROVED,
            conditions=(_p_sums_to_one,),
            sources=(REFERENCE,),
        ),
    ),
)

ls = real("l1:4")  # log-probabilities (the input of NLLLoss)
_nll = -sp.Add(*(t * li for t, li in zip(y, ls, strict=True)))
_log_softmax = [sp.log(softmax(i, *z)) for i in range(N)]
_nll_of_logits = -sp.Add(*(t * li for t, li in zip(y, _log_softmax, strict=True)))
nll = Formula(
    name="nll",
    kind=Kind.LOSS,
    title="Negative log-likelihood of log-probabilities (n = 3)",
    summary=(
        "L = −l_c = −Σ y_i l_i for a one-hot y and log-probabilities l; ∂L/∂l = −y. With l = "
        "log_softmax(z) it is the cross-entropy of the logits, ∂L/∂z = softmax(z) − y."
    ),
    variables=ls,
    parameters=y,
    definition=_nll,
    derivative=column([-t for t in y]),
    hypotheses=(_one_hot,),
    aliases=("nll_loss", "negative_log_likelihood"),
    sources=(torch_doc("NLLLoss"), torch_doc("CrossEntropyLoss")),
    claims=(
        Claim(
            id="nll.of-log-softmax-is-cross-entropy",
            title="NLL(log_softmax(z)) = −z_c + log Σ e^{z_j}",
            lhs=_nll_of_logits,
            rhs=-sp.Add(*(t * zk for t, zk in zip(y, z, strict=True)))
            + sp.log(sp.Add(*(e(zj) for zj in z))),
            expected=PROVED,
            conditions=(_one_hot,),
            sources=(
                torch_doc(
                    "CrossEntropyLoss", "LogSoftmax followed by NLLLoss; −log(exp(x_c)/Σ exp(x_j))"
                ),
            ),
        ),
        Claim(
            id="nll.gradient-logits",
            title="∂NLL(log_softmax(z))/∂z = softmax(z) − y",
            lhs=column([D(_nll_of_logits, zk) for zk in z]),
            rhs=column([softmax(i, *z) - y[i] for i in range(N)]),
            expected=PROVED,
            conditions=(_one_hot,),
            sources=(REFERENCE,),
        ),
    ),
)
