"""Fuzzing the parsers: whatever the text, only the tool's own error type escapes."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from derivations.errors import DeriveError
from derivations.read import expression, formula_file, notes
from derivations.read.latex import Scope, Unreadable, read, tokenize

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PYTHONISH = st.text(alphabet="xy12e.^*/+-() ,_abcdefgilmnopqrstw'[]:=\"{}!", max_size=40)
LATEX_TOKENS = [
    *"xyde12^_{}()|=+-*/ ,'&",
    r"\frac",
    r"\partial",
    r"\sigma",
    r"\left",
    r"\right",
    r"\mathrm",
    "\\\\",
    r"\cdot",
    r"\exp",
    r"\log",
    r"\sqrt",
]
LATEXISH = st.lists(st.sampled_from(LATEX_TOKENS), max_size=30).map("".join)


@SETTINGS
@given(PYTHONISH)
def test_expression_parser_raises_only_its_own_error(text: str) -> None:
    with contextlib.suppress(DeriveError):
        expression.parse(text)


@SETTINGS
@given(st.text(max_size=30))
def test_expression_parser_on_any_unicode(text: str) -> None:
    with contextlib.suppress(DeriveError):
        expression.parse(text)


@SETTINGS
@given(LATEXISH)
def test_latex_reader_raises_only_unreadable(text: str) -> None:
    with contextlib.suppress(Unreadable):
        read(tokenize(text), Scope())


@SETTINGS
@given(LATEXISH)
def test_notes_reader_never_raises(text: str) -> None:
    reading = notes.reads(f"$$\n{text}\n$$\n", "fuzz.md")
    assert sum(reading.display.values()) == 1


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=60))
def test_toml_reader_raises_only_its_own_error(text: str) -> None:
    with contextlib.suppress(DeriveError):
        formula_file.loads(text, "fuzz.toml")
