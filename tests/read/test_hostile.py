"""Hostile input through every entry point: nothing executes, nothing escapes, nothing hangs.

An audit hook (``sys.addaudithook``, installed once and only recording while a
parser call is on the stack) watches for process creation, file opening, ``exec``
and ``import``. Each parser call runs in a killable child process within a budget,
so an input that hung would be reported as exceeding it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from derivations.cli.main import cli

from derivations.checking.budget import Budget, run_bounded
from derivations.errors import DeriveError
from derivations.read import expression, formula_file, notes

HERE = Path(__file__).resolve().parents[1]  # tests/
sys.path.insert(0, str(HERE))
from hostile import EXPRESSIONS, LATEX  # noqa: E402

# "compile" is not watched: ast.parse raises it (it compiles to a tree, never to code);
# running any compiled code would raise "exec".
WATCHED = (
    "os.system",
    "subprocess.Popen",
    "open",
    "exec",
    "import",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "os.fork",
    "ctypes",
    "socket",
)
_events: list[tuple[str, tuple[Any, ...]]] = []
_watching = [False]


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if _watching[0] and event.startswith(WATCHED):
        _events.append((event, args))


sys.addaudithook(_hook)


@contextmanager
def watching() -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
    _events.clear()
    _watching[0] = True
    try:
        yield _events
    finally:
        _watching[0] = False


def _warm_up() -> None:
    """Import everything the parsers use lazily, so that a later import is a real finding."""
    expression.parse("sigmoid(x)*exp(x)^2/sqrt(x) + max(x, 1) + erf(x) + atan(x)")
    notes.reads("$$\\frac{d}{dx} \\sigma(x) = \\tanh(x) + |x| + \\sqrt{x}$$\n$$\\sum x$$\n", "w.md")
    formula_file.loads('[[formula]]\nname = "w"\ndefinition = "x"\n', "w.toml")
    for text in (*EXPRESSIONS, *LATEX):  # every error path once (SymPy imports lazily)
        _outcome(lambda t=text: expression.parse(t))
        _outcome(lambda t=text: notes.reads(f"$$\n{t}\n$$\n", "w.md"))


def _outcome(call: Callable[[], object]) -> str:
    """'ok' or the tool's own error; anything else escapes and fails the test."""
    try:
        call()
    except DeriveError as exc:
        return f"error: {exc}"
    return "ok"


_warm_up()


def _toml(expr: str) -> str:
    quoted = (
        expr.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\x00", "\\u0000")
    )
    return f'[[formula]]\nname = "h"\nvariables = ["x"]\ndefinition = "{quoted}"\n'


@pytest.mark.parametrize("text", EXPRESSIONS)
def test_expression_executes_nothing(text: str) -> None:
    with watching() as events:
        outcome = _outcome(lambda: expression.parse(text))
    assert events == []
    assert outcome.startswith(("ok", "error: "))


@pytest.mark.parametrize("text", EXPRESSIONS)
def test_toml_executes_nothing(text: str) -> None:
    with watching() as events:
        outcome = _outcome(lambda: formula_file.loads(_toml(text), "hostile.toml"))
    assert events == []
    if outcome != "ok":
        assert outcome.startswith("error: hostile.toml: ")


@pytest.mark.parametrize("text", LATEX + EXPRESSIONS)
def test_markdown_executes_nothing(text: str) -> None:
    document = f"# notes\n\n$$\n{text}\n$$\n\ninline ${text}$ too\n"
    with watching() as events:
        reading = notes.reads(document, "hostile.md")
    assert events == []
    # nothing is dropped silently: the display equation is checked, a definition or skipped
    assert sum(reading.display.values()) == 1


def _parse_all(text: str) -> str:
    return "/".join(
        _outcome(call)
        for call in (
            lambda: expression.parse(text),
            lambda: formula_file.loads(_toml(text), "h.toml"),
            lambda: notes.reads(f"$$\n{text}\n$$\n", "h.md"),
        )
    )


@pytest.mark.parametrize("text", LATEX + EXPRESSIONS[:20])
def test_every_parser_returns_within_its_budget(text: str) -> None:
    outcome = run_bounded(_parse_all, (text,), Budget(seconds=20, memory_mb=1024))
    assert outcome.error == ""
    assert outcome.value is not None


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os').system('echo pwned')",
        "x.__class__",
        "9**9**9",
        "1/99**(1/387420489)",
        "(lambda: 1)()",
        "f'{x}'",
        "(y := 1)",
        "(" * 60 + "x" + ")" * 60,
        "x!",
    ],
)
def test_cli_expression_is_one_line_and_exit_2(text: str) -> None:
    result = CliRunner().invoke(cli, [text])
    assert result.exit_code == 2, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("derive: error: expression:")
    assert "Traceback" not in result.output


@pytest.mark.parametrize("text", ["__import__('os')", "9**9**9", "x.y"])
def test_cli_toml_is_one_line_naming_file_and_key(tmp_path: Path, text: str) -> None:
    path = tmp_path / "hostile.toml"
    path.write_text(_toml(text))
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    assert result.output.startswith(f"derive: error: {path}: formula[0].definition:1:")
    assert len(result.output.splitlines()) == 1


@pytest.mark.slow  # each hostile claim runs to its time budget
def test_cli_markdown_with_hostile_math_lists_it_as_skipped(tmp_path: Path) -> None:
    path = tmp_path / "hostile.md"
    path.write_text("$$\n" + "\n$$\n\n$$\n".join(LATEX) + "\n$$\n")
    result = CliRunner().invoke(cli, ["check", str(path), "--seconds", "10"])
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    assert f"{len(LATEX)} display equations" in result.output


def test_a_claim_over_its_time_budget_is_unknown_with_the_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from derivations.checking import report

    def outlives_any_small_budget(*args: object) -> object:
        while True:  # computes for ever: only the CPU time budget stops it
            pass

    # The forked worker inherits this verification, which certainly outlives 0.2 s of CPU.
    monkeypatch.setattr(report, "_verify_task", outlives_any_small_budget)
    result = CliRunner().invoke(cli, ["x^3 + 7*x", "--claim", "3*x^2 + 7", "--seconds", "0.2"])
    assert result.exit_code == 1
    assert "time budget of 0.2 s exceeded" in result.output


def test_the_audit_hook_does_see_what_it_watches(tmp_path: Path) -> None:
    """The pass/fail pair of the tests above: opening a file under the hook is recorded."""
    with watching() as events:
        (tmp_path / "seen.txt").write_text("x")
    assert any(event == "open" for event, _ in events)


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "[" * 5000 + "]" * 5000 + "\n",
        "a = {" * 3000 + "}" * 3000 + "\n",
        '[[formula]]\nname = "h"\ndefinition = "' + "x+" * 5000 + 'x"\n',
        "[[formula]]\n" * 300,
    ],
)
def test_hostile_toml_structure_is_one_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(text)
    result = CliRunner().invoke(cli, ["check", str(path), "--seconds", "20"])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"derive: error: {path}")
    assert len(result.output.splitlines()) == 1
