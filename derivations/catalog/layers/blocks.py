r"""Building blocks of modern networks: scaled dot-product attention, a vanilla RNN under
backpropagation through time, residual blocks.

Backward passes are checked through a scalar, as for :mod:`derivations.catalog.layers.normalization`:
an arbitrary upstream gradient ``G`` is a symbol and the loss is its inner product with the output.
Sizes are tiny (2×2 attention, three RNN steps) so that every claim is decided in seconds.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from derivations.catalog.building import (
    PROVED,
    REFUTED,
    D,
    column,
    matrix,
    real,
    symbol_matrix,
)
from derivations.catalog.sources import (
    ATTENTION,
    DEEP_LEARNING_BOOK,
    IDENTITY_MAPPINGS,
    REFERENCE,
    RESNET,
    paper,
)
from derivations.model import Claim, Formula, Kind, Source
from derivations.symbolic.functions import softmax


def _sum(terms: Sequence[sp.Expr]) -> sp.Expr:
    return sp.Add(*terms)


# --- scaled dot-product attention, 2×2 --------------------------------------------------------

S = 2
Q = symbol_matrix("q", S, S)
K = symbol_matrix("k", S, S)
V = symbol_matrix("v", S, S)
G = symbol_matrix("g", S, S)
_scores = Q * K.T / sp.sqrt(S)
_A = matrix(S, S, lambda i, j: softmax(j, *[_scores[i, k] for k in range(S)]))
_O = _A * V
_att_loss = _sum([G[i, j] * _O[i, j] for i in range(S) for j in range(S)])
_dA = G * V.T
_dS = matrix(
    S, S, lambda i, j: _A[i, j] * (_dA[i, j] - _sum([_A[i, k] * _dA[i, k] for k in range(S)]))
)
_dQ = _dS * K / sp.sqrt(S)
_dK = _dS.T * Q / sp.sqrt(S)
_dV = _A.T * G


def _gradient(loss: sp.Expr, m: sp.ImmutableMatrix) -> sp.ImmutableMatrix:
    """The matrix of unevaluated partial derivatives of ``loss`` by each entry of ``m``."""
    return matrix(m.rows, m.cols, lambda i, j: D(loss, m[i, j]))


def _flat(m: sp.ImmutableMatrix) -> tuple[sp.Expr, ...]:
    return tuple(m[i, j] for i in range(m.rows) for j in range(m.cols))


attention = Formula(
    name="attention",
    kind=Kind.LAYER,
    title="Scaled dot-product attention and its gradients (2×2, d = 2)",
    summary=(
        "O = softmax(QKᵀ/√d)V, the softmax taken along each row. For L = Σ G∘O (G = ∂L/∂O): "
        "∂L/∂V = AᵀG, ∂L/∂A = GVᵀ, ∂L/∂S_ij = A_ij(∂L/∂A_ij − Σ_k A_ik ∂L/∂A_ik), "
        "∂L/∂Q = (∂L/∂S)K/√d, ∂L/∂K = (∂L/∂S)ᵀQ/√d. The derivative lists ∂L/∂v_ij row by row."
    ),
    variables=_flat(V),
    parameters=(*_flat(Q), *_flat(K), *_flat(G)),
    definition=_att_loss,
    derivative=column(_flat(_dV)),
    aliases=("scaled_dot_product_attention", "self_attention"),
    sources=(
        paper(ATTENTION, "§3.2.1, eq. (1)"),
        Source("PyTorch documentation", "torch.nn.functional.scaled_dot_product_attention"),
    ),
    claims=(
        Claim(
            id="attention.rows-sum-to-one",
            title="each row of softmax(QKᵀ/√d) sums to 1",
            lhs=column([_sum([_A[i, j] for j in range(S)]) for i in range(S)]),
            rhs=column([sp.Integer(1)] * S),
            expected=PROVED,
            sources=(paper(ATTENTION, "§3.2.1, 'a softmax function to obtain the weights'"),),
        ),
        Claim(
            id="attention.gradient.values",
            title="∂L/∂V = AᵀG",
            lhs=_gradient(_att_loss, V),
            rhs=_dV,
            expected=PROVED,
            statement=r"\frac{\partial L}{\partial V} = A^\mathrm{T} G",
            sources=(REFERENCE,),
        ),
        Claim(
            id="attention.gradient.queries",
            title="∂L/∂Q = (∂L/∂S)K/√d",
            lhs=_gradient(_att_loss, Q),
            rhs=_dQ,
            expected=PROVED,
            statement=(
                r"\frac{\partial L}{\partial Q} = \frac{1}{\sqrt d}\,dS\,K,\quad "
                r"dS_{ij} = A_{ij}\big(dA_{ij} - \textstyle\sum_k A_{ik}\,dA_{ik}\big),"
                r"\ dA = G V^\mathrm{T}"
            ),
            sources=(REFERENCE,),
        ),
        Claim(
            id="attention.gradient.keys",
            title="∂L/∂K = (∂L/∂S)ᵀQ/√d",
            lhs=_gradient(_att_loss, K),
            rhs=_dK,
            expected=PROVED,
            statement=r"\frac{\partial L}{\partial K} = \frac{1}{\sqrt d}\,dS^\mathrm{T} Q",
            sources=(REFERENCE,),
        ),
        Claim(
            id="attention.gradient.keys-untransposed",
            title="∂L/∂K = (∂L/∂S)Q/√d, without the transpose",
            lhs=_gradient(_att_loss, K),
            rhs=_dS * Q / sp.sqrt(S),
            expected=REFUTED,
            statement=r"\frac{\partial L}{\partial K} = \frac{1}{\sqrt d}\,dS\,Q",
            sources=(Source("derive catalog", "∂L/∂K with the transpose of dS forgotten"),),
        ),
    ),
)

# --- vanilla RNN, three steps, backpropagation through time ----------------------------------

T = 2
(w, u, b, h0, target) = real("w u b h0 y")
xt = real("x1:3")


def _unrolled(
    hidden: Sequence[sp.Expr],
) -> tuple[list[sp.Expr], sp.Expr, tuple[sp.Expr, sp.Expr, sp.Expr]]:
    """The pre-activations a_t = w h_{t−1} + u x_t + b, the loss ½(h_T − y)² and the gradient
    (∂L/∂w, ∂L/∂u, ∂L/∂b) by backpropagation through time, for the hidden states ``hidden``
    (h_0, ..., h_T: the states themselves, or names for them)."""
    pre = [w * hidden[step] + u * xt[step] + b for step in range(T)]
    loss = (hidden[T] - target) ** 2 / 2
    # δ_t = ∂L/∂a_t, from the last step back.
    deltas: list[sp.Expr] = [sp.Integer(0)] * T
    deltas[T - 1] = (hidden[T] - target) * (1 - hidden[T] ** 2)
    for step in range(T - 2, -1, -1):
        deltas[step] = deltas[step + 1] * w * (1 - hidden[step + 1] ** 2)
    gradient = (
        _sum([deltas[t] * hidden[t] for t in range(T)]),
        _sum([deltas[t] * xt[t] for t in range(T)]),
        _sum(deltas),
    )
    return pre, loss, gradient


_hs: list[sp.Expr] = [h0]
for step in range(T):
    _hs.append(sp.tanh(w * _hs[-1] + u * xt[step] + b))
_, _rnn_loss, (_bptt_w, _bptt_u, _bptt_b) = _unrolled(_hs)
_deltas_last = (_hs[T] - target) * (1 - _hs[T] ** 2)

# The hidden states named, as the book writes them: h_t = tanh(a_t) is shown, not expanded (h_1
# is the same symbol as the free h_1 of the Jacobian claim below, which is that state).
_state_names = [h0, *real(f"h1:{T + 1}")]
_named_pre, _named_rnn_loss, _named_bptt = _unrolled(_state_names)
_states = tuple((name, sp.tanh(a)) for name, a in zip(_state_names[1:], _named_pre, strict=True))

(h1, x3) = real("h1 x3")
_h2_from_h1 = sp.tanh(w * h1 + u * xt[1] + b)
_h3_from_h1 = sp.tanh(w * _h2_from_h1 + u * x3 + b)

rnn_bptt = Formula(
    name="rnn_bptt",
    kind=Kind.LAYER,
    title="Vanilla RNN over two steps, backpropagation through time (scalar)",
    summary=(
        "h_t = tanh(a_t), a_t = w h_{t−1} + u x_t + b, L = ½(h_2 − y)². "
        "With δ_2 = (h_2 − y)(1 − h_2²) and δ_t = δ_{t+1} w (1 − h_t²): "
        "∂L/∂w = Σ_t δ_t h_{t−1}, ∂L/∂u = Σ_t δ_t x_t, ∂L/∂b = Σ_t δ_t. "
        "Two steps keep the exact evaluation of counterexamples fast; the Jacobian product "
        "∂h_3/∂h_1 is checked over a third step."
    ),
    variables=(w, u, b),
    parameters=(h0, *xt, target, h1, x3),
    definition=_rnn_loss,
    derivative=column([_bptt_w, _bptt_u, _bptt_b]),
    intermediates=_states,
    named_definition=_named_rnn_loss,
    named_derivative=column(_named_bptt),
    aliases=("rnn", "bptt"),
    sources=(
        paper(DEEP_LEARNING_BOOK, "§10.2.2, Computing the Gradient in a Recurrent Neural Network"),
    ),
    claims=(
        Claim(
            id="rnn_bptt.hidden-chain",
            title="∂h_3/∂h_1 = w²(1 − h_3²)(1 − h_2²)",
            lhs=D(_h3_from_h1, h1),
            rhs=w**2 * (1 - _h3_from_h1**2) * (1 - _h2_from_h1**2),
            expected=PROVED,
            statement=r"\frac{\partial h_3}{\partial h_1} = w^2(1 - h_3^2)(1 - h_2^2)",
            sources=(paper(DEEP_LEARNING_BOOK, "§10.7, the product of Jacobians ∂h_t/∂h_{t−1}"),),
        ),
        Claim(
            id="rnn_bptt.truncated-one-step",
            title="∂L/∂w = δ_2 h_1 (the last step only)",
            lhs=D(_rnn_loss, w),
            rhs=_deltas_last * _hs[T - 1],
            expected=REFUTED,
            correction=_bptt_w,
            sources=(
                Source(
                    "derive catalog",
                    "backpropagation truncated to one step",
                    "w also acts at steps 1 and 2: truncation gives a different value",
                ),
            ),
        ),
    ),
)

# --- residual blocks --------------------------------------------------------------------------

R = 2
x_in = real("x1:3")
W1 = symbol_matrix("w", R, R)
W2 = symbol_matrix("u", R, R)
_inner = W1 * column(x_in)
_branch = W2 * column([sp.tanh(a) for a in _inner])
_block = column([x_in[i] + _branch[i] for i in range(R)])
_jacobian_residual = sp.ImmutableMatrix(
    sp.eye(R) + W2 * sp.diag(*[1 - sp.tanh(a) ** 2 for a in _inner]) * W1
)
(x0, w_1, v_1, w_2, v_2) = real("x0 w1 v1 w2 v2")
_x1 = x0 + v_1 * sp.tanh(w_1 * x0)
_x2 = _x1 + v_2 * sp.tanh(w_2 * _x1)
_residual_sum = v_1 * sp.tanh(w_1 * x0) + v_2 * sp.tanh(w_2 * _x1)

residual_block = Formula(
    name="residual_block",
    kind=Kind.LAYER,
    title="Residual block y = x + W₂ tanh(W₁x) (2 dimensions)",
    summary=(
        "y = x + F(x) with F(x) = W₂ tanh(W₁x); the Jacobian is I + W₂ diag(1 − tanh²(W₁x)) W₁: "
        "the identity path carries the gradient unchanged. Over blocks x_{l+1} = x_l + F(x_l), "
        "∂x_L/∂x_l = 1 + ∂/∂x_l Σ_i F(x_i)."
    ),
    variables=x_in,
    parameters=(*_flat(W1), *_flat(W2)),
    definition=_block,
    derivative=_jacobian_residual,
    aliases=("residual", "resnet_block", "skip_connection"),
    sources=(paper(RESNET, "§3.2, eq. (1): y = F(x, {W_i}) + x"),),
    claims=(
        Claim(
            id="residual_block.two-blocks",
            title="∂x₂/∂x₀ = 1 + ∂/∂x₀ (F₁(x₀) + F₂(x₁)) over two scalar blocks",
            lhs=D(_x2, x0),
            rhs=1 + D(_residual_sum, x0),
            expected=PROVED,
            statement=(
                r"\frac{\partial x_2}{\partial x_0} = 1 + \frac{\partial}{\partial x_0}"
                r"\sum_{i=0}^{1} F(x_i),\quad F_i(u) = v_{i+1}\tanh(w_{i+1} u)"
            ),
            sources=(
                paper(
                    IDENTITY_MAPPINGS, "eq. (5)", "scalar blocks F_i(u) = v tanh(w u), L = 2, l = 0"
                ),
            ),
        ),
        Claim(
            id="residual_block.product-form",
            title="∂x₂/∂x₀ = (1 + F₂'(x₁))(1 + F₁'(x₀))",
            lhs=D(_x2, x0),
            rhs=(1 + v_2 * w_2 * (1 - sp.tanh(w_2 * _x1) ** 2))
            * (1 + v_1 * w_1 * (1 - sp.tanh(w_1 * x0) ** 2)),
            expected=PROVED,
            sources=(REFERENCE,),
        ),
    ),
)
