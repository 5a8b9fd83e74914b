"""The cross-check's rows say why errors that look large agree (no PyTorch needed)."""

from __future__ import annotations

import mpmath
import pytest

from derivations.integrations.torch import compare
from derivations.integrations.torch.view import why_agree


def test_a_large_relative_and_a_large_absolute_error_each_say_why_they_agree() -> None:
    tally = compare._Tally()
    tally.add(0.0, mpmath.mpf("1e-300"), "x = -700")  # rel 1: the reference is ~0
    huge = mpmath.mpf("3e299")
    tally.add(float(huge) + 1.7e287, huge, "x = 3e299")  # abs 1.7e287: 5.7e-13 relative
    errors = tally.done()
    assert errors.failures == 0
    assert f"{errors.max_rel:.1e}" == "1.0e+00"
    assert f"{errors.max_abs:.1e}" == "1.7e+287"
    assert why_agree("forward", errors) == [
        "forward rel 1.0e+00 where |reference| = 1.0e-300: "
        "the error there is within the absolute bound 1.0e-15",
        "forward abs 1.7e+287 where |reference| = 3.0e+299: within 3.0e+287 allowed there "
        "(1e-12·|reference| + the absolute bound, scaled by the inputs)",
    ]


def test_small_errors_need_no_reason() -> None:
    tally = compare._Tally()
    tally.add(0.5, mpmath.mpf("0.5"), "x = 0")
    assert why_agree("gradient", tally.done()) == []


def test_a_disagreement_is_counted_not_explained_away() -> None:
    tally = compare._Tally()
    tally.add(1.0, mpmath.mpf(2), "x = 1")
    assert tally.done().failures == 1


def _result() -> compare.CrossCheck:
    tally = compare._Tally()
    tally.add(0.0, mpmath.mpf("1e-300"), "x = -700")
    errors = tally.done()
    row = compare.Comparison(
        formula="sigmoid",
        torch="torch.sigmoid",
        constant=None,
        points=1000,
        forward=errors,
        gradient=compare._Tally().done(),
        kinks=(),
        kink_text="",
        regions=(),
        conventions=(),
    )
    return compare.CrossCheck((row,), (("maxout", "no counterpart"),), "2.13.0+cpu")


@pytest.mark.parametrize(
    ("fmt", "marks"),
    [
        ("text", ["sigmoid", "agree", "agrees: forward rel 1.0e+00"]),
        ("markdown", ["| sigmoid | 1000 |", "**1 of 1 comparisons agree with PyTorch**"]),
        ("html", ["<table>", "<td>sigmoid</td>"]),
        ("latex", ["\\begin{tabular}", "sigmoid & 1000"]),
    ],
)
def test_every_format_of_the_crosscheck(fmt: str, marks: list[str]) -> None:
    from derivations import api

    shown = api.format_crosscheck(_result(), fmt)
    for mark in marks:
        assert mark in shown, shown


def test_crosscheck_json_keeps_its_shape() -> None:
    import json

    from derivations import api

    data = json.loads(api.format_crosscheck(_result(), "json"))
    assert set(data) >= {"torch", "rtol", "atol", "comparisons"}
