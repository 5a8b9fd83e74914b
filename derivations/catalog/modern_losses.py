r"""Losses of modern networks: Huber and smooth L1, log-cosh, focal loss, label smoothing,
binary cross-entropy with logits, general KL divergence, NLL, Poisson NLL, squared hinge and
cosine similarity.

Each formula cites the paper or the framework documentation that defines it. Regression losses
are written in the residual ``r = x − y`` of a prediction ``x`` and a target ``y``; vector losses
are encoded at n = 3. Probabilities and targets in (0, 1) are drawn from (0, 1) when
counterexamples are searched.
"""

from __future__ import annotations

import sympy as sp

from derivations.catalog.building import (
    PROVED,
    REFUTED,
    D,
    column,
    positive,
    real,
)
from derivations.catalog.modern_sources import (
    FAST_RCNN,
    FOCAL,
    HUBER,
    LABEL_SMOOTHING,
    REFERENCE,
    paper,
    torch_doc,
)
from derivations.model import Claim, Formula, Kind, Source
from derivations.symbolic import conditions
from derivations.symbolic.functions import sigmoid, softmax

N = 3
UNIT = (sp.Integer(0), sp.Integer(1))
e = sp.exp

(x, y) = real("x y")
(delta, beta, gamma, alpha, eps) = positive("delta beta gamma alpha epsilon")
r = x - y


def tensorflow_doc(name: str, reading: str = "") -> Source:
    """The TensorFlow documentation page of ``NAME``."""
    return Source("TensorFlow documentation", name, reading)


def _inside(u: sp.Expr, width: sp.Expr) -> sp.Basic:
    """:math:`|u| < w`, written without ``Abs`` so that the regions are linear."""
    return sp.And(u > -width, u < width)


# --- Huber and smooth L1 ---------------------------------------------------------------------

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
    variables=(x,),
    parameters=(y, delta),
    variable=x,
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
            lhs=D(_huber, x),
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
    variables=(x,),
    parameters=(y, beta),
    variable=x,
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

# --- log-cosh ---------------------------------------------------------------------------------

_log_cosh = sp.log(sp.cosh(r))
log_cosh = Formula(
    name="log_cosh",
    kind=Kind.LOSS,
    title="Log-cosh loss",
    summary="L = log cosh(x − y); ∂L/∂x = tanh(x − y); stably |r| + log(1 + e^{−2|r|}) − log 2.",
    variables=(x,),
    parameters=(y,),
    variable=x,
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

# --- focal loss (binary, labels y in {−1, +1}) ------------------------------------------------

(label,) = real("t")
_labels = conditions.binary(label, (-1, 1))
_p_t = sigmoid(label * x)
_alpha_t = (1 + label) / 2 * alpha + (1 - label) / 2 * (1 - alpha)
_focal = -_alpha_t * (1 - _p_t) ** gamma * sp.log(_p_t)
_focal_plain = -((1 - _p_t) ** gamma) * sp.log(_p_t)
_gamma_zero = conditions.equal(gamma, sp.Integer(0), text="γ = 0")
focal = Formula(
    name="focal",
    kind=Kind.LOSS,
    title="Focal loss (binary, α-balanced)",
    summary=(
        "FL = −α_t(1 − p_t)^γ log p_t with p_t = σ(t·x) for a logit x and a label t ∈ {−1, +1}, "
        "α_t = α if t = 1 else 1 − α; ∂FL/∂x = α_t·t(1 − p_t)^γ(γ p_t log p_t + p_t − 1)."
    ),
    variables=(x,),
    parameters=(label, alpha, gamma),
    variable=x,
    definition=_focal,
    derivative=_alpha_t * label * (1 - _p_t) ** gamma * (gamma * _p_t * sp.log(_p_t) + _p_t - 1),
    domains=((alpha, UNIT), (gamma, (sp.Integer(0), sp.Integer(5)))),
    hypotheses=(_labels,),
    aliases=("focal_loss",),
    sources=(paper(FOCAL, "§3.2, eq. (5); p_t as in eq. (2)"),),
    claims=(
        Claim(
            id="focal.gamma-zero-is-balanced-ce",
            title="with γ = 0 the focal loss is α-balanced cross-entropy",
            lhs=_focal,
            rhs=-_alpha_t * sp.log(_p_t),
            expected=PROVED,
            conditions=(_labels, _gamma_zero),
            sources=(
                paper(
                    FOCAL,
                    "§3.2, 'when γ = 0, FL is equivalent to CE'; eqs. (3) and (5)",
                    "p_t = σ(t·x) with t ∈ {−1, +1}",
                ),
            ),
        ),
        Claim(
            id="focal.derivative.appendix",
            title="dFL/dx = t(1 − p_t)^γ(γ p_t log p_t + p_t − 1)",
            lhs=D(_focal_plain, x),
            rhs=label * (1 - _p_t) ** gamma * (gamma * _p_t * sp.log(_p_t) + _p_t - 1),
            expected=PROVED,
            conditions=(_labels,),
            sources=(
                paper(FOCAL, "Appendix B, derivative of FL (without α)", "y ∈ {−1, 1} read as t"),
            ),
        ),
        Claim(
            id="focal.derivative.ce",
            title="dCE/dx = t(p_t − 1)",
            lhs=D(-sp.log(_p_t), x),
            rhs=label * (_p_t - 1),
            expected=PROVED,
            conditions=(_labels,),
            sources=(paper(FOCAL, "Appendix B, derivative of CE"),),
        ),
    ),
)

# --- label-smoothing cross-entropy, n = 3 ------------------------------------------------------

z = real("z1:4")
ys = real("y1:4")
p = [softmax(i, *z) for i in range(N)]
_smoothed = [(1 - eps) * t + eps / N for t in ys]
_ls_ce = -sp.Add(*(q * sp.log(pk) for q, pk in zip(_smoothed, p, strict=True)))
_ce = -sp.Add(*(t * sp.log(pk) for t, pk in zip(ys, p, strict=True)))
_uniform_ce = -sp.Add(*(sp.log(pk) / N for pk in p))
_one_hot = conditions.one_hot(ys)
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
    parameters=(*ys, eps),
    definition=_ls_ce,
    derivative=column([p[k] * sp.Add(*_smoothed) - _smoothed[k] for k in range(N)]),
    domains=((eps, UNIT), *((t, UNIT) for t in ys)),
    hypotheses=(conditions.sums_to_one(ys), _one_hot),
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

# --- binary cross-entropy with logits ----------------------------------------------------------

(yb,) = real("y")
_bce_naive = -(yb * sp.log(sigmoid(x)) + (1 - yb) * sp.log(1 - sigmoid(x)))
_bce_stable = sp.Max(x, 0) - x * yb + sp.log(1 + e(-sp.Abs(x)))
bce_with_logits = Formula(
    name="bce_with_logits",
    kind=Kind.LOSS,
    title="Binary cross-entropy with logits",
    summary=(
        "L = −[y log σ(x) + (1 − y) log(1 − σ(x))] = max(x, 0) − xy + log(1 + e^{−|x|}) "
        "(the stable form, exact); ∂L/∂x = σ(x) − y."
    ),
    variables=(x,),
    parameters=(yb,),
    variable=x,
    definition=_bce_naive,
    derivative=sigmoid(x) - yb,
    domains=((yb, UNIT),),
    aliases=("binary_cross_entropy_with_logits", "sigmoid_cross_entropy"),
    sources=(
        torch_doc("BCEWithLogitsLoss"),
        tensorflow_doc("tf.nn.sigmoid_cross_entropy_with_logits"),
    ),
    claims=(
        Claim(
            id="bce_with_logits.stable-form",
            title="the stable form equals the naive one",
            lhs=_bce_naive,
            rhs=_bce_stable,
            expected=PROVED,
            sources=(
                tensorflow_doc(
                    "tf.nn.sigmoid_cross_entropy_with_logits",
                    "max(x, 0) − x·z + log(1 + exp(−abs(x))), z the label",
                ),
            ),
        ),
        Claim(
            id="bce_with_logits.intermediate-form",
            title="the naive loss is x − xy + log(1 + e^{−x})",
            lhs=_bce_naive,
            rhs=x - x * yb + sp.log(1 + e(-x)),
            expected=PROVED,
            sources=(
                tensorflow_doc(
                    "tf.nn.sigmoid_cross_entropy_with_logits",
                    "the derivation's x − x·z + log(1 + exp(−x))",
                ),
            ),
        ),
        Claim(
            id="bce_with_logits.derivative.stable-form",
            title="∂/∂x of the stable form = σ(x) − y",
            lhs=D(_bce_stable, x),
            rhs=sigmoid(x) - yb,
            expected=PROVED,
            sources=(REFERENCE,),
        ),
    ),
)

# --- general KL divergence, n = 3 -------------------------------------------------------------

ps = positive("p1:4")
qs = positive("q1:4")
_kl = sp.Add(*(pi * sp.log(pi / qi) for pi, qi in zip(ps, qs, strict=True)))
_cross = -sp.Add(*(pi * sp.log(qi) for pi, qi in zip(ps, qs, strict=True)))
_entropy = -sp.Add(*(pi * sp.log(pi) for pi in ps))
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
    definition=_kl,
    derivative=column([-pi / qi for pi, qi in zip(ps, qs, strict=True)]),
    domains=tuple((s, UNIT) for s in (*ps, *qs)),
    hypotheses=(_p_sums_to_one,),
    aliases=("kl_div", "kldiv"),
    sources=(torch_doc("KLDivLoss"),),
    claims=(
        Claim(
            id="kl_divergence_general.pytorch-pointwise",
            title="PyTorch's pointwise y(log y − x) with x = log q",
            lhs=_kl,
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
            lhs=_kl,
            rhs=_cross - _entropy,
            expected=PROVED,
            sources=(REFERENCE,),
        ),
        Claim(
            id="kl_divergence_general.gradient-p",
            title="∂KL/∂p_i = log(p_i/q_i) + 1",
            lhs=column([D(_kl, pi) for pi in ps]),
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

# --- negative log-likelihood, n = 3 -----------------------------------------------------------

ls = real("l1:4")  # log-probabilities (the input of NLLLoss)
_nll = -sp.Add(*(t * li for t, li in zip(ys, ls, strict=True)))
_log_softmax = [sp.log(softmax(i, *z)) for i in range(N)]
_nll_of_logits = -sp.Add(*(t * li for t, li in zip(ys, _log_softmax, strict=True)))
nll = Formula(
    name="nll",
    kind=Kind.LOSS,
    title="Negative log-likelihood of log-probabilities (n = 3)",
    summary=(
        "L = −l_c = −Σ y_i l_i for a one-hot y and log-probabilities l; ∂L/∂l = −y. With l = "
        "log_softmax(z) it is the cross-entropy of the logits, ∂L/∂z = softmax(z) − y."
    ),
    variables=ls,
    parameters=ys,
    definition=_nll,
    derivative=column([-t for t in ys]),
    hypotheses=(_one_hot,),
    aliases=("nll_loss", "negative_log_likelihood"),
    sources=(torch_doc("NLLLoss"), torch_doc("CrossEntropyLoss")),
    claims=(
        Claim(
            id="nll.of-log-softmax-is-cross-entropy",
            title="NLL(log_softmax(z)) = −z_c + log Σ e^{z_j}",
            lhs=_nll_of_logits,
            rhs=-sp.Add(*(t * zk for t, zk in zip(ys, z, strict=True)))
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
            rhs=column([softmax(i, *z) - ys[i] for i in range(N)]),
            expected=PROVED,
            conditions=(_one_hot,),
            sources=(REFERENCE,),
        ),
    ),
)

# --- Poisson NLL (log input) -----------------------------------------------------------------

(lam,) = positive("lambda")
(count,) = positive("k")
_poisson_log = e(x) - count * x
poisson_nll = Formula(
    name="poisson_nll",
    kind=Kind.LOSS,
    title="Poisson negative log-likelihood (log input)",
    summary=(
        "With log_input, L = eˣ − k·x for a log-rate x and a count k; ∂L/∂x = eˣ − k. It is "
        "λ − k log λ at λ = eˣ (the constant log k! dropped)."
    ),
    variables=(x,),
    parameters=(count,),
    variable=x,
    definition=_poisson_log,
    derivative=e(x) - count,
    aliases=("poisson_nll_loss",),
    sources=(torch_doc("PoissonNLLLoss", "log_input=True: exp(input) − target·input"),),
    claims=(
        Claim(
            id="poisson_nll.rate-form",
            title="eˣ − kx = λ − k log λ at λ = eˣ",
            lhs=_poisson_log,
            rhs=(lam - count * sp.log(lam)).subs(lam, e(x)),
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

# --- squared hinge ----------------------------------------------------------------------------

_sq_hinge = sp.Max(0, 1 - label * x) ** 2
squared_hinge = Formula(
    name="squared_hinge",
    kind=Kind.LOSS,
    title="Squared hinge loss",
    summary=(
        "L = max(0, 1 − t·x)² for a label t ∈ {−1, +1}; ∂L/∂x = −2t·max(0, 1 − t·x), continuous."
    ),
    variables=(x,),
    parameters=(label,),
    variable=x,
    definition=_sq_hinge,
    derivative=-2 * label * sp.Max(0, 1 - label * x),
    hypotheses=(_labels,),
    sources=(
        tensorflow_doc("tf.keras.losses.SquaredHinge", "square(maximum(1 − y_true·y_pred, 0))"),
    ),
    claims=(
        Claim(
            id="squared_hinge.derivative-cases",
            title="∂L/∂x by cases",
            lhs=D(_sq_hinge, x),
            rhs=sp.Piecewise((-2 * label * (1 - label * x), label * x < 1), (0, True)),
            expected=PROVED,
            conditions=(_labels,),
            sources=(REFERENCE,),
        ),
    ),
)

# --- cosine similarity, n = 3 -----------------------------------------------------------------

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

FORMULAS = (
    huber,
    smooth_l1,
    log_cosh,
    focal,
    label_smoothing,
    bce_with_logits,
    kl_divergence,
    nll,
    poisson_nll,
    squared_hinge,
    cosine_similarity,
)
