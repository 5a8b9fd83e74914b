"""``derive EXPR --shape x=n --layout L``: sized expressions typed on the command line."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from derivations.cli.main import cli

from derivations.read.typed_shapes import ShapeError, declarations, inferred


def test_shape_options_are_the_formula_files_declarations() -> None:
    assert declarations(["x=n", "A = m, n", "i=index n", "f=function"]) == {
        "x": "vector n",
        "A": "matrix m n",
        "i": "index n",
        "f": "function",
    }


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("x", "write NAME=n (a vector) or NAME=m,n (a matrix)"),
        ("x=", "write NAME=n (a vector) or NAME=m,n (a matrix)"),
        ("x=n,m,k", "'n,m,k' is not a shape"),
        ("x=n,", "'n,' is not a shape"),
    ],
)
def test_a_bad_shape_option_is_named(option: str, message: str) -> None:
    with pytest.raises(ShapeError, match=re.escape(message)):
        declarations([option])


def test_a_name_declared_twice_is_an_error() -> None:
    with pytest.raises(ShapeError, match="x is declared twice"):
        declarations(["x=n", "x=m"])


def test_the_sums_state_the_lengths_and_the_free_indices_their_range() -> None:
    assert inferred(["sum(exp(z[k]), k, 1, n)", "z[i]", "exp(z[i])"], {}) == {
        "z": "vector n",
        "i": "index n",
    }
    double = "sum(sum(A[k, l] * x[l], l, 1, n), k, 1, m)"
    assert inferred([double, "A[i, j]"], {}) == {
        "A": "matrix m n",
        "x": "vector n",
        "i": "index m",
        "j": "index n",
    }
    assert inferred(["x[i] * w[i]"], {"x": "vector n", "w": "vector n"}) == {"i": "index n"}
    # a sum's own variable written outside it is not made an index
    assert inferred(["sum(z[k], k, 1, n)", "z[k]"], {}) == {"z": "vector n"}


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        (["z[i]"], "no sum from 1 says the length of z: declare it with --shape z=n"),
        (["sum(z[k], k, 0, n)"], "no sum from 1 says the length of z"),
        (["sum(z[k], k, 1, n) + sum(z[k], k, 1, m)"], "the sums give z the lengths m, n"),
        (["z[i] + z[i, j]"], "z is written with 1 and with 2 positions"),
    ],
)
def test_what_the_sums_do_not_say_is_not_guessed(texts: list[str], message: str) -> None:
    with pytest.raises(ShapeError, match=re.escape(message)):
        inferred(texts, {})


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_a_sum_over_the_components_is_differentiated_for_every_n() -> None:
    code, output = _run("sum(exp(z[k]), k, 1, n)", "--wrt", "z[i]", "--claim", "exp(z[i])")
    assert code == 0, output
    assert "  d/dz[i]      exp(z[i])\n" in output
    assert "✓ proved" in output


def test_a_wrong_sum_derivative_is_refuted_with_a_counterexample() -> None:
    code, output = _run("sum(exp(z[k]), k, 1, n)", "--wrt", "z[i]", "--claim", "n*exp(z[i])")
    assert code == 1
    assert "✗ refuted" in output and "counterexample" in output


def test_a_gradient_is_read_in_the_layout_its_shape_allows() -> None:
    common = ("transpose(w)*x", "--shape", "w=n", "--shape", "x=n", "--wrt", "x")
    code, output = _run(*common, "--claim", "w")
    assert (code, "  d/dx         in denominator layout\n" in output) == (0, True), output
    code, output = _run(*common, "--claim", "transpose(w)")
    assert (code, "  d/dx         in numerator layout\n" in output) == (0, True), output
    code, output = _run(*common, "--claim", "w", "--layout", "numerator")
    assert code == 1
    assert "shape mismatch: the left side is 1×n, the right side n×1" in output


def test_log_det_untransposed_is_refuted_in_the_denominator_layout() -> None:
    code, output = _run(
        "log(det(X))", "--shape", "X=n,n", "--wrt", "X", "--claim", "inv(X)",
        "--layout", "denominator",
    )  # fmt: skip
    assert code == 1, output
    assert "  d/dX         in denominator layout\n" in output
    assert "✗ refuted" in output and "counterexample: X11 = " in output


@pytest.mark.slow
def test_log_det_is_decided_for_every_n_without_a_layout() -> None:
    """Both layouts fit a square X: the claim holds when one reading is proved."""
    code, output = _run(
        "log(det(X))", "--shape", "X=n,n", "--wrt", "X", "--claim", "transpose(inv(X))"
    )
    assert code == 0, output
    assert "in denominator (your answer holds in it, not in the other layout) layout" in output
    assert "✓ proved" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x", "--shape", "x=n,m,k"], "--shape 'x=n,m,k': 'n,m,k' is not a shape"),
        (["log(det(X))", "--shape", "X=n,m", "--wrt", "X", "--claim", "inv(X)"],
         "det needs a square matrix, not n×m"),
        (["x^2", "--layout", "numerator", "--claim", "2*x"], "--layout: x is not a vector"),
        (["log(det(X))", "--shape", "X=n,n", "--wrt", "X"],
         "--wrt X: derive computes no derivative by a whole vector or matrix"),
        (["exp(z[i])", "--wrt", "z[i]"], "no sum from 1 says the length of z"),
        (["x", "--shape", "x=0"], "--shape: a dimension must be 1 to 1000, not 0"),
        (["x", "--layout", "sideways"], "Invalid value for '--layout'"),
    ],
)  # fmt: skip
def test_bad_shapes_are_one_line_and_exit_2(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output
