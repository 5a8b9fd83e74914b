"""The test items of ``pytest --derive``: a notes or formula file, and each of its claims.

:mod:`derivations.integrations.pytest_plugin` collects them only when ``--derive`` is given;
this module imports the library (and SymPy), the plugin does not.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from derivations.checking.budget import Budget, run_bounded
from derivations.checking.files import read_bounded
from derivations.checking.report import (
    ClaimReport,
    claim_report,
    unprinted_report,
    verified_report,
)
from derivations.errors import DeriveError
from derivations.integrations.github import message
from derivations.model import Claim, Formula, Result, Verdict
from derivations.read.notebook_lines import json_line, notebook_place, notebook_text
from derivations.read.toml_lines import claim_lines, read_text


class DeriveFile(pytest.File):
    """A notes or formula file; its items are its claims."""

    kind = "markdown"
    _notebook_text: str | None = None

    def _shown(self) -> str:
        try:
            return str(self.path.relative_to(self.config.rootpath))
        except ValueError:
            return str(self.path)

    def collect(self) -> Iterator[ClaimItem]:

        shown = self._shown()
        budget = Budget(seconds=self.config.getoption("derive_seconds"))
        path = shown if Path(shown).exists() else str(self.path)
        try:
            found = read_bounded(path, self.kind, budget)
        except DeriveError as exc:
            raise self.CollectError(str(exc)) from None
        located: list[tuple[Formula, Claim, str, int]] = []
        if isinstance(found, tuple):
            lines = claim_lines(read_text(self.path) or "")
            located = [
                (f, c, f"{lines.get(c.id, 1)}", lines.get(c.id, 1)) for f in found for c in f.claims
            ]
        else:
            formula = found.formula()
            located = [(formula, c.claim, *self._place(c.location)) for c in found.claims]
        seen: dict[str, int] = {}
        for formula, claim, place, line in located:
            seen[place] = seen.get(place, 0) + 1
            name = f"{self.path.name}:{place}" + (f"[{seen[place]}]" if seen[place] > 1 else "")
            yield ClaimItem.from_parent(
                self, name=name, formula=formula, claim=claim, line=line, budget=budget
            )

    def _place(self, location: str) -> tuple[str, int]:
        """A notes claim's place in its file (``LINE``, or ``cell N:line M`` in a notebook) and
        the line of the file where it is written (in a notebook, the line of its JSON)."""
        place = notebook_place(location)
        if place is None:
            number = location.rsplit(":", 1)[1]
            return number, int(number)
        if self._notebook_text is None:
            self._notebook_text = notebook_text(self.path)
        line = json_line(self._notebook_text, place.cell, place.line)
        return f"cell {place.cell}:line {place.line}", line or 1


class ClaimFailed(Exception):
    """A claim whose verdict is not the expected one."""

    def __init__(self, report: ClaimReport) -> None:
        super().__init__(report.id)
        self.report = report


class ClaimItem(pytest.Item):
    """One claim: verified when the item runs."""

    def __init__(
        self, *, formula: Formula, claim: Claim, line: int, budget: Any, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.formula = formula
        self.claim = claim
        self.line = line
        self.budget = budget

    def runtest(self) -> None:

        # The claim reaches the worker with the function (a forked worker inherits it as it is,
        # unevaluated parts included), and is verified and printed there: printing grows with it.
        verified = functools.partial(verified_report, self.formula, self.claim)
        outcome = run_bounded(verified, (), self.budget)
        report = outcome.value
        if report is None:
            unknown = Result(Verdict.UNKNOWN, method="none", reason=outcome.error)
            printed = run_bounded(
                functools.partial(claim_report, self.formula, self.claim, unknown), (), self.budget
            )
            report = printed.value or unprinted_report(self.formula.name, self.claim, unknown)
        self.user_properties.append(("verdict", report.verdict))
        if report.as_expected:
            return
        if report.verdict == Verdict.UNKNOWN.value:
            reason = f"derive: unknown: {report.reason or 'no verdict'}"
            # Reported at the claim's FILE:LINE rather than at this line (pytest >= 7).
            raise pytest.skip.Exception(reason, _use_item_location=True)
        raise ClaimFailed(report)

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None
    ) -> str | Any:
        if isinstance(excinfo.value, ClaimFailed):
            report = excinfo.value.report
            where = self.name.split("[", 1)[0]
            return message(report) if report.id.endswith(where) else f"{where}: {message(report)}"
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.line - 1, f"{self.name} {self.claim.id}"
