"""Computations in killable child processes."""

from __future__ import annotations

import time

from derivations.checking.budget import Budget, run_all, run_bounded


def _square(n: int) -> int:
    return n * n


def _sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "done"


def _allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def _fail() -> None:
    raise ValueError("boom")


def test_results_come_back_in_order() -> None:
    outcomes = run_all(_square, [(n,) for n in range(5)], Budget(seconds=20), jobs=2)
    assert [o.value for o in outcomes] == [0, 1, 4, 9, 16]


def test_time_budget_kills_the_child() -> None:
    outcome = run_bounded(_sleep, (60,), Budget(seconds=0.5))
    assert outcome.value is None
    assert outcome.error == "time budget of 0.5 s exceeded"


def test_memory_budget_is_enforced() -> None:
    outcome = run_bounded(_allocate, (4096,), Budget(seconds=20, memory_mb=512))
    assert outcome.value is None
    assert "memory" in outcome.error


def test_errors_are_reported_not_raised() -> None:
    outcome = run_bounded(_fail, (), Budget(seconds=20))
    assert outcome.error == "internal error: ValueError: boom"
