"""Counts as people read them: ``1 claim``, and the same number of claims in every view."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from derivations.cli.main import cli

ONE_CLAIM = """\
[[formula]]
name = "cube"
kind = "activation"
title = "Cube"
summary = "x^3"
variables = ["x"]
definition = "x^3"
sources = [{ document = "my-notes.md", location = "section 1" }]

[[formula.claims]]
id = "cube.derivative"
title = "the power rule"
wrt = "x"
rhs = "3*x^2"
"""


def test_one_claim_is_singular_in_the_summary(tmp_path: Path) -> None:
    path = tmp_path / "cube.toml"
    path.write_text(ONE_CLAIM, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 0, result.output
    last = result.output.rstrip().splitlines()[-1]
    assert last.startswith("1 claim: 1 proved, 0 refuted, 0 unknown;"), last


def test_list_and_sheet_count_the_same_claims() -> None:
    from derivations.catalog import CATALOG

    runner = CliRunner()
    listed = runner.invoke(cli, ["list"]).output
    line = next(x for x in listed.splitlines() if x.split()[0] == "sigmoid")
    in_list = int(re.search(r"claims\s+(\d+)", line).group(1))  # type: ignore[union-attr]
    sheet = runner.invoke(cli, ["sigmoid"]).output
    in_sheet = int(re.search(r"^Claims \((\d+)", sheet, re.M).group(1))  # type: ignore[union-attr]
    assert in_list == in_sheet == len(CATALOG["sigmoid"].claims)


def test_a_formula_whose_only_claim_is_its_derivative_says_so() -> None:
    sheet = CliRunner().invoke(cli, ["linear"]).output
    assert "Claims (1: the derivative above).\n" in sheet
    assert "these 0" not in sheet
