"""Displayed equations of the LaTeX book laid out in rows that fit the page (no TeX needed)."""

from __future__ import annotations

import re

import pytest
import sympy as sp

from derivations.render.display_math import ROW_WIDTH, display_math, inline_math, rows, width
from derivations.symbolic.printing import latex


def _content(text: str) -> str:
    r"""What the rows print, without the layout: the ``&``, the continuation ``\quad``, the
    delimiters closed and opened again at a cut, the row ends, and spaces."""
    for layout in (r"\left.{}", r"\right.", r"\quad", "&", r"\\"):
        text = text.replace(layout, "")
    return re.sub(r"\s+", "", text)


def _balanced(row: str) -> bool:
    braces = row.count("{") - row.count(r"\{") == row.count("}") - row.count(r"\}")
    return braces and len(re.findall(r"\\left\b", row)) == len(re.findall(r"\\right\b", row))


def test_an_equation_that_fits_is_one_unnumbered_equation() -> None:
    assert display_math("a = b + c") == "\\begin{equation*}\na = b + c\n\\end{equation*}"


def test_a_long_sum_is_cut_before_its_terms_into_rows_that_fit() -> None:
    equation = "y = " + " + ".join(rf"\frac{{a_{{{i}}}}}{{b_{{{i}}}}}" for i in range(80))
    laid = rows(equation, 200)
    assert len(laid) > 5
    assert all(width(row.removeprefix("&")) <= 200 for row in laid)
    assert all(row.startswith(r"&\quad + ") for row in laid[1:])  # each cut is before a +
    assert _content("".join(laid)) == _content(equation)
    shown = display_math(equation, 200)
    assert shown.startswith("\\begin{align*}\n") and shown.endswith("\n\\end{align*}")


def test_a_cut_inside_parentheses_closes_them_and_opens_them_again() -> None:
    inner = " + ".join(f"x_{{{i}}}" for i in range(60))
    equation = rf"L = \sigma\left({inner}\right)^{{2}}"
    laid = rows(equation, 200)
    assert len(laid) > 2
    assert all(_balanced(row) for row in laid)
    assert laid[0].endswith(r"\right.") and laid[-1].endswith(r"\right)^{2}")
    assert all(row.startswith(r"&\quad \left.{}+") for row in laid[1:])
    assert _content("".join(laid)) == _content(equation)


def test_a_sign_is_not_a_cut() -> None:
    equation = "y = - " + " - ".join(f"x_{{{i}}}" for i in range(60))
    laid = rows(equation, 150)
    assert not any(row.rstrip().endswith(("=", "-")) for row in laid)
    assert laid[0].startswith("&y = - x_{0}")


def test_a_fraction_too_wide_for_a_row_is_its_numerator_over_its_denominator() -> None:
    numerator = " + ".join(f"x_{{{i}}}" for i in range(60))
    laid = rows(rf"y = \frac{{{numerator}}}{{2 c}}", 200)
    assert laid[0].startswith(r"&y = \frac{1}{2 c} \left(")
    assert all(_balanced(row) for row in laid)


def test_a_root_and_a_power_of_e_too_wide_for_a_row_can_break() -> None:
    inner = " + ".join(f"x_{{{i}}}" for i in range(60))
    root = "".join(rows(rf"y = \sqrt{{{inner}}}", 200))
    assert r"\right)^{\frac{1}{2}}" in root and r"\sqrt" not in root
    power = "".join(rows(rf"y = e^{{{inner}}}", 200))
    assert power.startswith(r"&y = \exp \left(") and "e^{" not in power


def test_a_matrix_too_wide_for_a_row_is_shown_by_named_entries() -> None:
    x = sp.symbols("x1:40")
    wide = sp.Add(*x)
    equation = latex(sp.Matrix([[wide, x[0]], [x[1], wide]]))
    laid = rows(f"M = {equation}", 200)
    assert r"E_{1,1} & E_{1,2}\\E_{2,1} & E_{2,2}" in laid[0]
    assert laid[0].endswith(r"\text{where}")
    for name in ("E_{1,1}", "E_{1,2}", "E_{2,1}", "E_{2,2}"):
        assert sum(row.startswith(f"&{name} =") for row in laid) == 1
    assert all(width(row.removeprefix("&")) <= 200 for row in laid)


def test_a_letter_the_equation_uses_does_not_name_entries() -> None:
    x = sp.symbols("x1:40")
    equation = "E_{1} = " + latex(sp.Matrix([[sp.Add(*x)]]))
    assert "F_{1,1} = " in "".join(rows(equation, 200))


def test_an_equation_with_its_own_rows_or_alignment_is_left_as_it_is() -> None:
    long = " + ".join(f"x_{{{i}}}" for i in range(80))
    for written in (rf"a &= {long}", rf"a = {long} \\ b = c", rf"a = {long} \tag{{1}}"):
        assert display_math(written) == "\\begin{equation*}\n" + written + "\n\\end{equation*}"


@pytest.mark.parametrize(
    ("latex_text", "low", "high"),
    [
        ("x", 4, 9),
        (r"\frac{a + b}{c}", 25, 45),
        (r"x_{1}^{2}", 8, 20),
        (r"\operatorname{softmax}\left(z\right)", 45, 75),
    ],
)
def test_width_estimates_are_in_points(latex_text: str, low: float, high: float) -> None:
    assert low <= width(latex_text) <= high


def test_inline_math_stays_inline_when_short_and_breaks_at_commas_when_long() -> None:
    assert inline_math(r"u = x,\ v = y") == r"$u = x,\ v = y$"
    u = " + ".join(f"a_{{{i}}}" for i in range(7))
    v = " + ".join(f"b_{{{i}}}" for i in range(7))
    assert inline_math(rf"u = {u},\ v = {v}") == f"$u = {u}$, $v = {v}$"
    huge = " + ".join(f"b_{{{i}}}" for i in range(200))
    assert r"\begin{align*}" in inline_math(rf"u = x,\ v = {huge}")


def test_the_book_width_leaves_room_for_the_estimates_error() -> None:
    # The book's text is 489pt wide; the estimate is measured within about 16% of TeX's.
    assert ROW_WIDTH * 1.16 <= 489
