"""The tables of ``derive crosscheck``: which catalog formula PyTorch computes, and how.

Each :class:`Counterpart` names a catalog formula, the PyTorch call that computes it for one
point, the points to compare at (:mod:`derivations.integrations.torch.inputs`), its kinks (where
PyTorch's gradient is a convention: ReLU at 0, a tie of maxout) and the :class:`Region` of
inputs where PyTorch computes something else on purpose (softplus returns x above
``threshold = 20``; binary cross-entropy clamps the log at −100) or rounds a constant to float32.
:data:`DOCUMENT_COUNTERPARTS` covers the formulas of the course documents,
:data:`MODERN_COUNTERPARTS` those of modern networks; :data:`UNMAPPED` lists the formulas
PyTorch has no exact counterpart for, with the reason (the hinge loss:
``hinge_embedding_loss`` is a different function). Nothing here imports torch: each call gets it
as its first argument.
"""

from __future__ import annotations

import math
import random
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from derivations.catalog.activations import SELU_ALPHA, SELU_LAMBDA
from derivations.integrations.torch.inputs import Draw, Point, probabilities, reals, targets


@dataclass(frozen=True)
class Region:
    """Inputs where PyTorch computes something else: a documented convention (``kind``
    "convention"), or a constant PyTorch's source rounds to float32 before it computes in float64
    (``kind`` "float32", an undocumented loss of precision, named with the source line).
    """

    text: str
    contains: Callable[[Point, Point, float], bool]
    kind: str = "convention"


@dataclass(frozen=True)
class Counterpart:
    """A catalog formula and the PyTorch call that computes it for one point.

    ``call(torch, v, p, c)`` gets the formula's variables ``v`` (a float64 tensor that
    requires grad), its tensor parameters ``p`` (targets) and the scalar parameter ``c``
    and returns a scalar or a vector tensor. ``constants`` are the values of the scalar
    parameter (ELU's α), each checked on its own set of points; it is the formula's last
    parameter, named ``constant_name``. ``note`` says what of the formula the call does not
    cover (Swish at β ≠ 1) or how the call reaches PyTorch's implementation.
    ``gradient_scale`` is the size of the terms PyTorch's backward formula adds at a point when
    they exceed 1 (GELU's tanh form computes 1 − tanh² from tanh and multiplies it by
    x(1 + 3κx²)): the absolute round-off of the gradient is ATOL times that size.
    With ``claim`` and ``wrt``, the gradient compared is a proved claim's right side by the
    symbols ``wrt`` (attention's ∂L/∂Q), which the call then gets as ``v``.
    ``forward_scale`` is the same for the forward value (normalization subtracts the mean
    from inputs of size max|x| and divides by √(σ² + ε)).
    """

    formula: str
    torch: str
    call: Callable[[Any, Any, Any, float], Any]
    points: Draw
    parameters: Callable[[random.Random, Point], Point] | None = None
    constants: tuple[float, ...] = ()
    kink: Callable[[Point], bool] = lambda v: False
    kink_text: str = ""
    regions: tuple[Region, ...] = ()
    constant_name: str = "α"
    note: str = ""
    gradient_scale: Callable[[Point, Point, float], float] | None = None
    forward_scale: Callable[[Point, Point, float], float] | None = None
    claim: str = ""
    wrt: tuple[str, ...] = ()


def _nn(torch: Any) -> Any:
    return torch.nn.functional


def _is_zero(v: Point) -> bool:
    return v[0] == 0.0


def _tie(v: Point) -> bool:
    return v.count(max(v)) > 1


def _bce_clamped(v: Point, p: Point, c: float) -> bool:
    yhat = v[0]
    # torch: log clamped at -100; gradient's denominator ŷ(1 − ŷ) clamped at 1e-12.
    return min(yhat, 1 - yhat) < math.exp(-100) or yhat * (1 - yhat) < 1e-12


DOCUMENT_COUNTERPARTS: tuple[Counterpart, ...] = (
    Counterpart("linear", "torch.nn.Identity", lambda t, v, p, c: t.nn.Identity()(v[0]), reals(1)),
    Counterpart("sigmoid", "torch.sigmoid", lambda t, v, p, c: t.sigmoid(v[0]), reals(1)),
    Counterpart("tanh", "torch.tanh", lambda t, v, p, c: t.tanh(v[0]), reals(1)),
    Counterpart(
        "relu",
        "torch.nn.functional.relu",
        lambda t, v, p, c: _nn(t).relu(v[0]),
        reals(1),
        kink=_is_zero,
        kink_text="x = 0",
    ),
    Counterpart(
        "leaky_relu",
        "torch.nn.functional.leaky_relu(negative_slope=α)",
        lambda t, v, p, c: _nn(t).leaky_relu(v[0], negative_slope=c),
        reals(1),
        constants=(0.01, 0.2),
        kink=_is_zero,
        kink_text="x = 0",
    ),
    Counterpart(
        "elu",
        "torch.nn.functional.elu(alpha=α)",
        lambda t, v, p, c: _nn(t).elu(v[0], alpha=c),
        reals(1),
        constants=(1.0, 0.5, 2.0),
        kink=_is_zero,
        kink_text="x = 0",
    ),
    Counterpart(
        "softplus",
        "torch.nn.functional.softplus (beta=1, threshold=20)",
        lambda t, v, p, c: _nn(t).softplus(v[0]),
        reals(1),
        regions=(
            Region(
                "threshold: softplus(x) = x and softplus'(x) = 1 for x > 20",
                lambda v, p, c: v[0] > 20,
            ),
        ),
    ),
    Counterpart(
        "softmax",
        "torch.nn.functional.softmax(dim=-1)",
        lambda t, v, p, c: _nn(t).softmax(v, dim=-1),
        reals(3),
    ),
    Counterpart(
        "maxout",
        "torch.amax",
        lambda t, v, p, c: t.amax(v, dim=-1),
        reals(3),
        kink=_tie,
        kink_text="a tie of the largest inputs",
    ),
    Counterpart(
        "l2_divergence",
        "torch.nn.functional.mse_loss(reduction='sum') / 2",
        lambda t, v, p, c: _nn(t).mse_loss(v, p, reduction="sum") / 2,
        reals(3),
        parameters=targets(3),
    ),
    Counterpart(
        "mse",
        "torch.nn.functional.mse_loss (reduction='mean')",
        lambda t, v, p, c: _nn(t).mse_loss(v, p),
        reals(3),
        parameters=targets(3),
    ),
    Counterpart(
        "mse_half",
        "torch.nn.functional.mse_loss(reduction='sum') / 2",
        lambda t, v, p, c: _nn(t).mse_loss(v, p, reduction="sum") / 2,
        reals(3),
        parameters=targets(3),
    ),
    Counterpart(
        "binary_cross_entropy",
        "torch.nn.functional.binary_cross_entropy",
        lambda t, v, p, c: _nn(t).binary_cross_entropy(v[0], p[0]),
        probabilities(1),
        parameters=targets(1, zeros=True),
        regions=(
            Region(
                "clamps: log(ŷ) and log(1 − ŷ) at −100, ŷ(1 − ŷ) in the gradient at 1e-12",
                _bce_clamped,
            ),
        ),
    ),
    Counterpart(
        "kl_one_hot",
        "torch.nn.functional.kl_div(log ŷ, y, reduction='sum')",
        lambda t, v, p, c: _nn(t).kl_div(t.log(v), p, reduction="sum"),
        probabilities(3),
        parameters=targets(3, zeros=True),
    ),
    Counterpart(
        "log_loss",
        "torch.nn.functional.binary_cross_entropy_with_logits(wᵀx, y)",
        lambda t, v, p, c: _nn(t).binary_cross_entropy_with_logits(t.dot(v, p[:3]), p[3]),
        reals(3),
        parameters=lambda rng, v: (*(rng.uniform(-3, 3) for _ in range(3)), rng.random()),
    ),
    Counterpart(
        "softmax_cross_entropy",
        "torch.nn.functional.cross_entropy(z, y) (probability targets)",
        lambda t, v, p, c: _nn(t).cross_entropy(v, p),
        reals(3),
        parameters=targets(3, zeros=True),
    ),
)


# --- the formulas of modern networks (issue 8) --------------------------------------------------


def _abs_is(values: Sequence[float]) -> Callable[[Point], bool]:
    """A kink test: the (only) variable's magnitude is one of ``values``."""
    return lambda v: abs(v[0]) in values


def _uniform(low: float, high: float, k: int) -> Callable[[random.Random, Point], Point]:
    """``k`` parameters drawn uniformly from (low, high)."""
    return lambda rng, _v: tuple(rng.uniform(low, high) for _ in range(k))


def _one_hot(rng: random.Random, _v: Point) -> Point:
    hot = rng.randrange(3)
    return tuple(1.0 if j == hot else 0.0 for j in range(3))


def _residual_targets(rng: random.Random, v: Point) -> Point:
    """A target ``y`` for the regression losses: sometimes y = x (r = 0), else in (−3, 3)."""
    return (v[0],) if rng.random() < 0.1 else (rng.uniform(-3, 3),)


def _counts(rng: random.Random, _v: Point) -> Point:
    """Poisson counts: integers 0..20 mostly, sometimes a positive real."""
    return (float(rng.randrange(21)),) if rng.random() < 0.7 else (rng.uniform(0, 20),)


def _selu_constants(_rng: random.Random, _v: Point) -> Point:
    """The paper's (λ₀₁, α₀₁), from the catalog's exact expressions, rounded to float64."""
    return (float(SELU_LAMBDA.evalf(30)), float(SELU_ALPHA.evalf(30)))


def _normalization(k: int) -> Callable[[random.Random, Point], Point]:
    """Gains and biases in (−3, 3) (``k`` of each), ε, then upstream gradients g in (−3, 3)."""

    def draw(rng: random.Random, _v: Point) -> Point:
        gains = [rng.uniform(-3, 3) for _ in range(2 * k)]
        eps = rng.choice((1e-5, 1e-3, 0.1, 1.0))
        return (*gains, eps, *(rng.uniform(-3, 3) for _ in range(3)))

    return draw


def _dropout_parameters(rng: random.Random, _v: Point) -> Point:
    """A mask m ∈ {0, 1}³ (each 1 with probability 1 − p), p, and upstream gradients g."""
    drop = rng.choice((0.2, 0.5))
    mask = [float(rng.random() >= drop) for _ in range(3)]
    return (*mask, drop, *(rng.uniform(-3, 3) for _ in range(3)))


_DROPOUT_SEEDS: dict[tuple[tuple[float, ...], float], int] = {}


def _dropout_seed(torch: Any, mask: tuple[float, ...], drop: float) -> int:
    """The first seed under which ``torch.nn.functional.dropout`` draws ``mask`` (p = ``drop``).

    PyTorch draws its own mask; fixing the mask means choosing the seed that makes PyTorch draw
    it. The mask depends on the seed, the shape and the dtype only, so it is read off ones.
    """
    key = (mask, drop)
    if key not in _DROPOUT_SEEDS:
        ones = torch.ones(len(mask), dtype=torch.float64)
        for seed in range(100_000):
            with torch.random.fork_rng(devices=[]):
                torch.manual_seed(seed)
                drawn = _nn(torch).dropout(ones, drop, training=True)
            if tuple(float(d != 0) for d in drawn) == mask:
                _DROPOUT_SEEDS[key] = seed
                break
        else:  # pragma: no cover - 16 masks of probability ≥ 0.2³ each
            raise AssertionError(f"no seed draws the mask {mask}")
    return _DROPOUT_SEEDS[key]


def _dropout(t: Any, v: Any, p: Any, c: float) -> Any:
    mask = tuple(float(m) for m in p[:3])
    drop = float(p[3])
    with t.random.fork_rng(devices=[]):
        t.manual_seed(_dropout_seed(t, mask, drop))
        y = _nn(t).dropout(v, drop, training=True)
    return (p[4:7] * y).sum()


def _batch_norm(t: Any, v: Any, p: Any, c: float) -> Any:
    y = _nn(t).batch_norm(
        v.reshape(3, 1), None, None, weight=p[0:1], bias=p[1:2], training=True, eps=float(p[2])
    )
    return (p[3:6] * y.reshape(-1)).sum()


def _layer_norm(t: Any, v: Any, p: Any, c: float) -> Any:
    y = _nn(t).layer_norm(v, (3,), weight=p[0:3], bias=p[3:6], eps=float(p[6]))
    return (p[7:10] * y).sum()


def _attention(t: Any, v: Any, p: Any, c: float) -> Any:
    q, k, g = (p[i : i + 4].reshape(2, 2) for i in (0, 4, 8))
    out = _nn(t).scaled_dot_product_attention(q, k, v.reshape(2, 2))
    return (g * out).sum()


def _attention_by(which: int) -> Callable[[Any, Any, Any, float], Any]:
    """Attention's loss with Q (``which`` 0) or K (1) as the variables ``v``; ``p`` holds the
    remaining matrices in the catalog's order (V, then Q or K, then G)."""

    def call(t: Any, v: Any, p: Any, c: float) -> Any:
        values, other, g = (p[i : i + 4].reshape(2, 2) for i in (0, 4, 8))
        q, k = (v.reshape(2, 2), other) if which == 0 else (other, v.reshape(2, 2))
        return (g * _nn(t).scaled_dot_product_attention(q, k, values)).sum()

    return call


def _attention_terms(v: Point, p: Point, c: float) -> float:
    """4·max|V|·max|K or Q|·max|G|: the size of the terms of dS = A∘(dA − rowsum(A∘dA)),
    dA = GVᵀ, times K (or Q); where the softmax saturates, 1 − A_ii is computed from A_ii."""
    return 4 * max(map(abs, p[0:4])) * max(map(abs, p[4:8])) * max(map(abs, p[8:12]))


def _batch_norm_affine(t: Any, v: Any, p: Any, c: float) -> Any:
    """Batch normalization's loss with (γ, β) as the variables; ``p`` = (x, ε, g)."""
    y = _nn(t).batch_norm(
        p[0:3].reshape(3, 1), None, None, weight=v[0:1], bias=v[1:2], training=True, eps=float(p[3])
    )
    return (p[4:7] * y.reshape(-1)).sum()


def _layer_norm_gain(t: Any, v: Any, p: Any, c: float) -> Any:
    """Layer normalization's loss with the gains c as the variables; ``p`` = (x, d, ε, g)."""
    y = _nn(t).layer_norm(p[0:3], (3,), weight=v, bias=p[3:6], eps=float(p[6]))
    return (p[7:10] * y).sum()


def _rnn(t: Any, v: Any, p: Any, c: float) -> Any:
    w, u, b = v[0].reshape(1, 1), v[1].reshape(1, 1), v[2].reshape(1)
    zero = t.zeros(1, dtype=t.float64)
    h = p[0].reshape(1, 1)
    for x in (p[1], p[2]):
        h = t.rnn_tanh_cell(x.reshape(1, 1), h, u, w, b, zero)
    return (h.reshape(()) - p[3]) ** 2 / 2


def _nll(t: Any, v: Any, p: Any, c: float) -> Any:
    return _nn(t).nll_loss(v.reshape(1, 3), p.argmax().reshape(1))


def _smoothed_class(t: Any, v: Any, p: Any, c: float) -> Any:
    return _nn(t).cross_entropy(v.reshape(1, 3), p[:3].argmax().reshape(1), label_smoothing=c)


def _tiny_norm(v: Point, p: Point, c: float) -> bool:
    return min(math.hypot(*v), math.hypot(*p)) < 1e-8


def _not_float32(v: Point, p: Point, c: float) -> bool:
    return float(struct.unpack("f", struct.pack("f", c))[0]) != c


def _gelu_tanh_terms(v: Point, p: Point, c: float) -> float:
    """|x|·√(2/π)(1 + 3κx²)/2: the factor of 1 − tanh²u, which PyTorch computes from tanh u."""
    x = v[0]
    return abs(x) * math.sqrt(2 / math.pi) * (1 + 3 * 0.044715 * x * x) / 2


def _cosine_terms(v: Point, p: Point, c: float) -> float:
    """1/‖a‖: the size of both terms of ∇_a cos = b/(‖a‖‖b‖) − cos·a/‖a‖²."""
    norm = math.hypot(*v)
    return 1 / norm if norm else 1.0


def _normalization_terms(x: Point, h: Sequence[float], eps: float) -> float:
    """(m max|h| + Σ|h| + max|x̂| Σ|h_j x̂_j|)/(m√(σ² + ε)): the terms of the backward pass."""
    m = len(x)
    mu = sum(x) / m
    s = math.sqrt(sum((xi - mu) ** 2 for xi in x) / m + eps)
    xhat = [(xi - mu) / s for xi in x]
    big = max(abs(t) for t in h)
    dot = sum(abs(hj * xj) for hj, xj in zip(h, xhat, strict=True))
    return (m * big + sum(abs(t) for t in h) + max(abs(t) for t in xhat) * dot) / (m * s)


def _centered(x: Point, gains: Sequence[float], eps: float) -> float:
    """Σ|g_i c_i|·max|x|/√(σ² + ε): the size of L = Σ g_i c_i x̂_i before x − μ cancels."""
    m = len(x)
    mu = sum(x) / m
    s = math.sqrt(sum((xi - mu) ** 2 for xi in x) / m + eps)
    return sum(abs(k) for k in gains) * max(abs(xi) for xi in x) / s


def _batch_norm_size(v: Point, p: Point, c: float) -> float:
    """The forward terms of batch normalization: γ g_i x̂_i with x̂ from x − μ."""
    return _centered(v, [p[0] * g for g in p[3:6]], p[2])


def _layer_norm_size(v: Point, p: Point, c: float) -> float:
    """The forward terms of layer normalization: g_i c_i x̂_i with x̂ from x − μ."""
    return _centered(v, [g * k for g, k in zip(p[7:10], p[0:3], strict=True)], p[6])


def _rnn_terms(v: Point, p: Point, c: float) -> float:
    """|h₂ − y|·(1 + |w|)·max(1, |h₀|, |x₁|, |x₂|): what multiplies each 1 − h_t², which
    PyTorch's tanh backward computes from h_t (so with an absolute error of a few ulps of 1)."""
    w, u, b = v
    h0, x1, x2, y = p[:4]
    h1 = math.tanh(w * h0 + u * x1 + b)
    h2 = math.tanh(w * h1 + u * x2 + b)
    return abs(h2 - y) * (1 + abs(w)) * max(1.0, abs(h0), abs(x1), abs(x2))


def _batch_norm_terms(v: Point, p: Point, c: float) -> float:
    """γ times the terms of the normalization's backward pass for the upstream g."""
    return abs(p[0]) * _normalization_terms(v, p[3:6], p[2])


def _layer_norm_terms(v: Point, p: Point, c: float) -> float:
    """The terms of the normalization's backward pass for h_i = g_i c_i."""
    return _normalization_terms(v, [g * k for g, k in zip(p[7:10], p[0:3], strict=True)], p[6])


MODERN_COUNTERPARTS: tuple[Counterpart, ...] = (
    Counterpart(
        "gelu",
        "torch.nn.functional.gelu (approximate='none')",
        lambda t, v, p, c: _nn(t).gelu(v[0]),
        reals(1),
    ),
    Counterpart(
        "gelu_tanh",
        "torch.nn.functional.gelu(approximate='tanh')",
        lambda t, v, p, c: _nn(t).gelu(v[0], approximate="tanh"),
        reals(1),
        gradient_scale=_gelu_tanh_terms,
    ),
    Counterpart(
        "swish",
        "torch.nn.functional.silu",
        lambda t, v, p, c: _nn(t).silu(v[0]),
        reals(1),
        constants=(1.0,),
        constant_name="β",
        note="β = 1 only: PyTorch has no Swish with β ≠ 1 (x·sigmoid(βx) written with torch "
        "operations would check our composition, not an implementation of PyTorch's)",
    ),
    Counterpart("mish", "torch.nn.functional.mish", lambda t, v, p, c: _nn(t).mish(v[0]), reals(1)),
    Counterpart(
        "selu",
        "torch.nn.functional.selu (λ₀₁, α₀₁ built in)",
        lambda t, v, p, c: _nn(t).selu(v[0]),
        reals(1),
        parameters=_selu_constants,
        kink=_is_zero,
        kink_text="x = 0",
    ),
    Counterpart(
        "celu",
        "torch.nn.functional.celu(alpha=α)",
        lambda t, v, p, c: _nn(t).celu(v[0], alpha=c),
        reals(1),
        constants=(1.0, 0.5, 2.5, 0.7),
        regions=(
            Region(
                "α not a float32: the backward's input scale is 1.0/alpha.toFloat() "
                "(tools/autograd/derivatives.yaml, celu), so the gradient for x < 0 is off by "
                "the relative rounding of α to float32",
                _not_float32,
                "float32",
            ),
        ),
    ),
    Counterpart(
        "softsign",
        "torch.nn.functional.softsign",
        lambda t, v, p, c: _nn(t).softsign(v[0]),
        reals(1),
    ),
    Counterpart(
        "hardtanh",
        "torch.nn.functional.hardtanh",
        lambda t, v, p, c: _nn(t).hardtanh(v[0]),
        reals(1),
        kink=_abs_is((1.0,)),
        kink_text="x = ±1",
    ),
    Counterpart(
        "hard_sigmoid",
        "torch.nn.functional.hardsigmoid",
        lambda t, v, p, c: _nn(t).hardsigmoid(v[0]),
        reals(1, kinks=(3.0, -3.0)),
        kink=_abs_is((3.0,)),
        kink_text="x = ±3",
        regions=(
            Region(
                "−3 < x < 3: the backward's slope is one_sixth(1.0f / 6.0f), 1/6 rounded to "
                "float32 (aten/src/ATen/native/cpu/Activation.cpp, hardsigmoid_backward_kernel)",
                lambda v, p, c: -3 < v[0] < 3,
                "float32",
            ),
        ),
    ),
    Counterpart(
        "hard_swish",
        "torch.nn.functional.hardswish",
        lambda t, v, p, c: _nn(t).hardswish(v[0]),
        reals(1, kinks=(3.0, -3.0)),
        kink=_abs_is((3.0,)),
        kink_text="x = ±3",
    ),
    Counterpart(
        "log_sigmoid",
        "torch.nn.functional.logsigmoid",
        lambda t, v, p, c: _nn(t).logsigmoid(v[0]),
        reals(1),
    ),
    Counterpart(
        "log_softmax",
        "torch.nn.functional.log_softmax(dim=-1)",
        lambda t, v, p, c: _nn(t).log_softmax(v, dim=-1),
        reals(3),
    ),
    Counterpart(
        "softmin",
        "torch.nn.functional.softmin(dim=-1)",
        lambda t, v, p, c: _nn(t).softmin(v, dim=-1),
        reals(3),
    ),
    Counterpart(
        "softplus_beta",
        "torch.nn.functional.softplus(beta=β, threshold=20)",
        lambda t, v, p, c: _nn(t).softplus(v[0], beta=c),
        reals(1),
        constants=(0.5, 2.0),
        constant_name="β",
        regions=(
            Region(
                "threshold: softplus(x) = x and softplus'(x) = 1 for βx > 20",
                lambda v, p, c: v[0] * c > 20,
            ),
        ),
    ),
    Counterpart(
        "huber",
        "torch.nn.functional.huber_loss(x, y, delta=δ)",
        lambda t, v, p, c: _nn(t).huber_loss(v[0], p[0], delta=c),
        reals(1),
        parameters=_residual_targets,
        constants=(1.0, 0.5, 2.0),
        constant_name="δ",
    ),
    Counterpart(
        "smooth_l1",
        "torch.nn.functional.smooth_l1_loss(x, y, beta=β)",
        lambda t, v, p, c: _nn(t).smooth_l1_loss(v[0], p[0], beta=c),
        reals(1),
        parameters=_residual_targets,
        constants=(1.0, 0.5, 2.0),
        constant_name="β",
    ),
    Counterpart(
        "label_smoothing_ce",
        "torch.nn.functional.cross_entropy(z, y, label_smoothing=ε) (probability targets)",
        lambda t, v, p, c: _nn(t).cross_entropy(v, p, label_smoothing=c),
        reals(3),
        parameters=targets(3, zeros=True),
        constants=(0.1, 0.3),
        constant_name="ε",
    ),
    Counterpart(
        "label_smoothing_ce",
        "torch.nn.functional.cross_entropy(z, c, label_smoothing=ε) (class index c)",
        _smoothed_class,
        reals(3),
        parameters=_one_hot,
        constants=(0.1, 0.3),
        constant_name="ε",
        note="a class index c is the one-hot y with y_c = 1",
    ),
    Counterpart(
        "bce_with_logits",
        "torch.nn.functional.binary_cross_entropy_with_logits(x, y)",
        lambda t, v, p, c: _nn(t).binary_cross_entropy_with_logits(v[0], p[0]),
        reals(1),
        parameters=targets(1, zeros=True),
    ),
    Counterpart(
        "kl_divergence_general",
        "torch.nn.functional.kl_div(log q, p, reduction='sum')",
        lambda t, v, p, c: _nn(t).kl_div(t.log(v), p, reduction="sum"),
        probabilities(3),
        parameters=_uniform(1e-6, 1.0, 3),
        note="kl_div takes the model's q as log-probabilities (input) and the target p as "
        "probabilities: Σ p(log p − log q) = KL(p‖q); p and q are not normalized here",
    ),
    Counterpart(
        "kl_divergence_general",
        "torch.nn.functional.kl_div(log q, log p, reduction='sum', log_target=True)",
        lambda t, v, p, c: _nn(t).kl_div(t.log(v), t.log(p), reduction="sum", log_target=True),
        probabilities(3),
        parameters=_uniform(1e-6, 1.0, 3),
    ),
    Counterpart(
        "nll",
        "torch.nn.functional.nll_loss(l, c) (class index c)",
        _nll,
        reals(3),
        parameters=_one_hot,
        note="a class index c is the one-hot y with y_c = 1",
    ),
    Counterpart(
        "poisson_nll",
        "torch.nn.functional.poisson_nll_loss(x, k, log_input=True, full=False)",
        lambda t, v, p, c: _nn(t).poisson_nll_loss(v[0], p[0], log_input=True, full=False),
        reals(1),
        parameters=_counts,
    ),
    Counterpart(
        "cosine_similarity",
        "torch.nn.functional.cosine_similarity(a, b, dim=0, eps=1e-8)",
        lambda t, v, p, c: _nn(t).cosine_similarity(v, p, dim=0),
        reals(3),
        parameters=_uniform(-3.0, 3.0, 3),
        gradient_scale=_cosine_terms,
        regions=(
            Region(
                "eps: a·b/(max(‖a‖, ε)·max(‖b‖, ε)), ε = 1e-8, where a norm is below ε",
                _tiny_norm,
            ),
        ),
    ),
    Counterpart(
        "batch_norm",
        "torch.nn.functional.batch_norm(training=True), L = Σ g_i y_i",
        _batch_norm,
        reals(3),
        parameters=_normalization(1),
        gradient_scale=_batch_norm_terms,
        forward_scale=_batch_norm_size,
        note="the batch's mean and biased variance normalize, as in the catalog",
    ),
    Counterpart(
        "layer_norm",
        "torch.nn.functional.layer_norm, L = Σ g_i y_i",
        _layer_norm,
        reals(3),
        parameters=_normalization(3),
        gradient_scale=_layer_norm_terms,
        forward_scale=_layer_norm_size,
    ),
    Counterpart(
        "attention",
        "torch.nn.functional.scaled_dot_product_attention, L = Σ G∘O",
        _attention,
        reals(4),
        parameters=_uniform(-3.0, 3.0, 12),
        note="∂L/∂V, the catalog's derivative; ∂L/∂Q and ∂L/∂K follow from their claims",
    ),
    Counterpart(
        "attention",
        "torch.nn.functional.scaled_dot_product_attention, L = Σ G∘O, by Q",
        _attention_by(0),
        reals(4, large=False),
        parameters=_uniform(-3.0, 3.0, 12),
        claim="attention.gradient.queries",
        gradient_scale=_attention_terms,
        wrt=("q11", "q12", "q21", "q22"),
    ),
    Counterpart(
        "attention",
        "torch.nn.functional.scaled_dot_product_attention, L = Σ G∘O, by K",
        _attention_by(1),
        reals(4, large=False),
        parameters=_uniform(-3.0, 3.0, 12),
        claim="attention.gradient.keys",
        gradient_scale=_attention_terms,
        wrt=("k11", "k12", "k21", "k22"),
    ),
    Counterpart(
        "batch_norm",
        "torch.nn.functional.batch_norm(training=True), L = Σ g_i y_i, by γ and β",
        _batch_norm_affine,
        reals(2, large=False),
        parameters=lambda rng, v: (
            *(rng.uniform(-3, 3) for _ in range(3)),
            rng.choice((1e-5, 1e-3, 0.1, 1.0)),
            *(rng.uniform(-3, 3) for _ in range(3)),
        ),
        claim="batch_norm.backward.gamma-beta",
        wrt=("gamma", "beta"),
    ),
    Counterpart(
        "layer_norm",
        "torch.nn.functional.layer_norm, L = Σ g_i y_i, by the gains c",
        _layer_norm_gain,
        reals(3),
        parameters=lambda rng, v: (
            *(rng.uniform(-3, 3) for _ in range(6)),
            rng.choice((1e-5, 1e-3, 0.1, 1.0)),
            *(rng.uniform(-3, 3) for _ in range(3)),
        ),
        claim="layer_norm.gain-gradient",
        wrt=("c1", "c2", "c3"),
    ),
    Counterpart(
        "rnn_bptt",
        "torch.rnn_tanh_cell (nn.RNNCell, tanh) twice, L = ½(h₂ − y)²",
        _rnn,
        reals(3, large=False),
        parameters=_uniform(-3.0, 3.0, 6),
        gradient_scale=_rnn_terms,
        note="W_hh = w, W_ih = u, b_ih = b, b_hh = 0",
    ),
    Counterpart(
        "dropout",
        "torch.nn.functional.dropout(training=True) under a seed that draws the mask m",
        _dropout,
        reals(3),
        parameters=_dropout_parameters,
        note="PyTorch draws its own mask: the seed is chosen so that it draws the mask m",
    ),
)

COUNTERPARTS: tuple[Counterpart, ...] = (*DOCUMENT_COUNTERPARTS, *MODERN_COUNTERPARTS)

#: Catalog formulas PyTorch has no counterpart of the same meaning for, and why.
UNMAPPED: dict[str, str] = {
    "hinge": "torch's hinge_embedding_loss is x for y = 1 and max(0, margin − x) for y = −1, "
    "not max(0, 1 − y·wᵀx)",
    "cross_entropy_mean": "torch's cross_entropy and nll_loss take logits or log-probabilities "
    "and class targets; none averages −y_i log ŷ_i over the components of probabilities ŷ",
    "log_cosh": "torch has no log-cosh loss (it is Keras's tf.keras.losses.LogCosh)",
    "focal": "torch.nn.functional has no focal loss; torchvision.ops.sigmoid_focal_loss "
    "(labels in {0, 1}) is in torchvision, not in torch",
    "squared_hinge": "torch has no binary squared hinge; multi_margin_loss(p=2) is the "
    "multi-class Σ_{i≠c} max(0, 1 − x_c + x_i)²/C of a score vector, a different function",
    "residual_block": "a residual block is a composition the user writes (x + F(x)), not a "
    "PyTorch function",
}
