"""The library's entry points, as the CLI and other programs call them."""

from __future__ import annotations

from derivations.budget import Budget
from derivations.catalog import CATALOG, lookup
from derivations.errors import InputError
from derivations.render import render
from derivations.report import Report, check, to_json
from derivations.views import check_view, formula_view, list_view


def check_catalog(*, seconds: float = 30.0, jobs: int = 2) -> Report:
    """Verify every claim of the catalog."""
    return check(CATALOG.values(), budget=Budget(seconds=seconds), jobs=jobs)


def check_formula(name: str, *, seconds: float = 30.0, jobs: int = 2) -> Report:
    """Verify the claims of one formula."""
    return check([lookup(name)], budget=Budget(seconds=seconds), jobs=jobs)


def show_text(name: str, *, seconds: float = 30.0, jobs: int = 2) -> str:
    """The terminal sheet of formula ``name``."""
    formula = lookup(name)
    report = check([formula], budget=Budget(seconds=seconds), jobs=jobs)
    return render("formula.txt.j2", f=formula_view(formula, report))


def show_sized_text(name: str, n: int, *, seconds: float = 30.0, jobs: int = 2) -> str:
    """The sheet of formula ``name`` instantiated at size ``n``, every explicit claim verified."""
    from derivations.at_size import at_size, sized_view, symbolic_form, verify_explicit
    from derivations.budget import run_all
    from derivations.model import Result, Verdict
    from derivations.report import Report, claim_report

    formula = at_size(symbolic_form(name), n)
    tasks = [(formula, c) for c in formula.claims]
    outcomes = run_all(verify_explicit, tasks, Budget(seconds=seconds), jobs=jobs)
    report = Report(
        tuple(
            claim_report(formula, c, o.value or Result(Verdict.UNKNOWN, "none", reason=o.error))
            for c, o in zip(formula.claims, outcomes, strict=True)
        )
    )
    return render("sized.txt.j2", f=sized_view(formula, report))


def mlp_text(
    layers: int,
    width: int,
    activation: str,
    loss: str,
    *,
    widths: str = "",
    direct: bool = False,
    seconds: float = 30.0,
    jobs: int = 2,
) -> tuple[str, bool]:
    """The layer-by-layer proof of backpropagation for one MLP, and whether it was proved."""
    from dataclasses import replace

    from derivations import mlp

    net = mlp.network(layers, width, activation, loss, mlp.parse_widths(widths) if widths else ())
    formula = mlp.obligations(net)
    if direct:
        if net.depth > 2 or max(net.widths) > 3:
            raise InputError("--direct differentiates the whole loss: at most 2 layers of width 3")
        formula = replace(formula, claims=formula.claims + mlp.direct_claims(net))
    report = check([formula], budget=Budget(seconds=seconds), jobs=jobs)
    return render("mlp.txt.j2", m=mlp.view(net, report)), report.ok


def list_text() -> str:
    return render("list.txt.j2", formulas=list_view(list(CATALOG.values())))


def format_report(report: Report, fmt: str) -> str:
    if fmt == "json":
        return to_json(report)
    if fmt == "text":
        return render("check.txt.j2", r=check_view(report))
    raise InputError(f"unknown format {fmt!r}")
