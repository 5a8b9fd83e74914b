"""``derive NAME --n N`` (derivations.checking.at_size): naming the written-out softmax.

The oracle for :func:`derivations.checking.at_size.named` is the plain substitution
``side.subs(e^{z_t}/S, p_t)`` (and ``e^{2 z_t}/S^2`` → ``p_t^2``) pattern by pattern, the
way the names were first put in; it is exact but walks every entry once per pattern.
"""

from __future__ import annotations

import itertools
import re

import pytest
import sympy as sp

from derivations.catalog import CATALOG
from derivations.checking import at_size
from derivations.model import Claim, Formula, Math
from derivations.symbolic import indexed as nx
from derivations.verifier import sized as indexed


def _named_by_substitution(side: Math) -> Math:
    names: dict[sp.Expr, sp.Expr] = {}
    for power in side.atoms(sp.Pow):
        total = power.base
        if (
            power.exp.is_negative
            and isinstance(total, sp.Add)
            and all(isinstance(t, sp.exp) for t in total.args)
        ):
            logits = tuple(sorted((t.args[0] for t in total.args), key=sp.default_sort_key))
            for position, logit in enumerate(logits):
                names[sp.exp(logit) / total] = at_size.p(position, *logits)
                names[sp.exp(2 * logit) / total**2] = at_size.p(position, *logits) ** 2

    def rename(e: sp.Expr) -> sp.Expr:
        for pattern, value in names.items():
            e = e.subs(pattern, value)
        return e

    if isinstance(side, sp.MatrixBase):
        return sp.ImmutableMatrix(side.applyfunc(rename))
    return rename(side)


_SIZED = [f for f in CATALOG.values() if nx.sizes_of(*at_size._sides(f))]


@pytest.mark.parametrize("formula", _SIZED, ids=lambda f: f.name)
@pytest.mark.parametrize("n", [2, 3])
def test_named_components_agree_with_substitution_pattern_by_pattern(
    formula: Formula, n: int
) -> None:
    sizes = {s: n for s in nx.sizes_of(*at_size._sides(formula))}
    for claim in formula.claims:
        if indexed.shape_mismatch(claim.lhs, claim.rhs):
            continue
        small = indexed.instantiate(claim, sizes)
        for side in (small.lhs, small.rhs):
            assert at_size.named(side) == _named_by_substitution(side)


def test_a_product_of_two_components_over_the_squared_denominator_is_p_i_p_j() -> None:
    z1, z2 = sp.symbols("z1 z2", real=True)
    total = sp.exp(z1) + sp.exp(z2)
    p1, p2 = at_size.p(0, z1, z2), at_size.p(1, z1, z2)
    assert at_size.named(-sp.exp(z1) * sp.exp(z2) / total**2) == -p1 * p2
    assert at_size.named(sp.exp(2 * z1) / total**2 + sp.exp(z2) / total) == p1**2 + p2
    assert at_size.named(sp.exp(z1) * sp.exp(z2) / total) == p1 * sp.exp(z2)


def test_at_n_12_each_softmax_entry_is_named_by_its_index() -> None:
    formula = at_size.at_size(CATALOG["softmax_cross_entropy_n"], 12)
    from derivations.symbolic.printing import text

    shown = text(formula.definition)
    # -y_k*log(p_k): the label y and the component p of one index
    pairs = set(re.findall(r"y(\d+)\*log\(p(\d+)\)", shown))
    assert pairs == {(str(k), str(k)) for k in range(1, 13)}, shown
    gradient = next(
        c for c in formula.claims if c.id.startswith("softmax_cross_entropy_n.gradient@")
    )
    assert text(gradient.rhs[9]) == "-y10 + p10"


def test_a_gradient_written_out_shows_its_expression_once() -> None:
    from derivations.render.views.sized import rows

    formula = at_size.at_size(CATALOG["softmax_cross_entropy_n"], 12)
    gradient = next(
        c for c in formula.claims if c.id.startswith("softmax_cross_entropy_n.gradient@")
    )
    (line,) = rows(gradient.lhs)
    assert line.startswith("∂/∂(z1, …, z12) [")
    assert line.count("log(p12)") == 1
    assert len(rows(gradient.rhs)) == 12


def test_a_claim_proved_for_every_n_holds_at_n_without_its_entries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``derive NAME --n N``: claims proved for every n are not verified entry by entry again;
    the others are, and ``--entries`` asks for all of them. The verdicts agree."""
    from derivations import api

    verified: list[str] = []

    def counting(formula: Formula, claim: object, correction: object = None) -> object:
        verified.append(claim.id)  # type: ignore[attr-defined]
        return at_size.verify_explicit(formula, claim, correction)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "verify_explicit", counting)
    monkeypatch.setattr(api, "run_all", _in_process)
    fast = api.show_sized("softmax_n", 3, jobs=1)
    fast_ids = list(verified)
    verified.clear()
    full = api.show_sized("softmax_n", 3, jobs=1, entries=True)
    assert fast.splitlines()[-1] == full.splitlines()[-1]
    assert "4 proved, 1 refuted" in fast.splitlines()[-1]
    assert [i.split("@")[0] for i in fast_ids] == ["softmax_n.jacobian.matrix-form-column-reading"]
    assert len(verified) == 5


def test_a_correction_proved_for_every_n_is_shown_at_n_without_proving_it_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The refuted claims of ``derive NAME --n N`` are verified entry by entry, but their
    corrections, proved for every n, are shown as instances (issue 17): the entry-by-entry
    verification at N proves no correction, and the instance is the stated correction at N."""
    from derivations import api
    from derivations.verifier import scalar

    proved_at_n: list[str] = []
    original = scalar._correction

    def recorded(claim: Claim, domains: object) -> object:
        proved_at_n.append(claim.id)
        return original(claim, domains)  # type: ignore[arg-type]

    monkeypatch.setattr(scalar, "_correction", recorded)
    monkeypatch.setattr(api, "run_all", _in_process)
    text = api.show_sized("softmax_cross_entropy_n", 3, jobs=1)
    assert "2 refuted" in text.splitlines()[-1]
    assert not [i for i in proved_at_n if "@" in i]  # none at n = 3 written out
    assert "correct value of the left side: [[-y1 + p1], [-y2 + p2], [-y3 + p3]]" in text
    symbolic = at_size.symbolic_form("softmax_cross_entropy_n")
    wrong = next(c for c in symbolic.claims if c.id.endswith("zh-as-written"))
    written = at_size.correction_at(symbolic, wrong, 3)
    assert isinstance(written, sp.MatrixBase) and written.shape == (3, 1)
    right = next(c for c in symbolic.claims if c.id.endswith(".gradient"))
    assert at_size.correction_at(symbolic, right, 3) is None  # a claim that states none


def _in_process(fn: object, tasks: list[tuple[object, ...]], *_: object, **__: object) -> list:
    from derivations.checking.budget import Outcome

    return [Outcome(fn(*task)) for task in tasks]  # type: ignore[operator]


def test_entries_without_n_is_a_usage_error() -> None:
    from click.testing import CliRunner
    from derivations.cli.main import cli

    result = CliRunner().invoke(cli, ["softmax_n", "--entries"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "derive: error: --entries verifies a formula written out with --n: use them together"
    )


def _string_order_steps(shown: str, letter: str) -> list[str]:
    """The places where the indices of ``letter`` read in SymPy's string order, index 1
    followed by 10 (natural order has 1, 2 there, when there are more than 9)."""
    steps = []
    for line in shown.splitlines():
        found = [int(i) for i in re.findall(rf"\b{letter}(?:_\{{)?(\d+)\b", line)]
        for a, b in itertools.pairwise(found):
            if (a, b) == (1, 10):
                steps.append(line[:120])
    return steps


def test_the_string_order_rule_catches_string_order() -> None:
    assert _string_order_steps("-y1*log(p1) - y10*log(p10) - y11", "y") != []
    assert _string_order_steps(r"y_{1} + y_{10}", "y") != []
    assert _string_order_steps("y1 + y2 + y9 + y10 + y11 + y12", "y") == []


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "latex", "html"])
def test_at_n_12_every_format_prints_entries_in_index_order(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from derivations import api

    monkeypatch.setattr(api, "run_all", _in_process)
    shown = api.show_sized("softmax_cross_entropy_n", 12, fmt=fmt, jobs=1)
    if fmt == "json":
        import json

        data = json.loads(shown)
        assert data["definition_rows"][0].startswith("-y1*log(p1) - y2*log(p2)")
    if fmt == "html":
        shown = shown.split("</head>", 1)[1]  # the page, not KaTeX's fonts
    for letter in ("y", "z"):
        assert re.search(rf"\b{letter}(_\{{)?2\b", shown)
        assert re.search(rf"\b{letter}(_\{{)?10\b", shown)
        assert _string_order_steps(shown, letter) == []


def test_n_with_format_json_is_the_written_out_view_as_data() -> None:
    import json

    from click.testing import CliRunner
    from derivations.cli.main import cli

    result = CliRunner().invoke(cli, ["softmax_n", "--n", "2", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["name"] == "softmax_n@2"
    assert {c["verdict"] for c in data["claims"]} <= {"proved", "refuted", "unknown"}
    assert all(c["rhs_rows"] for c in data["claims"])
