"""``pytest --derive``: the derivative claims of notes and formula files as test items.

Registered through the ``pytest11`` entry point and switched off unless ``--derive`` is
given, so installing derive changes nobody's test runs. With it, pytest collects

* notes, ``*.md`` and ``*.tex`` (each claim :mod:`derivations.read.notes` finds), and
* formula files, ``*.toml`` in the tool's schema (a ``[[formula]]`` table); any other TOML
  file, such as ``pyproject.toml``, is not collected;

and every claim becomes an item named ``FILE:LINE`` (``notes.md:12``; a second claim on the
same line gets ``[2]``). Each item verifies its claim in a killable child process within
``--derive-seconds`` (default 30) and

* passes when the verdict is the expected one (a notes claim is expected to be proved; a
  TOML claim states its ``expected`` verdict),
* fails when it is not, with the counterexample, the correct value and the hypothesis under
  which the claim holds in the failure message,
* is *skipped* with the reason when the verdict is ``unknown``: neither proved nor refuted
  is not a failure of the notes, and not an expected failure either (xfail would claim a
  known bug); ``-rs`` or the project's ``-ra`` lists the reasons, and JUnit XML records them
  as ``<skipped message="derive: unknown: …">``.

A file that cannot be read is a collection error of one line. ``--junitxml`` works through
pytest itself; each item records the verdict as the user property ``verdict``.

Nothing is imported from SymPy until ``--derive`` is given and a file is collected.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from derivations.check.report import ClaimReport
    from derivations.model import Claim, Formula

SUFFIXES = {".md": "markdown", ".tex": "tex", ".toml": "toml"}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("derive", "derivative claims of notes (derive)")
    group.addoption(
        "--derive",
        action="store_true",
        default=False,
        help="collect the derivative claims of *.md, *.tex and formula *.toml files as tests",
    )
    group.addoption(
        "--derive-seconds",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="time budget per claim for --derive; a claim over it is unknown (skipped)",
    )


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if not parent.config.getoption("derive"):
        return None
    kind = SUFFIXES.get(file_path.suffix.lower())
    if kind is None:
        return None
    if kind == "toml":
        from derivations.read.toml_lines import is_formula_file, read_text

        text = read_text(file_path)
        if text is None or not is_formula_file(text):
            return None
    node: DeriveFile = DeriveFile.from_parent(parent, path=file_path)
    node.kind = kind
    return node


class DeriveFile(pytest.File):
    """A notes or formula file; its items are its claims."""

    kind = "markdown"

    def _shown(self) -> str:
        try:
            return str(self.path.relative_to(self.config.rootpath))
        except ValueError:
            return str(self.path)

    def collect(self) -> Iterator[ClaimItem]:
        from derivations.check.budget import Budget
        from derivations.check.files import read_bounded
        from derivations.errors import DeriveError

        shown = self._shown()
        budget = Budget(seconds=self.config.getoption("derive_seconds"))
        path = shown if Path(shown).exists() else str(self.path)
        try:
            found = read_bounded(path, self.kind, budget)
        except DeriveError as exc:
            raise self.CollectError(str(exc)) from None
        located: list[tuple[Formula, Claim, int]] = []
        if isinstance(found, tuple):
            from derivations.read.toml_lines import claim_lines, read_text

            lines = claim_lines(read_text(self.path) or "")
            located = [(f, c, lines.get(c.id, 1)) for f in found for c in f.claims]
        else:
            formula = found.formula()
            located = [(formula, c.claim, int(c.location.rsplit(":", 1)[1])) for c in found.claims]
        seen: dict[int, int] = {}
        for formula, claim, line in located:
            seen[line] = seen.get(line, 0) + 1
            name = f"{self.path.name}:{line}" + (f"[{seen[line]}]" if seen[line] > 1 else "")
            yield ClaimItem.from_parent(
                self, name=name, formula=formula, claim=claim, line=line, budget=budget
            )


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
        from derivations.check.budget import run_bounded
        from derivations.check.report import claim_report, verify_claim
        from derivations.model import Result, Verdict

        outcome = run_bounded(verify_claim, (self.formula, self.claim), self.budget)
        result = outcome.value or Result(Verdict.UNKNOWN, method="none", reason=outcome.error)
        report = claim_report(self.formula, self.claim, result)
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
            from derivations.integrations.github import message

            report = excinfo.value.report
            where = f"{self.path.name}:{self.line}"
            return message(report) if report.id.endswith(where) else f"{where}: {message(report)}"
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.line - 1, f"{self.name} {self.claim.id}"
