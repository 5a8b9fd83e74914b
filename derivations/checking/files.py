"""``derive check FILE...``: the user's formula files (TOML) and notes (Markdown, LaTeX).

Each file becomes formulas whose claims are verified like the catalog's, each
claim in a killable child process within the budget. A claim of a notes file
carries its location ``FILE:LINE``; math that could not be read is listed as
skipped with the reason.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from derivations.catalog import build
from derivations.checking import cache
from derivations.checking.budget import Budget, run_bounded
from derivations.checking.report import ClaimReport, Report, check, from_json
from derivations.errors import DeriveError, InputError
from derivations.model import Formula, Verdict
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


@dataclass(frozen=True)
class FilePart:
    """What one file contributed to a check: its claims' reports with their locations, the
    math it skipped, its counts of display equations and its unread derivatives."""

    claims: tuple[ClaimReport, ...]
    locations: tuple[str, ...]
    skipped: tuple[notes.Skip, ...] = ()
    display: dict[str, int] = field(default_factory=dict)
    unread: tuple[str, ...] = ()

    @property
    def settled(self) -> bool:
        """Whether every verdict is definite (only then is the part remembered)."""
        return all(c.verdict != Verdict.UNKNOWN.value for c in self.claims)

    def to_json(self) -> dict[str, Any]:
        return {
            "claims": [asdict(c) for c in self.claims],
            "locations": list(self.locations),
            "skipped": [asdict(s) for s in self.skipped],
            "display": dict(self.display),
            "unread": list(self.unread),
        }


def part_from_json(data: Any) -> FilePart | None:
    """A part read back from the cache, or ``None`` when the entry is not one."""
    try:
        claims = tuple(from_json(c) for c in data["claims"])
        skipped = tuple(
            notes.Skip(str(s["location"]), str(s["reason"]), bool(s["display"]))
            for s in data["skipped"]
        )
        part = FilePart(
            tuple(c for c in claims if c is not None),
            tuple(str(x) for x in data["locations"]),
            skipped,
            {str(k): int(v) for k, v in data["display"].items()},
            tuple(str(x) for x in data["unread"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    if len(part.claims) != len(claims) or len(part.locations) != len(claims):
        return None
    return part


def file_key(path: str, kind: str) -> str | None:
    """The cache key of what ``path`` yields read as ``kind``: the path as given (every
    location names it), the kind and the file's content; ``None``: not remembered."""
    digest = cache.file_digest(path)
    return None if digest is None else cache.key("file", path, kind, digest)


def _part(
    found: tuple[Formula, ...] | notes.Reading, claims: list[ClaimReport], path: str
) -> FilePart:
    if isinstance(found, tuple):
        locations = tuple(f"{path}: {c.id}" for f in found for c in f.claims)
        return FilePart(tuple(claims), locations)
    # a claim about a function the notes leave undefined that is not proved for every such
    # function says nothing certain about the author's: skipped, with the reason
    pairs = list(zip(found.claims, claims, strict=True))
    proved = Verdict.PROVED.value
    dropped = [bool(loc.claim.arbitrary) and rep.verdict != proved for loc, rep in pairs]
    kept = [pair for pair, drop in zip(pairs, dropped, strict=True) if not drop]
    display = Counter(found.display)
    unread = list(found.unread)
    skipped = list(found.skipped)
    still_checked = {located.display for located, _ in kept}
    for (located, report), drop in zip(pairs, dropped, strict=True):
        if not drop:
            continue
        skipped.append(notes.Skip(located.location, report.reason, bool(located.display)))
        if located.display and located.display not in still_checked:
            still_checked.add(located.display)  # the display's first such claim moves it
            display["checked"] -= 1
            display["skipped"] += 1
            unread.append(located.location)
    return FilePart(
        tuple(r for _, r in kept),
        tuple(located.location for located, _ in kept),
        tuple(skipped),
        dict(display),
        tuple(unread),
    )


def check_files(
    paths: Sequence[str],
    *,
    as_: str | None = None,
    budget: Budget = DEFAULT_BUDGET,
    jobs: int = 2,
    progress: Callable[[int, int], None] | None = None,
    strict: bool = False,
    use_cache: bool = True,
) -> FilesReport:
    """Read every file (errors first, before any verification), then verify every claim;
    ``strict``: the check fails when a display equation that states a derivative was skipped.

    With ``use_cache``, a file whose content was checked before (under the same tool) is
    neither read nor verified again: its part of the report is replayed from
    :mod:`derivations.checking.cache`; a changed file is read again, and its claims' verdicts
    come from the cache of verdicts where a claim did not change.
    """
    kinds = [kind_of(path, as_) for path in paths]
    keys = [file_key(p, k) if use_cache else None for p, k in zip(paths, kinds, strict=True)]
    parts: list[FilePart | None] = [
        part_from_json(cache.load("file", key)) if key else None for key in keys
    ]
    read: dict[int, tuple[Formula, ...] | notes.Reading] = {}
    for i, path in enumerate(paths):
        if parts[i] is None:
            read[i] = read_bounded(path, kinds[i], budget)
    formulas = {
        i: found if isinstance(found, tuple) else (found.formula(),) for i, found in read.items()
    }
    report = check(
        [f for i in read for f in formulas[i]],
        budget=budget,
        jobs=jobs,
        progress=progress,
        use_cache=use_cache,
    )
    verdicts = iter(report.claims)
    for i, found in read.items():
        count = sum(len(f.claims) for f in formulas[i])
        part = parts[i] = _part(found, [next(verdicts) for _ in range(count)], paths[i])
        key = keys[i]
        # Remembered under the content it was read from, unless the file changed meanwhile.
        if key and part.settled and file_key(paths[i], kinds[i]) == key:
            cache.store("file", key, part.to_json())
    done = [p for p in parts if p is not None]
    return FilesReport(
        Report(tuple(c for p in done for c in p.claims)),
        tuple(x for p in done for x in p.locations),
        tuple(s for p in done for s in p.skipped),
        dict(sum((Counter(p.display) for p in done), Counter())),
        tuple(x for p in done for x in p.unread),
        strict,
    )
