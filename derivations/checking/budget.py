"""Running a computation in a child process that can be killed.

SymPy ignores flags and timers while it is inside a long ``cancel`` or
``simplify``; a process is the only bound it cannot ignore. Each task runs in
a forked child with an address-space limit; the parent kills it when it has used
its budget of *CPU time* (read from ``/proc``, and backed by ``RLIMIT_CPU`` in the
child), so the same task on the same machine gets the same verdict at any load.
A generous wall-clock backstop kills a child that waits instead of computing.

A worker never outlives the process that started it: on Linux it asks the kernel
for ``SIGKILL`` when its parent dies (``PR_SET_PDEATHSIG``), and everywhere it
closes the pipe ends it inherited, so an idle worker sees end-of-file and exits.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import multiprocessing
import os
import re
import resource
import signal
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

T = TypeVar("T")

#: Wall-clock backstop: a task is killed after this many times its CPU budget, plus a margin,
#: even when it has used little CPU (asleep, blocked, or starved on a loaded machine).
BACKSTOP_FACTOR, BACKSTOP_MARGIN = 10.0, 30.0

#: ``prctl`` option: the signal a process receives when its parent dies (Linux).
PR_SET_PDEATHSIG = 1

#: Modules whose exceptions are the mathematics' limits, not bugs of derive.
LIBRARIES = ("sympy", "mpmath")


@dataclass(frozen=True)
class Budget:
    """CPU seconds and megabytes of address space for one task.

    ``wall`` is the wall-clock backstop in seconds (default: ten times ``seconds`` plus
    half a minute): it only stops a task that waits instead of computing.
    """

    seconds: float = 30.0
    memory_mb: int = 2048
    wall: float | None = None

    @property
    def backstop(self) -> float:
        if self.wall is not None:
            return self.wall
        return BACKSTOP_FACTOR * self.seconds + BACKSTOP_MARGIN


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a bounded task gave: its value, or why it has none."""

    value: T | None
    error: str = ""


def _limit_memory(budget: Budget) -> None:
    limit = budget.memory_mb * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):  # a platform that refuses the limit
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    with contextlib.suppress(ValueError, OSError):  # SIGXCPU dumps core by default
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _limit_cpu(budget: Budget) -> None:
    """A kernel-enforced bound on this process's CPU time: what it has used, plus the budget
    and a second (the parent, which polls more finely, normally kills first)."""
    used = _own_cpu()
    soft = math.ceil(used + budget.seconds) + 1
    with contextlib.suppress(ValueError, OSError):
        hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) used so far by process ``pid``, or ``None`` where ``/proc``
    cannot tell (another platform, or the process is gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
    except OSError:
        return None
    fields = stat[stat.rfind(b")") + 2 :].split()
    # Fields 14 and 15 of proc(5), counted after the command name (which may hold spaces).
    return (int(fields[11]) + int(fields[12])) / _TICKS


def _die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this process when ``parent`` dies; exit if it already has."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(0)


def _from_library(exc: BaseException) -> bool:
    """Whether ``exc`` was raised inside SymPy or mpmath (a limit of the mathematics)."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return False
    path = frames[-1].filename.replace("\\", "/")
    return any(f"/{name}/" in path for name in LIBRARIES)


def reason(exc: BaseException, budget: Budget) -> str:
    """Why a computation stopped, in words a user understands (never a bare traceback)."""
    brief = " ".join(traceback.format_exception_only(type(exc), exc)[-1].split())
    if isinstance(exc, MemoryError):
        return f"memory budget of {budget.memory_mb} MB exceeded"
    if isinstance(exc, RecursionError):
        return "the expression is nested too deeply to compute with"
    digits = re.search(r"limit \((\d+) digits\)", str(exc))
    if isinstance(exc, ValueError) and digits:
        return f"a number in the claim has more than {digits.group(1)} digits"
    if isinstance(exc, OverflowError):
        return "a number in the claim is too large to compute with (it has too many digits)"
    if _from_library(exc):
        return f"SymPy could not compute this ({brief})"
    return f"derive failed here ({brief}): a bug of derive; DERIVE_DEBUG=1 shows the traceback"


def _attempt(fn: Callable[..., Any], args: tuple[Any, ...], budget: Budget) -> tuple[str, Any]:
    try:
        return ("ok", fn(*args))
    except Exception as exc:  # MemoryError and RecursionError are Exceptions too
        if os.environ.get("DERIVE_DEBUG"):
            traceback.print_exc(file=sys.stderr)
        return ("error", reason(exc, budget))


def _worker(
    tasks: Connection,
    results: Connection,
    fn: Callable[..., Any],
    budget: Budget,
    parent: int,
    inherited: Sequence[Connection],
) -> None:
    """Run tasks sent by the parent until it sends ``None`` (or its end of the pipe closes);
    answer each on ``results``."""
    _die_with_parent(parent)
    for connection in inherited:  # keep only our own ends: the parent's death is our EOF
        with contextlib.suppress(OSError):
            connection.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _limit_memory(budget)
    try:
        while (task := tasks.recv()) is not None:
            index, args = task
            _limit_cpu(budget)
            status, payload = _attempt(fn, args, budget)
            try:
                results.send((index, status, payload))
            except Exception as exc:
                results.send((index, "error", reason(exc, budget)))
    except (EOFError, OSError):
        pass
    finally:
        os._exit(0)


@dataclass
class _Worker:
    process: Any
    tasks: Connection
    results: Connection
    task: int | None = None
    started: float = 0.0  # wall clock (monotonic) when the task was sent
    cpu: float = 0.0  # the worker's CPU time when the task was sent

    def used(self) -> float | None:
        """CPU seconds the current task has used, where the platform can tell."""
        now = cpu_seconds(self.process.pid)
        return None if now is None else now - self.cpu


#: How workers start: ``fork`` on Linux (fast: a worker shares the parent's imports), ``spawn``
#: elsewhere (macOS, where forking a process that uses system frameworks is unsafe). The
#: variable ``DERIVE_START_METHOD`` chooses one of these explicitly.
START_METHODS = ("fork", "spawn", "forkserver")


def start_method() -> str:
    """The multiprocessing start method of the workers (see :data:`START_METHODS`)."""
    chosen = os.environ.get("DERIVE_START_METHOD", "")
    if chosen in START_METHODS:
        return chosen
    return "fork" if sys.platform.startswith("linux") else "spawn"


def run_all(
    fn: Callable[..., T],
    tasks: Sequence[tuple[Any, ...]],
    budget: Budget,
    jobs: int = 1,
    *,
    progress: Callable[[int, int], None] | None = None,
    on_result: Callable[[int, Outcome[T]], None] | None = None,
) -> list[Outcome[T]]:
    """``fn(*task)`` for every task, at most ``jobs`` at a time, each within ``budget``.

    Each of ``jobs`` workers (started as :func:`start_method` says) takes tasks one at a time; a
    worker whose task uses up its CPU budget (or outlives the wall-clock backstop, or dies, e.g.
    at the memory limit) is killed and replaced, so one task's bound never costs another task
    anything. Results come back in the order of ``tasks``. ``on_result(index, outcome)`` is
    called in this process as soon as each task's outcome is known (to store it before a later
    task is interrupted); ``progress(done, total)``, when given, after it.
    """
    method = start_method()
    context: Any = multiprocessing.get_context(method)  # a fork, spawn or forkserver context
    outcomes: list[Outcome[T] | None] = [None] * len(tasks)
    pending = list(enumerate(tasks))
    workers: list[_Worker] = []

    def start() -> _Worker:
        task_out, task_in = context.Pipe(duplex=False)
        result_out, result_in = context.Pipe(duplex=False)
        # A forked child inherits every open pipe end, and closes the ones that are not its own
        # (the parent's death must be its end of file); a spawned child inherits none.
        inherited = (
            [task_in, result_out] + [c for w in workers for c in (w.tasks, w.results)]
            if method == "fork"
            else []
        )
        # Not a daemon: a worker may itself run bounded tasks (``derive EXPR`` does); it
        # cannot outlive this process anyway (see the module doc).
        process = context.Process(
            target=_worker, args=(task_out, result_in, fn, budget, os.getpid(), inherited)
        )
        process.start()
        task_out.close()
        result_in.close()
        return _Worker(process, task_in, result_out)

    def give(worker: _Worker) -> None:
        index, args = pending.pop(0)
        worker.cpu = cpu_seconds(worker.process.pid) or 0.0
        worker.tasks.send((index, args))
        worker.task, worker.started = index, time.monotonic()

    def settle(index: int, outcome: Outcome[T]) -> None:
        outcomes[index] = outcome
        if on_result is not None:
            on_result(index, outcome)
        if progress is not None:
            progress(sum(o is not None for o in outcomes), len(tasks))

    def stop(worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join()
        worker.tasks.close()
        worker.results.close()
        workers.remove(worker)

    def over(worker: _Worker, now: float) -> str:
        used = worker.used()
        if used is not None and used >= budget.seconds:
            return f"CPU time budget of {budget.seconds:g} s exceeded"
        if now - worker.started >= budget.backstop:
            return (
                f"time budget of {budget.seconds:g} s exceeded: no result after "
                f"{budget.backstop:g} s of wall-clock time (the computation was waiting)"
            )
        return ""

    def next_look(busy: list[_Worker], now: float) -> float:
        # CPU time cannot run faster than the wall clock: no task can reach its budget
        # before the smallest remaining CPU time has passed.
        soonest = budget.backstop
        for worker in busy:
            used = worker.used() or 0.0
            soonest = min(soonest, budget.seconds - used, budget.backstop - (now - worker.started))
        return max(0.01, soonest)

    def died(worker: _Worker) -> str:
        worker.process.join(timeout=1)
        code = worker.process.exitcode
        if code == -signal.SIGXCPU:
            return f"CPU time budget of {budget.seconds:g} s exceeded"
        return f"the computation died (memory budget {budget.memory_mb} MB?)"

    try:
        while pending or any(w.task is not None for w in workers):
            for worker in [w for w in workers if w.task is None]:
                if not pending:
                    break
                give(worker)
            while pending and len(workers) < max(1, jobs):
                workers.append(start())
                give(workers[-1])
            busy = [w for w in workers if w.task is not None]
            ready = wait([w.results for w in busy], timeout=next_look(busy, time.monotonic()))
            for worker in busy:
                if worker.results not in ready:
                    continue
                index = worker.task
                assert index is not None
                try:
                    _, status, payload = worker.results.recv()
                    worker.task = None
                    outcome: Outcome[T] = (
                        Outcome(payload) if status == "ok" else Outcome(None, payload)
                    )
                except (EOFError, OSError):
                    outcome = Outcome(None, died(worker))
                    stop(worker)
                settle(index, outcome)
            now = time.monotonic()
            for worker in [w for w in workers if w.task is not None]:
                message = over(worker, now)
                if message:
                    index = worker.task
                    assert index is not None
                    stop(worker)
                    settle(index, Outcome(None, message))
    finally:
        for worker in list(workers):
            with contextlib.suppress(OSError):
                worker.tasks.send(None)
            stop(worker)
    return [o if o is not None else Outcome(None, "not run") for o in outcomes]


def run_bounded(fn: Callable[..., T], args: tuple[Any, ...], budget: Budget) -> Outcome[T]:
    """``fn(*args)`` in a killable child process within ``budget``."""
    return run_all(fn, [args], budget, jobs=1)[0]
