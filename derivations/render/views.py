"""What the templates print: formulas and reports turned into plain strings and lists."""

from __future__ import annotations

from typing import Any

from derivations.checking.report import ClaimReport, Report
from derivations.model import Formula
from derivations.symbolic.functions import to_definitions
from derivations.symbolic.printing import latex, text

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
        "sources": list(c.sources),
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


def _definition_text(formula: Formula) -> str:
    """The definition, followed by its form through exp when it uses σ, softplus or softmax."""
    shown = text(formula.definition)
    expanded = text(to_definitions(formula.definition))
    return shown if expanded == shown else f"{shown} = {expanded}"


def formula_view(formula: Formula, report: Report) -> dict[str, Any]:
    claims = [claim_view(c) for c in report.claims if c.formula == formula.name]
    reference = next((c for c in claims if c["id"] == f"{formula.name}.closed-form"), None)
    variable = formula.variable
    return {
        "name": formula.name,
        "title": formula.title,
        "kind": formula.kind.value,
        "summary": formula.summary,
        "definition": _definition_text(formula),
        "definition_latex": latex(formula.definition),
        "variable": text(variable)
        if variable is not None
        else ", ".join(text(v) for v in formula.variables),
        "parameters": [text(p) for p in formula.parameters],
        "derivative": text(formula.derivative) if formula.derivative is not None else "",
        "derivative_latex": latex(formula.derivative) if formula.derivative is not None else "",
        "derivative_verdict": reference["verdict"] if reference else "",
        "derivative_where": reference["where"] if reference else "",
        "sources": [str(s) for s in formula.sources],
        "conventions": [
            {"point": c.point, "value": c.value, "used_by": ", ".join(c.used_by) or "—"}
            for c in formula.conventions
        ],
        "claims": [c for c in claims if c is not reference],
    }


def check_view(report: Report) -> dict[str, Any]:
    return {
        "claims": [claim_view(c) for c in report.claims],
        "unexpected": [claim_view(c) for c in report.claims if not c.as_expected],
        "refuted": [claim_view(c) for c in report.claims if c.verdict == "refuted"],
        "summary": report.summary(),
        "ok": report.ok,
    }


def list_view(formulas: list[Formula]) -> dict[str, Any]:
    """The catalog's lines, with the column widths that keep them aligned."""
    rows = [
        {
            "name": f.name,
            "kind": f.kind.value,
            "title": f.title,
            "sources": ", ".join(sorted({s.document.split("_")[0] for s in f.sources})),
            "claims": str(len(f.claims)),
        }
        for f in formulas
    ]
    return {
        "rows": rows,
        "name_width": max((len(r["name"]) for r in rows), default=0),
        "title_width": max((len(r["title"]) for r in rows), default=0),
    }
