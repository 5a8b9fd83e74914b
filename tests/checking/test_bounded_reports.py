"""``derive check FILE`` prints each claim's report in the claim's worker (issue 15): a claim
too slow to print is ``unknown`` within the budget, and the check's own process prints none."""

from __future__ import annotations

import os
import resource
from pathlib import Path

import pytest

from derivations.checking import report
from derivations.checking.budget import Budget
from derivations.checking.files import check_files

NOTES = "Some notes.\n\n$$\\frac{d}{dx} x^3 = 3x^2$$\n\n$$\\frac{d}{dx} x^2 = 2x$$\n"


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@pytest.fixture
def notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DERIVE_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "notes.md"
    path.write_text(NOTES)
    return path


def test_claims_are_printed_in_their_workers(notes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    caller = os.getpid()
    printed = report.named_report

    def only_in_a_worker(*args: object) -> report.ClaimReport:
        assert os.getpid() != caller, "a claim was printed in the check's own process"
        return printed(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(report, "named_report", only_in_a_worker)
    result = check_files([str(notes)], budget=Budget(seconds=20), jobs=1)
    assert [c.verdict for c in result.report.claims] == ["proved", "proved"]
    assert result.report.claims[0].statement_text == "d/dx [x^3] = 3*x^2"


def test_a_claim_slow_to_print_is_unknown_within_the_budget(
    notes: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    caller = os.getpid()

    def slow_to_print(*args: object) -> str:
        assert os.getpid() != caller, "a claim was printed in the check's own process"
        while True:  # a claim whose printing never ends: only the CPU budget stops it
            pass

    monkeypatch.setattr(report, "equation", slow_to_print)  # the claim's LaTeX
    before = _own_cpu()
    result = check_files([str(notes)], budget=Budget(seconds=0.3), jobs=2)
    spent = _own_cpu() - before
    claims = result.report.claims
    assert [c.verdict for c in claims] == ["unknown", "unknown"]
    assert all("time budget of 0.3 s exceeded" in c.reason for c in claims)
    assert all("not printed" in c.statement_text for c in claims)
    assert spent < 1.0, f"the check's own process spent {spent:.2f} s of CPU time"
    assert not list((notes.parent / "cache").rglob("claim/**/*.json"))  # unknown: not stored


def test_a_claim_is_printed_as_given_not_as_rebuilt_by_the_pipe(tmp_path: Path) -> None:
    """The catalog leaves some expressions unevaluated (``-1 + 1 + e^{-x}``); a claim sent
    through a pipe is rebuilt by SymPy, evaluated. The worker prints the claim it inherited."""
    from derivations.catalog import CATALOG  # deferred: only this test needs the catalog

    formula = CATALOG["sigmoid"]
    made = report.check([formula], jobs=1, use_cache=False)
    assert [c.statement for c in made.claims] == [report.statement(c) for c in formula.claims]
    assert any("-1 + 1 + e^{- x}" in c.statement for c in made.claims)
