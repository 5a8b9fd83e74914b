"""Computations in killable child processes, bounded in CPU time and memory."""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import resource
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from processes import marked

from derivations.checking.budget import Budget, Outcome, run_all, run_bounded


def _square(n: int) -> int:
    return n * n


def _sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "done"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _spin(cpu_seconds: float) -> str:
    """Use ``cpu_seconds`` of this process's CPU time, however long that takes on the clock."""
    start = _cpu()
    while _cpu() - start < cpu_seconds:
        pass
    return "done"


def _allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def _fail() -> None:
    raise ValueError("boom")


def _recurse(depth: int) -> int:
    return _recurse(depth + 1) + 1


def _huge_number() -> float:
    return math.exp(1000)


def _many_digits() -> str:
    return str(10**5000)


def test_results_come_back_in_order() -> None:
    outcomes = run_all(_square, [(n,) for n in range(5)], Budget(seconds=20), jobs=2)
    assert [o.value for o in outcomes] == [0, 1, 4, 9, 16]


def test_each_result_is_handed_over_as_soon_as_it_is_known() -> None:
    seen: list[tuple[int, Outcome[int]]] = []
    run_all(_square, [(n,) for n in range(4)], Budget(seconds=20), jobs=2, on_result=_keep(seen))
    assert sorted(i for i, _ in seen) == [0, 1, 2, 3]
    assert all(o.value == i * i for i, o in seen)


def _keep(seen: list[tuple[int, Outcome[int]]]) -> object:
    return lambda index, outcome: seen.append((index, outcome))


def test_the_cpu_time_budget_kills_the_child() -> None:
    outcome = run_bounded(_spin, (3600,), Budget(seconds=0.5))
    assert outcome.value is None
    assert outcome.error == "CPU time budget of 0.5 s exceeded"


def test_a_waiting_child_is_killed_at_the_wall_clock_backstop() -> None:
    outcome = run_bounded(_sleep, (3600,), Budget(seconds=0.5, wall=1))
    assert outcome.value is None
    assert outcome.error.startswith("time budget of 0.5 s exceeded: no result after 1 s")


def test_the_backstop_is_generous() -> None:
    assert Budget(seconds=30).backstop >= 5 * 30


def test_sleeping_does_not_use_the_cpu_budget() -> None:
    """A task that waits longer than its CPU budget, using almost no CPU, finishes."""
    assert run_bounded(_sleep, (0.5,), Budget(seconds=0.2, wall=30)).value == "done"


@contextlib.contextmanager
def _busy_machine(processes: int) -> Iterator[None]:
    """``processes`` children spinning on the CPU (each for at most a minute)."""
    spinners = [
        multiprocessing.get_context("fork").Process(target=_spin, args=(60,))
        for _ in range(processes)
    ]
    for spinner in spinners:
        spinner.start()
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.join()


def test_the_same_tasks_get_the_same_outcomes_on_a_busy_machine() -> None:
    """The budget counts CPU time: a load that slows every task down changes no outcome.

    Each task needs 0.4 s of CPU within a budget of 0.6 s; with two cores shared by four
    spinners and two workers, each task takes well over 0.6 s on the clock.
    """
    tasks = [(0.4,), (0.4,), (3600,)]
    budget = Budget(seconds=0.6, wall=60)
    quiet = run_all(_spin, tasks, budget, jobs=2)
    with _busy_machine(4):
        busy = run_all(_spin, tasks, budget, jobs=2)
    assert quiet == busy
    assert [o.value for o in quiet] == ["done", "done", None]


def test_the_memory_budget_is_enforced() -> None:
    outcome = run_bounded(_allocate, (4096,), Budget(seconds=20, memory_mb=512))
    assert outcome.value is None
    assert "memory" in outcome.error


def test_a_bug_is_reported_as_one_without_internal_error() -> None:
    outcome = run_bounded(_fail, (), Budget(seconds=20))
    assert outcome.error == (
        "derive failed here (ValueError: boom): a bug of derive; DERIVE_DEBUG=1 shows the traceback"
    )


def test_derive_debug_shows_the_traceback(capfd: pytest.CaptureFixture[str]) -> None:
    os.environ["DERIVE_DEBUG"] = "1"
    try:
        run_bounded(_fail, (), Budget(seconds=20))
    finally:
        del os.environ["DERIVE_DEBUG"]
    assert "Traceback" in capfd.readouterr().err


@pytest.mark.parametrize(
    ("task", "reason"),
    [
        (_recurse, "the expression is nested too deeply to compute with"),
        (_many_digits, "a number in the claim has more than 4300 digits"),
        (_huge_number, "a number in the claim is too large to compute with"),
    ],
)
def test_limits_of_the_mathematics_are_reasons_a_person_understands(
    task: object, reason: str
) -> None:
    args = (0,) if task is _recurse else ()
    outcome = run_bounded(task, args, Budget(seconds=20))  # type: ignore[arg-type]
    assert outcome.error.startswith(reason)
    assert "internal error" not in outcome.error


PARENT = """
import sys, time
from derivations.checking.budget import Budget, run_all

def spin(n):
    while True:
        pass

def idle(n):
    time.sleep(3600)

print("started", flush=True)
run_all({task}, [(0,), (1,), (2,)], Budget(seconds=3600, wall=3600), jobs=2)
"""


def _wait_for(predicate: object, limit: float = 30.0) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("task", ["spin", "idle"])
def test_no_worker_outlives_a_parent_killed_with_sigkill(task: str, tmp_path: Path) -> None:
    marker = f"DERIVE_TEST_MARKER_{os.getpid()}_{task}"
    script = tmp_path / "parent.py"
    script.write_text(textwrap.dedent(PARENT.format(task=task)))
    env = {**os.environ, marker: "1"}
    with subprocess.Popen(
        [sys.executable, str(script)], env=env, stdout=subprocess.PIPE, cwd=tmp_path
    ) as parent:
        assert parent.stdout is not None
        assert parent.stdout.readline() == b"started\n"
        assert _wait_for(lambda: len(marked(marker)) == 3)  # the parent and two workers
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        survivors = [] if _wait_for(lambda: not marked(marker)) else marked(marker)
    for pid in survivors:  # leave nothing behind, even when the test fails
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    assert survivors == []


def test_a_sheet_is_byte_identical_on_a_busy_machine() -> None:
    """Two runs of one sheet, verified afresh, one while four spinners load the machine."""
    from derivations import api

    def sheet() -> str:
        return api.sheet("tanh", "markdown", seconds=30, jobs=2, use_cache=False)

    quiet = sheet()
    with _busy_machine(4):
        busy = sheet()
    assert quiet == busy
    assert "unknown" not in quiet


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_workers_start_by_fork_or_by_spawn(method: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Linux forks its workers; macOS spawns them (a spawned worker imports the task anew and
    inherits no pipe end). Both give the same outcomes, and the budget still kills. The tasks
    are importable functions (a spawned worker finds a task by its module), as the tool's are."""
    monkeypatch.setenv("DERIVE_START_METHOD", method)
    outcomes = run_all(pow, [(n, 2) for n in range(4)], Budget(seconds=20), jobs=2)
    assert [o.value for o in outcomes] == [0, 1, 4, 9]
    stopped = run_bounded(sum, (range(10**15),), Budget(seconds=0.5))
    assert stopped.error == "CPU time budget of 0.5 s exceeded"


def test_the_start_method_is_fork_on_linux_and_spawn_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from derivations.checking import budget

    monkeypatch.delenv("DERIVE_START_METHOD", raising=False)
    monkeypatch.setattr(budget.sys, "platform", "darwin")
    assert budget.start_method() == "spawn"
    monkeypatch.setattr(budget.sys, "platform", "linux")
    assert budget.start_method() == "fork"
