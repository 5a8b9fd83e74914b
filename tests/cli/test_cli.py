"""The command line, through click's CliRunner: exit codes and output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from derivations.cli.main import cli

#: A per-claim budget for the whole catalog that a loaded machine stays well inside: the
#: budget bounds a runaway proof, it is not a speed goal (those live in benchmarks/).
GENEROUS = ("--seconds", "120")


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_show_sigmoid_states_definition_derivative_and_claims(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["sigmoid"])
    assert result.exit_code == 0, result.output
    assert "definition   σ(x) = 1/(1 + exp(-x))" in result.output
    assert "derivative   d/dx σ(x) = σ(x)*(1 - σ(x))   (proved)" in result.output
    assert "sigmoid.derivative.output-form" in result.output
    assert "000_3d7fee2bb648fd9a.txt" in result.output


def test_a_definition_without_a_function_gets_the_formula_name_as_its_left_side(
    runner: CliRunner,
) -> None:
    result = runner.invoke(cli, ["linear"])
    assert result.exit_code == 0, result.output
    assert "  definition   linear(x) = x\n" in result.output
    assert "  derivative   d/dx linear(x) = 1   (proved)\n" in result.output


def test_unknown_name_is_one_line_with_suggestions_and_exit_2(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["sigmod"])
    assert result.exit_code == 2
    assert result.output == (
        "derive: error: unknown formula or command 'sigmod'; "
        "did you mean sigmoid, sigma, log_sigmoid?\n"
    )


def test_list_has_one_line_per_formula(runner: CliRunner) -> None:
    from derivations.catalog import CATALOG

    result = runner.invoke(cli, ["list"])
    assert result.exit_code == 0
    lines = result.output.split("\n\n")[0].splitlines()  # then the documents' titles
    assert [line.split()[0] for line in lines] == list(CATALOG)


def test_list_in_every_format_names_every_formula(runner: CliRunner) -> None:
    from derivations.catalog import CATALOG
    from derivations.render.escaping import tex

    listed = json.loads(runner.invoke(cli, ["list", "--format", "json"]).output)
    assert [f["name"] for f in listed["formulas"]] == list(CATALOG)
    assert [f["claims"] for f in listed["formulas"]] == [len(f.claims) for f in CATALOG.values()]
    rows = {"markdown": "| `{}` |", "latex": "\\texttt{{{}}}", "html": "<code>{}</code>"}
    for fmt, row in rows.items():
        output = runner.invoke(cli, ["list", "--format", fmt]).output
        shown = (tex(n) if fmt == "latex" else n for n in CATALOG)
        assert all(row.format(name) in output for name in shown), fmt


def test_bad_option_value_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", "--format", "yaml"])
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.output


@pytest.mark.slow  # the whole catalog, verified
def test_check_json_is_complete_and_alone_on_stdout(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", "--format", "json", *GENEROUS])
    assert result.exit_code == 0, result.output[-2000:]
    data = json.loads(result.stdout)
    assert set(data) == {"claims", "summary"}
    first = data["claims"][0]
    assert list(first)[:10] == [
        "id",
        "formula",
        "source",
        "source_titles",
        "statement",
        "verdict",
        "expected",
        "where",
        "counterexample",
        "correction",
    ]
    assert data["summary"]["unexpected"] == 0
    refuted = [c for c in data["claims"] if c["verdict"] == "refuted"]
    assert refuted and all(c["correction"] for c in refuted)


@pytest.mark.slow  # the whole catalog, verified
def test_check_text_ends_with_the_summary(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", *GENEROUS])
    assert result.exit_code == 0
    assert result.output.rstrip().splitlines()[-1].endswith("as the catalog expects, 0 not.")


def test_check_exit_1_when_a_verdict_differs(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from derivations import catalog
    from derivations.model import Verdict

    sigmoid = catalog.CATALOG["sigmoid"]
    flipped = replace(sigmoid, claims=(replace(sigmoid.claims[0], expected=Verdict.REFUTED),))
    monkeypatch.setattr(catalog, "CATALOG", {"sigmoid": flipped})
    result = runner.invoke(cli, ["check", "--no-cache"])  # the catalog is patched in memory
    assert result.exit_code == 1
    assert "UNEXPECTED (catalog expects refuted)" in result.output


def test_python_dash_m_runs_the_cli_from_any_directory(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "derivations", "list"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("linear")


def test_an_unexpected_exception_is_one_line_and_exit_2(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from derivations import api

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("something\nwent wrong")

    monkeypatch.setattr(api, "list_text", broken)
    result = runner.invoke(cli, ["list", "--no-cache"])
    assert result.exit_code == 2
    assert result.output == (
        "derive: error: internal error (RuntimeError: something went wrong); "
        "set DERIVE_DEBUG=1 for details\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--bogus"], "No such option '--bogus'."),
        (["check", "--seconds", "many"], "Invalid value for '--seconds'"),
        (["sigmoid", "--templates", "/nonexistent/folder"], "Invalid value for '--templates'"),
        (["list", "extra"], "Got unexpected extra argument (extra)"),
    ],
)
def test_every_usage_error_is_one_line_and_exit_2(
    runner: CliRunner, args: list[str], message: str
) -> None:
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert result.output.startswith(f"derive: error: {message}")
    assert result.output.count("\n") == 1


def test_an_existing_file_as_the_notes_folder_is_one_line_and_exit_2(
    runner: CliRunner, tmp_path: Path
) -> None:
    existing = tmp_path / "notes.md"
    existing.write_text("a file")
    result = runner.invoke(cli, ["notes", str(existing)])
    assert result.exit_code == 2
    assert result.output == (
        f"derive: error: Invalid value for 'OUT_DIR': Directory '{existing}' is a file. "
        "(see 'derive notes --help')\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x\udcff"], "expression:1:2: invalid UTF-8 (byte 0xff)"),
        (["x", "--claim", "1\udcfe"], "--claim:1:2: invalid UTF-8 (byte 0xfe)"),
        (["x", "--wrt", "\udcc3"], "--wrt:1:1: invalid UTF-8 (byte 0xc3)"),
    ],
)
def test_invalid_utf8_in_an_argument_is_a_located_input_error(
    runner: CliRunner, args: list[str], message: str
) -> None:
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert result.output == f"derive: error: {message}\n"


def test_ctrl_c_exits_130_not_1(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    from derivations import commands

    def interrupted(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(commands, "list_formulas", interrupted)
    result = runner.invoke(cli, ["list"])
    assert result.exit_code == 130
    assert result.output.strip() == "derive: interrupted"  # after click's newline closing ^C


def test_help_and_version_still_exit_0(runner: CliRunner) -> None:
    assert runner.invoke(cli, ["--help"]).exit_code == 0
    assert runner.invoke(cli, ["--version"]).exit_code == 0


def test_seed_documents_are_cited_by_title_with_their_file_name(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["sigmoid"])
    assert result.exit_code == 0, result.output
    assert "  - Activations & Output (000_3d7fee2bb648fd9a.txt): " in result.output
    assert "source: 反向传播 / backpropagation (004_5545a304e35691f9.txt): eq. (2)" in result.output
    markdown = runner.invoke(cli, ["sigmoid", "--format", "markdown"]).output
    assert "Activations & Output (000\\_3d7fee2bb648fd9a.txt)" in markdown
