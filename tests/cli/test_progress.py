"""Progress on stderr: drawn on a terminal only; ``run_all`` reports each finished task."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from derivations.cli.progress import claims_bar, stages_bar

from derivations.checking.budget import Budget, run_all


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _square(x: int) -> int:
    return x * x


def test_run_all_calls_progress_once_per_task_in_the_parent() -> None:
    calls: list[tuple[int, int]] = []
    outcomes = run_all(
        _square,
        [(1,), (2,), (3,)],
        Budget(seconds=30),
        jobs=2,
        progress=lambda d, t: calls.append((d, t)),
    )
    assert [o.value for o in outcomes] == [1, 4, 9]
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_silent_when_stderr_is_not_a_terminal() -> None:
    stream = io.StringIO()
    with claims_bar(stream=stream) as progress:
        assert progress is None
    assert stream.getvalue() == ""


@pytest.mark.parametrize("no_color", ["", "1"])
def test_a_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch, no_color: str) -> None:
    monkeypatch.setenv("NO_COLOR", no_color)
    stream = Terminal()
    with claims_bar(stream=stream) as progress:
        assert progress is not None
        progress(1, 4)
        progress(4, 4)
    shown = stream.getvalue()
    assert "verifying" in shown and "4/4" in shown
    assert "\x1b[3" not in shown  # no colour either way


def _two_stages(progress: Callable[[str, int, int], None]) -> None:
    progress("verifying claims", 0, 3)
    for done in (1, 2, 3):
        progress("verifying claims", done, 3)
    progress("writing pages", 0, 1)
    progress("writing pages", 1, 1)


def test_stages_are_one_line_each_when_stderr_is_not_a_terminal() -> None:
    stream = io.StringIO()
    with stages_bar("notes", stream=stream) as progress:
        _two_stages(progress)
    assert stream.getvalue() == (
        "derive notes: verifying claims (3)\nderive notes: writing pages (1)\n"
    )


def test_stages_are_a_bar_each_on_a_terminal() -> None:
    stream = Terminal()
    with stages_bar("notes", stream=stream) as progress:
        _two_stages(progress)
    shown = stream.getvalue()
    assert "verifying claims" in shown and "3/3" in shown
    assert "writing pages" in shown and "1/1" in shown
    assert "derive notes:" not in shown


def test_notes_and_crosscheck_report_their_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner
    from derivations.cli.main import cli

    from derivations import commands
    from derivations.commands import Outcome

    def notes(**kwargs: object) -> Outcome:
        _two_stages(kwargs["progress"])  # type: ignore[arg-type]
        return Outcome(files={})

    def crosscheck(names: object, **kwargs: object) -> Outcome:
        kwargs["progress"]("comparing with PyTorch", 0, 1)  # type: ignore[operator]
        return Outcome("")

    monkeypatch.setattr(commands, "notes", notes)
    monkeypatch.setattr(commands, "crosscheck", crosscheck)
    result = CliRunner().invoke(cli, ["notes", "out"])
    assert "derive notes: verifying claims (3)\nderive notes: writing pages (1)\n" in result.stderr
    result = CliRunner().invoke(cli, ["crosscheck"])
    assert result.stderr == "derive crosscheck: comparing with PyTorch (1)\n"
