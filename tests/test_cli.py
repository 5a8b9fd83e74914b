"""The command line, through click's CliRunner: exit codes and output."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from derivations.cli.main import cli


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_show_sigmoid_states_definition_derivative_and_claims(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["sigmoid"])
    assert result.exit_code == 0, result.output
    assert "definition   σ(x) = 1/(1 + exp(-x))" in result.output
    assert "derivative   (1 - σ(x))*σ(x)   (proved)" in result.output
    assert "sigmoid.derivative.output-form" in result.output
    assert "000_3d7fee2bb648fd9a.txt" in result.output


def test_unknown_name_is_one_line_with_suggestions_and_exit_2(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["sigmod"])
    assert result.exit_code == 2
    assert result.output == "derive: error: unknown formula or command 'sigmod'; did you mean sigmoid, sigma?\n"


def test_list_has_one_line_per_formula(runner: CliRunner) -> None:
    from derivations.catalog import CATALOG

    result = runner.invoke(cli, ["list"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == list(CATALOG)


def test_bad_option_value_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", "--format", "yaml"])
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.output
