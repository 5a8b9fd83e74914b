"""The JSON that ``derive check`` prints: the stable form of a report, built once and dumped once.

``{"claims": [{"id", "formula", "source", "source_titles", "statement", "verdict", "expected",
"where", "counterexample", "correction", "holds_under", "method", "reason", "readings"}, ...],
"summary": {...}}``; ``source`` holds the references as cited (a seed document by its file
name), ``source_titles`` beside it the title of the seed document each cites (``null`` for
other references); a check of notes and formula files adds ``location`` to every claim,
the ``skipped`` math and the counts of display equations.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from derivations.catalog.sources import document_title
from derivations.checking.report import ClaimReport, Report

if TYPE_CHECKING:  # the notes reader is imported only where files are checked
    from derivations.checking.files import FilesReport

#: The fields of a claim, in the order the JSON lists them.
CLAIM_FIELDS = (
    "id",
    "formula",
    "source",
    "source_titles",
    "statement",
    "verdict",
    "expected",
    "where",
    "counterexample",
    "correction",
    "holds_under",
    "method",
    "reason",
    "readings",
)


def claim_data(c: ClaimReport) -> dict[str, Any]:
    """One claim's row."""
    row = {
        "id": c.id,
        "formula": c.formula,
        "source": list(c.sources),
        "source_titles": [document_title(s) for s in c.sources],
        "statement": c.statement,
        "verdict": c.verdict,
        "expected": c.expected,
        "where": c.where,
        "counterexample": c.counterexample,
        "correction": c.correction,
        "holds_under": c.holds_under,
        "method": c.method,
        "reason": c.reason,
        "readings": list(c.readings),
    }
    return {k: row[k] for k in CLAIM_FIELDS}


def _dumped(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def report_json(report: Report) -> str:
    """The stable JSON form of a report: ``{"claims": [...], "summary": {...}}``."""
    return _dumped({"claims": [claim_data(c) for c in report.claims], "summary": report.summary()})


def files_json(result: FilesReport) -> str:
    """The JSON of ``derive check FILE...``: every claim with its ``location``, the summary
    with the counts of display equations, and the ``skipped`` math with its reason."""
    claims = [
        {**claim_data(c), "location": location}
        for c, location in zip(result.report.claims, result.locations, strict=True)
    ]
    skipped = [
        {"location": s.location, "reason": s.reason, "display": s.display} for s in result.skipped
    ]
    return _dumped({"claims": claims, "summary": result.summary(), "skipped": skipped})
