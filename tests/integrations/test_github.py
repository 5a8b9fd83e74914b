"""``derive check --format github``: annotations at FILE:LINE, escaping, the job summary."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from derivations.cli.main import cli
from notebook_tools import cubes_notebook

from derivations.checking.report import ClaimReport
from derivations.integrations.github import annotation, escape_data, escape_property, split_location
from derivations.read import notebook_lines

NOTES = r"""# Notes

$$
\frac{d}{dx} \sigma(x) = \sigma(x)(1 - \sigma(x))
$$

$$
\frac{d}{dx} x^3 = 3x
$$
"""

SWISH = (Path(__file__).parents[1] / "data" / "swish.toml").read_text(encoding="utf-8")


def _claim(**changes: object) -> ClaimReport:
    fields: dict[str, object] = {
        "id": "c",
        "formula": "f",
        "title": "",
        "sources": (),
        "readings": (),
        "statement": "",
        "statement_text": "a = b",
        "verdict": "refuted",
        "expected": "proved",
        "method": "",
        "where": "",
        "reason": "",
        "holds_under": "",
        "counterexample": None,
        "correction": "",
        "correction_text": "",
        "conditions": (),
    }
    fields.update(changes)
    return ClaimReport(**fields)  # type: ignore[arg-type]


def test_escaping_follows_the_workflow_command_rules() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a.md: 3, b%") == "a.md%3A 3%2C b%25"


def test_an_annotation_carries_file_line_and_escaped_title_and_message() -> None:
    claim = _claim(id="notes.md:7", statement_text="d/dx [x] = 50%", reason="x\ny")
    line = annotation(claim, "docs/notes, 1.md:7")
    assert line.startswith("::error file=docs/notes%2C 1.md,line=7,title=derive%3A refuted ")
    assert "::notes.md:7: d/dx [x] = 50%25%0Averdict refuted" in line
    assert "\n" not in line


def test_unknown_is_a_warning_and_a_catalog_claim_has_no_file() -> None:
    line = annotation(_claim(verdict="unknown", sources=("003.txt: tanh",)))
    assert line.startswith("::warning title=derive%3A unknown (expected proved)::")
    assert "source: 003.txt%3A tanh" not in line  # only properties escape ':'
    assert "source: 003.txt: tanh" in line


def test_toml_locations_resolve_to_the_claims_line(tmp_path: Path) -> None:
    path = tmp_path / "swish.toml"
    path.write_text(SWISH, encoding="utf-8")
    assert split_location(f"{path}: swish.derivative.wrong", "swish.derivative.wrong") == (
        str(path),
        18,
    )
    assert split_location(f"{path}: swish.closed-form", "swish.closed-form") == (str(path), 9)
    assert split_location("notes.md:12", "x") == ("notes.md", 12)
    assert split_location("", "x") == (None, None)


def test_check_github_annotates_the_wrong_line_and_writes_the_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = CliRunner().invoke(cli, ["check", "--format", "github", str(notes)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"::error file={notes},line=8,title=derive%3A refuted")
    assert "correct right side: 3*x^2" in lines[0]
    assert lines[1] == "derive: 2 claims: 1 proved, 1 refuted, 0 unknown; 1 as expected, 1 not."
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n## derive check\n")
    assert f"| {notes}:8 | `{notes}:8`: `d/dx [x^3] = 3*x` | refuted | proved |" in written


def test_check_github_of_a_good_file_prints_only_the_summary_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    path = tmp_path / "swish.toml"
    path.write_text(SWISH, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--format", "github", str(path)])
    assert result.exit_code == 0
    assert result.stdout == (
        "derive: 3 claims: 2 proved, 1 refuted, 0 unknown; 3 as expected, 0 not.\n"
    )


def test_skip_other_toml_leaves_pyproject_alone(tmp_path: Path) -> None:
    other = tmp_path / "pyproject.toml"
    other.write_text("[project]\nname = 'x'\n", encoding="utf-8")
    plain = CliRunner().invoke(cli, ["check", str(other)])
    assert plain.exit_code == 2
    skipped = CliRunner().invoke(cli, ["check", "--skip-other-toml", str(other)])
    assert skipped.exit_code == 0
    assert skipped.output == ""


# A workflow command as @actions/core writes it and the runner parses it: `::NAME PROPS::DATA`,
# PROPS `key=value` pairs joined by `,`, values with `%`, `\r`, `\n`, `:` and `,` escaped,
# DATA with `%`, `\r` and `\n` escaped.
_COMMAND = re.compile(r"^::(?P<name>error|warning|notice)(?: (?P<props>[^:]*))?::(?P<data>.*)$")
_PROPERTY = re.compile(r"^(?P<key>file|line|endLine|col|endColumn|title)=(?P<value>[^,:\r\n]*)$")


def _parsed(command: str) -> tuple[dict[str, str], str]:
    """The properties (unescaped) and message of a workflow command; fails on bad syntax."""
    found = _COMMAND.match(command)
    assert found is not None, command
    props: dict[str, str] = {}
    for pair in (found["props"] or "").split(","):
        prop = _PROPERTY.match(pair)
        assert prop is not None, pair
        value = prop["value"]
        for escaped, char in (("%3A", ":"), ("%2C", ","), ("%0D", "\r"), ("%0A", "\n")):
            value = value.replace(escaped, char)
        props[prop["key"]] = value.replace("%25", "%")
    assert not re.search(r"[\r\n]", found["data"])
    if "line" in props:
        assert props["line"].isdigit() and int(props["line"]) >= 1
    return props, found["data"].replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def test_a_notebook_claim_is_annotated_at_the_json_line_of_its_cell_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GitHub shows a notebook's changes by the lines of the .ipynb file: the annotation is at
    the JSON line of the cell's line, and the message names the cell."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    book = cubes_notebook()
    path = tmp_path / "lesson, 1.ipynb"
    path.write_text(book, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--format", "github", str(path)])
    assert result.exit_code == 1
    first, summary = result.stdout.splitlines()
    props, data = _parsed(first)
    wanted = json.dumps("\\frac{d}{dx} x^3 = 3x\n")
    (line,) = [n for n, text in enumerate(book.splitlines(), 1) if wanted in text]
    assert props == {
        "file": str(path),
        "line": str(line),
        "title": "derive: refuted (expected proved)",
    }
    assert data.startswith(f"{path}:cell 3:line 4: d/dx [x^3] = 3*x\n")
    assert data.endswith(f"source: {path}: cell 3, line 4")
    assert summary.startswith("derive: 2 claims: 1 proved, 1 refuted")


def test_a_notebook_written_with_one_string_per_cell_is_located_at_that_string() -> None:
    text = json.dumps(
        {"cells": [{"cell_type": "code", "source": "x"}, {"source": "# A\n\n$$x$$\n"}]},
        indent=1,
    )
    where = [n for n, t in enumerate(text.splitlines(), 1) if "# A" in t]
    assert notebook_lines.cell_lines(text)[2] == where * 4
    assert notebook_lines.json_line(text, 2, 3) == where[0]
    assert notebook_lines.json_line(text, 2, 9) is None
    assert notebook_lines.json_line(text, 7, 1) is None
    assert notebook_lines.cell_lines("[1, 2]") == {}
    assert notebook_lines.cell_lines('{"cells": [') == {}


def test_every_annotation_of_the_other_files_is_valid_workflow_syntax(tmp_path: Path) -> None:
    notes = tmp_path / "notes: a, b.md"
    notes.write_text(NOTES, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--format", "github", str(notes)])
    props, data = _parsed(result.stdout.splitlines()[0])
    assert props["file"] == str(notes) and props["line"] == "8"
    assert data.startswith(f"{notes}:8: ")
