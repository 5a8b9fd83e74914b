"""``derive "EXPR" [--wrt] [--claim]``: a verdict on the student's answer, with exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from derivations.cli.main import cli

from derivations.render.pdf import compile_pdf

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import render_tools as tools


def test_differentiates_and_proves_its_own_answer() -> None:
    result = CliRunner().invoke(cli, ["x^2*sigmoid(x)"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "  expression   x^2*σ(x)\n  d/dx         x*σ(x)*(2 + x*(1 - σ(x)))   (proved)\n"
    )


def test_the_answer_is_derived_step_by_step_and_every_step_is_verified() -> None:
    result = CliRunner().invoke(cli, ["x^2*sigmoid(x)"])
    lines = result.output.splitlines()
    assert "Derivation (6 of 6 steps proved):" in lines
    steps = [line.strip() for line in lines if line.strip()[:1] in "✓✗?" and line.strip()]
    assert len(steps) == 6 and all(step.startswith("✓") for step in steps), steps
    assert "by product rule" in result.output
    assert "by derivative of σ" in result.output
    assert steps[-1].endswith("d/dx [x^2*σ(x)] = x*σ(x)*(2 + x*(1 - σ(x)))")


def test_a_wrong_answer_still_gets_the_right_derivation() -> None:
    result = CliRunner().invoke(cli, ["x^3", "--claim", "3*x"])
    assert result.exit_code == 1
    assert "Derivation (2 of 2 steps proved):" in result.output
    assert "by power rule" in result.output


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
    yours, computed = data["claims"]
    assert (yours["id"], yours["verdict"]) == ("expression.claim", "refuted")
    assert yours["correction"] == r"\frac{\partial}{\partial y} x y = x"
    assert (computed["id"], computed["verdict"]) == ("expression.closed-form", "proved")
    assert computed["statement"] == r"\frac{\partial}{\partial y} x y = x"
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


def test_an_expression_renders_as_a_sheet_in_every_format(tmp_path: Path) -> None:
    sheets = {}
    for fmt in ("markdown", "latex", "html"):
        target = tmp_path / f"sheet.{fmt}"
        result = CliRunner().invoke(cli, ["x*tanh(x)", "--format", fmt, "-o", str(target)])
        assert result.exit_code == 0, result.output
        sheets[fmt] = target.read_text(encoding="utf-8")
    assert "## Derivation" in sheets["markdown"]
    assert "Verdict: proved." in sheets["markdown"]
    assert r"\begin{document}" in sheets["latex"]
    assert "product rule" in sheets["html"]
    fragments = tools.markdown_math(sheets["markdown"]) + tools.html_math(
        sheets["html"].split("</head>", 1)[1]
    )
    assert fragments
    assert tools.katex_errors(fragments) == []


def test_the_latex_sheet_of_an_expression_compiles(tmp_path: Path) -> None:
    tools.pdflatex_or_skip()
    tex = tmp_path / "sheet.tex"
    result = CliRunner().invoke(cli, ["softplus(x)^2", "--format", "latex", "-o", str(tex)])
    assert result.exit_code == 0, result.output
    assert compile_pdf(tex, runs=1).is_file()
    assert tools.pdf_pages(tex.with_suffix(".log").read_text(errors="replace")) >= 1


def test_a_number_too_large_to_compute_with_is_unknown_with_a_reason_a_person_understands() -> None:
    result = CliRunner().invoke(cli, ["x", "--claim", "exp(exp(exp(100)))", "--seconds", "20"])
    assert result.exit_code == 1
    assert "? unknown" in result.output
    assert "reason: a number in the claim is too large to compute with" in result.output
    assert "internal error" not in result.output


def test_an_expression_is_answered_in_a_worker_bounded_by_the_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Parsing, deriving and printing run in a killable worker: a derivation that never ends
    is stopped at the budget and the answer is one line."""
    from derivations import api

    def never_ends(*args: object, **kwargs: object) -> object:
        while True:
            pass

    monkeypatch.setattr(api, "answer_expression", never_ends)
    result = CliRunner().invoke(cli, ["x^2", "--seconds", "0.2"])
    assert result.exit_code == 1
    assert result.output == (
        "? unknown: no answer within 2 × the budget of 0.2 s (CPU time budget of 0.4 s exceeded)\n"
    )


def test_an_input_error_found_in_the_worker_is_one_line_and_exit_2() -> None:
    result = CliRunner().invoke(cli, ["x^2", "--wrt", "2"])
    assert result.exit_code == 2
    assert result.output == "derive: error: --wrt: '2' is not a variable name\n"
