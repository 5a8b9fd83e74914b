"""Progress on stderr: drawn on a terminal only; ``run_all`` reports each finished task."""

from __future__ import annotations

import io

import pytest
from derivations.cli.progress import claims_bar

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
