"""Regenerate the sheet snapshots after a reviewed change: ``python tests/snapshots/update.py``."""

from __future__ import annotations

from pathlib import Path

from derivations.catalog import CATALOG
from derivations.checking.budget import Budget
from derivations.checking.derivation import check_derivation_bounded
from derivations.checking.report import check
from derivations.render.book import render_sheet

HERE = Path(__file__).resolve().parent
FORMULAS = ("sigmoid", "relu", "softmax")


def main() -> None:
    budget = Budget(seconds=120)
    for name in FORMULAS:
        formula = CATALOG[name]
        report = check([formula], budget=budget)
        checked = check_derivation_bounded(formula, budget)
        for fmt, suffix in (("markdown", "md"), ("latex", "tex")):
            (HERE / f"{name}.{suffix}").write_text(render_sheet(formula, report, checked, fmt))


if __name__ == "__main__":
    main()
