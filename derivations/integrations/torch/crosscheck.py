r"""``derive crosscheck``: the catalog's formulas against PyTorch's implementations.

For every catalog formula that PyTorch implements (a :class:`Counterpart` below), the
forward value and the autograd gradient that PyTorch computes in float64 are compared with
the catalog's symbolic definition and closed-form derivative (``Formula.derivative``, which
``derive check`` proves), evaluated at the same float64 inputs with mpmath at 400 significant
digits, so the reference carries no round-off of its own (1 + e^{-700} and 1 + 10^{-300} keep
80 digits past the 1). At least 1000 points a formula (and a parameter value): uniform and
log-uniform samples, the kinks (exactly 0, ties) and large magnitudes (±20, ±30, ±700 for
activations and logits; 1e-50 and 1 − 1e-12 for probabilities).

A value passes when PyTorch's ``t`` and the reference ``r`` satisfy

.. math:: |t - r| \le \mathrm{RTOL}\,|r| + \mathrm{ATOL},
          \qquad \mathrm{RTOL} = 10^{-12},\ \mathrm{ATOL} = 10^{-15}

RTOL is about 4500 units in the last place, far above the round-off of a few operations and
far below a wrong factor or term. ATOL is a few units in the last place of 1: PyTorch computes
some derivatives from the outputs of order 1, such as σ'(x) = σ(x)(1 − σ(x)) at x = 20, where
1 − σ(x) keeps an absolute error of 1e-16 and so a relative one of 1e-8; that is round-off of
the order-1 quantities, not a disagreement. Two kinds of point are reported instead of failed:

* *kinks*, where the derivative does not exist (ReLU at 0, a tie of maxout): PyTorch's
  gradient there is a convention; it is listed beside the one-sided derivatives and the
  conventions the catalog records;
* *documented conventions* of PyTorch that change values on purpose (softplus returns x
  above ``threshold = 20``; binary cross-entropy clamps the log at −100): the points inside
  the region are listed with their largest error.

Formulas PyTorch has no exact counterpart for are listed with the reason (the hinge loss:
``hinge_embedding_loss`` is a different function). Torch is optional
(``pip install ".[torch]"``); without it :func:`crosscheck` raises :class:`TorchMissing`.
"""

from __future__ import annotations

import json
import math
import random
import struct
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from derivations.errors import DeriveError

RTOL = 1e-12
ATOL = 1e-15
#: Digits of the reference: enough that 1 + 1e-300 and 1 + e^-700 keep 80 digits beyond the 1.
DIGITS = 400
POINTS = 1000
SEED = 20261121


class TorchMissing(DeriveError):
    """PyTorch is not installed."""


def import_torch() -> Any:
    """``torch``, imported without its warning about a missing NumPy (we pass no arrays)."""
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Failed to initialize NumPy")
            import torch
    except ImportError:
        raise TorchMissing(
            'PyTorch is not installed: pip install "derive[torch]" (torch==2.13.0, CPU)'
        ) from None
    return torch


# --- inputs -----------------------------------------------------------------------------------

Point = tuple[float, ...]
LARGE = (20.0, 21.0, 30.0, 700.0)


Draw = Callable[[random.Random, int], list[Point]]


def _pad(points: list[Point], make: Callable[[], Point], count: int) -> list[Point]:
    """``points`` followed by random ones up to ``count`` (all of them when there are more)."""
    while len(points) < count:
        points.append(make())
    return points


def reals(k: int, *, large: bool = True, kinks: Sequence[float] = ()) -> Draw:
    """Points of ``k`` real coordinates: 0, ties, ±1, large magnitudes, then random ones.

    ``kinks`` are further special values (hard sigmoid's ±3), each drawn exactly.
    """

    def draw(rng: random.Random, count: int) -> list[Point]:
        specials = [0.0, 1.0, -1.0, 1e-300, -1e-300, 0.5, -0.5, *kinks]
        if large:
            specials += [s * m for m in LARGE for s in (1.0, -1.0)]

        def uniform() -> float:
            if rng.random() < 0.5:
                return rng.uniform(-10, 10)
            return rng.choice((1.0, -1.0)) * 10 ** rng.uniform(-8, 2.8 if large else 1)

        points: list[Point] = []
        if k == 1:
            points = [(s,) for s in specials]
        else:
            for s in specials:
                for j in range(k):
                    row = [uniform() for _ in range(k)]
                    row[j] = s
                    points.append(tuple(row))
                points.append((s,) * k)  # a tie of every coordinate
            for _ in range(20):
                v = uniform()
                points.append((v, v, *(uniform() for _ in range(k - 2))))  # a tie of two
        return _pad(points, lambda: tuple(uniform() for _ in range(k)), count)

    return draw


def probabilities(k: int) -> Draw:
    """Points in (0, 1)^k: 1/2, values near 0 and near 1, then random ones."""

    def draw(rng: random.Random, count: int) -> list[Point]:
        specials = [0.5, 1e-12, 1 - 1e-12, 1e-50, 0.999, 0.001]

        def uniform() -> float:
            if rng.random() < 0.8:
                return rng.uniform(1e-6, 1 - 1e-6)
            return 10 ** rng.uniform(-15, -1)

        points = [tuple([s] * k) for s in specials]
        for s in specials:
            for j in range(k):
                row = [uniform() for _ in range(k)]
                row[j] = s
                points.append(tuple(row))
        return _pad(points, lambda: tuple(uniform() for _ in range(k)), count)

    return draw


def targets(k: int, *, zeros: bool = False) -> Callable[[random.Random, Point], Point]:
    """Targets in [0, 1]^k for a point: random, sometimes one-hot (exact zeros) when ``zeros``."""

    def draw(rng: random.Random, _point: Point) -> Point:
        if zeros and rng.random() < 0.25:
            hot = rng.randrange(k)
            return tuple(1.0 if j == hot else 0.0 for j in range(k))
        return tuple(rng.random() for _ in range(k))

    return draw


# --- counterparts -----------------------------------------------------------------------------


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
    from derivations.catalog.activations import SELU_ALPHA, SELU_LAMBDA

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


# --- the reference ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """The catalog's definition and derivative as mpmath functions of (variables, parameters)."""

    value: Callable[..., Any]
    gradient: list[list[Callable[..., Any]]]
    derivative_text: str
    shape: tuple[int, int]
    variables: tuple[str, ...] = ()


def reference(name: str, claim: str = "", wrt: Sequence[str] = ()) -> Reference:
    """Lambdify a catalog formula's definition and closed-form derivative for mpmath.

    The expressions are the catalog's own (no user text). The gradient is an
    ``outputs × variables`` array; a kink's Heaviside step becomes NaN at the step, since the
    derivative does not exist there. With ``claim`` (the id of a claim the catalog expects to
    be proved), the gradient is that claim's right side, by the symbols named ``wrt`` (row by
    row for a matrix), and those symbols are the variables; the formula's other symbols follow
    as parameters in their order.
    """
    import sympy as sp

    from derivations.catalog import CATALOG
    from derivations.symbolic.functions import sigmoid, softmax, softplus
    from derivations.symbolic.printing import text

    formula = CATALOG[name]
    args = [*formula.variables, *formula.parameters]
    variables = tuple(formula.variables)
    definition = formula.definition
    derivative = formula.derivative
    if claim:
        (chosen,) = [c for c in formula.claims if c.id == claim]
        assert chosen.expected.value == "proved", claim
        variables = tuple(next(a for a in args if str(a) == w) for w in wrt)
        args = [*variables, *(a for a in args if a not in variables)]
        derivative = sp.Matrix(chosen.rhs).reshape(1, len(variables)).T
    assert derivative is not None, name

    def numeric(expr: Any) -> Callable[..., Any]:
        # Only the catalog's own functions become exp: mpmath has tanh, and tanh's exp form
        # would cancel catastrophically near 0.
        expr = expr.rewrite([sigmoid, softplus, softmax], sp.exp).replace(
            sp.Heaviside, lambda a, *_: sp.Piecewise((0, a < 0), (1, a > 0), (sp.nan, True))
        )
        return sp.lambdify(args, expr, modules="mpmath")

    k = len(variables)
    if isinstance(definition, sp.MatrixBase):
        value = numeric(definition)
        matrix = sp.Matrix(derivative)
        outputs = definition.rows
    else:
        value = numeric(definition)
        matrix = sp.Matrix(derivative).reshape(1, k) if k > 1 else sp.Matrix([[derivative]])
        outputs = 1
    gradient = [[numeric(matrix[i, j]) for j in range(k)] for i in range(outputs)]
    return Reference(
        value, gradient, text(derivative), (outputs, k), tuple(str(v) for v in variables)
    )


# --- the comparison -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Errors:
    """The largest absolute and relative errors over the compared values, and where."""

    values: int = 0
    max_abs: float = 0.0
    max_rel: float = 0.0
    failures: int = 0
    worst: str = ""


@dataclass
class _Tally:
    values: int = 0
    max_abs: float = 0.0
    max_rel: float = 0.0
    failures: int = 0
    worst: str = ""
    worst_err: float = -1.0

    def add(self, got: float, want: Any, where: str, atol: float = ATOL) -> None:
        import mpmath

        self.values += 1
        if mpmath.isnan(want):
            return
        if math.isnan(got) or math.isinf(got):
            same = math.isinf(got) and mpmath.isinf(want) and (got > 0) == (want > 0)
            err = rel = 0.0 if same else math.inf
            bad = not same
        else:
            diff = abs(mpmath.mpf(got) - want)
            err = float(diff)
            rel = float(diff / abs(want)) if want != 0 else (0.0 if diff == 0 else math.inf)
            bad = diff > RTOL * abs(want) + atol
        self.max_abs = max(self.max_abs, err)
        self.max_rel = max(self.max_rel, rel)
        shown = f"{where}: torch {got!r}, catalog {mpmath.nstr(want, 17)}"
        if bad:
            self.failures += 1
            if self.failures == 1:
                self.worst = shown  # the first failure, kept
        elif self.failures == 0 and rel > self.worst_err:
            self.worst_err, self.worst = rel, shown

    def done(self) -> Errors:
        return Errors(self.values, self.max_abs, self.max_rel, self.failures, self.worst)


@dataclass(frozen=True)
class KinkValue:
    """PyTorch's gradient at kinks beside the catalog's one-sided derivatives there.

    ``count`` kinks gave the same values; ``example`` is the first of them.
    """

    derivative: str
    torch: str
    left: str
    right: str
    example: str
    count: int


@dataclass(frozen=True)
class RegionReport:
    """A documented convention of PyTorch and how far its values go from the formula there."""

    text: str
    points: int
    forward: Errors
    gradient: Errors
    kind: str = "convention"


@dataclass(frozen=True)
class Comparison:
    """One formula against its PyTorch counterpart."""

    formula: str
    torch: str
    constant: float | None
    points: int
    forward: Errors
    gradient: Errors
    kinks: tuple[KinkValue, ...]
    kink_text: str
    regions: tuple[RegionReport, ...]
    conventions: tuple[str, ...]
    constant_name: str = "α"
    note: str = ""
    claim: str = ""

    @property
    def ok(self) -> bool:
        return self.forward.failures == 0 and self.gradient.failures == 0


@dataclass(frozen=True)
class CrossCheck:
    comparisons: tuple[Comparison, ...]
    unmapped: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    torch_version: str = ""

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.comparisons)


def _fmt(v: Point) -> str:
    return "(" + ", ".join(repr(x) for x in v) + ")"


def _torch_values(
    torch: Any, part: Counterpart, v: Point, p: Point, c: float
) -> tuple[list[float], list[list[float]]]:
    """PyTorch's forward values and gradient (outputs × variables) at one point."""
    var = torch.tensor(v, dtype=torch.float64, requires_grad=True)
    par = torch.tensor(p, dtype=torch.float64)
    out = part.call(torch, var, par, c).reshape(-1)
    values = [float(o) for o in out.detach()]
    rows = []
    for i in range(out.numel()):
        (grad,) = torch.autograd.grad(
            out[i], var, retain_graph=i + 1 < out.numel(), allow_unused=True
        )
        rows.append([0.0] * len(v) if grad is None else [float(g) for g in grad.reshape(-1)])
    return values, rows


def _digits(v: Point, p: Point, c: float) -> int:
    """Digits enough for this point: exponentials of arguments up to ``M`` lose ``M/ln 10``."""
    scale = max([1.0, abs(c), *(abs(x) for x in p)])
    return DIGITS + math.ceil(sum(abs(x) for x in v) * scale / math.log(10))


def _at(f: Callable[..., Any], args: list[Any]) -> Any:
    """``f(*args)``, or NaN where the catalog's expression divides by zero (undefined there:
    cosine similarity of a zero vector); such a point is compared nowhere but counted."""
    import mpmath

    try:
        return f(*args)
    except ZeroDivisionError:
        return mpmath.nan


def _one_sided(ref: Reference, args: list[Any], i: int, j: int, side: int) -> str:
    """The catalog's derivative just beside a kink: variable ``j`` moved by ``side``·1e-100."""
    import mpmath

    moved = list(args)
    moved[j] += side * mpmath.mpf(10) ** -100
    return str(mpmath.nstr(ref.gradient[i][j](*moved), 6))


@dataclass
class _Tallies:
    forward: _Tally = field(default_factory=_Tally)
    gradient: _Tally = field(default_factory=_Tally)
    points: int = 0


def compare(
    part: Counterpart, *, constant: float | None = None, seed: int = SEED, count: int = POINTS
) -> Comparison:
    """Forward values and gradients of ``part`` at ``count`` or more points."""
    import mpmath

    from derivations.catalog import CATALOG

    torch = import_torch()
    ref = reference(part.formula, part.claim, part.wrt)
    formula = CATALOG[part.formula]
    rng = random.Random(f"{seed}:{part.formula}:{constant}")
    points = part.points(rng, count)
    main = _Tallies()
    regions = [_Tallies() for _ in part.regions]
    kinks: dict[tuple[str, str, str, str], tuple[str, int]] = {}
    c = constant if constant is not None else 0.0
    for v in points:
        p = part.parameters(rng, v) if part.parameters else ()
        tv, tg = _torch_values(torch, part, v, p, c)
        where = _fmt(v) + (f" with {_fmt(p)}" if p else "")
        inside = [k for k, r in enumerate(part.regions) if r.contains(v, p, c)]
        tally = regions[inside[0]] if inside else main
        tally.points += 1
        with mpmath.workdps(_digits(v, p, c)):
            args = [mpmath.mpf(x) for x in (*v, *p, *((c,) if constant is not None else ()))]
            scale = part.gradient_scale(v, p, c) if part.gradient_scale else 1.0
            forward_scale = part.forward_scale(v, p, c) if part.forward_scale else 1.0
            want = _at(ref.value, args)
            if ref.shape[0] == 1 or want is mpmath.nan:
                wants = [want] * ref.shape[0]
            else:
                wants = [want[i] for i in range(ref.shape[0])]
            for got, w in zip(tv, wants, strict=True):
                tally.forward.add(got, w, where, ATOL * max(1.0, forward_scale))
            for i in range(ref.shape[0]):
                for j in range(ref.shape[1]):
                    if not part.kink(v):
                        grad = _at(ref.gradient[i][j], args)
                        tally.gradient.add(tg[i][j], grad, where, ATOL * max(1.0, scale))
                        continue
                    left, right = (_one_sided(ref, args, i, j, side) for side in (-1, 1))
                    if tg[i][j] == 0 and left == right:
                        continue
                    label = f"∂/∂{ref.variables[j]}"
                    if ref.shape[0] > 1:
                        label += f" of output {i + 1}"
                    key = (label, repr(tg[i][j]), left, right)
                    first, seen = kinks.get(key, (where, 0))
                    kinks[key] = (first, seen + 1)
    return Comparison(
        part.formula,
        part.torch,
        constant,
        len(points),
        main.forward.done(),
        main.gradient.done(),
        tuple(
            KinkValue(label, value, left, right, first, seen)
            for (label, value, left, right), (first, seen) in kinks.items()
        ),
        part.kink_text,
        tuple(
            RegionReport(r.text, t.points, t.forward.done(), t.gradient.done(), r.kind)
            for r, t in zip(part.regions, regions, strict=True)
        ),
        tuple(
            f"{conv.point}: derivative {conv.value}"
            + (f" ({', '.join(conv.used_by)})" if conv.used_by else "")
            for conv in formula.conventions
        ),
        part.constant_name,
        part.note,
        part.claim,
    )


def crosscheck(names: Sequence[str] = (), *, count: int = POINTS) -> CrossCheck:
    """Compare every counterpart (or those of ``names``) with PyTorch."""
    torch = import_torch()
    parts = [p for p in COUNTERPARTS if not names or p.formula in names]
    comparisons = []
    for part in parts:
        for constant in part.constants or (None,):
            comparisons.append(compare(part, constant=constant, count=count))
    unmapped = tuple((n, r) for n, r in UNMAPPED.items() if not names or n in names)
    return CrossCheck(tuple(comparisons), unmapped, str(torch.__version__))


def to_json(result: CrossCheck) -> str:
    """The cross-check as JSON (errors as floats, in the order of the comparisons)."""

    def errors(e: Errors) -> dict[str, Any]:
        return {
            "values": e.values,
            "max_abs": e.max_abs,
            "max_rel": e.max_rel,
            "failures": e.failures,
            "worst": e.worst,
        }

    data = {
        "torch": result.torch_version,
        "rtol": RTOL,
        "atol": ATOL,
        "comparisons": [
            {
                "formula": c.formula,
                "torch": c.torch,
                "constant": c.constant,
                "constant_name": c.constant_name,
                "claim": c.claim,
                "points": c.points,
                "ok": c.ok,
                "forward": errors(c.forward),
                "gradient": errors(c.gradient),
                "kinks": [vars(k) for k in c.kinks],
                "regions": [
                    {
                        "text": r.text,
                        "kind": r.kind,
                        "points": r.points,
                        "forward": errors(r.forward),
                        "gradient": errors(r.gradient),
                    }
                    for r in c.regions
                ],
                "conventions": list(c.conventions),
                "note": c.note,
            }
            for c in result.comparisons
        ],
        "unmapped": [{"formula": n, "reason": r} for n, r in result.unmapped],
        "ok": result.ok,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
