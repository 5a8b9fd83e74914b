"""``derive check FILE...``: the user's formula files (TOML) and notes (Markdown, LaTeX).

Each file becomes formulas whose claims are verified like the catalog's, each
claim in a killable child process within the budget. A claim of a notes file
carries its location ``FILE:LINE``; math that could not be read is listed as
skipped with the reason.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from derivations.catalog import build
from derivations.checking.budget import Budget, run_bounded
from derivations.checking.report import Report, check
from derivations.errors import DeriveError, InputError
from derivations.model import Formula
from derivations.read import formula_file, notes

DEFAULT_BUDGET = Budget(seconds=30.0)
KINDS = ("toml", "markdown", "tex", "notebook")
SUFFIXES = {
    ".toml": "toml",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "markdown",
    ".tex": "tex",
    ".latex": "tex",
    ".ipynb": "notebook",
}


@dataclass(frozen=True)
class FilesReport:
    """The verdicts, each claim's location, the skipped math and the count of display equations.

    ``unread`` are the display equations that state a derivative and were skipped; under
    ``strict`` any of them fails the check.
    """

    report: Report
    locations: tuple[str, ...]
    skipped: tuple[notes.Skip, ...]
    display: dict[str, int]
    unread: tuple[str, ...] = ()
    strict: bool = False

    @property
    def ok(self) -> bool:
        return self.report.ok and not (self.strict and self.unread)

    def summary(self) -> dict[str, int]:
        return {
            **self.report.summary(),
            "skipped": len(self.skipped),
            "display_equations": sum(self.display.values()),
            "display_checked": self.display.get("checked", 0),
            "display_definitions": self.display.get("definition", 0),
            "display_skipped": self.display.get("skipped", 0),
            "display_derivatives_skipped": len(self.unread),
        }

    def reasons(self) -> list[tuple[str, int]]:
        """Why math was skipped, most frequent first."""
        counts = Counter(s.reason for s in self.skipped)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def kind_of(path: str, as_: str | None) -> str:
    if as_:
        return as_
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            f"{path}: unknown file type {suffix or '(none)'!r}; use --as toml|markdown|tex"
        )
    return SUFFIXES[suffix]


def _read(path: str, kind: str) -> tuple[Formula, ...] | notes.Reading | str:
    """A file's formulas or notes, or the one-line error (runs in a killable child process)."""
    try:
        if kind == "toml":
            return tuple(build(formula_file.load(path)).values())
        return notes.read_file(path, as_=kind)
    except DeriveError as exc:
        return str(exc)


def read_bounded(path: str, kind: str, budget: Budget) -> tuple[Formula, ...] | notes.Reading:
    """Read ``path`` within ``budget``; any failure is an :class:`InputError` (exit 2)."""
    outcome = run_bounded(_read, (path, kind), budget)
    if outcome.value is None:
        raise InputError(f"{path}: not read: {outcome.error}")
    if isinstance(outcome.value, str):
        raise InputError(outcome.value)
    return outcome.value


def check_files(
    paths: Sequence[str],
    *,
    as_: str | None = None,
    budget: Budget = DEFAULT_BUDGET,
    jobs: int = 2,
    progress: Callable[[int, int], None] | None = None,
    strict: bool = False,
) -> FilesReport:
    """Read every file (errors first, before any verification), then verify every claim;
    ``strict``: the check fails when a display equation that states a derivative was skipped."""
    formulas: list[Formula] = []
    locations: list[str] = []
    skipped: list[notes.Skip] = []
    display: Counter[str] = Counter()
    unread: list[str] = []
    for path in paths:
        found = read_bounded(path, kind_of(path, as_), budget)
        if isinstance(found, tuple):
            formulas.extend(found)
            locations.extend(f"{path}: {c.id}" for f in found for c in f.claims)
        else:
            reading = found
            formulas.append(reading.formula())
            locations.extend(c.location for c in reading.claims)
            skipped.extend(reading.skipped)
            display.update(reading.display)
            unread.extend(reading.unread)
    report = check(formulas, budget=budget, jobs=jobs, progress=progress)
    return FilesReport(
        report, tuple(locations), tuple(skipped), dict(display), tuple(unread), strict
    )
