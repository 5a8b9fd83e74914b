"""What a check's report shows: each claim with its verdict, and the report's summary."""

from __future__ import annotations

from typing import Any

from derivations.catalog.sources import document_title, titled
from derivations.checking.report import ClaimReport, Report

MARKS = {"proved": "✓", "refuted": "✗", "unknown": "?"}


def claim_view(c: ClaimReport) -> dict[str, Any]:
    cx = c.counterexample
    coordinates: dict[str, str] = cx["point"] if cx else {}
    point = ", ".join(f"{k} = {v}" for k, v in coordinates.items())
    return {
        "id": c.id,
        "title": c.title,
        "mark": MARKS[c.verdict],
        "verdict": c.verdict,
        "expected": c.expected,
        "as_expected": c.as_expected,
        "statement": c.statement,
        "statement_text": c.statement_text,
        "sources": [titled(s) for s in c.sources],
        "source_titles": [document_title(s) for s in c.sources],
        "readings": list(c.readings),
        "method": c.method,
        "where": c.where,
        "reason": c.reason,
        "holds_under": c.holds_under,
        "counterexample": (
            {"point": point, "lhs": cx["lhs"], "rhs": cx["rhs"], "case": cx["case"]} if cx else None
        ),
        "correction": c.correction,
        "correction_text": c.correction_text,
    }


def check_view(report: Report) -> dict[str, Any]:
    return {
        "claims": [claim_view(c) for c in report.claims],
        "unexpected": [claim_view(c) for c in report.claims if not c.as_expected],
        "refuted": [claim_view(c) for c in report.claims if c.verdict == "refuted"],
        "summary": report.summary(),
        "ok": report.ok,
    }
