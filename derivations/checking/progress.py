"""The progress callbacks long computations report to (the command line draws them)."""

from __future__ import annotations

from collections.abc import Callable

#: ``progress(done, total)``: called as tasks finish.
Progress = Callable[[int, int], None]
#: ``progress(stage, done, total)``: a long command's stages, each with its own count.
StageProgress = Callable[[str, int, int], None]
