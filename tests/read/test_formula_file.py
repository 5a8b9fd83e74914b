"""Formula files in TOML: the README's example, and errors that name the file and the key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sympy as sp
from click.testing import CliRunner
from derivations.cli.main import cli

from derivations.read.formula_file import FormulaFileError, load, loads

EXAMPLE = Path(__file__).parents[1] / "data" / "swish.toml"


def test_example_reads_into_formulas() -> None:
    (swish,) = load(EXAMPLE)
    beta = sp.Symbol("beta", positive=True)
    assert swish.name == "swish" and swish.parameters == (beta,)
    assert [c.id for c in swish.claims] == ["swish.derivative.wrong", "swish.at-beta-1"]
    assert swish.claims[1].conditions[0].cases == (((beta, sp.Integer(1)),),)


def test_example_checks_as_recorded() -> None:
    result = CliRunner().invoke(cli, ["check", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [(c["id"], c["verdict"]) for c in data["claims"]] == [
        ("swish.closed-form", "proved"),
        ("swish.derivative.wrong", "refuted"),
        ("swish.at-beta-1", "proved"),
    ]
    assert data["claims"][1]["counterexample"]["point"]


def test_readme_example_is_the_tested_file() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    assert EXAMPLE.read_text().strip() in readme


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[[formula]]\nname = "a"\ndefinition = "x.y"\n',
            "f.toml: formula[0].definition:1:2: operator",
        ),
        ('[[formula]]\nname = "a"\ndefinitio = "x"\n', "f.toml: formula[0].definitio: unknown key"),
        ('[[formula]]\nname = "a"\n', "f.toml: formula[0].definition: missing"),
        (
            '[[formula]]\nname = "a"\ndefinition = "x"\nkind = "potato"\n',
            "f.toml: formula[0].kind: must be",
        ),
        (
            '[[formula]]\nname = "a"\ndefinition = "x"\n[[formula.claims]]\nrhs = "1"\nwrt = "x"\n'
            'expected = "maybe"\n',
            "f.toml: formula[0].claims[0].expected",
        ),
        (
            '[[formula]]\nname = "a"\ndefinition = "x"\n'
            '[[formula.claims]]\nlhs = "diff(x, 2)"\nrhs = "1"\n',
            "f.toml: formula[0].claims[0].lhs:1:1: diff takes",
        ),
        ("[[formula]\n", "f.toml: invalid TOML"),
        ("answer = 42\n", "f.toml: answer: unknown key"),
    ],
)
def test_errors_name_file_and_key(text: str, message: str) -> None:
    with pytest.raises(FormulaFileError) as info:
        loads(text, "f.toml")
    assert str(info.value).startswith(message)


def test_cli_unreadable_file_is_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "missing.toml")])
    assert result.exit_code == 2
    assert (
        result.output
        == f"derive: error: {tmp_path / 'missing.toml'}: cannot read: No such file or directory\n"
    )
