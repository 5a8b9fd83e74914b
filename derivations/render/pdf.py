"""Compiling a LaTeX document with pdflatex, when TeX is installed.

The run is reproducible: ``SOURCE_DATE_EPOCH`` fixes the dates and the
document id pdfTeX writes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from derivations.errors import InputError

INSTALL_HINT = (
    "install TeX Live (apt-get install texlive-latex-base texlive-latex-recommended lmodern)"
)


def pdflatex() -> str:
    """The path of pdflatex, or an error that says what to install."""
    found = shutil.which("pdflatex")
    if found is None:
        raise InputError(f"--pdf needs pdflatex, which is not installed; {INSTALL_HINT}")
    return found


def compile_pdf(tex: Path, *, runs: int = 2, timeout: float = 600.0) -> Path:
    """Compile ``tex`` in its folder (twice, for the table of contents); the PDF's path."""
    program = pdflatex()
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "FORCE_SOURCE_DATE": "1"}
    for _ in range(runs):
        done = subprocess.run(
            [program, "-interaction=nonstopmode", "-halt-on-error", tex.name],
            cwd=tex.parent,
            env=env,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0:
            errors = [line for line in done.stdout.splitlines() if line.startswith("!")]
            first = errors[0] if errors else f"exit code {done.returncode}"
            raise InputError(
                f"pdflatex failed on {tex.name}: {first} (see {tex.with_suffix('.log')})"
            )
    return tex.with_suffix(".pdf")
