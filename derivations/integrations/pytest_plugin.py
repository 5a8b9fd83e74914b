"""``pytest --derive``: the derivative claims of notes and formula files as test items.

Registered through the ``pytest11`` entry point and switched off unless ``--derive`` is
given, so installing derive changes nobody's test runs. With it, pytest collects

* notes, ``*.md`` (Markdown and MyST), ``*.tex`` and Jupyter notebooks ``*.ipynb`` (each
  claim :mod:`derivations.read.notes` finds), and
* formula files, ``*.toml`` in the tool's schema (a ``[[formula]]`` table); any other TOML
  file, such as ``pyproject.toml``, is not collected;

and every claim becomes an item named ``FILE:LINE`` (``notes.md:12``; a second claim on the
same line gets ``[2]``), or ``FILE:cell N:line M`` in a notebook, whose failures and skips
are reported at the line of the ``.ipynb`` file where that line of the cell is written.
Each item verifies its claim in a killable child process within
``--derive-seconds`` (default 30) and

* passes when the verdict is the expected one (a notes claim is expected to be proved; a
  TOML claim states its ``expected`` verdict),
* fails when it is not, with the counterexample, the correct value and the hypothesis under
  which the claim holds in the failure message,
* is *skipped* with the reason when the verdict is ``unknown``: neither proved nor refuted
  is not a failure of the notes, and not an expected failure either (xfail would claim a
  known bug); ``-rs`` or the project's ``-ra`` lists the reasons, and JUnit XML records them
  as ``<skipped message="derive: unknown: …">``.

A file that cannot be read is a collection error of one line. ``--junitxml`` works through
pytest itself; each item records the verdict as the user property ``verdict``.

Nothing is imported from SymPy until ``--derive`` is given and a file is collected: the
items live in :mod:`derivations.integrations.pytest_items`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from derivations.read.toml_lines import is_formula_file, read_text

SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".tex": "tex",
    ".latex": "tex",
    ".ipynb": "notebook",
    ".toml": "toml",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("derive", "derivative claims of notes (derive)")
    group.addoption(
        "--derive",
        action="store_true",
        default=False,
        help="collect the derivative claims of *.md, *.tex, *.ipynb and formula *.toml files "
        "as tests",
    )
    group.addoption(
        "--derive-seconds",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="time budget per claim for --derive; a claim over it is unknown (skipped)",
    )


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if not parent.config.getoption("derive"):
        return None
    kind = SUFFIXES.get(file_path.suffix.lower())
    if kind is None:
        return None
    if kind == "toml":
        text = read_text(file_path)
        if text is None or not is_formula_file(text):
            return None
    # deferred: the items import the library (SymPy), which pytest without --derive never needs
    from derivations.integrations.pytest_items import DeriveFile

    node: DeriveFile = DeriveFile.from_parent(parent, path=file_path)
    node.kind = kind
    return node
