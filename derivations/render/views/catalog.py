"""What ``derive list`` shows: the catalog, one aligned line a formula, and the seed documents'
titles with their file names (the file name is the reference)."""

from __future__ import annotations

from typing import Any

from derivations.catalog.sources import TITLES, document_titles
from derivations.model import Formula


def _documents(formula: Formula) -> str:
    """The documents a formula cites: the seed documents by title, in their order, then the
    other references (papers, framework pages) by name."""
    seeds = document_titles(s.document for s in formula.sources)
    others = sorted({s.document for s in formula.sources if s.document not in TITLES})
    return "; ".join([*seeds, *others])


def list_view(formulas: list[Formula]) -> dict[str, Any]:
    """The catalog's lines, with the column widths that keep them aligned, and the seed
    documents (title and file name) the lines cite by title."""
    rows = [
        {
            "name": f.name,
            "kind": f.kind.value,
            "title": f.title,
            "sources": _documents(f),
            "claims": str(len(f.claims)),
        }
        for f in formulas
    ]
    return {
        "rows": rows,
        "name_width": max((len(r["name"]) for r in rows), default=0),
        "title_width": max((len(r["title"]) for r in rows), default=0),
        "documents": [{"title": t, "file": d} for d, t in TITLES.items()],
    }
