"""What a person reads of a check of notes holds no SymPy internals: no ``Sum(``, ``Subs(``,
invented names (``_s1``, ``u[_s1]``) nor Python's ``**``, in the text and in the JSON, for
every notes file of the test corpora."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from derivations.cli.main import cli

from derivations.symbolic.printing import text

CORPORA = Path(__file__).resolve().parents[1] / "data" / "notes"
NOTES = sorted(p for p in CORPORA.rglob("*") if p.suffix in (".md", ".tex"))
INTERNALS = (
    "Sum(",
    "Subs(",
    "Derivative(",
    "Piecewise(",
    "_s1",
    "[_",
    "Dummy",
    "Idx(",
    "Lambda",
    "FunctionMatrix",
    "**",
)


def leaks(shown: str) -> list[str]:
    return [p for p in INTERNALS if p in shown]


def test_the_corpora_are_there() -> None:
    assert len(NOTES) >= 15


@pytest.mark.slow  # every notes file of the corpora checked, twice
@pytest.mark.parametrize("path", NOTES, ids=lambda p: f"{p.parent.name}/{p.name}")
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_no_sympy_internals_in_the_check_of_notes(path: Path, fmt: str) -> None:
    result = CliRunner().invoke(cli, ["check", str(path), "--format", fmt, "--jobs", "1"])
    assert result.exit_code in (0, 1, 2), result.output
    assert leaks(result.output) == []


def test_an_evaluation_at_a_point_prints_as_notes_write_it() -> None:
    import sympy as sp

    x = sp.Symbol("x")
    shown = text(sp.Subs(sp.Derivative(x**3, x), x, 2))
    assert shown == "(d/dx [x^3])|_{x=2}"
    assert leaks(shown) == []
