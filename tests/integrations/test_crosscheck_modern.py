"""``derive crosscheck`` for the formulas of modern networks, and the kink conventions the
catalog records for PyTorch, pinned against PyTorch's autograd (skipped without PyTorch)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from derivations.catalog import CATALOG, activations, layers, losses
from derivations.integrations.torch.compare import TorchMissing, compare, import_torch
from derivations.integrations.torch.counterparts import (
    COUNTERPARTS,
    MODERN_COUNTERPARTS,
    UNMAPPED,
    Counterpart,
    _dropout_seed,
)

try:
    torch = import_torch()
except TorchMissing:
    pytest.skip("PyTorch is not installed (pip install '.[torch]')", allow_module_level=True)

F = torch.nn.functional
MODERN = {f.name for family in (activations, losses, layers) for f in family.MODERN}


def part(name: str, torch_call: str = "") -> Counterpart:
    return next(p for p in COUNTERPARTS if p.formula == name and torch_call in p.torch)


def grad(fn: Callable[[Any], Any], x: float) -> float:
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    (g,) = torch.autograd.grad(fn(t), t)
    return float(g)


def test_every_modern_formula_is_compared_or_listed_with_a_reason() -> None:
    compared = {p.formula for p in MODERN_COUNTERPARTS}
    listed = set(UNMAPPED) & MODERN
    assert compared | listed == MODERN
    assert not compared & listed
    assert all(len(reason) > 40 for name, reason in UNMAPPED.items() if name in MODERN)


@pytest.mark.slow  # every counterpart against a 400-digit reference
@pytest.mark.parametrize(
    "counterpart",
    MODERN_COUNTERPARTS,
    ids=lambda p: p.claim or f"{p.formula}:{p.torch.split()[0]}",
)
def test_every_modern_counterpart_agrees_with_the_catalog(counterpart: Counterpart) -> None:
    # 40 points keep the suite short; the specials (0, ties, ±1, ±3, ±20, ±700) come first.
    for constant in counterpart.constants or (None,):
        result = compare(counterpart, constant=constant, count=40)
        assert result.ok, (constant, result.forward.worst, result.gradient.worst)


def test_a_wrong_modern_counterpart_is_a_disagreement() -> None:
    wrong = dataclasses.replace(
        part("gelu"), call=lambda t, v, p, c: t.nn.functional.gelu(v[0], approximate="tanh")
    )
    result = compare(wrong, count=40)
    assert not result.ok  # the tanh approximation is not xΦ(x): errors up to 4.7e-4
    assert result.forward.failures > 0


def test_float32_constants_are_reported_and_would_fail_if_they_were_not_declared() -> None:
    celu = compare(part("celu"), constant=0.7, count=40)
    (region,) = celu.regions
    assert celu.ok and region.kind == "float32" and region.points == celu.points
    assert 1e-9 < region.gradient.max_abs < 1e-7  # 1/float32(0.7) vs 1/0.7, relative 1.7e-8
    bare = compare(dataclasses.replace(part("celu"), regions=()), constant=0.7, count=40)
    assert bare.gradient.failures > 0
    hard = compare(dataclasses.replace(part("hard_sigmoid"), regions=()), count=40)
    assert hard.gradient.failures > 0  # float32(1/6) in a float64 backward


def test_cosine_similarity_eps_is_a_documented_convention() -> None:
    result = compare(part("cosine_similarity"), count=40)
    (region,) = result.regions
    assert result.ok and region.points > 0 and region.forward.failures > 0
    bare = compare(dataclasses.replace(part("cosine_similarity"), regions=()), count=40)
    assert not bare.ok


def test_dropout_is_compared_under_the_mask_torch_draws() -> None:
    seed = _dropout_seed(torch, (1.0, 0.0, 1.0), 0.5)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        y = F.dropout(torch.tensor([2.0, 3.0, 4.0], dtype=torch.float64), 0.5, training=True)
    assert y.tolist() == [4.0, 0.0, 8.0]


# --- the conventions at kinks ------------------------------------------------------------------


def recorded(name: str) -> str:
    """Every convention the catalog records for ``name`` with PyTorch among its users."""
    return "; ".join(
        f"{c.point}: {c.value}"
        for c in CATALOG[name].conventions
        if any("PyTorch" in u for u in c.used_by)
    )


def test_hard_swish_convention_at_minus_three_and_three() -> None:
    # torch 2.13: hardswish_backward is 0 for x <= -3 and 1 for x >= 3 (the outer values).
    assert grad(F.hardswish, -3.0) == 0.0
    assert grad(F.hardswish, 3.0) == 1.0
    assert "0 at −3, 1 at 3" in recorded("hard_swish")


def test_hard_sigmoid_convention_at_plus_minus_three() -> None:
    assert grad(F.hardsigmoid, -3.0) == 0.0
    assert grad(F.hardsigmoid, 3.0) == 0.0
    assert recorded("hard_sigmoid") == "x = ±3: 0"


def test_relu6_is_zero_at_its_kinks_like_hard_sigmoid() -> None:
    assert grad(F.relu6, 0.0) == 0.0
    assert grad(F.relu6, 6.0) == 0.0
    for x in (-3.0, 3.0):  # ReLU6(x + 3)/6 through autograd is PyTorch's hardsigmoid there
        assert grad(lambda t: F.relu6(t + 3) / 6, x) == grad(F.hardsigmoid, x)


def test_hardtanh_convention_at_plus_minus_one() -> None:
    assert grad(F.hardtanh, -1.0) == 0.0
    assert grad(F.hardtanh, 1.0) == 0.0
    assert recorded("hardtanh") == "x = ±1: 0"


def test_selu_convention_at_zero_is_the_left_value() -> None:
    alpha, lam = 1.6732632423543772848170429916717, 1.0507009873554804934193349852946
    assert grad(F.selu, 0.0) == pytest.approx(lam * alpha, rel=1e-15)
    assert recorded("selu") == "x = 0: λα, the left one-sided value"


def test_celu_convention_at_zero() -> None:
    for alpha in (0.5, 1.0, 2.0):  # exactly representable in float32 (see the report for 0.7)
        assert grad(lambda t, a=alpha: F.celu(t, alpha=a), 0.0) == 1.0
    assert CATALOG["celu"].conventions[0].value.startswith("1 ")


def test_the_command_reports_the_hard_swish_kinks_beside_the_record() -> None:
    result = compare(part("hard_swish"), count=40)
    assert sorted((k.torch, k.left, k.right) for k in result.kinks) == [
        ("0.0", "0", "-0.5"),
        ("1.0", "1.5", "1"),
    ]
    assert any("0 at −3, 1 at 3" in c for c in result.conventions)
