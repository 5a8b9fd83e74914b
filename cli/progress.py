"""Progress of a long check on stderr, with click's progress bar.

The bar is drawn only when stderr is a terminal, so that logs, pipes and CI output stay
clean; stdout is never touched (``--format json`` stays parseable). ``NO_COLOR`` (any
non-empty value, https://no-color.org) turns off colour; the bar then has none to give.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any, TextIO, cast

import click

from derivations.checking.progress import Progress, StageProgress


def wanted(stream: IO[Any] | None = None) -> bool:
    """Whether to draw: only on a terminal."""
    stream = stream if stream is not None else sys.stderr
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@contextmanager
def claims_bar(
    label: str = "verifying", stream: IO[Any] | None = None
) -> Iterator[Progress | None]:
    """A ``progress(done, total)`` callback drawing a bar on ``stream`` (stderr), or ``None``."""
    stream = stream if stream is not None else sys.stderr
    if not wanted(stream):
        yield None
        return
    color = False if os.environ.get("NO_COLOR") else None
    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        bar = state.get("bar")
        if bar is None:
            bar = click.progressbar(
                length=total,
                label=label,
                file=cast(TextIO, stream),
                color=color,
                show_pos=True,
                show_eta=True,
            )
            bar.__enter__()
            state["bar"] = bar
        bar.update(done - bar.pos)

    try:
        yield update
    finally:
        if "bar" in state:
            state["bar"].__exit__(None, None, None)


@contextmanager
def stages_bar(command: str, stream: IO[Any] | None = None) -> Iterator[StageProgress]:
    """A ``progress(stage, done, total)`` callback for a command of several long stages
    (``derive notes``, ``derive crosscheck``): a bar per stage on a terminal, otherwise one
    line per stage (``derive notes: verifying claims (296)``) for logs and CI."""
    stream = stream if stream is not None else sys.stderr
    terminal = wanted(stream)
    color = False if os.environ.get("NO_COLOR") else None
    state: dict[str, Any] = {"stage": None, "bar": None}

    def close() -> None:
        if state["bar"] is not None:
            state["bar"].__exit__(None, None, None)
            state["bar"] = None

    def update(stage: str, done: int, total: int) -> None:
        if stage != state["stage"]:
            close()
            state["stage"] = stage
            if not terminal:
                click.echo(f"derive {command}: {stage} ({total})", file=stream)
                stream.flush()
        if not terminal:
            return
        if state["bar"] is None:
            bar = click.progressbar(
                length=total,
                label=stage,
                file=cast(TextIO, stream),
                color=color,
                show_pos=True,
                show_eta=True,
            )
            bar.__enter__()
            state["bar"] = bar
        state["bar"].update(done - state["bar"].pos)

    try:
        yield update
    finally:
        close()
