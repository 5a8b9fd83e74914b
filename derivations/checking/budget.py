"""Running a computation in a child process that can be killed.

SymPy ignores flags and timers while it is inside a long ``cancel`` or
``simplify``; a process is the only bound it cannot ignore. Each task runs in
a forked child with a CPU-time and address-space limit and a wall-clock
deadline enforced by the parent, which kills the child when it is reached.
"""

from __future__ import annotations

import contextlib
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


def _limit_memory(budget: Budget) -> None:
    limit = budget.memory_mb * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):  # a platform that refuses the limit
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _attempt(fn: Callable[..., Any], args: tuple[Any, ...], budget: Budget) -> tuple[str, Any]:
    try:
        return ("ok", fn(*args))
    except MemoryError:
        return ("error", f"memory budget of {budget.memory_mb} MB exceeded")
    except RecursionError:
        return ("error", "expression nested too deeply")
    except Exception as exc:
        last = " ".join(traceback.format_exception_only(type(exc), exc)[-1].split())
        return ("error", f"internal error: {last}")


def _worker(tasks: Connection, results: Connection, fn: Callable[..., Any], budget: Budget) -> None:
    """Run tasks sent by the parent until it sends ``None``; answer each on ``results``."""
    _limit_memory(budget)
    try:
        while (task := tasks.recv()) is not None:
            index, args = task
            status, payload = _attempt(fn, args, budget)
            try:
                results.send((index, status, payload))
            except Exception as exc:
                results.send((index, "error", f"internal error: {type(exc).__name__}: {exc}"))
    except (EOFError, OSError, KeyboardInterrupt):
        pass
    finally:
        os._exit(0)


@dataclass
class _Worker:
    process: Any
    tasks: Connection
    results: Connection
    task: int | None = None
    deadline: float = 0.0


def run_all(
    fn: Callable[..., T],
    tasks: Sequence[tuple[Any, ...]],
    budget: Budget,
    jobs: int = 1,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> list[Outcome[T]]:
    """``fn(*task)`` for every task, at most ``jobs`` at a time, each within ``budget``.

    Each of ``jobs`` forked workers takes tasks one at a time; a worker whose task outlives its
    time budget (or that dies, e.g. at the memory limit) is killed and replaced, so one task's
    bound never costs another task anything. Results come back in the order of ``tasks``.
    ``progress(done, total)``, when given, is called in this process each time a task
    finishes (or is killed).
    """
    context = multiprocessing.get_context("fork")
    outcomes: list[Outcome[T] | None] = [None] * len(tasks)
    pending = list(enumerate(tasks))
    workers: list[_Worker] = []

    def start() -> _Worker:
        task_out, task_in = context.Pipe(duplex=False)
        result_out, result_in = context.Pipe(duplex=False)
        process = context.Process(
            target=_worker, args=(task_out, result_in, fn, budget), daemon=True
        )
        process.start()
        task_out.close()
        result_in.close()
        return _Worker(process, task_in, result_out)

    def report() -> None:
        if progress is not None:
            progress(sum(o is not None for o in outcomes), len(tasks))

    def stop(worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join()
        worker.tasks.close()
        worker.results.close()
        workers.remove(worker)

    try:
        while pending or any(w.task is not None for w in workers):
            for worker in [w for w in workers if w.task is None]:
                if not pending:
                    break
                index, args = pending.pop(0)
                worker.tasks.send((index, args))
                worker.task, worker.deadline = index, time.monotonic() + budget.seconds
            while pending and len(workers) < max(1, jobs):
                workers.append(start())
                index, args = pending.pop(0)
                workers[-1].tasks.send((index, args))
                workers[-1].task, workers[-1].deadline = index, time.monotonic() + budget.seconds
            busy = [w for w in workers if w.task is not None]
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait([w.results for w in busy], timeout=timeout)
            for worker in busy:
                if worker.results not in ready:
                    continue
                try:
                    index, status, payload = worker.results.recv()
                    outcomes[index] = Outcome(payload) if status == "ok" else Outcome(None, payload)
                    worker.task = None
                except (EOFError, OSError):
                    message = f"the computation died (memory budget {budget.memory_mb} MB?)"
                    outcomes[worker.task] = Outcome(None, message)  # type: ignore[index]
                    stop(worker)
                report()
            now = time.monotonic()
            for worker in [w for w in workers if w.task is not None and now >= w.deadline]:
                message = f"time budget of {budget.seconds:g} s exceeded"
                outcomes[worker.task] = Outcome(None, message)  # type: ignore[index]
                stop(worker)
                report()
    finally:
        for worker in list(workers):
            with contextlib.suppress(OSError):
                worker.tasks.send(None)
            stop(worker)
    return [o if o is not None else Outcome(None, "not run") for o in outcomes]


def run_bounded(fn: Callable[..., T], args: tuple[Any, ...], budget: Budget) -> Outcome[T]:
    """``fn(*args)`` in a killable child process within ``budget``."""
    return run_all(fn, [args], budget, jobs=1)[0]
