"""What ``derive list`` shows: the catalog, one aligned line a formula."""

from __future__ import annotations

from typing import Any

from derivations.model import Formula


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
