"""Typed expressions and formula files with sizes, indices, vectors and matrices.

Each true claim is paired with a wrong variant that must be refuted with a counterexample
at a small size; the true ones are proved for every n by the sized verifier. The expected
values are the textbook identities (Petersen & Pedersen, *The Matrix Cookbook*, eqs. (57),
(69), (81); the softmax Jacobian p_i(δ_ij − p_j)).
"""

from __future__ import annotations

import json
import re

import pytest
import sympy as sp

from derivations.model import Verdict
from derivations.read.expression import ExpressionError, parse
from derivations.read.formula_file import FormulaFileError, loads
from derivations.read.shapes import declare
from derivations.symbolic.indexed import is_sized
from derivations.symbolic.printing import latex, text
from derivations.verifier.claim import verify

SHAPES = """
[formula.shapes]
z = "vector n"
w = "vector n"
x = "vector n"
A = "matrix n n"
X = "matrix n n"
i = "index n"
j = "index n"
"""


def _claim(lhs: str, rhs: str, layout: str = "") -> tuple[object, object]:
    layout_key = f'layout = "{layout}"\n' if layout else ""
    document = (
        f'[[formula]]\nname = "t"\ndefinition = "0"\n{layout_key}'
        f'{SHAPES}\n[[formula.claims]]\nid = "t.c"\nlhs = {lhs!r}\nrhs = {rhs!r}\n'
    )
    (formula,) = loads(document.replace("'", '"'), "t.toml")
    return formula, formula.claims[0]


SOFTMAX = "exp(z[i]) / sum(exp(z[k]), k, 1, n)"
SOFTMAX_J = "exp(z[j]) / sum(exp(z[k]), k, 1, n)"

PAIRS = [
    # (name, lhs, true rhs, wrong rhs, layout)
    (
        "softmax jacobian",
        f"diff({SOFTMAX}, z[j])",
        f"{SOFTMAX} * (delta(i, j) - {SOFTMAX_J})",
        f"{SOFTMAX} * (1 - {SOFTMAX_J})",
        "",
    ),
    (
        "linear form, numerator",
        "diff(transpose(w)*x, w)",
        "transpose(x)",
        "transpose(w)",
        "numerator",
    ),
    ("linear form, denominator", "diff(transpose(w)*x, w)", "x", "w", "denominator"),
    (
        "quadratic form",
        "diff(transpose(x)*A*x, x)",
        "(A + transpose(A))*x",
        "2*A*x",
        "denominator",
    ),
    ("log det", "diff(log(det(X)), X)", "transpose(inv(X))", "inv(X)", "denominator"),
]


#: The proofs for every n; log det's (Jacobi's formula, cross-checked at n = 3) takes tens of
#: seconds.
PROOFS = [
    pytest.param(*p, id=p[0], marks=pytest.mark.slow if p[0] == "log det" else ()) for p in PAIRS
]


@pytest.mark.parametrize(("name", "lhs", "rhs", "wrong", "layout"), PROOFS)
def test_true_claim_is_proved_for_every_n(
    name: str, lhs: str, rhs: str, wrong: str, layout: str
) -> None:
    _, claim = _claim(lhs, rhs, layout)
    assert is_sized(claim)
    result = verify(claim)
    assert result.verdict is Verdict.PROVED, result.reason
    assert "for every size" in result.method


@pytest.mark.parametrize(
    ("name", "lhs", "rhs", "wrong", "layout"), PAIRS, ids=[p[0] for p in PAIRS]
)
def test_wrong_variant_is_refuted_with_a_counterexample(
    name: str, lhs: str, rhs: str, wrong: str, layout: str
) -> None:
    _, claim = _claim(lhs, wrong, layout)
    result = verify(claim)
    assert result.verdict is Verdict.REFUTED
    assert result.counterexample is not None
    assert re.match(r"n = [23]", result.counterexample.case)


def test_wrong_layout_is_refuted_by_shapes() -> None:
    _, claim = _claim("diff(transpose(w)*x, w)", "x", "numerator")
    result = verify(claim)
    assert result.verdict is Verdict.REFUTED
    assert "1×n" in result.reason and "n×1" in result.reason


def test_softmax_jacobian_in_matrix_form() -> None:
    _, claim = _claim(
        "diff(softmax(z), z)", "diag(softmax(z)) - softmax(z)*transpose(softmax(z))", "numerator"
    )
    assert verify(claim).verdict is Verdict.PROVED


def test_the_example_file_reads() -> None:
    from pathlib import Path

    text_ = (Path(__file__).parents[1] / "data" / "sized.toml").read_text()
    formulas = loads(text_, "sized.toml")
    assert [f.name for f in formulas] == ["softmax_any_n", "log_det"]
    assert all(is_sized(c) for f in formulas for c in f.claims)


# --------------------------------------------------------------------------- the syntax

DECLARED = declare({"z": "vector n", "A": "matrix m n", "i": "index n", "f": "function"})


def test_components_count_from_one_and_sums_are_stored_from_zero() -> None:
    z = sp.MatrixSymbol("z", sp.Symbol("n", integer=True, positive=True), 1)
    k = sp.Symbol("k", integer=True)
    n = sp.Symbol("n", integer=True, positive=True)
    assert parse("sum(z[k], k, 1, n)", declared=DECLARED) == sp.Sum(z[k, 0], (k, 0, n - 1))


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("q[i]", "'q' is not a declared vector or matrix"),
        ("z[i, i]", "z is a vector: write z[i]"),
        ("A[i]", "write A[i, j]"),
        ("z + 1", "cannot add a scalar and a n×1 matrix"),
        ("diff(transpose(z)*z, z)", "needs a layout"),
        ("diff(transpose(z)*z, z, sideways)", "numerator or denominator"),
        ("trace(A)", "square matrix"),
        ("sum(z[k], k, 1)", "sum takes a term, a variable and two limits"),
        ("sum(z[i], i, 1, n)", "already a name"),
        ("z[1.5]", "must be an index"),
        ("z[k]", "must be an index"),
        ("z[i:2]", "operator ':' is not allowed"),
        ("delta(i)", "delta takes two indices"),
        ("inv(z)", "square matrix"),
        ("f(z, z)", "f takes one argument"),
        ("z.T", "operator '.' is not allowed"),
        ("z[" + "(" * 45 + "i" + ")" * 45 + "]", "nested deeper than 40"),
    ],
)
def test_bad_input_is_one_clear_error(source: str, message: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse(source, declared=DECLARED, allow_diff=True)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('x = "tensor n"', "must start with one of size, index, vector, matrix, function"),
        ('x = "matrix n"', 'is not a declaration like "matrix m n"'),
        ('x = "vector 0"', "a dimension must be 1 to 1000"),
        ('x = "vector n"\nn = "index n"', "declared twice"),
    ],
)
def test_bad_shapes_name_the_key(table: str, message: str) -> None:
    document = f'[[formula]]\nname = "t"\ndefinition = "0"\n[formula.shapes]\n{table}\n'
    with pytest.raises(FormulaFileError) as caught:
        loads(document, "t.toml")
    assert "t.toml: formula[0].shapes" in str(caught.value)
    assert message in str(caught.value)


def test_a_claim_by_a_vector_without_a_layout_is_an_error() -> None:
    document = (
        '[[formula]]\nname = "t"\ndefinition = "transpose(w)*x"\nvariables = ["w"]\n'
        f'{SHAPES}\n[[formula.claims]]\nwrt = "w"\nrhs = "x"\n'
    )
    with pytest.raises(FormulaFileError, match=r"claims\[0\]\.wrt: .* needs a layout"):
        loads(document, "t.toml")


# --------------------------------------------------------------------------- printing

INTERNALS = ("Sum(", "_s1", "[_", "Dummy", "Idx(", "_i_1", "i_{1}", "Lambda", "FunctionMatrix")


def _sized_expressions() -> list[tuple[str, object]]:
    from derivations.catalog import CATALOG

    out: list[tuple[str, object]] = []
    for formula in CATALOG.values():
        sized = [c for c in formula.claims if is_sized(c)]
        if not sized:
            continue
        out.append((f"{formula.name}.definition", formula.definition))
        for claim in sized:
            out += [(f"{claim.id}.lhs", claim.lhs), (f"{claim.id}.rhs", claim.rhs)]
            if claim.correction is not None:
                out.append((f"{claim.id}.correction", claim.correction))
    return out


@pytest.mark.slow  # every sized formula of the catalog, verified
def test_no_sympy_internals_in_what_the_sized_catalog_prints() -> None:
    shown = {key: (text(e), latex(e)) for key, e in _sized_expressions()}
    assert len(shown) > 50
    leaks = {
        key: [p for p in INTERNALS if p in t or p in tex]
        for key, (t, tex) in shown.items()
        if any(p in t or p in tex for p in INTERNALS)
    }
    assert leaks == {}


def test_no_sympy_internals_in_the_sized_reports() -> None:
    from derivations.catalog import CATALOG
    from derivations.checking.report import check
    from derivations.render.json_views import report_json

    dumped = report_json(check([CATALOG["maxout_n"], CATALOG["l2_divergence_n"]], jobs=1))
    claims = {c["id"]: c for c in json.loads(dumped)["claims"]}
    assert claims["maxout_n.gradient-w1"]["where"] == (
        "(Σ_{k=1..n} u[k]*x[k]) ≠ (Σ_{k=1..n} v[k]*x[k])"
    )
    assert claims["l2_divergence_n.gradient-row"]["correction"].endswith(
        r"= \left(\hat{\mathbf{y}} - \mathbf{y}\right)^{T}"
    )
    assert [p for p in INTERNALS if p in dumped] == []


def test_corrections_are_written_as_vectors() -> None:
    from derivations.catalog import CATALOG

    def correction(claim_id: str) -> object:
        formula = CATALOG[claim_id.split(".")[0]]
        return next(c.correction for c in formula.claims if c.id == claim_id)

    row = correction("l2_divergence_n.gradient-row")
    assert text(row) == "(yhat - y)ᵀ"
    assert latex(row) == r"\left(\hat{\mathbf{y}} - \mathbf{y}\right)^{T}"
    dense = correction("dense_layer_n.grad-y.dropped-transpose")
    assert text(dense) == "Wᵀ*diag(f'(b + W*y))*g"
    assert latex(correction("quadratic_form_gradient_n.dropped-transpose")) == (
        r"\left(A + A^{T}\right) \mathbf{w}"
    )


def test_nested_sums_get_distinct_indices() -> None:
    from derivations.catalog import CATALOG

    definition = CATALOG["softmax_cross_entropy_n"].definition
    assert text(definition) == "-(Σ_{k=1..n} y[k]*log(exp(z[k])/(Σ_{l=1..n} exp(z[l]))))"
