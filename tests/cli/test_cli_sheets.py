"""``derive NAME --format …`` and ``derive notes``: exit codes, files written, one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from derivations.cli.main import cli


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_markdown_sheet_of_sigmoid(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["sigmoid", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Logistic sigmoid (`sigmoid`)\n")
    assert "9 of 9 steps proved by the verifier." in result.output
    assert "**Step 3**: rewrite ($\\text{in terms of } \\sigma$). ✓ proved" in result.output


def test_text_sheet_shows_the_derivation(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["relu"])
    assert result.exit_code == 0, result.output
    assert "Derivation (5 of 5 steps proved):" in result.output
    assert "by piecewise, by cases" in result.output


def test_sheet_to_a_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "out" / "tanh.tex"
    result = runner.invoke(cli, ["tanh", "--format", "latex", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert target.read_text().startswith("\\documentclass")


def test_unknown_sheet_format_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["sigmoid", "--format", "docx"])
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.output


def test_pdf_needs_the_latex_format(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["notes", str(tmp_path), "--pdf"])
    assert result.exit_code == 2
    assert (
        result.output
        == "derive: error: --pdf compiles the LaTeX book: use it with --format latex\n"
    )


def test_pdf_without_tex_says_what_to_install(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    result = runner.invoke(cli, ["notes", str(tmp_path / "book"), "--format", "latex", "--pdf"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert "pdflatex, which is not installed; install TeX Live" in result.output
    assert not (tmp_path / "book").exists()


def test_missing_templates_folder_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["notes", str(tmp_path), "--templates", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_notes_command_writes_the_book(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two formulas keep this quick; the whole catalog's book is tested in test_notes.py.
    from derivations import catalog

    everything = catalog.CATALOG
    monkeypatch.setattr(catalog, "CATALOG", {n: everything[n] for n in ("linear", "relu")})
    result = runner.invoke(cli, ["notes", str(tmp_path), "--format", "html"])
    assert result.exit_code == 0, result.output
    # index, activations, errata, two plots and the site's own copy of KaTeX (24 files:
    # scripts, CSS, fonts); a family without formulas gets no page
    assert result.stdout == f"wrote 29 files to {tmp_path}\n"
    # not a terminal: a line per stage on stderr
    assert result.stderr == (
        "derive notes: verifying claims (5)\n"
        "derive notes: checking derivations (2)\n"
        "derive notes: writing pages and plots (1)\n"
    )
    assert "relu" in (tmp_path / "activations.html").read_text()
    assert not (tmp_path / "losses.html").exists()
    assert (tmp_path / "assets" / "katex" / "katex.min.js").is_file()
    assert (tmp_path / "plots" / "relu.svg").is_file()


def test_notes_without_matplotlib_names_the_extra_in_one_line(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if it were not installed
    result = runner.invoke(cli, ["notes", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output == (
        "derive: error: the notes' plots need matplotlib, which is not installed: "
        'pip install "derive-nn[notes]"\n'
    )
    assert not (tmp_path / "out").exists()


def test_the_version_is_the_distribution_s(runner: CliRunner) -> None:
    from importlib.metadata import version

    result = runner.invoke(cli, ["--version"], prog_name="derive")
    assert result.exit_code == 0, result.output
    assert result.output.endswith(f", version {version('derive-nn')}\n")


def test_the_core_install_does_not_require_matplotlib() -> None:
    from importlib.metadata import requires

    core = [r for r in requires("derive-nn") or [] if "extra ==" not in r]
    assert core and not any(r.startswith(("matplotlib", "numpy", "pillow", "mkdocs")) for r in core)
    torch = [r for r in requires("derive-nn") or [] if r.startswith("torch")]
    assert torch and "==" not in torch[0].split(";")[0]  # a range: keeps the user's torch


def test_the_metadata_names_the_platforms_that_have_fork_and_resource() -> None:
    from importlib.metadata import metadata

    classifiers = metadata("derive-nn").get_all("Classifier") or []
    assert "Operating System :: POSIX :: Linux" in classifiers
    assert not any("Windows" in c for c in classifiers)


def test_every_message_and_doc_names_the_distribution_derive_nn() -> None:
    """``pip install derive`` and ``derive[extra]`` name an unrelated project on the index."""
    import re

    root = Path(__file__).resolve().parents[2]
    files = [root / "README.md", *sorted((root / "templates").iterdir())]
    for folder in ("derivations", "cli"):
        files += sorted((root / folder).rglob("*.py"))
    wrong = re.compile(r"pip install[ \"']+derive(?![-\w])|(?<![\w-])derive\[")
    found = [
        f"{path.relative_to(root)}: {match.group()}"
        for path in files
        if path.is_file()
        for match in wrong.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
    assert wrong.search('pip install "derive[torch]"') and wrong.search("pip install derive")
    assert not wrong.search('pip install "derive-nn[torch]"')


def test_the_readme_first_screen_gives_the_first_run_times() -> None:
    import re

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    first_screen = "\n".join(readme.splitlines()[:30])
    for command in ("derive check", "derive notes"):
        where = first_screen.find(f"the first `{command}")
        assert where >= 0, command
        assert re.search(r"\d+(\.\d+)? (s|min|minutes)\b", first_screen[where : where + 200])
