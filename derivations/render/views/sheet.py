"""What the sheet and notes templates print: a formula's sheet, the families, the errata.

Every value here is a string, a number, a boolean, or a list or dict of them;
LaTeX fields are printed by :mod:`derivations.symbolic.printing` and plain-text fields
are escaped by the templates' filters for their format.
"""

from __future__ import annotations

from typing import Any

from derivations.catalog.sources import DOCUMENTS, titled
from derivations.checking.derivation import CheckedDerivation
from derivations.checking.report import Report
from derivations.model import Formula, Kind
from derivations.render.views.derivation import derivation_view
from derivations.render.views.formula import formula_view
from derivations.render.views.report import claim_view

#: Family pages of the notes, in order: kind, file stem, title.
FAMILIES: tuple[tuple[Kind, str, str], ...] = (
    (Kind.ACTIVATION, "activations", "Activations"),
    (Kind.LOSS, "losses", "Losses"),
    (Kind.LAYER, "layers", "Layers"),
    (Kind.IDENTITY, "identities", "Identities"),
)


def sheet_view(
    formula: Formula, report: Report, checked: CheckedDerivation | None, plot: str = ""
) -> dict[str, Any]:
    """Everything the sheet of ``formula`` shows; ``plot`` is the relative path of its plot."""
    view = formula_view(formula, report)
    return {
        **view,
        "derivation": derivation_view(checked, formula.intermediates),
        "plot": plot,
    }


def errata_view(report: Report) -> list[dict[str, Any]]:
    """Every refuted claim of the source documents, grouped by document, then by claim id.

    Only the seed documents' own claims are errata: the tool's deliberately wrong variants
    and the literature's conditional forms cite other sources and are left out.
    """
    rows: list[dict[str, Any]] = []
    for c in report.claims:
        if c.verdict != "refuted":
            continue
        for source in c.sources:
            document, _, location = source.partition(": ")
            if document not in DOCUMENTS:
                continue
            rows.append(
                {**claim_view(c), "document": document, "location": location, "formula": c.formula}
            )
    rows.sort(key=lambda r: (r["document"], r["id"], r["location"]))
    documents: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        documents.setdefault(row["document"], []).append(row)
    return [{"document": titled(d), "entries": entries} for d, entries in documents.items()]
