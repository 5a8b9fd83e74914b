"""Entries named by their index print in the index's order (``y2`` before ``y10``) in every
printer, and an expression without numbered names prints as SymPy's printers print it."""

from __future__ import annotations

import re

import sympy as sp

from derivations.symbolic.printing import (
    NotesLatexPrinter,
    NotesTextPrinter,
    latex,
    natural_key,
    natural_names,
    text,
)

Y = sp.symbols("y1:13")
P = sp.symbols("p1:13", positive=True)
CROSS_ENTROPY = -sum(y * sp.log(p) for y, p in zip(Y, P, strict=True))


def indices(shown: str, letter: str) -> list[int]:
    return [int(i) for i in re.findall(letter + r"_?\{?(\d+)", shown)]


def test_a_written_out_sum_prints_in_index_order() -> None:
    assert indices(text(CROSS_ENTROPY), "y") == list(range(1, 13))
    assert indices(latex(CROSS_ENTROPY), "y") == list(range(1, 13))
    assert text(sum(Y)) == " + ".join(f"y{k}" for k in range(1, 13))


def test_sympy_alone_prints_them_in_string_order() -> None:
    """The oracle for the test above: SymPy's own order is the names' string order."""
    shown = NotesTextPrinter({"order": "none"}).doprint(CROSS_ENTROPY)
    assert indices(shown, "y")[:3] == [1, 10, 11]


def test_factors_and_matrix_entries_print_in_index_order() -> None:
    assert text(P[1] * P[9]) == "p2*p10"
    assert latex(P[1] * P[9]) == "p_{2} p_{10}"
    assert text(sp.Matrix([[Y[9] + Y[1], Y[10] * Y[2]]])) == "[[y2 + y10, y3*y11]]"


def test_names_keep_their_assumptions_and_print_as_themselves() -> None:
    shown, back = natural_names(CROSS_ENTROPY)
    assert all(t.is_positive == s.is_positive for t, s in back.items())
    assert shown.xreplace(back) == CROSS_ENTROPY
    hat = sp.Symbol("y_hat10")
    assert latex(hat + sp.Symbol("y_hat2")) == r"\hat{y}_{2} + \hat{y}_{10}"


def test_names_that_would_meet_are_left_as_they_are() -> None:
    a, b = sp.symbols("y01 y1")
    assert natural_names(a + b) == (a + b, {})
    assert text(a + b) == NotesTextPrinter({"order": "none"}).doprint(a + b)


def test_an_expression_without_numbered_names_is_unchanged() -> None:
    x, w = sp.symbols("x w")
    e = w * sp.exp(-x) + x**2 - w
    assert natural_names(e) == (e, {})
    assert latex(e) == NotesLatexPrinter({"mat_delim": "(", "mul_symbol": None}).doprint(e)


def test_natural_key_orders_numbers_inside_names() -> None:
    names = ["W10_2", "W2_10", "W2_2", "z10", "z9", "x"]
    assert sorted(names, key=natural_key) == ["W2_2", "W2_10", "W10_2", "x", "z9", "z10"]
