r"""Dense layers: a neuron, a sigmoid neuron under squared error, a dense layer, backpropagation.

Each formula carries the claims the seed documents make about it, one claim
per written link, with the documents' mistakes recorded as expected
refutations. Every intermediate quantity (:math:`z`, :math:`o`, :math:`\delta`)
is written out as an expression of the free symbols (weights, inputs,
targets), so each claim is a closed statement about them. Vectors and
matrices are encoded at sizes 2 and 3.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

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
    symbol_matrix,
)
from derivations.catalog.sources import (
    ACTIVATIONS_AND_OUTPUT as DOC0,
)
from derivations.catalog.sources import (
    BACKPROP_ZH as DOC4,
)
from derivations.catalog.sources import (
    NEURON_LECTURE as DOC1,
)
from derivations.catalog.sources import (
    cite,
)
from derivations.model import Claim, Formula, Kind, Math
from derivations.symbolic.functions import sigmoid

e = sp.exp


def _sum(terms: Sequence[sp.Expr]) -> sp.Expr:
    return sp.Add(*terms)


def _squared_error(outputs: Sequence[sp.Expr], targets: Sequence[sp.Expr]) -> sp.Expr:
    r""":math:`\frac12 \sum_k (o_k - t_k)^2`."""
    return sp.Rational(1, 2) * _sum([(o - t) ** 2 for o, t in zip(outputs, targets, strict=True)])


def _at(
    side: sp.ImmutableMatrix, variables: Sequence[sp.Symbol], values: Sequence[sp.Expr]
) -> Math:
    """Every entry of ``side`` evaluated at ``variables = values`` (kept as :class:`sympy.Subs`)."""
    at = (tuple(variables), tuple(values))
    return sp.ImmutableMatrix(side.applyfunc(lambda entry: sp.Subs(entry, *at)))


def _d(num: str, den: str) -> str:
    r"""LaTeX for :math:`\partial num / \partial den`."""
    return rf"\frac{{\partial {num}}}{{\partial {den}}}"


def _links(forms: Sequence[str]) -> list[str]:
    """LaTeX statements ``forms[k] = forms[k + 1]`` for the links of a written chain."""
    return [f"{a} = {b}" for a, b in pairwise(forms)]


_SIGMA_Z, _SIGMA_ZK = r"\sigma(z)", r"\sigma(z_k)"


# --- ② Artificial neuron -----------------------------------------------------------------

ws = real("w1:4")
xs = real("x1:4")
_a = _sum([w * x for w, x in zip(ws, xs, strict=True)])

neuron = Formula(
    name="neuron",
    kind=Kind.LAYER,
    title="Artificial neuron (logistic regression, n = 3)",
    summary=(
        "ŷ = f(wᵀx): with f the identity it is linear regression ŷ = wᵀx, with f = σ logistic "
        "regression ŷ = 1/(1 + e^{-wᵀx}) = σ(wᵀx); ∇_w σ(wᵀx) = σ(wᵀx)(1 − σ(wᵀx)) x."
    ),
    variables=ws,
    parameters=xs,
    definition=sigmoid(_a),
    derivative=column([sigmoid(_a) * (1 - sigmoid(_a)) * x for x in xs]),
    aliases=("logistic_regression", "logistic-regression"),
    sources=(cite(DOC1, "② Artificial Neuron, Linear and Logistic"),),
    claims=(
        Claim(
            id="neuron.logistic",
            title="logistic regression is a sigmoid neuron",
            lhs=1 / (1 + e(-_a)),
            rhs=sigmoid(_a),
            expected=PROVED,
            statement=(
                r"\frac{1}{1 + e^{-\vec w^\mathrm{T}\vec x}} = \sigma(\vec w^\mathrm{T}\vec x)"
            ),
            sources=(cite(DOC1, "② Logistic: ŷ = 1/(1 + e^{-wᵀx}), f(a) = σ(a)"),),
        ),
    ),
)

# --- single sigmoid neuron under squared error: doc 004 eqs. (17)-(19) ----------------------

(b, t) = real("b t")
_z = _sum([w * x for w, x in zip(ws, xs, strict=True)]) + b
_o = sigmoid(_z)
_loss = sp.Rational(1, 2) * (_o - t) ** 2

sigmoid_neuron_mse = Formula(
    name="sigmoid_neuron_mse",
    kind=Kind.LAYER,
    title="Sigmoid neuron under squared error (n = 3)",
    summary=("o = σ(z), z = wᵀx + b, L = ½(o − t)²; ∂L/∂w_j = (o − t) o (1 − o) x_j."),
    variables=ws,
    parameters=(*xs, b, t),
    definition=_loss,
    derivative=column([(_o - t) * _o * (1 - _o) * x for x in xs]),
    sources=(cite(DOC4, "eqs. (17)-(19)"),),
    claims=chain(
        "sigmoid_neuron_mse.eq19",
        "∂L/∂w_j for one sigmoid neuron",
        [
            column([D(_loss, w) for w in ws]),
            column([(_o - t) * D(_o, w) for w in ws]),
            column([(_o - t) * D(sigmoid(_z), w) for w in ws]),
            column([(_o - t) * sigmoid(_z) * (1 - sigmoid(_z)) * D(_z, w) for w in ws]),
            column([(_o - t) * _o * (1 - _o) * x for x in xs]),
        ],
        [PROVED] * 4,
        (
            cite(
                DOC4,
                "eq. (19)",
                "single output: w_{j1}, o_1, z_1 read as w_j, o, z; z = wᵀx + b from eq. (17)",
            ),
        ),
        statements=_links(
            [
                _d("L", "w_j"),
                rf"(o - t){_d('o', 'w_j')}",
                rf"(o - t){_d(_SIGMA_Z, 'w_j')}",
                rf"(o - t)\,\sigma(z)(1 - \sigma(z)){_d('z', 'w_j')}",
                r"(o - t)\,o(1 - o)\,x_j",
            ]
        ),
    ),
)

# --- one dense sigmoid layer: doc 004 eqs. (20)-(22) ----------------------------------------

J, K = 3, 2
W = symbol_matrix("w", J, K)  # w_jk: from input j to output k
ts = real("t1:3")
_zk = [_sum([W[j, k] * xs[j] for j in range(J)]) for k in range(K)]
_ok = [sigmoid(z) for z in _zk]
_dense_loss = _squared_error(_ok, ts)
_dense_delta = [(_ok[k] - ts[k]) * _ok[k] * (1 - _ok[k]) for k in range(K)]
_weights = tuple(W[j, k] for j in range(J) for k in range(K))


def _per_weight(entry: Callable[[int, int], sp.Expr]) -> sp.ImmutableMatrix:
    """A 3×2 matrix whose entry (j, k) is ``entry(j, k)``, one per weight w_jk."""
    return matrix(J, K, entry)


dense_layer = Formula(
    name="dense_layer",
    kind=Kind.LAYER,
    title="Dense sigmoid layer under squared error (3 inputs, 2 outputs)",
    summary=(
        "o_k = σ(z_k), z_k = Σ_j w_jk x_j, L = ½ Σ_k (o_k − t_k)²; "
        "∂L/∂w_jk = δ_k x_j with δ_k = (o_k − t_k) o_k (1 − o_k). "
        "The derivative lists ∂L/∂w_jk in the order w11, w12, w21, ..."
    ),
    variables=_weights,
    parameters=(*xs, *ts),
    definition=_dense_loss,
    derivative=column([_dense_delta[k] * xs[j] for j in range(J) for k in range(K)]),
    aliases=("fully_connected", "fully-connected"),
    sources=(cite(DOC4, "eqs. (20)-(22)"),),
    claims=(
        *chain(
            "dense_layer.eq21",
            "∂L/∂w_jk for a dense sigmoid layer",
            [
                _per_weight(lambda j, k: D(_dense_loss, W[j, k])),
                _per_weight(lambda j, k: (_ok[k] - ts[k]) * D(_ok[k], W[j, k])),
                _per_weight(lambda j, k: (_ok[k] - ts[k]) * D(sigmoid(_zk[k]), W[j, k])),
                _per_weight(lambda j, k: (_ok[k] - ts[k]) * _ok[k] * (1 - _ok[k]) * xs[j]),
            ],
            [PROVED] * 3,
            (cite(DOC4, "eq. (21)", "z_k = Σ_j w_jk x_j, no bias; o_i^{(1)} in (20) read as o_k"),),
            statements=_links(
                [
                    _d("L", "w_{jk}"),
                    rf"(o_k - t_k){_d('o_k', 'w_{jk}')}",
                    rf"(o_k - t_k){_d(_SIGMA_ZK, 'w_{jk}')}",
                    r"(o_k - t_k)\,o_k(1 - o_k)\,x_j",
                ]
            ),
        ),
        Claim(
            id="dense_layer.eq22",
            title="∂L/∂w_jk = δ_k x_j",
            lhs=_per_weight(lambda j, k: D(_dense_loss, W[j, k])),
            rhs=_per_weight(lambda j, k: _dense_delta[k] * xs[j]),
            expected=PROVED,
            statement=(
                r"\frac{\partial L}{\partial w_{jk}} = \delta_k x_j, \quad "
                r"\delta_k = (o_k - t_k)\,o_k(1 - o_k)"
            ),
            sources=(cite(DOC4, "eq. (22)"),),
        ),
    ),
)

# --- three sigmoid layers: doc 004 eqs. (23)-(29) -------------------------------------------

N_IN, N2 = 2, 2  # two inputs; every layer has two units
o_n = real(f"o_n1:{N_IN + 1}")  # the inputs o_n
w_ni = matrix(N_IN, N2, lambda n, i: sp.Symbol(f"w_n{n + 1}i{i + 1}", real=True))
w_ij = matrix(N2, N2, lambda i, j: sp.Symbol(f"w_i{i + 1}j{j + 1}", real=True))
w_jk = matrix(N2, N2, lambda j, k: sp.Symbol(f"w_j{j + 1}k{k + 1}", real=True))
_two, _inputs = range(N2), range(N_IN)
_z_i = [_sum([w_ni[n, i] * o_n[n] for n in _inputs]) for i in _two]
_o_i = [sigmoid(z) for z in _z_i]
_z_j = [_sum([w_ij[i, j] * _o_i[i] for i in _two]) for j in _two]
_o_j = [sigmoid(z) for z in _z_j]
_z_k = [_sum([w_jk[j, k] * _o_j[j] for j in _two]) for k in _two]
_o_k = [sigmoid(z) for z in _z_k]
_deep_loss = _squared_error(_o_k, ts)

#: δ_k (25), δ_j (27), δ_i (29), each an expression of the free symbols.
_delta_k = [_o_k[k] * (1 - _o_k[k]) * (_o_k[k] - ts[k]) for k in _two]
_delta_j = [_o_j[j] * (1 - _o_j[j]) * _sum([_delta_k[k] * w_jk[j, k] for k in _two]) for j in _two]
_delta_i = [_o_i[i] * (1 - _o_i[i]) * _sum([_delta_j[j] * w_ij[i, j] for j in _two]) for i in _two]

#: The hidden outputs o_j as independent variables, for ∂z_k/∂o_j in eq. (23).
o_j_free = real("o_j1:3")


def _grid(entry: Callable[[int, int], sp.Expr]) -> sp.ImmutableMatrix:
    """A 2×2 matrix, entry (row, col) = ``entry(row, col)``: one per weight of a layer."""
    return matrix(N2, N2, entry)


def _per_input(entry: Callable[[int, int], sp.Expr]) -> sp.ImmutableMatrix:
    """An N_IN×2 matrix, entry (n, i) = ``entry(n, i)``: one per first-layer weight w_ni."""
    return matrix(N_IN, N2, entry)


def _dz_k_do_j(k: int, j: int) -> sp.Expr:
    r""":math:`\partial z_k / \partial o_j` with the hidden outputs as variables."""
    return D(_sum([w_jk[jj, k] * o_j_free[jj] for jj in _two]), o_j_free[j])


def _dsig_k(k: int, i: int, j: int) -> sp.Expr:
    r""":math:`\partial \sigma(z_k) / \partial w_{ij}`, unevaluated."""
    return D(sigmoid(_z_k[k]), w_ij[i, j])


def _do_j(i: int, j: int) -> sp.Expr:
    r""":math:`\partial o_j / \partial w_{ij}`, unevaluated."""
    return D(_o_j[j], w_ij[i, j])


_err = [(_o_k[k] - ts[k]) * _o_k[k] * (1 - _o_k[k]) for k in _two]
_slope_j = [o * (1 - o) for o in _o_j]
_back_j = [_sum([_err[k] * w_jk[j, k] for k in _two]) for j in _two]
_sum_delta_w = [_sum([_delta_k[k] * w_jk[j, k] for k in _two]) for j in _two]

_ERR_K = r"(o_k - t_k)\,o_k(1 - o_k)"
_EQ23 = [
    _d("L", "w_{ij}") + r" = \frac{\partial}{\partial w_{ij}}\frac12\sum_k (o_k - t_k)^2",
    rf"\sum_k (o_k - t_k){_d(_SIGMA_ZK, 'w_{ij}')}",
    rf"\sum_k {_ERR_K}{_d('z_k', 'w_{ij}')}",
    rf"\sum_k {_ERR_K}{_d('z_k', 'o_j')}{_d('o_j', 'w_{ij}')}",
    rf"\sum_k {_ERR_K}\,w_{{jk}}{_d('o_j', 'w_{ij}')}",
    rf"o_j(1 - o_j){_d('z_j', 'w_{ij}')}\sum_k {_ERR_K}\,w_{{jk}}",
    r"o_j(1 - o_j)\,o_i\sum_k \delta_k^K w_{jk}",
    r"\delta_j^J o_i, \quad \delta_j^J = o_j(1 - o_j)\sum_k \delta_k^K w_{jk}",
]

backprop_recursion = Formula(
    name="backprop_recursion",
    kind=Kind.LAYER,
    title="Backpropagation through three sigmoid layers (2 units each)",
    summary=(
        "o_i = σ(Σ_n w_ni o_n), o_j = σ(Σ_i w_ij o_i), o_k = σ(Σ_j w_jk o_j), "
        "L = ½ Σ_k (o_k − t_k)²; ∂L/∂w_jk = δ_k o_j, ∂L/∂w_ij = δ_j o_i, ∂L/∂w_ni = δ_i o_n "
        "with δ_k = o_k(1 − o_k)(o_k − t_k), δ_j = o_j(1 − o_j) Σ_k δ_k w_jk, "
        "δ_i = o_i(1 − o_i) Σ_j δ_j w_ij. "
        "The derivative is the output layer's, ∂L/∂w_jk = δ_k o_j, in the order "
        "w_j1k1, w_j1k2, w_j2k1, w_j2k2."
    ),
    variables=tuple(w_jk),
    parameters=(*o_n, *w_ni, *w_ij, *ts),
    definition=_deep_loss,
    derivative=column([_delta_k[k] * _o_j[j] for j in _two for k in _two]),
    aliases=("backprop", "backpropagation"),
    sources=(cite(DOC4, "eqs. (23)-(29), 层间传递"),),
    claims=(
        *chain(
            "backprop_recursion.eq23",
            "∂L/∂w_ij through the output layer",
            [
                _grid(lambda i, j: D(_deep_loss, w_ij[i, j])),
                _grid(lambda i, j: _sum([(_o_k[k] - ts[k]) * _dsig_k(k, i, j) for k in _two])),
                _grid(lambda i, j: _sum([_err[k] * D(_z_k[k], w_ij[i, j]) for k in _two])),
                _grid(lambda i, j: _sum([_err[k] * _dz_k_do_j(k, j) * _do_j(i, j) for k in _two])),
                _grid(lambda i, j: _sum([_err[k] * w_jk[j, k] * _do_j(i, j) for k in _two])),
                _grid(lambda i, j: _slope_j[j] * D(_z_j[j], w_ij[i, j]) * _back_j[j]),
                _grid(lambda i, j: _slope_j[j] * _o_i[i] * _sum_delta_w[j]),
                _grid(lambda i, j: _delta_j[j] * _o_i[i]),
            ],
            [PROVED] * 7,
            (
                cite(
                    DOC4,
                    "eq. (23)",
                    "∂z_k/∂o_j taken with the hidden outputs o_j as variables (= w_jk); "
                    "Σ_K in the sixth form read as Σ_k",
                ),
            ),
            statements=_links(_EQ23),
        ),
        Claim(
            id="backprop_recursion.output-layer",
            title="∂L/∂w_jk = δ_k o_j",
            lhs=_grid(lambda j, k: D(_deep_loss, w_jk[j, k])),
            rhs=_grid(lambda j, k: _delta_k[k] * _o_j[j]),
            expected=PROVED,
            statement=(
                r"\frac{\partial L}{\partial w_{jk}} = \delta_k^K o_j, \quad "
                r"\delta_k^K = o_k(1 - o_k)(o_k - t_k)"
            ),
            sources=(cite(DOC4, "eqs. (24), (25)"),),
        ),
        Claim(
            id="backprop_recursion.second-to-last-layer",
            title="∂L/∂w_ij = δ_j o_i",
            lhs=_grid(lambda i, j: D(_deep_loss, w_ij[i, j])),
            rhs=_grid(lambda i, j: _delta_j[j] * _o_i[i]),
            expected=PROVED,
            statement=(
                r"\frac{\partial L}{\partial w_{ij}} = \delta_j^J o_i, \quad "
                r"\delta_j^J = o_j(1 - o_j)\sum_k \delta_k^K w_{jk}"
            ),
            sources=(cite(DOC4, "eqs. (26), (27)"),),
        ),
        Claim(
            id="backprop_recursion.third-to-last-layer.eq28",
            title="∂L/∂w_ni = δ_i, as written",
            lhs=_per_input(lambda n, i: D(_deep_loss, w_ni[n, i])),
            rhs=_per_input(lambda n, i: _delta_i[i]),
            expected=REFUTED,
            correction=_per_input(lambda n, i: _delta_i[i] * o_n[n]),
            statement=(
                r"\frac{\partial L}{\partial w_{ni}} = \delta_i^I, \quad "
                r"\delta_i^I = o_i(1 - o_i)\sum_j \delta_j^J w_{ij}"
            ),
            sources=(cite(DOC4, "eqs. (28), (29)", "eq. (28) read literally, with no factor o_n"),),
        ),
        Claim(
            id="backprop_recursion.third-to-last-layer",
            title="∂L/∂w_ni = δ_i o_n",
            lhs=_per_input(lambda n, i: D(_deep_loss, w_ni[n, i])),
            rhs=_per_input(lambda n, i: _delta_i[i] * o_n[n]),
            expected=PROVED,
            statement=(
                r"\frac{\partial L}{\partial w_{ni}} = \delta_i^I o_n, \quad "
                r"\delta_i^I = o_i(1 - o_i)\sum_j \delta_j^J w_{ij}"
            ),
            sources=(
                cite(
                    DOC4,
                    "eq. (29), with eq. (28) corrected",
                    "eqs. (24) and (26) continued: the factor o_n that eq. (28) omits",
                ),
            ),
        ),
    ),
)

# --- the backward pass in vector form: doc 000 "Vector 写法" ------------------------------

M, P = 3, 2  # y_{k-1} ∈ R³, z_k ∈ R²
y_prev = real("y1:4")
W_k = symbol_matrix("W", P, M)
b_k = real("b1:3")
z = real("z1:3")  # z_k as independent variables
y_out = real("o1:3")  # y_k as independent variables
_pre = list(W_k * column(y_prev) + column(b_k))  # z_k = W_k y_{k-1} + b_k
_act = [sigmoid(zi) for zi in z]  # y_k = f(z_k) with f = σ


def _div(outputs: Sequence[sp.Expr]) -> sp.Expr:
    r"""The downstream loss :math:`\mathrm{div} = \frac12 \lVert y_k - t \rVert^2`."""
    return _squared_error(outputs, ts)


def _grad(expr: sp.Expr, variables: Sequence[sp.Symbol]) -> sp.ImmutableMatrix:
    """The row of unevaluated partial derivatives of ``expr`` (numerator layout)."""
    return row([D(expr, v) for v in variables])


_div_y = _div([sigmoid(p) for p in _pre])  # div as a function of y_{k-1}, W_k and b_k
_grad_z = _grad(_div(_act), z)  # ∇_{z_k} div
_grad_z_at = _at(_grad_z, z, _pre)  # ... at z_k = W_k y_{k-1} + b_k
_grad_y_out = _at(_grad(_div(y_out), y_out), y_out, _act)  # ∇_{y_k} div at y_k = σ(z_k)
_dy_dz = jacobian(_act, z)  # ∇_{z_k} y_k
_diag = sp.ImmutableMatrix(sp.diag(*[s * (1 - s) for s in _act]))  # diag(f'(z_k))
_ROW = "gradients of a scalar are rows, Jacobians are (output × input), as in the document"


def _nabla(of: str, by: str) -> str:
    r"""LaTeX for :math:`\nabla_{by}\, of`."""
    return rf"\nabla_{{{by}}}{of}"


_DIV, _Z, _Y, _YP = r"\mathrm{div}", r"\mathbf{z}_k", r"\mathbf{y}_k", r"\mathbf{y}_{k-1}"
_B = r"\mathbf{b}_k"
_FPRIME = r"\mathrm{diag}\left(f_k'(\mathbf{z}_k)\right)"

vector_backprop = Formula(
    name="vector_backprop",
    kind=Kind.LAYER,
    title="Backward pass of a layer in vector form (3 inputs, 2 outputs, f = σ)",
    summary=(
        "z_k = W_k y_{k−1} + b_k, y_k = f(z_k), with f = σ and the downstream loss "
        "div = ½‖y_k − t‖². The document uses the row-gradient (numerator) layout: "
        "∇_z div is a row, ∇_z y is the Jacobian, and ∇_W div is 3×2 with entry (j, i) = "
        "∂div/∂W_ij (the transpose of W's shape). "
        "The derivative is the Jacobian ∇_{y_{k−1}} y_k = diag(f'(z_k)) W_k."
    ),
    variables=y_prev,
    parameters=(*W_k, *b_k),
    definition=column([sigmoid(p) for p in _pre]),
    derivative=sp.ImmutableMatrix(sp.diag(*[sigmoid(p) * (1 - sigmoid(p)) for p in _pre]) * W_k),
    sources=(cite(DOC0, "Forward Pass & Backward Pass, Vector 写法"),),
    claims=(
        Claim(
            id="vector_backprop.activation-jacobian",
            title="∇_z y = diag(f'(z))",
            lhs=_dy_dz,
            rhs=_diag,
            expected=PROVED,
            statement=f"{_nabla(_Y, _Z)} = {_FPRIME}",
            sources=(cite(DOC0, "Backward Pass, line 1", f"f = σ, f' = σ(1 − σ); {_ROW}"),),
        ),
        *chain(
            "vector_backprop.grad-z",
            "∇_z div by the chain rule",
            [
                _grad_z,
                sp.ImmutableMatrix(_grad_y_out * _dy_dz),
                sp.ImmutableMatrix(_grad_y_out * _diag),
            ],
            [PROVED, PROVED],
            (cite(DOC0, "Backward Pass, lines 2-3", f"∇_{{y_k}} div at y_k = f(z_k); {_ROW}"),),
            statements=_links(
                [
                    _nabla(_DIV, _Z),
                    rf"{_nabla(_DIV, _Y)}\cdot{_nabla(_Y, _Z)}",
                    rf"{_nabla(_DIV, _Y)}\cdot{_FPRIME}",
                ]
            ),
        ),
        *chain(
            "vector_backprop.grad-input",
            "∇_{y_{k−1}} div by the chain rule",
            [
                _grad(_div_y, y_prev),
                sp.ImmutableMatrix(_grad_z_at * jacobian(_pre, y_prev)),
                sp.ImmutableMatrix(_grad_z_at * W_k),
            ],
            [PROVED, PROVED],
            (cite(DOC0, "Backward Pass, lines 4-5", "∇_{z_k} div at z_k = W_k y_{k−1} + b_k"),),
            statements=_links(
                [
                    _nabla(_DIV, _YP),
                    rf"{_nabla(_DIV, _Z)}\cdot{_nabla(_Z, _YP)}",
                    rf"{_nabla(_DIV, _Z)}\cdot W_k",
                ]
            ),
        ),
        Claim(
            id="vector_backprop.grad-weights",
            title="∇_W div = y_{k−1} ∇_z div (3×2, entry (j, i) = ∂div/∂W_ij)",
            lhs=matrix(M, P, lambda j, i: D(_div_y, W_k[i, j])),
            rhs=sp.ImmutableMatrix(column(y_prev) * _grad_z_at),
            expected=PROVED,
            statement=(
                rf"{_nabla(_DIV, 'W_k')} = {_YP}\cdot{_nabla(_DIV, _Z)}, \quad "
                rf"({_nabla(_DIV, 'W_k')})_{{ji}} = {_d(_DIV, '(W_k)_{ij}')}"
            ),
            sources=(
                cite(DOC0, "Backward Pass, line 6", "numerator layout: ∇_W div is shaped like Wᵀ"),
            ),
        ),
        Claim(
            id="vector_backprop.grad-bias",
            title="∇_b div = ∇_z div",
            lhs=_grad(_div_y, b_k),
            rhs=_grad_z_at,
            expected=PROVED,
            statement=f"{_nabla(_DIV, _B)} = {_nabla(_DIV, _Z)}",
            sources=(cite(DOC0, "Backward Pass, line 7", _ROW),),
        ),
    ),
)
