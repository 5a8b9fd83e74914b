"""The library's entry points, as the CLI and other programs call them."""

from __future__ import annotations

from derivations.budget import Budget
from derivations.catalog import CATALOG, lookup
from derivations.errors import InputError
from derivations.render import render
from derivations.report import Report, check, to_json
from derivations.views import check_view, list_view


def check_catalog(*, seconds: float = 30.0, jobs: int = 2) -> Report:
    """Verify every claim of the catalog."""
    return check(CATALOG.values(), budget=Budget(seconds=seconds), jobs=jobs)


def check_formula(name: str, *, seconds: float = 30.0, jobs: int = 2) -> Report:
    """Verify the claims of one formula."""
    return check([lookup(name)], budget=Budget(seconds=seconds), jobs=jobs)


def show_text(name: str, *, seconds: float = 30.0, jobs: int = 2) -> str:
    """The terminal sheet of formula ``name``."""
    return sheet(name, "text", seconds=seconds, jobs=jobs)


def sheet(
    name: str,
    fmt: str = "text",
    *,
    seconds: float = 30.0,
    jobs: int = 2,
    templates: str | None = None,
) -> str:
    """The derivation sheet of formula ``name`` in ``fmt``: its claims and every step checked."""
    from derivations.book import render_sheet
    from derivations.stepcheck import check_derivation_bounded

    formula = lookup(name)
    budget = Budget(seconds=seconds)
    report = check([formula], budget=budget, jobs=jobs)
    checked = check_derivation_bounded(formula, budget, jobs)
    return render_sheet(formula, report, checked, fmt, templates)


def notes(
    fmt: str = "markdown", *, seconds: float = 30.0, jobs: int = 2, templates: str | None = None
) -> dict[str, bytes]:
    """The files of the course notes over the whole catalog, by relative path."""
    from derivations.book import build_notes
    from derivations.stepcheck import check_derivation_bounded

    formulas = list(CATALOG.values())
    budget = Budget(seconds=seconds)
    report = check(formulas, budget=budget, jobs=jobs)
    derivations = {f.name: check_derivation_bounded(f, budget, jobs) for f in formulas}
    return build_notes(formulas, report, derivations, fmt, templates)


def list_text() -> str:
    return render("list.txt.j2", formulas=list_view(list(CATALOG.values())))


def format_report(report: Report, fmt: str) -> str:
    if fmt == "json":
        return to_json(report)
    if fmt == "text":
        return render("check.txt.j2", r=check_view(report))
    raise InputError(f"unknown format {fmt!r}")
