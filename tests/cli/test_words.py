"""What the first word of ``derive WORD ...`` means: a command, a formula, a misspelt command,
or an expression (one that starts with a minus included); the defaults of the options."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from derivations.cli.main import available_cpus, cli


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize(
    ("word", "command"),
    [("chek", "check"), ("crosschek", "crosscheck"), ("notse", "notes"), ("lst", "list")],
)
def test_a_word_close_to_a_command_is_an_error_with_did_you_mean(
    runner: CliRunner, word: str, command: str
) -> None:
    result = runner.invoke(cli, [word])
    assert result.exit_code == 2
    assert result.output.startswith(f"derive: error: unknown formula or command {word!r}; ")
    assert f"did you mean {command}?" in result.output
    assert len(result.output.splitlines()) == 1


def test_a_misspelt_command_with_its_arguments_is_the_same_error_not_show_usage(
    runner: CliRunner,
) -> None:
    result = runner.invoke(cli, ["notse", "out/"])
    assert result.exit_code == 2
    assert "did you mean notes?" in result.output
    assert "derive show" not in result.output.split(";")[0]
    assert "Usage" not in result.output


def test_a_word_close_to_a_command_is_an_expression_when_a_claim_is_given(
    runner: CliRunner,
) -> None:
    result = runner.invoke(cli, ["chek", "--claim", "1"])
    assert result.exit_code == 0, result.output
    assert "d/dchek" in result.output


def test_a_word_far_from_every_command_and_formula_is_an_expression(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["zq"])
    assert result.exit_code == 0, result.output
    assert "d/dzq" in result.output


def test_an_expression_that_starts_with_a_minus_is_not_an_option(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["-log(sigmoid(x))", "--claim", "sigmoid(x) - 1"])
    assert result.exit_code == 0, result.output
    assert "expression   -log(σ(x))" in result.output
    assert "✓ proved" in result.output


def test_a_negated_expression_after_show_and_after_its_options(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["show", "--claim", "-1/x", "--", "-log(x)"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["show", "--claim", "-1/x", "-log(x)"])
    assert result.exit_code == 0, result.output
    assert "expression   -log(x)" in result.output


def test_options_of_the_group_still_are_options(runner: CliRunner) -> None:
    assert runner.invoke(cli, ["-h"]).output.startswith("Usage: derive [NAME | COMMAND]")
    assert runner.invoke(cli, ["show", "-h"], prog_name="derive").output.startswith(
        "Usage: derive show"
    )


def test_jobs_defaults_to_the_cpus_available() -> None:
    expected = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert available_cpus() == min(expected or 1, 64)
    for name in ("check", "show", "notes", "mlp"):
        jobs = next(p for p in cli.commands[name].params if p.name == "jobs")
        assert jobs.default == available_cpus()


def test_mlp_takes_every_format_and_its_json_has_the_check_shape(runner: CliRunner) -> None:
    args = ["mlp", "--layers", "1", "--width", "2"]
    result = runner.invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"claims", "summary"}
    assert data["summary"]["claims"] == 3 == data["summary"]["proved"]
    for fmt, mark in (("markdown", "## Claims"), ("latex", "\\"), ("html", "<")):
        result = runner.invoke(cli, [*args, "--format", fmt])
        assert result.exit_code == 0, result.output
        assert mark in result.output
        assert "Definition" not in result.output  # the obligations' definition is a place holder


@pytest.mark.parametrize(
    ("fmt", "mark"),
    [("markdown", "**proved**"), ("latex", "\\begin{array}"), ("html", "<strong>proved</strong>")],
)
def test_check_of_a_file_takes_every_format(
    runner: CliRunner, tmp_path: Path, fmt: str, mark: str
) -> None:
    path = tmp_path / "cube.toml"
    path.write_text(
        '[[formula]]\nname = "cube"\nkind = "activation"\ntitle = "Cube"\nsummary = "x^3"\n'
        'variables = ["x"]\ndefinition = "x^3"\n'
        'sources = [{ document = "my-notes.md", location = "1" }]\n\n'
        '[[formula.claims]]\nid = "cube.derivative"\ntitle = "power rule"\nwrt = "x"\n'
        'rhs = "3*x^2"\n',
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["check", str(path), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert mark in result.output
