"""``\\mathrm{sign}`` and ``\\operatorname{sgn}``: the slope of |x| away from 0, read as SymPy's sign."""

from __future__ import annotations

from pathlib import Path

from tests.notes_tools import checked

PAGE = Path(__file__).resolve().parents[1] / "data" / "notes" / "document" / "sign.md"


def test_the_sign_function_is_read_and_decided() -> None:
    verdicts, skipped, _ = checked(PAGE)
    assert verdicts == [(3, "proved"), (5, "refuted"), (7, "proved")]
    assert skipped == {}
