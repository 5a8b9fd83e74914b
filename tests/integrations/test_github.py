"""``derive check --format github``: annotations at FILE:LINE, escaping, the job summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from derivations.cli.main import cli

from derivations.checking.report import ClaimReport
from derivations.integrations.github import annotation, escape_data, escape_property, split_location

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
