"""What ``derive check FILES`` shows: the claims of formula files and notes with their locations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from derivations.render.views.report import claim_view

if TYPE_CHECKING:  # the notes reader is imported only where files are checked
    from derivations.checking.files import FilesReport


def files_view(r: FilesReport) -> dict[str, Any]:
    """The claims of user files with their locations, the skipped math and the counts."""
    claims = [
        {**claim_view(c), "location": where}
        for c, where in zip(r.report.claims, r.locations, strict=True)
    ]
    return {
        "claims": claims,
        "refuted": [c for c in claims if c["verdict"] == "refuted"],
        "unknown": [c for c in claims if c["verdict"] == "unknown"],
        "skipped": [{"location": s.location, "reason": s.reason} for s in r.skipped],
        "reasons": r.reasons(),
        "summary": r.summary(),
        "strict": r.strict,
    }
