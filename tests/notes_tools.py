"""Helpers for the tests of the notes reader: the verdicts of a notes file by line."""

from __future__ import annotations

from pathlib import Path

from derivations.checking.files import FilesReport, check_files
from derivations.read.notes import read_file
from derivations.verifier.claim import verify


def line_of(location: str) -> int:
    """``notes.md:12`` → 12."""
    return int(location.rsplit(":", 1)[1])


def read_verdicts(path: Path) -> tuple[dict[int, list[str]], dict[int, str], dict[int, str]]:
    """The reader alone, each claim verified: verdicts by line (several claims on one line in
    order), skip reasons by line, and the reading of each line's last claim."""
    reading = read_file(path)
    found: dict[int, list[str]] = {}
    readings: dict[int, str] = {}
    for located in reading.claims:
        line = line_of(located.location)
        found.setdefault(line, []).append(verify(located.claim).verdict.value)
        readings[line] = located.claim.sources[0].reading
    skipped = {line_of(s.location): s.reason for s in reading.skipped}
    return found, skipped, readings


def checked(path: Path) -> tuple[list[tuple[int, str]], dict[int, str], FilesReport]:
    """``derive check`` of one file without the cache: its claims' (line, verdict) in order,
    the skip reasons by line, and the whole report."""
    result = check_files([str(path)], use_cache=False)
    verdicts = [
        (line_of(where), claim.verdict)
        for claim, where in zip(result.report.claims, result.locations, strict=True)
    ]
    return verdicts, {line_of(s.location): s.reason for s in result.skipped}, result
