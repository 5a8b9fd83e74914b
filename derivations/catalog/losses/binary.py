r"""Losses of a binary classifier: the log-loss of logistic regression, hinge and squared hinge,
focal loss, binary cross-entropy with logits.

The course documents' losses carry the claims the documents make about them, with their mistakes
recorded as expected refutations; the others cite the paper or the framework documentation that
defines them, written in the logit ``x`` and a label ``y`` in {0, 1} or {−1, 1}.
"""

from __future__ import annotations

import sympy as sp

from derivations.catalog.building import (
    PROVED,
    REFUTED,
    D,
    column,
    gradient_row,
    positive,
    real,
    row,
)
from derivations.catalog.losses.symbols import (
    UNIT,
    a_s,
    p_s,
    w,
    x,
    x_s,
    y_s,
)
from derivations.catalog.sources import (
    FOCAL,
    REFERENCE,
    cite,
    other_reading,
    paper,
    tensorflow_doc,
    torch_doc,
)
from derivations.catalog.sources import NEURON_LECTURE as DOC1
from derivations.model import Claim, Formula, Kind
from derivations.symbolic import conditions
from derivations.symbolic.functions import sigmoid

e = sp.exp
(gamma, alpha) = positive("gamma alpha")

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

(label,) = real("t")
_labels = conditions.binary(label, (-1, 1))
_p_t = sigmoid(label * x_s)
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
    variables=(x_s,),
    parameters=(label, alpha, gamma),
    variable=x_s,
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
            lhs=D(_focal_plain, x_s),
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
            lhs=D(-sp.log(_p_t), x_s),
            rhs=label * (_p_t - 1),
            expected=PROVED,
            conditions=(_labels,),
            sources=(paper(FOCAL, "Appendix B, derivative of CE"),),
        ),
    ),
)

(yb,) = real("y")
_bce_naive = -(yb * sp.log(sigmoid(x_s)) + (1 - yb) * sp.log(1 - sigmoid(x_s)))
_bce_stable = sp.Max(x_s, 0) - x_s * yb + sp.log(1 + e(-sp.Abs(x_s)))
bce_with_logits = Formula(
    name="bce_with_logits",
    kind=Kind.LOSS,
    title="Binary cross-entropy with logits",
    summary=(
        "L = −[y log σ(x) + (1 − y) log(1 − σ(x))] = max(x, 0) − xy + log(1 + e^{−|x|}) "
        "(the stable form, exact); ∂L/∂x = σ(x) − y."
    ),
    variables=(x_s,),
    parameters=(yb,),
    variable=x_s,
    definition=_bce_naive,
    derivative=sigmoid(x_s) - yb,
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
            rhs=x_s - x_s * yb + sp.log(1 + e(-x_s)),
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
            lhs=D(_bce_stable, x_s),
            rhs=sigmoid(x_s) - yb,
            expected=PROVED,
            sources=(REFERENCE,),
        ),
    ),
)

_sq_hinge = sp.Max(0, 1 - label * x_s) ** 2
squared_hinge = Formula(
    name="squared_hinge",
    kind=Kind.LOSS,
    title="Squared hinge loss",
    summary=(
        "L = max(0, 1 − t·x)² for a label t ∈ {−1, +1}; ∂L/∂x = −2t·max(0, 1 − t·x), continuous."
    ),
    variables=(x_s,),
    parameters=(label,),
    variable=x_s,
    definition=_sq_hinge,
    derivative=-2 * label * sp.Max(0, 1 - label * x_s),
    hypotheses=(_labels,),
    sources=(
        tensorflow_doc("tf.keras.losses.SquaredHinge", "square(maximum(1 − y_true·y_pred, 0))"),
    ),
    claims=(
        Claim(
            id="squared_hinge.derivative-cases",
            title="∂L/∂x by cases",
            lhs=D(_sq_hinge, x_s),
            rhs=sp.Piecewise((-2 * label * (1 - label * x_s), label * x_s < 1), (0, True)),
            expected=PROVED,
            conditions=(_labels,),
            sources=(REFERENCE,),
        ),
    ),
)
