"""``derive check`` killed or interrupted: no process left behind, no verdict lost.

Each test runs ``derive`` as a user does (a child process with its own cache folder) and
finds the processes it started by a marker in their environment, which forked workers
inherit.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from processes import marked

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

NOTES = r"""# Derivatives

$$\frac{d}{dx} x^3 = 3x^2$$

$$\frac{d}{dx} \sin(x)\cos(x) = \cos^2(x) - \sin^2(x)$$

$$\frac{d}{dx} e^{x^2} = 2x e^{x^2}$$

$$\frac{d}{dx} \log(1 + e^x) = \frac{1}{1 + e^{-x}}$$

$$\frac{d}{dx} \tanh(x) = 1 - \tanh(x)$$

$$\frac{d}{dx} x e^{x} = (x+1) e^{x}$$

$$\frac{d}{dx} \frac{x}{1+x^2} = \frac{1 - x^2}{(1+x^2)^2}$$

$$\frac{d}{dx} \sqrt{1+x^2} = \frac{2x}{\sqrt{1+x^2}}$$
"""


def _eventually(predicate: Callable[[], bool], limit: float = 60.0) -> bool:
    """Whether ``predicate`` holds within ``limit`` seconds (a bound, not a measurement)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def _default_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Derive:
    """``derive check NOTES`` in a folder of its own, with its own cache and marker."""

    def __init__(self, folder: Path, name: str) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "notes.md").write_text(NOTES, encoding="utf-8")
        self.marker = f"DERIVE_TEST_{name}_{os.getpid()}"
        self.env = {**os.environ, "DERIVE_CACHE_DIR": str(folder / "cache"), self.marker: "1"}
        self.args = [sys.executable, "-m", "derivations", "check", "notes.md", "--format", "json"]
        self.args += ["--jobs", "1"]  # one claim after another: a kill finds some done

    def start(self) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            self.args,
            cwd=self.folder,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
            # A shell's background job inherits SIGINT ignored, and Python then installs no
            # KeyboardInterrupt: give the command Ctrl-C as a terminal would.
            preexec_fn=_default_ctrl_c,
        )

    def verdicts(self) -> list[tuple[str, str]]:
        done = subprocess.run(self.args, cwd=self.folder, env=self.env, capture_output=True)
        assert done.returncode in (0, 1), done.stderr
        return [(c["id"], c["verdict"]) for c in json.loads(done.stdout)["claims"]]

    def stored(self) -> int:
        return len(list((self.folder / "cache" / "claim").rglob("*.json")))

    def no_process_left(self) -> bool:
        left = [] if _eventually(lambda: not marked(self.marker)) else marked(self.marker)
        for pid in left:  # leave nothing behind, even when the test fails
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        return not left


@pytest.mark.slow  # ten checks of the catalog, each killed: about 30 s
def test_a_check_killed_at_random_moments_leaves_nothing_and_loses_nothing(
    tmp_path: Path,
) -> None:
    """Ten runs in a row, each killed (SIGKILL, the parent only) at a random moment: no
    process survives any of them, the verdicts found are kept, and the rerun that is let
    finish gives the verdicts of a run never interrupted."""
    reference = Derive(tmp_path / "reference", "reference").verdicts()
    assert {v for _, v in reference} == {"proved", "refuted"}
    derive = Derive(tmp_path / "killed", "killed")
    rng = random.Random(15)
    stored = [0]
    for _ in range(10):
        with derive.start() as run:
            time.sleep(rng.uniform(0.0, 4.0))
            run.kill()
            run.wait()
        assert derive.no_process_left()
        stored.append(derive.stored())
    assert stored == sorted(stored)  # a kill never loses a verdict already stored
    assert derive.verdicts() == reference
    assert derive.no_process_left()


def test_a_rerun_after_a_kill_reuses_the_verdicts_already_found(tmp_path: Path) -> None:
    derive = Derive(tmp_path, "resume")
    with derive.start() as run:
        assert _eventually(lambda: derive.stored() >= 1 or run.poll() is not None)
        running = run.poll() is None
        run.kill()
        run.wait()
    kept = derive.stored()
    assert running, "the check ended before the first verdict was stored"
    reference = Derive(tmp_path / "reference", "resume_reference").verdicts()
    assert 1 <= kept < len(reference)  # stored as found, not at the end of the run
    assert derive.no_process_left()
    assert derive.verdicts() == reference
    assert derive.stored() >= kept


def test_ctrl_c_stops_every_worker_and_exits_130(tmp_path: Path) -> None:
    derive = Derive(tmp_path, "interrupt")
    with derive.start() as run:
        # Interrupt while a worker is running: the parent and at least one worker.
        busy = _eventually(lambda: len(marked(derive.marker)) >= 2 or run.poll() is not None)
        assert busy and run.poll() is None, "the check ended before it could be interrupted"
        os.killpg(run.pid, signal.SIGINT)  # what the terminal sends on Ctrl-C
        _, err = run.communicate()
    assert run.returncode == 130, err
    assert err.decode().strip() == "derive: interrupted"
    assert derive.no_process_left()
