"""A small notebook for the tests of notebook locations, and an independent search of it."""

from __future__ import annotations

import json

import nbformat

#: A conftest that makes every claim of the inner pytest session unknown ("no method applies").
UNKNOWN_CONFTEST = """
from derivations.checking import report
from derivations.model import Result, Verdict

saved = []

def pytest_configure(config):
    saved.append(report.verify_claim)
    report.verify_claim = lambda formula, claim: Result(
        Verdict.UNKNOWN, "none", reason="no method applies"
    )

def pytest_unconfigure(config):
    report.verify_claim = saved.pop()
"""


def cubes_notebook() -> str:
    """Three cells: a true claim in a Markdown cell, a code cell, and a slip (3x for 3x²)."""
    v4 = nbformat.v4
    book = v4.new_notebook(
        cells=[
            v4.new_markdown_cell("# Cubes\n\n$$\n\\frac{d}{dx} x^3 = 3x^2\n$$\n"),
            v4.new_code_cell("x = 1"),
            v4.new_markdown_cell("A slip:\n\n$$\n\\frac{d}{dx} x^3 = 3x\n$$\n"),
        ]
    )
    return str(nbformat.writes(book))


def json_line(text: str, source_line: str) -> int:
    """The line of the notebook's JSON that holds ``source_line`` (found by plain text search,
    independently of the reader's own location)."""
    wanted = json.dumps(source_line)
    (found,) = [n for n, line in enumerate(text.splitlines(), 1) if wanted in line]
    return found
