"""Derivation sheets and whole course notes, rendered from views through the templates.

Everything here returns text or bytes; the CLI writes them. A book is a mapping
from relative paths to file contents, the same bytes on every run.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from derivations import catalog
from derivations.checking.derivation import CheckedDerivation
from derivations.checking.report import Report
from derivations.errors import InputError
from derivations.model import Formula
from derivations.render import katex as katex_assets
from derivations.render.environment import render
from derivations.render.plots import plot, plottable
from derivations.render.views.sheet import FAMILIES, errata_view, sheet_view

SHEET_FORMATS = ("text", "markdown", "latex", "html", "json")
NOTES_FORMATS = ("markdown", "latex", "html")

#: The KaTeX release the HTML pages and the MkDocs site load (shipped in the package).
KATEX_VERSION = katex_assets.VERSION
#: Where a site of several pages gets its copy of KaTeX, relative to its pages.
KATEX_FOLDER = "assets/katex/"

_SHEET_TEMPLATES = {
    "text": "formula.txt.j2",
    "markdown": "formula.md.j2",
    "latex": "formula.tex.j2",
    "html": "formula.html.j2",
}


def render_sheet(
    formula: Formula,
    report: Report,
    checked: CheckedDerivation | None,
    fmt: str,
    templates: str | None = None,
) -> str:
    """The derivation sheet of ``formula`` in ``fmt`` (one of :data:`SHEET_FORMATS`)."""
    view = sheet_view(formula, report, checked)
    if fmt == "json":
        return json.dumps(view, indent=2, ensure_ascii=False) + "\n"
    if fmt not in _SHEET_TEMPLATES:
        raise InputError(f"unknown format {fmt!r}; use one of {', '.join(SHEET_FORMATS)}")
    return render(_SHEET_TEMPLATES[fmt], templates, f=view, katex=katex_assets.inline_head())


def _summary(report: Report) -> dict[str, int]:
    return report.summary()


def _families(
    formulas: Sequence[Formula],
    report: Report,
    derivations: Mapping[str, CheckedDerivation | None],
    plot_path: str,
) -> list[dict[str, Any]]:
    families = []
    for kind, stem, title in FAMILIES:
        members = [f for f in formulas if f.kind is kind]
        sheets = [
            sheet_view(
                f,
                report,
                derivations.get(f.name),
                plot_path.format(name=f.name) if plottable(f) else "",
            )
            for f in members
        ]
        families.append({"kind": kind.value, "stem": stem, "title": title, "formulas": sheets})
    return families


def _parts(
    formulas: Sequence[Formula],
    report: Report,
    derivations: Mapping[str, CheckedDerivation | None],
    plot_path: str,
    errata: Sequence[Mapping[str, Any]],
) -> list[dict[str, Any]]:
    """The parts of the notes (:data:`derivations.catalog.PARTS`), each with its family pages.

    A formula belongs to the part whose catalog modules define it (formulas from elsewhere to
    the first part); a part lists only its families that have formulas. The errata go with the
    part whose formulas they are about.
    """
    parts = []
    every_part = catalog.PARTS  # built on first use
    for index, part in enumerate(every_part):
        members = [
            f
            for f in formulas
            if f.name in part.names
            or (index == 0 and not any(f.name in p.names for p in every_part))
        ]
        families = [
            {**family, "stem": part.prefix + family["stem"], "part": part.title}
            for family in _families(members, report, derivations, plot_path)
            if family["formulas"]
        ]
        about = {e["formula"] for d in errata for e in d["entries"]}
        parts.append(
            {
                "key": part.key,
                "title": part.title,
                "families": families,
                "errata": bool(about & {f.name for f in members}),
            }
        )
    return [p for p in parts if p["families"]]


def build_notes(
    formulas: Sequence[Formula],
    report: Report,
    derivations: Mapping[str, CheckedDerivation | None],
    fmt: str,
    templates: str | None = None,
) -> dict[str, bytes]:
    """The files of the course notes in ``fmt``, by relative path."""
    if fmt not in NOTES_FORMATS:
        raise InputError(f"unknown notes format {fmt!r}; use one of {', '.join(NOTES_FORMATS)}")
    errata = errata_view(report)
    summary = _summary(report)
    steps = [d for d in derivations.values() if d is not None]
    totals = {
        "derivations": len(steps),
        "steps": sum(len(d.steps) for d in steps),
        "steps_proved": sum(s.proved for d in steps for s in d.steps),
    }
    context: dict[str, Any] = {
        "summary": summary,
        "totals": totals,
        "errata": errata,
        "katex": katex_assets.linked_head(KATEX_FOLDER),
    }
    files: dict[str, bytes] = {}

    def put(path: str, template: str, **extra: Any) -> None:
        files[path] = render(template, templates, **context, **extra).encode()

    plot_format = "pdf" if fmt == "latex" else "svg"
    plot_path = "plots/{name}." + plot_format
    parts = _parts(formulas, report, derivations, plot_path, errata)
    families = [family for part in parts for family in part["families"]]
    context["parts"] = parts
    context["families"] = families
    for formula in formulas:
        if plottable(formula):
            prefix = "docs/" if fmt == "markdown" else ""
            files[prefix + plot_path.format(name=formula.name)] = plot(formula, plot_format)
    if fmt != "latex":
        prefix = "docs/" if fmt == "markdown" else ""
        for name, content in katex_assets.files().items():
            files[prefix + KATEX_FOLDER + name] = content
    if fmt == "markdown":
        put("mkdocs.yml", "notes_mkdocs.yml.j2")
        put("docs/javascripts/katex.js", "notes_katex.js.j2")
        put("docs/index.md", "notes_index.md.j2")
        for family in families:
            put(f"docs/{family['stem']}.md", "notes_family.md.j2", family=family)
        put("docs/errata.md", "notes_errata.md.j2")
    elif fmt == "html":
        put("index.html", "notes_index.html.j2")
        for family in families:
            put(f"{family['stem']}.html", "notes_family.html.j2", family=family)
        put("errata.html", "notes_errata.html.j2")
    else:
        put("book.tex", "notes_book.tex.j2")
    return dict(sorted(files.items()))
