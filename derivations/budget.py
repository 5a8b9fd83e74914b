"""Running a computation in a child process that can be killed.

SymPy ignores flags and timers while it is inside a long ``cancel`` or
``simplify``; a process is the only bound it cannot ignore. Each task runs in
a forked child with a CPU-time and address-space limit and a wall-clock
deadline enforced by the parent, which kills the child when it is reached.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Budget:
    """Wall-clock seconds and megabytes of address space for one task."""

    seconds: float = 30.0
    memory_mb: int = 2048


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a bounded task gave: its value, or why it has none."""

    value: T | None
    error: str = ""


def _child(conn: Connection, fn: Callable[..., Any], args: tuple[Any, ...], budget: Budget) -> None:
    limit = budget.memory_mb * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):  # pragma: no cover - a platform that refuses the limit
        pass
    try:
        conn.send(("ok", fn(*args)))
    except MemoryError:
        conn.send(("error", f"memory budget of {budget.memory_mb} MB exceeded"))
    except RecursionError:
        conn.send(("error", "expression nested too deeply"))
    except Exception as exc:  # noqa: BLE001 - reported to the parent as the task's outcome
        last = traceback.format_exception_only(type(exc), exc)[-1].strip()
        conn.send(("error", f"internal error: {last}"))
    finally:
        conn.close()
        os._exit(0)


def run_all(
    fn: Callable[..., T],
    tasks: Sequence[tuple[Any, ...]],
    budget: Budget,
    jobs: int = 1,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> list[Outcome[T]]:
    """``fn(*task)`` for every task, at most ``jobs`` at a time, each within ``budget``.

    Results come back in the order of ``tasks``. ``progress(done, total)``, when given, is
    called in this process each time a task finishes (or is killed).
    """
    context = multiprocessing.get_context("fork")
    outcomes: list[Outcome[T] | None] = [None] * len(tasks)
    pending = list(enumerate(tasks))
    running: dict[Connection, tuple[int, Any, float]] = {}
    while pending or running:
        while pending and len(running) < max(1, jobs):
            index, args = pending.pop(0)
            parent, child = context.Pipe(duplex=False)
            process = context.Process(target=_child, args=(child, fn, args, budget), daemon=True)
            process.start()
            child.close()
            running[parent] = (index, process, time.monotonic() + budget.seconds)
        now = time.monotonic()
        timeout = max(0.0, min(deadline for _, _, deadline in running.values()) - now)
        for conn in wait(list(running), timeout=timeout):
            index, process, _ = running.pop(conn)  # type: ignore[call-overload]
            try:
                status, payload = conn.recv()
                outcome = Outcome(payload) if status == "ok" else Outcome(None, payload)
            except (EOFError, OSError):
                outcome = Outcome(None, f"the computation died (memory budget {budget.memory_mb} MB?)")
            conn.close()
            process.join()
            outcomes[index] = outcome
            if progress is not None:
                progress(sum(o is not None for o in outcomes), len(tasks))
        now = time.monotonic()
        for conn, (index, process, deadline) in list(running.items()):
            if now >= deadline:
                process.kill()
                process.join()
                conn.close()
                del running[conn]
                outcomes[index] = Outcome(None, f"time budget of {budget.seconds:g} s exceeded")
                if progress is not None:
                    progress(sum(o is not None for o in outcomes), len(tasks))
    return [o if o is not None else Outcome(None, "not run") for o in outcomes]


def run_bounded(fn: Callable[..., T], args: tuple[Any, ...], budget: Budget) -> Outcome[T]:
    """``fn(*args)`` in a killable child process within ``budget``."""
    return run_all(fn, [args], budget, jobs=1)[0]
