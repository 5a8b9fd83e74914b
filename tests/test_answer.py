"""``derive "EXPR" [--wrt] [--claim]``: a verdict on the student's answer, with exit codes."""

from __future__ import annotations

import json

from click.testing import CliRunner
from derivations.cli.main import cli


def test_differentiates_and_proves_its_own_answer() -> None:
    result = CliRunner().invoke(cli, ["x^2*sigmoid(x)"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "  expression   x^2*σ(x)\n  d/dx         x*σ(x)*(2 + x*(1 - σ(x)))   (proved)\n"
    )


def test_wrong_answer_is_refuted_with_counterexample_and_correction() -> None:
    result = CliRunner().invoke(cli, ["x^3", "--claim", "3*x"])
    assert result.exit_code == 1
    assert "✗ refuted" in result.output
    assert "counterexample: x = " in result.output
    assert "correct derivative: 3*x^2" in result.output


def test_right_answer_is_proved() -> None:
    result = CliRunner().invoke(cli, ["tanh(x)", "--claim", "1 - tanh(x)**2"])
    assert result.exit_code == 0
    assert "✓ proved" in result.output


def test_kink_is_reported() -> None:
    result = CliRunner().invoke(cli, ["relu(x)", "--claim", "1"])
    assert result.exit_code == 1
    assert "refuted" in result.output


def test_json_has_the_shape_of_check() -> None:
    result = CliRunner().invoke(cli, ["x*y", "--wrt", "y", "--claim", "2*x", "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert set(data) == {"claims", "summary"}
    (claim,) = data["claims"]
    assert claim["verdict"] == "refuted"
    assert claim["correction"] == r"\frac{\partial}{\partial y} x y = x"
    assert data["summary"]["refuted"] == 1


def test_several_variables_without_wrt_is_an_input_error() -> None:
    result = CliRunner().invoke(cli, ["x*y"])
    assert result.exit_code == 2
    assert (
        result.output
        == "derive: error: the expression has several variables (x, y); choose one with --wrt\n"
    )


def test_bad_claim_is_located() -> None:
    result = CliRunner().invoke(cli, ["x^2", "--claim", "2*x.real"])
    assert result.exit_code == 2
    assert result.output == "derive: error: --claim:1:4: operator '.' is not allowed\n"


def test_misspelt_formula_still_gets_suggestions() -> None:
    result = CliRunner().invoke(cli, ["tahn"])
    assert result.exit_code == 2
    assert "did you mean tanh" in result.output
