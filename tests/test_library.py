"""The public API: lazy exports, doctests, and the Jupyter representations."""

from __future__ import annotations

import doctest
import subprocess
import sys
from pathlib import Path

import pytest

import derivations
import derivations.library
import derivations.read.toml_lines
from derivations.model import Result, Verdict


def test_importing_the_package_does_not_import_sympy(tmp_path: Path) -> None:
    code = "import sys, derivations; derivations.lookup; print('sympy' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert out.stdout == "False\n"


def test_the_public_names_resolve_lazily() -> None:
    assert set(derivations.__all__) >= {"lookup", "differentiate", "verify", "check", "sheet"}
    assert derivations.lookup("rectifier").name == "relu"
    assert "sheet" in dir(derivations)


def test_unknown_attribute_is_an_attribute_error() -> None:
    try:
        derivations.nothing  # noqa: B018
    except AttributeError as exc:
        assert "nothing" in str(exc)
    else:
        raise AssertionError("no AttributeError")


def test_doctests() -> None:
    for module in (derivations.library, derivations.read.toml_lines):
        failed, attempted = doctest.testmod(module)
        assert attempted > 0 and failed == 0, module.__name__


def test_a_refuted_answer_shows_its_counterexample_and_correction_as_math() -> None:
    answer = derivations.verify("x^3", "3*x")
    markdown = answer._repr_markdown_()
    assert markdown.startswith(r"$$\frac{d}{dx}\left(x^{3}\right) = 3 x^{2}$$")
    assert "**refuted**" in markdown
    assert "counterexample at x = " in markdown
    assert r"correct: $\frac{d}{d x} x^{3} = 3 x^{2}$" in markdown
    assert answer._repr_latex_() == (  # your derivative, then the one derive computed
        "$$\\begin{array}{ll}\n\\text{refuted} & \\frac{d}{d x} x^{3} = 3 x \\\\\n"
        "\\text{proved} & \\frac{d}{d x} x^{3} = 3 x^{2} \\\\\n\\end{array}$$"
    )


def test_a_result_and_a_sheet_render_as_markdown_and_latex() -> None:
    result = Result(Verdict.PROVED, method="exp-rational normal form", where="x ≠ 0")
    assert result._repr_markdown_() == "**proved** (exp-rational normal form)\n\nwhere x ≠ 0\n"
    assert result._repr_latex_() == r"$$\text{proved}$$"
    sheet = derivations.sheet("sigmoid")
    markdown = sheet._repr_markdown_()
    assert markdown.startswith("### Logistic sigmoid (`sigmoid`)")
    assert "Derivative (proved):" in markdown
    # both sides of the definition and of the derivative
    assert r"$$\sigma\left(x\right) = \frac{1}{1 + e^{- x}}$$" in markdown
    assert (
        r"$$\frac{d}{d x} \sigma\left(x\right) = "
        r"\left(1 - \sigma\left(x\right)\right) \sigma\left(x\right)$$"
    ) in markdown
    assert "**9 claims**: 9 proved" in markdown  # the closed form counts among them
    assert sheet._repr_latex_().startswith(
        "$$\\begin{array}{ll}\n\\text{definition} & \\sigma\\left(x\\right) = \\frac{1}"
    )
    assert r"\text{derivative} & \frac{d}{d x} \sigma\left(x\right) = " in sheet._repr_latex_()


def test_plain_text_is_one_short_line() -> None:
    formula = derivations.lookup("sigmoid")
    assert repr(formula) == "Formula('sigmoid', activation, 9 claims)"
    sheet = derivations.sheet("relu")
    assert repr(sheet) == "Sheet('relu', Report(4 claims: 4 proved, 0 refuted, 0 unknown))"
    assert repr(sheet.report.claims[0]) == "ClaimReport('relu.closed-form', proved)"
    wrong = derivations.verify("x^3", "3*x")
    assert repr(wrong) == "Answer(d/dx x^3 = 3*x: refuted)"
    assert repr(wrong.report.claims[0]) == (
        "ClaimReport('expression.claim', refuted, expected proved)"
    )
    result = Result(Verdict.PROVED, method="exp-rational normal form", where="x ≠ 0")
    assert repr(result) == "Result(proved, 'exp-rational normal form', where 'x ≠ 0')"


def test_lookup_sheets_and_answers_display_as_html_with_math() -> None:
    formula = derivations.lookup("sigmoid")
    page = formula._repr_html_()
    assert page is not None
    assert page.startswith("<h3>Logistic sigmoid (<code>sigmoid</code>)</h3>")
    assert r"\[\sigma\left(x\right) = \frac{1}{1 + e^{- x}}\]" in page
    assert formula._repr_markdown_() is not None and formula._repr_latex_() is not None
    sheet_page = derivations.sheet("relu")._repr_html_()
    assert r"\[\operatorname{relu}\left(x\right) = \max\left(0, x\right)\]" in sheet_page
    answer_page = derivations.verify("x^3", "3*x")._repr_html_()
    assert answer_page is not None
    assert "<strong>refuted</strong>" in answer_page
    assert "$" not in answer_page  # every piece of math is delimited for MathJax


def test_a_formula_that_is_only_its_claims_shows_no_definition() -> None:
    from derivations.checking.report import Report
    from derivations.render.views.formula import formula_view

    view = formula_view(derivations.lookup("jacobian_chain_rule"), Report(()))
    assert view["definition"] == "" and view["definition_equation"] == ""
    linear = formula_view(derivations.lookup("linear"), Report(()))
    assert linear["definition"] == "linear(x) = x"
    assert linear["definition_equation"] == r"\operatorname{linear}\left(x\right) = x"


def _own_cpu() -> float:
    import resource  # deferred: only these tests measure this process's CPU time

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def test_an_answer_past_its_budget_is_unknown_and_costs_the_caller_little(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os  # deferred: only this test compares processes

    from derivations import api  # deferred: only this test patches the answer's worker

    caller = os.getpid()

    def never_ends(*args: object, **kwargs: object) -> object:
        assert os.getpid() != caller, "the answer was derived in the caller's process"
        while True:  # only the worker's CPU budget stops it
            pass

    monkeypatch.setattr(api, "answer", never_ends)  # what the forked worker calls
    before = _own_cpu()
    answer = derivations.verify("x^3", "3*x^2", seconds=0.2)
    spent = _own_cpu() - before
    assert answer.verdict == "unknown"
    assert answer.derivative is None and answer.report.claims == ()
    assert "no answer within 2 × the budget of 0.2 s" in answer.reason
    assert "time budget" in answer.reason
    assert spent < 0.3, f"the caller spent {spent:.2f} s of CPU time"
    assert str(answer.question.claim) == "3*x**2"  # the question, parsed here
    assert "no answer within" in answer._repr_markdown_()  # it still displays


def test_a_bounded_answer_pickles_with_its_formula_and_derivation() -> None:
    import pickle  # deferred: only this test pickles

    answer = derivations.differentiate("x^2*sigmoid(x)")
    again = pickle.loads(pickle.dumps(answer))
    assert again.report == answer.report
    assert again.formula == answer.formula and again.derivation == answer.derivation
    assert again.derivative == answer.derivative
