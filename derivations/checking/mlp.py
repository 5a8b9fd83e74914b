r"""Backpropagation through a whole multilayer perceptron, proved layer by layer.

The network (the documents' forward pass, :math:`a^0 = x`):

.. math::
    z^l = W^l a^{l-1} + b^l, \qquad a^l = f(z^l) \quad (l = 1, \dots, L),

with loss :math:`\tfrac12 \lVert a^L - t \rVert^2` (``mse``), or
:math:`-\sum_k y_k \log p_k` with :math:`p = \operatorname{softmax}(z^L)` and
:math:`\sum_k y_k = 1` (``softmax_ce``; the last layer is then linear). The δ
recursion (the documents' backward pass) claims

.. math::
    \delta^L_i = f'(z^L_i)(a^L_i - t_i) \ \text{or}\ p_i - y_i, \qquad
    \delta^l_j = f'(z^l_j) \sum_k W^{l+1}_{kj}\, \delta^{l+1}_k, \qquad
    \frac{\partial L}{\partial W^l_{ij}} = \delta^l_i a^{l-1}_j, \qquad
    \frac{\partial L}{\partial b^l_i} = \delta^l_i .

**The proof.** Expanding :math:`L` as one expression in the weights grows
exponentially with the depth (every unit of a layer contains the whole layer
below), so the proof goes layer by layer, by induction from the output:

* *output lemma*: :math:`\partial \ell / \partial z^L_i = \delta^L_i` where
  :math:`\ell(z^L)` is the loss written out in the output pre-activations;
* *step lemma* for each :math:`l < L`: for arbitrary values :math:`d_k`,
  :math:`\sum_k d_k\, \partial z^{l+1}_k / \partial z^l_j
  = f'(z^l_j) \sum_k W^{l+1}_{kj} d_k`,
  where :math:`z^{l+1} = W^{l+1} f(z^l) + b^{l+1}` is written out;
* *parameter lemma* for each :math:`l`:
  :math:`\sum_k d_k\, \partial z^l_k / \partial W^l_{ij} = d_i a^{l-1}_j`
  and :math:`\sum_k d_k\, \partial z^l_k / \partial b^l_i = d_i`.

Each lemma is an ordinary claim about explicit expressions of one layer, and
the verifier proves it by differentiating the definitions (no readable
derivative is trusted; ReLU and leaky ReLU are split into the two regions of
each unit, :math:`z^l_j > 0` and :math:`z^l_j < 0`, so the cost stays linear
in the units). The multivariate chain rule then gives, by induction on
:math:`l = L, L-1, \dots, 1`, that :math:`\partial L / \partial z^l = \delta^l`
(the weights of layers :math:`\le l` reach :math:`L` only through
:math:`z^l`), and with the parameter lemma every entry of every gradient. The
obligations are :math:`O(L)` claims of :math:`O(\text{width}^2)` entries each.

For small networks :func:`direct_claims` also states the end-to-end identity
with both sides written out in the weights (exponential in the depth: tests
and ``--direct`` only).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy as sp

from derivations.catalog.building import PROVED, D
from derivations.catalog.sources import ACTIVATIONS_AND_OUTPUT, BACKPROP_ZH, cite
from derivations.errors import InputError
from derivations.model import Claim, Condition, Formula, Kind
from derivations.symbolic import conditions
from derivations.symbolic.functions import sigmoid, softmax

ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu")
LOSSES = ("mse", "softmax_ce")
MAX_DEPTH = 6
MAX_WIDTH = 8

alpha = sp.Symbol("alpha", positive=True)
SLOPE_DOMAIN = ((alpha, (sp.Integer(0), sp.Integer(1))),)

SOURCES = (
    cite(ACTIVATIONS_AND_OUTPUT, "Forward Pass & Backward Pass, Vector 写法"),
    cite(BACKPROP_ZH, "eqs. (21)–(29)"),
)


def activation(name: str, z: sp.Expr) -> sp.Expr:
    """The activation's definition at ``z``."""
    if name == "sigmoid":
        return sigmoid(z)
    if name == "tanh":
        return sp.tanh(z)
    if name == "relu":
        return sp.Max(0, z)
    return sp.Piecewise((z, z > 0), (alpha * z, True))


def slope(name: str, z: sp.Expr) -> sp.Expr:
    """The derivative the recursion uses, as the notes write it: σ(1 − σ), 1 − tanh², θ, 1 or α."""
    if name == "sigmoid":
        return sigmoid(z) * (1 - sigmoid(z))
    if name == "tanh":
        return 1 - sp.tanh(z) ** 2
    if name == "relu":
        return sp.Heaviside(z)
    return sp.Piecewise((1, z > 0), (alpha, True))


@dataclass(frozen=True)
class Network:
    """An MLP: ``widths = (n_0, n_1, ..., n_L)``, the hidden activation and the loss."""

    widths: tuple[int, ...]
    activation: str
    loss: str

    def __post_init__(self) -> None:
        if not 1 <= self.depth <= MAX_DEPTH:
            raise InputError(f"the depth must be between 1 and {MAX_DEPTH}, not {self.depth}")
        if any(not 1 <= w <= MAX_WIDTH for w in self.widths):
            raise InputError(f"every width must be between 1 and {MAX_WIDTH}")
        if self.activation not in ACTIVATIONS:
            raise InputError(
                f"unknown activation {self.activation!r}; one of {', '.join(ACTIVATIONS)}"
            )
        if self.loss not in LOSSES:
            raise InputError(f"unknown loss {self.loss!r}; one of {', '.join(LOSSES)}")
        if self.loss == "softmax_ce" and self.widths[-1] < 2:
            raise InputError("softmax + cross-entropy needs at least 2 outputs")

    @property
    def depth(self) -> int:
        return len(self.widths) - 1

    def f(self, layer: int, z: sp.Expr) -> sp.Expr:
        """The activation of ``layer`` (the last layer is linear under softmax + cross-entropy)."""
        if layer == self.depth and self.loss == "softmax_ce":
            return z
        return activation(self.activation, z)

    def slope(self, layer: int, z: sp.Expr) -> sp.Expr:
        if layer == self.depth and self.loss == "softmax_ce":
            return sp.Integer(1)
        return slope(self.activation, z)


def network(
    layers: int, width: int, activation: str, loss: str, widths: Sequence[int] = ()
) -> Network:
    """``layers`` layers all of ``width`` units (input included), unless ``widths`` is given."""
    shape = tuple(widths) if widths else (width,) * (layers + 1)
    if widths and len(widths) != layers + 1:
        raise InputError(
            f"--widths needs {layers + 1} numbers (input and {layers} layers), got {len(widths)}"
        )
    return Network(shape, activation, loss)


def parse_widths(text: str) -> tuple[int, ...]:
    """``"3,4,2"`` → ``(3, 4, 2)``; anything but comma-separated integers is an input error."""
    parts = [p.strip() for p in text.split(",")] if text.strip() else []
    if not parts or not all(p.isdigit() for p in parts):
        raise InputError(f"--widths must be comma-separated positive integers, not {text!r}")
    return tuple(int(p) for p in parts)


# --------------------------------------------------------------------------- symbols


def _real(name: str) -> sp.Symbol:
    return sp.Symbol(name, real=True)


def zs(layer: int, n: int) -> list[sp.Symbol]:
    return [_real(f"z{layer}_{i + 1}") for i in range(n)]


def inputs(layer: int, n: int) -> list[sp.Symbol]:
    """The inputs of ``layer``: ``x`` for the first, ``a{l-1}`` otherwise."""
    return [_real(f"x{i + 1}" if layer == 1 else f"a{layer - 1}_{i + 1}") for i in range(n)]


def weights(layer: int, rows: int, cols: int) -> list[list[sp.Symbol]]:
    return [[_real(f"W{layer}_{i + 1}{j + 1}") for j in range(cols)] for i in range(rows)]


def biases(layer: int, n: int) -> list[sp.Symbol]:
    return [_real(f"b{layer}_{i + 1}") for i in range(n)]


def upstream(layer: int, n: int) -> list[sp.Symbol]:
    """Arbitrary values of ∂L/∂z^layer (the induction hypothesis)."""
    return [_real(f"d{layer}_{i + 1}") for i in range(n)]


def targets(n: int) -> list[sp.Symbol]:
    return [_real(f"t{i + 1}") for i in range(n)]


def labels(n: int) -> list[sp.Symbol]:
    return [_real(f"y{i + 1}") for i in range(n)]


def _column(entries: Sequence[sp.Expr]) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix(list(entries))


# --------------------------------------------------------------------------- the loss at the output


def output_loss(net: Network, z: Sequence[sp.Expr]) -> sp.Expr:
    """The loss written in the output pre-activations ``z``."""
    L = net.depth
    if net.loss == "mse":
        return sp.Rational(1, 2) * sp.Add(
            *[(net.f(L, zk) - tk) ** 2 for zk, tk in zip(z, targets(len(z)), strict=True)]
        )
    return -sp.Add(*[yk * sp.log(softmax(k, *z)) for k, yk in enumerate(labels(len(z)))])


def output_delta(net: Network, z: Sequence[sp.Expr]) -> list[sp.Expr]:
    """δ^L as the recursion states it."""
    L = net.depth
    if net.loss == "mse":
        return [
            net.slope(L, zk) * (net.f(L, zk) - tk)
            for zk, tk in zip(z, targets(len(z)), strict=True)
        ]
    return [softmax(k, *z) - yk for k, yk in enumerate(labels(len(z)))]


def _loss_conditions(net: Network) -> tuple[Condition, ...]:
    if net.loss == "softmax_ce":
        return (conditions.sums_to_one(labels(net.widths[-1])),)
    return ()


# --------------------------------------------------------------------------- the obligations


def output_lemma(net: Network) -> Claim:
    L, n = net.depth, net.widths[-1]
    z = zs(L, n)
    loss = output_loss(net, z)
    return Claim(
        id=f"mlp.output.layer{L}",
        title=f"output layer {L}: ∂L/∂z{L}_i = δ{L}_i",
        lhs=_column([D(loss, zi) for zi in z]),
        rhs=_column(output_delta(net, z)),
        conditions=_loss_conditions(net),
        expected=PROVED,
        statement=(
            rf"\frac{{\partial L}}{{\partial z^{{{L}}}_i}} = \delta^{{{L}}}_i"
            + (r" = f'(z^L_i)(a^L_i - t_i)" if net.loss == "mse" else r" = p_i - y_i")
        ),
        sources=SOURCES,
    )


def step_lemma(net: Network, layer: int) -> Claim:
    """From ∂L/∂z^{layer+1} = d to ∂L/∂z^layer = δ^layer."""
    n, m = net.widths[layer], net.widths[layer + 1]
    z = zs(layer, n)
    W, b, d = weights(layer + 1, m, n), biases(layer + 1, m), upstream(layer + 1, m)
    nxt = [sp.Add(*[W[k][j] * net.f(layer, z[j]) for j in range(n)]) + b[k] for k in range(m)]
    return Claim(
        id=f"mlp.step.layer{layer}",
        title=(
            f"layer {layer} from layer {layer + 1}: "
            f"δ{layer}_j = f'(z{layer}_j) Σ_k W{layer + 1}_kj d{layer + 1}_k"
        ),
        lhs=_column([sp.Add(*[d[k] * D(nxt[k], z[j]) for k in range(m)]) for j in range(n)]),
        rhs=_column(
            [net.slope(layer, z[j]) * sp.Add(*[W[k][j] * d[k] for k in range(m)]) for j in range(n)]
        ),
        expected=PROVED,
        statement=(
            rf"\sum_k \delta^{{{layer + 1}}}_k "
            rf"\frac{{\partial z^{{{layer + 1}}}_k}}{{\partial z^{{{layer}}}_j}}"
            rf" = f'(z^{{{layer}}}_j) "
            rf"\sum_k W^{{{layer + 1}}}_{{kj}} \delta^{{{layer + 1}}}_k"
        ),
        sources=SOURCES,
    )


def parameter_lemmas(net: Network, layer: int) -> tuple[Claim, Claim]:
    """∂L/∂W^l_ij = δ^l_i a^{l-1}_j and ∂L/∂b^l_i = δ^l_i, given ∂L/∂z^l = d."""
    m, n = net.widths[layer], net.widths[layer - 1]
    a, W, b, d = inputs(layer, n), weights(layer, m, n), biases(layer, m), upstream(layer, m)
    source = "x" if layer == 1 else f"a{layer - 1}"
    z = [sp.Add(*[W[i][j] * a[j] for j in range(n)]) + b[i] for i in range(m)]
    through = [
        [sp.Add(*[d[k] * D(z[k], W[i][j]) for k in range(m)]) for j in range(n)] for i in range(m)
    ]
    weight = Claim(
        id=f"mlp.weights.layer{layer}",
        title=f"weights of layer {layer}: ∂L/∂W{layer}_ij = δ{layer}_i {source}_j",
        lhs=sp.ImmutableMatrix(through),
        rhs=sp.ImmutableMatrix(m, n, lambda i, j: d[i] * a[j]),
        expected=PROVED,
        statement=(
            rf"\frac{{\partial L}}{{\partial W^{{{layer}}}_{{ij}}}}"
            rf" = \delta^{{{layer}}}_i a^{{{layer - 1}}}_j"
        ),
        sources=SOURCES,
    )
    bias = Claim(
        id=f"mlp.biases.layer{layer}",
        title=f"biases of layer {layer}: ∂L/∂b{layer}_i = δ{layer}_i",
        lhs=_column([sp.Add(*[d[k] * D(z[k], b[i]) for k in range(m)]) for i in range(m)]),
        rhs=_column(d),
        expected=PROVED,
        statement=rf"\frac{{\partial L}}{{\partial b^{{{layer}}}_i}} = \delta^{{{layer}}}_i",
        sources=SOURCES,
    )
    return weight, bias


def obligations(net: Network) -> Formula:
    """Every lemma of the layer-by-layer proof, as a formula whose claims the verifier decides."""
    claims: list[Claim] = [output_lemma(net)]
    for layer in range(net.depth - 1, 0, -1):
        claims.append(step_lemma(net, layer))
    for layer in range(net.depth, 0, -1):
        claims.extend(parameter_lemmas(net, layer))
    return Formula(
        name="mlp",
        kind=Kind.LAYER,
        title=describe(net),
        summary="the δ recursion against the derivative of the loss, layer by layer",
        variables=tuple(inputs(1, net.widths[0])),
        definition=sp.Integer(0),
        sources=SOURCES,
        claims=tuple(claims),
        domains=SLOPE_DOMAIN if net.activation == "leaky_relu" else (),
    )


def describe(net: Network) -> str:
    loss = "½‖a − t‖²" if net.loss == "mse" else "softmax + cross-entropy (Σy = 1)"
    widths = "-".join(str(w) for w in net.widths)
    layers = f"{net.depth} layer{'s' * (net.depth > 1)}"
    return f"MLP with {layers}, widths {widths}, activation {net.activation}, loss {loss}"


# ------------------------------------------------------------------ end to end (small nets)


def forward(net: Network) -> tuple[list[list[sp.Expr]], list[list[sp.Expr]]]:
    """Pre-activations and activations of every layer written out in the weights and inputs."""
    a: list[list[sp.Expr]] = [list(inputs(1, net.widths[0]))]
    z: list[list[sp.Expr]] = [[]]
    for layer in range(1, net.depth + 1):
        m, n = net.widths[layer], net.widths[layer - 1]
        W, b = weights(layer, m, n), biases(layer, m)
        zl = [sp.Add(*[W[i][j] * a[-1][j] for j in range(n)]) + b[i] for i in range(m)]
        z.append(zl)
        a.append([net.f(layer, zi) for zi in zl])
    return z, a


def recursion(net: Network, z: list[list[sp.Expr]]) -> list[list[sp.Expr]]:
    """δ^1 … δ^L by the recursion, written out in the weights (index 0 unused)."""
    delta: list[list[sp.Expr]] = [[] for _ in range(net.depth + 1)]
    delta[net.depth] = output_delta(net, z[net.depth])
    for layer in range(net.depth - 1, 0, -1):
        W = weights(layer + 1, net.widths[layer + 1], net.widths[layer])
        delta[layer] = [
            net.slope(layer, z[layer][j])
            * sp.Add(*[W[k][j] * delta[layer + 1][k] for k in range(net.widths[layer + 1])])
            for j in range(net.widths[layer])
        ]
    return delta


def direct_claims(net: Network) -> tuple[Claim, ...]:
    """∂L/∂W^l and ∂L/∂b^l by differentiating the whole loss, against the recursion: both sides
    in the weights. The size of the loss grows exponentially with the depth."""
    z, a = forward(net)
    loss = output_loss(net, z[net.depth])
    delta = recursion(net, z)
    claims = []
    for layer in range(1, net.depth + 1):
        m, n = net.widths[layer], net.widths[layer - 1]
        W, b = weights(layer, m, n), biases(layer, m)
        claims.append(
            Claim(
                id=f"mlp.direct.weights.layer{layer}",
                title=f"∂L/∂W{layer} by direct differentiation = δ{layer} a{layer - 1}ᵀ",
                lhs=sp.ImmutableMatrix(m, n, lambda i, j, W=W: D(loss, W[i][j])),
                rhs=sp.ImmutableMatrix(
                    m, n, lambda i, j, g=delta[layer], x=a[layer - 1]: g[i] * x[j]
                ),
                conditions=_loss_conditions(net),
                expected=PROVED,
                statement=(
                    rf"\frac{{\partial L}}{{\partial W^{{{layer}}}}}"
                    rf" = \delta^{{{layer}}} (a^{{{layer - 1}}})^\mathrm{{T}}"
                ),
                sources=SOURCES,
            )
        )
        claims.append(
            Claim(
                id=f"mlp.direct.biases.layer{layer}",
                title=f"∂L/∂b{layer} by direct differentiation = δ{layer}",
                lhs=_column([D(loss, bi) for bi in b]),
                rhs=_column(delta[layer]),
                conditions=_loss_conditions(net),
                expected=PROVED,
                statement=rf"\frac{{\partial L}}{{\partial b^{{{layer}}}}} = \delta^{{{layer}}}",
                sources=SOURCES,
            )
        )
    return tuple(claims)
