"""``derive crosscheck``: the catalog against PyTorch (skipped when PyTorch is not installed)."""

from __future__ import annotations

import dataclasses
import json

import pytest
from click.testing import CliRunner
from derivations.cli.main import cli

from derivations.integrations.torch.compare import TorchMissing, compare, import_torch
from derivations.integrations.torch.counterparts import COUNTERPARTS, Counterpart

try:
    import_torch()
except TorchMissing:
    pytest.skip("PyTorch is not installed (pip install '.[torch]')", allow_module_level=True)


def part(name: str) -> Counterpart:
    return next(p for p in COUNTERPARTS if p.formula == name)


@pytest.mark.slow  # every counterpart against a 400-digit reference
@pytest.mark.parametrize("counterpart", COUNTERPARTS, ids=lambda p: p.formula)
def test_every_counterpart_agrees_with_the_catalog(counterpart: Counterpart) -> None:
    # Fewer points than the command's 1000 keep the suite short; the specials come first.
    for constant in counterpart.constants or (None,):
        result = compare(counterpart, constant=constant, count=60)
        assert result.ok, (result.forward.worst, result.gradient.worst)
        assert result.points >= 60


@pytest.mark.slow  # 1000 points against a 400-digit reference
def test_the_command_compares_at_least_1000_points_and_lists_relus_convention() -> None:
    result = CliRunner().invoke(cli, ["crosscheck", "relu", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (relu,) = data["comparisons"]
    assert relu["points"] >= 1000 and relu["ok"]
    assert relu["gradient"]["values"] == relu["points"] - 1  # all but the kink at 0
    assert relu["kinks"] == [
        {
            "derivative": "∂/∂x",
            "torch": "0.0",
            "left": "0",
            "right": "1",
            "example": "(0.0)",
            "count": 1,
        }
    ]


def test_leaky_relu_and_elu_take_the_left_derivative_at_zero() -> None:
    leaky = compare(part("leaky_relu"), constant=0.2, count=30)
    assert [(k.torch, k.left, k.right) for k in leaky.kinks] == [("0.2", "0.2", "1")]
    elu = compare(part("elu"), constant=2.0, count=30)
    assert [(k.torch, k.left, k.right) for k in elu.kinks] == [("2.0", "2.0", "1")]


def test_softplus_threshold_is_reported_and_would_fail_if_it_were_not_declared() -> None:
    declared = compare(part("softplus"), count=30)
    assert declared.ok
    (region,) = declared.regions
    assert region.points > 0 and 1e-10 < region.gradient.max_abs < 1e-8  # σ(21) vs torch's 1
    undeclared = compare(dataclasses.replace(part("softplus"), regions=()), count=30)
    assert not undeclared.ok
    assert undeclared.gradient.failures > 0


def test_a_wrong_counterpart_is_a_disagreement() -> None:
    wrong = dataclasses.replace(part("sigmoid"), call=lambda t, v, p, c: t.sigmoid(1.01 * v[0]))
    result = compare(wrong, count=30)
    assert not result.ok
    assert result.forward.failures > 0 and result.gradient.failures > 0
    assert result.forward.worst.startswith("(")


def test_maxout_ties_are_conventions_not_failures() -> None:
    result = compare(part("maxout"), count=30)
    assert result.ok
    assert {k.torch for k in result.kinks} >= {"0.3333333333333333", "0.5"}


def test_unmapped_formulas_are_listed_with_the_reason() -> None:
    result = CliRunner().invoke(cli, ["crosscheck", "hinge"])
    assert result.exit_code == 0
    assert "hinge: torch's hinge_embedding_loss" in result.output
