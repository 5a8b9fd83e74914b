r"""Softmax and maxout at any length n, decided for every size.

The symbols they share with the other families are in :mod:`derivations.catalog.any_size`.
"""

from __future__ import annotations

import sympy as sp
from sympy.matrices.expressions.diagonal import DiagMatrix

from derivations.catalog.any_size import column_of, delta, i, j, k, n, p, z
from derivations.catalog.building import (
    PROVED,
    REFUTED,
    D,
)
from derivations.catalog.sources import ACTIVATIONS_AND_OUTPUT as DOC0
from derivations.catalog.sources import ACTIVATIONS_ZH as DOC3
from derivations.catalog.sources import BACKPROP_ZH as DOC4
from derivations.catalog.sources import DERIVATIVE_NOTES as DOC2
from derivations.catalog.sources import NEURON_LECTURE as DOC1
from derivations.catalog.sources import (
    cite,
    other_reading,
)
from derivations.model import Claim, Formula, Kind
from derivations.symbolic.indexed import total, vector, zero
from derivations.symbolic.matrix_calculus import NUMERATOR, derivative

_r, _c = sp.symbols("r c", integer=True)
P = column_of(sp.Lambda((_r, _c), p(_r + 1)))
Z = column_of(sp.Lambda((_r, _c), z[_r + 1]))

softmax_n = Formula(
    name="softmax_n",
    kind=Kind.ACTIVATION,
    title="Softmax at any length n",
    summary="p_i = e^{z_i}/Σ_k e^{z_k} for z of any length n; Jacobian p_i(δ_ij − p_j) = diag(p) − ppᵀ.",
    variables=(z[i],),
    definition=p(i),
    aliases=("softmax-n",),
    sources=(
        cite(DOC0, "Vector Activation: SoftMax"),
        cite(DOC2, "Softmax"),
        cite(DOC3, "Softmax"),
        cite(DOC4, "eq. (11)"),
    ),
    claims=(
        Claim(
            id="softmax_n.sums-to-one",
            title="the outputs sum to 1",
            lhs=total(p(k), k, n),
            rhs=sp.Integer(1),
            expected=PROVED,
            statement=r"\sum_{k=1}^{n} p_k = 1",
            sources=(cite(DOC4, "eq. (11)", "a property the notes use, not a written claim"),),
        ),
        Claim(
            id="softmax_n.jacobian.elementwise",
            title="softmax Jacobian element-wise, every n",
            lhs=D(p(i), z[j]),
            rhs=p(i) * (delta(i, j) - p(j)),
            expected=PROVED,
            statement=r"\frac{\partial p_i}{\partial z_j} = p_i(\delta_{ij} - p_j)",
            sources=(cite(DOC2, "Softmax, ∇_{x_j} f_i"), cite(DOC2, "Matrix format, first line")),
        ),
        Claim(
            id="softmax_n.jacobian.cases-eq14",
            title="softmax Jacobian by cases i = j, i ≠ j, every n",
            lhs=D(p(i), z[j]),
            rhs=delta(i, j) * p(i) * (1 - p(j)) + (1 - delta(i, j)) * (-p(i) * p(j)),
            expected=PROVED,
            statement=r"\frac{\partial p_i}{\partial z_j} = \begin{cases} p_i(1-p_j) & i=j \\ -p_i p_j & i \ne j \end{cases}",
            sources=(
                cite(DOC4, "eqs. (12)–(14)"),
                cite(DOC3, "Softmax, ∂a_s/∂z_i, first and last forms"),
            ),
        ),
        Claim(
            id="softmax_n.jacobian.matrix-form",
            title="softmax Jacobian as f·I − fᵀ·f with f a row: diag(p) − ppᵀ, every n",
            lhs=derivative(P, Z, NUMERATOR),
            rhs=DiagMatrix(P) - P * P.T,
            expected=PROVED,
            statement=r"\frac{\partial \mathbf{f}}{\partial \mathbf{x}} = \mathbf{f}\cdot\mathbf{I} - \mathbf{f}^\mathrm{T}\cdot\mathbf{f}",
            sources=(
                cite(
                    DOC2,
                    "Matrix format, 'Then we can write it in matrix form'",
                    "f = {f₁, …, fₙ} read as a row, as the Jacobian matrix J(f) beside it suggests: "
                    "f·I = diag(f), fᵀ·f the n×n matrix (f_i f_j); written here diag(p) − ppᵀ",
                ),
            ),
        ),
        Claim(
            id="softmax_n.jacobian.matrix-form-column-reading",
            title="softmax Jacobian as f·I − fᵀ·f with f a column, every n",
            lhs=derivative(P, Z, NUMERATOR),
            rhs=DiagMatrix(P) - (P.T * P)[0, 0] * sp.Identity(n),
            expected=REFUTED,
            correction=DiagMatrix(P) - P * P.T,
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
    ),
)

# Maxout with vectors of any length n.
j_ = sp.Symbol("j", integer=True)
u, v, xs = vector("u"), vector("v"), vector("x")
_a1, _a2 = total(u[j_] * xs[j_], j_, n), total(v[j_] * xs[j_], j_, n)
maxout_n = Formula(
    name="maxout_n",
    kind=Kind.ACTIVATION,
    title="Maxout max(w₁ᵀx, w₂ᵀx) at any length n",
    summary="∂/∂w₁ max(w₁ᵀx, w₂ᵀx) = θ(w₁ᵀx − w₂ᵀx) x; ReLU is the case w₂ = 0.",
    variables=(u[i],),
    parameters=(v[i], xs[i]),
    definition=sp.Max(_a1, _a2),
    sources=(cite(DOC1, "② Maxout"), cite(DOC3, "Maxout")),
    claims=(
        Claim(
            id="maxout_n.relu-special-case",
            title="ReLU is maxout with w₂ = 0, every n",
            lhs=sp.Max(_a1, _a2),
            rhs=sp.Max(0, _a1),
            conditions=(zero(v, n, text="w₂ = 0"),),
            expected=PROVED,
            statement=r"\max\{\vec w_1^T x, \vec w_2^T x\} = \operatorname{ReLU}(\vec w_1^T x) \quad(\vec w_2 = 0)",
            sources=(cite(DOC1, "② Maxout: 'ReLU is a special case of this. How?'"),),
        ),
        Claim(
            id="maxout_n.gradient-w1",
            title="∂maxout/∂w₁ᵢ = θ(w₁ᵀx − w₂ᵀx) xᵢ, every n",
            lhs=D(sp.Max(_a1, _a2), u[i]),
            rhs=sp.Heaviside(_a1 - _a2) * xs[i],
            expected=PROVED,
            statement=r"\frac{\partial}{\partial w_{1i}}\max\{\vec w_1^T x, \vec w_2^T x\} = \theta(\vec w_1^T x - \vec w_2^T x)\, x_i",
            sources=(cite(DOC1, "② Maxout", "the gradient flows to the larger of the two"),),
        ),
        Claim(
            id="maxout_n.gradient-x",
            title="∂maxout/∂xᵢ = w₁ᵢ or w₂ᵢ, whichever is active, every n",
            lhs=D(sp.Max(_a1, _a2), xs[i]),
            rhs=sp.Heaviside(_a1 - _a2) * u[i] + sp.Heaviside(_a2 - _a1) * v[i],
            expected=PROVED,
            statement=r"\frac{\partial}{\partial x_i}\max\{\vec w_1^T x, \vec w_2^T x\} = \theta(a_1 - a_2)\, w_{1i} + \theta(a_2 - a_1)\, w_{2i}",
            sources=(cite(DOC3, "Maxout"),),
        ),
    ),
)
