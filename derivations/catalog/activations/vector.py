r"""Activations of a vector, encoded at n = 3: softmax, log-softmax, softmin, maxout.

Softmax and maxout carry the claims the course documents make about them, with the documents'
mistakes recorded as expected refutations; log-softmax and softmin cite the PyTorch
documentation.
"""

from __future__ import annotations

import sympy as sp

from derivations.catalog.building import (
    PROVED,
    REFUTED,
    D,
    chain,
    column,
    jacobian,
    matrix,
    real,
    row,
)
from derivations.catalog.sources import ACTIVATIONS_AND_OUTPUT as DOC0
from derivations.catalog.sources import ACTIVATIONS_ZH as DOC3
from derivations.catalog.sources import BACKPROP_ZH as DOC4
from derivations.catalog.sources import DERIVATIVE_NOTES as DOC2
from derivations.catalog.sources import NEURON_LECTURE as DOC1
from derivations.catalog.sources import (
    REFERENCE,
    cite,
    other_reading,
    torch_doc,
)
from derivations.model import Claim, Formula, Kind
from derivations.symbolic import conditions
from derivations.symbolic.functions import softmax

e = sp.exp

N = 3
z = real("z1:4")
p = [softmax(i, *z) for i in range(N)]
_total = sum(e(zj) for zj in z)
_delta = sp.KroneckerDelta
_jacobian = jacobian(p, z)
_softmax_jacobian = matrix(N, N, lambda i, j: p[i] * (_delta(i, j) - p[j]))
_diag_minus_outer = sp.ImmutableMatrix(sp.diag(*p) - column(p) * column(p).T)
_offdiag = [(s, i) for s in range(N) for i in range(N) if s != i]

softmax_formula = Formula(
    name="softmax",
    kind=Kind.ACTIVATION,
    title="Softmax (n = 3)",
    summary="p_i = e^{z_i}/Σ_j e^{z_j}; Jacobian ∂p_i/∂z_j = p_i(δ_ij − p_j), i.e. diag(p) − ppᵀ.",
    variables=z,
    definition=column(p),
    derivative=_diag_minus_outer,
    sources=(
        cite(DOC0, "Vector Activation: SoftMax"),
        cite(DOC2, "Softmax"),
        cite(DOC3, "Softmax"),
        cite(DOC4, "eq. (11)"),
    ),
    claims=(
        Claim(
            id="softmax.definition",
            title="softmax as exp(z) over 1ᵀexp(z)",
            lhs=column(p),
            rhs=column([e(zi) / (sp.ones(1, N) * column([e(zj) for zj in z]))[0] for zi in z]),
            expected=PROVED,
            statement=r"\operatorname{softmax}(\boldsymbol{z}) = \frac{\exp(\boldsymbol{z})}{\boldsymbol{1}^\mathrm{T}\exp(\boldsymbol{z})}",
            sources=(cite(DOC3, "Softmax, definition"), cite(DOC0, "Vector Activation: SoftMax")),
        ),
        Claim(
            id="softmax.jacobian.elementwise",
            title="softmax Jacobian element-wise",
            lhs=_jacobian,
            rhs=_softmax_jacobian,
            expected=PROVED,
            statement=r"\frac{\partial p_i}{\partial z_j} = p_i(\delta_{ij} - p_j)",
            sources=(cite(DOC2, "Softmax, ∇_{x_j} f_i"), cite(DOC2, "Matrix format, first line")),
        ),
        Claim(
            id="softmax.jacobian.expanded",
            title="p_i(δ_ij − p_j) expanded",
            lhs=_softmax_jacobian,
            rhs=matrix(N, N, lambda i, j: p[i] * _delta(i, j) - p[i] * p[j]),
            expected=PROVED,
            statement=r"p_i(\delta_{ij} - p_j) = p_i\delta_{ij} - p_i p_j",
            sources=(cite(DOC2, "Matrix format, second line"),),
        ),
        Claim(
            id="softmax.jacobian.matrix-form",
            title="softmax Jacobian in matrix form, f a row",
            lhs=_jacobian,
            rhs=sp.ImmutableMatrix(sp.diag(*p) - row(p).T * row(p)),
            expected=PROVED,
            statement=r"\frac{\partial \mathbf{f}}{\partial \mathbf{x}} = \mathbf{f}\cdot\mathbf{I} - \mathbf{f}^\mathrm{T}\cdot\mathbf{f}",
            sources=(
                cite(
                    DOC2,
                    "Matrix format, 'Then we can write it in matrix form'",
                    "f = {f₁, …, fₙ} read as a row, as the Jacobian matrix J(f) beside it suggests: "
                    "f·I = diag(f), fᵀ·f the n×n matrix (f_i f_j)",
                ),
            ),
        ),
        Claim(
            id="softmax.jacobian.matrix-form-column-reading",
            title="softmax Jacobian in matrix form, f a column",
            lhs=_jacobian,
            rhs=sp.ImmutableMatrix(sp.diag(*p) - (column(p).T * column(p))[0] * sp.eye(N)),
            expected=REFUTED,
            correction=_diag_minus_outer,
            statement=r"\frac{\partial \mathbf{f}}{\partial \mathbf{x}} = \operatorname{diag}(\mathbf{f}) - \lVert\mathbf{f}\rVert^2\mathbf{I}",
            # Ambiguous notation, not an erratum: under the row reading above the form holds.
            sources=(
                other_reading(
                    DOC2,
                    "Matrix format, 'Then we can write it in matrix form'",
                    "f a column: f·I = diag(f), fᵀ·f the scalar ‖f‖², times I",
                ),
            ),
        ),
        Claim(
            id="softmax.jacobian.explicit",
            title="softmax Jacobian written out",
            lhs=_jacobian,
            rhs=matrix(N, N, lambda i, j: p[i] * (1 - p[i]) if i == j else -p[i] * p[j]),
            expected=PROVED,
            statement=r"\mathbf{J}(\mathbf{f})_{ii} = f_i(1 - f_i),\ \mathbf{J}(\mathbf{f})_{ij} = -f_i f_j",
            sources=(cite(DOC2, "Matrix format, J(f)"),),
        ),
        *chain(
            "softmax.diagonal-zh",
            "∂a_i/∂z_i by the quotient rule",
            [
                column([D(p[i], z[i]) for i in range(N)]),
                column([(e(z[i]) * _total - e(z[i]) * e(z[i])) / _total**2 for i in range(N)]),
                column([e(z[i]) / _total * (1 - e(z[i]) / _total) for i in range(N)]),
                column([p[i] * (1 - p[i]) for i in range(N)]),
            ],
            [PROVED, PROVED, PROVED],
            (cite(DOC3, "Softmax, ∂a_s/∂z_i, case s = i", "e^z_i read as e^{z_i}"),),
            statements=[
                r"\frac{\partial a_i}{\partial z_i} = \frac{e^{z_i}\sum_j e^{z_j} - e^{z_i}e^{z_i}}{(\sum_j e^{z_j})^2}",
                r"\frac{e^{z_i}\sum_j e^{z_j} - e^{z_i}e^{z_i}}{(\sum_j e^{z_j})^2} = \frac{e^{z_i}}{\sum_j e^{z_j}}\left(1 - \frac{e^{z_i}}{\sum_j e^{z_j}}\right)",
                r"\frac{e^{z_i}}{\sum_j e^{z_j}}\left(1 - \frac{e^{z_i}}{\sum_j e^{z_j}}\right) = a_i(1 - a_i)",
            ],
        ),
        *chain(
            "softmax.off-diagonal-zh",
            "∂a_s/∂z_i for s ≠ i",
            [
                column([D(p[s], z[i]) for s, i in _offdiag]),
                column([e(z[s]) * e(z[i]) / _total**2 for s, i in _offdiag]),
                column([(e(z[s]) / _total) * (e(z[i]) / _total) for s, i in _offdiag]),
                column([-p[s] * p[i] for s, i in _offdiag]),
            ],
            [REFUTED, PROVED, REFUTED],
            (cite(DOC3, "Softmax, ∂a_s/∂z_i, case s ≠ i"),),
            corrections=[
                column([-e(z[s]) * e(z[i]) / _total**2 for s, i in _offdiag]),
                None,
                column([p[s] * p[i] for s, i in _offdiag]),
            ],
            statements=[
                r"\frac{\partial a_s}{\partial z_i} = \frac{e^{z_s}e^{z_i}}{(\sum_j e^{z_j})^2} \quad (s \ne i)",
                r"\frac{e^{z_s}e^{z_i}}{(\sum_j e^{z_j})^2} = \frac{e^{z_s}}{\sum_j e^{z_j}}\frac{e^{z_i}}{\sum_j e^{z_j}}",
                r"\frac{e^{z_s}}{\sum_j e^{z_j}}\frac{e^{z_i}}{\sum_j e^{z_j}} = -a_s a_i",
            ],
        ),
        Claim(
            id="softmax.off-diagonal-zh.end-to-end",
            title="∂a_s/∂z_i = −a_s a_i for s ≠ i",
            lhs=column([D(p[s], z[i]) for s, i in _offdiag]),
            rhs=column([-p[s] * p[i] for s, i in _offdiag]),
            expected=PROVED,
            statement=r"\frac{\partial a_s}{\partial z_i} = -a_s a_i \quad (s \ne i)",
            sources=(cite(DOC3, "Softmax, ∂a_s/∂z_i, case s ≠ i, first and last forms"),),
        ),
        *chain(
            "softmax.diagonal-eq12",
            "∂p_i/∂z_j for i = j",
            [
                column([D(p[i], z[i]) for i in range(N)]),
                column([(e(z[i]) * _total - e(z[i]) * e(z[i])) / _total**2 for i in range(N)]),
                column([e(z[i]) / _total * ((_total - e(z[i])) / _total) for i in range(N)]),
                column([p[i] * (1 - p[i]) for i in range(N)]),
            ],
            [PROVED, PROVED, PROVED],
            (cite(DOC4, "eq. (12), with i = j"),),
            statements=[
                r"\frac{\partial p_i}{\partial z_j} = \frac{e^{z_i}\sum_k e^{z_k} - e^{z_j}e^{z_i}}{(\sum_k e^{z_k})^2} \quad (i = j)",
                r"\frac{e^{z_i}\sum_k e^{z_k} - e^{z_j}e^{z_i}}{(\sum_k e^{z_k})^2} = \frac{e^{z_i}}{\sum_k e^{z_k}}\times\frac{\sum_k e^{z_k} - e^{z_j}}{\sum_k e^{z_k}} \quad (i = j)",
                r"\frac{e^{z_i}}{\sum_k e^{z_k}}\times\frac{\sum_k e^{z_k} - e^{z_j}}{\sum_k e^{z_k}} = p_i(1 - p_j) \quad (i = j)",
            ],
        ),
        *chain(
            "softmax.off-diagonal-eq13",
            "∂p_i/∂z_j for i ≠ j",
            [
                column([D(p[i], z[j]) for i, j in _offdiag]),
                column([(0 - e(z[j]) * e(z[i])) / _total**2 for i, j in _offdiag]),
                column([-p[i] * p[j] for i, j in _offdiag]),
            ],
            [PROVED, PROVED],
            (cite(DOC4, "eq. (13)"),),
            statements=[
                r"\frac{\partial p_i}{\partial z_j} = \frac{0 - e^{z_j}e^{z_i}}{(\sum_k e^{z_k})^2} \quad (i \ne j)",
                r"\frac{0 - e^{z_j}e^{z_i}}{(\sum_k e^{z_k})^2} = -p_i p_j \quad (i \ne j)",
            ],
        ),
        Claim(
            id="softmax.jacobian.cases-eq14",
            title="softmax Jacobian by cases",
            lhs=_jacobian,
            rhs=matrix(N, N, lambda i, j: p[i] * (1 - p[j]) if i == j else -p[i] * p[j]),
            expected=PROVED,
            statement=r"\frac{\partial p_i}{\partial z_j} = \begin{cases} p_i(1-p_j) & i=j \\ -p_i p_j & i \ne j \end{cases}",
            sources=(cite(DOC4, "eq. (14)", "-pi·p_j read as −p_i·p_j"),),
        ),
    ),
)

w1 = real("u1:4")
w2 = real("v1:4")
xs = real("x1:4")
_a1 = sum(a * b for a, b in zip(w1, xs, strict=True))
_a2 = sum(a * b for a, b in zip(w2, xs, strict=True))
maxout = Formula(
    name="maxout",
    kind=Kind.ACTIVATION,
    title="Maxout",
    summary="max(x_1, ..., x_n) (here n = 3); the gradient is 1 at the largest input, 0 elsewhere.",
    variables=xs,
    definition=sp.Max(*xs),
    derivative=column(
        [
            sp.Piecewise((1, sp.And(*[xs[i] > xs[j] for j in range(N) if j != i])), (0, True))
            for i in range(N)
        ]
    ),
    sources=(cite(DOC1, "② Maxout"), cite(DOC3, "Maxout")),
    claims=(
        Claim(
            id="maxout.relu-special-case",
            title="ReLU is maxout with w₂ = 0",
            lhs=sp.Max(_a1, _a2),
            rhs=sp.Max(0, _a1),
            expected=PROVED,
            conditions=(conditions.zero(w2, text="w₂ = 0"),),
            statement=r"\max\{\vec w_1^\mathrm{T}x, \vec w_2^\mathrm{T}x\} = \operatorname{ReLU}(\vec w_1^\mathrm{T}x) \quad (\vec w_2 = 0)",
            sources=(cite(DOC1, "② Maxout: 'ReLU is a special case of this. How?'"),),
        ),
    ),
)

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
