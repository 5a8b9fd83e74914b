"""Every claim of the catalog gets the verdict the catalog records, decided by the verifier.

The expected verdicts are the catalog's record of what each document gets right or wrong; the
verifier does not read them. A deliberately wrong variant of every proved claim must be refuted,
so a verifier that proved everything would fail here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from derivations.catalog import CATALOG, build, lookup
from derivations.catalog.sources import DOCUMENTS
from derivations.checking.report import verify_claim
from derivations.errors import CatalogError, UnknownFormulaError
from derivations.model import Claim, Formula, Verdict

CLAIMS = [(f, c) for f in CATALOG.values() for c in f.claims]

#: The formulas whose claims the quick run verifies: the logistic rewrite, kinks (relu, huber's
#: cases), a plain loss and a proof for every n. The whole catalog is marked slow
#: (``pytest --run-slow``), as ``derive check`` verifies it too.
QUICK = {"sigmoid", "relu", "huber", "mse", "softmax_cross_entropy_n"}


def claim_id(pair: tuple[Formula, Claim]) -> str:
    return pair[1].id


def cases(pairs: list[tuple[Formula, Claim]]) -> list[object]:
    """``pairs`` as parameters, each named by its claim; slow unless its formula is quick."""
    return [
        pytest.param(
            pair, id=claim_id(pair), marks=() if pair[0].name in QUICK else pytest.mark.slow
        )
        for pair in pairs
    ]


def test_the_quick_formulas_are_in_the_catalog() -> None:
    assert set(CATALOG) >= QUICK


@pytest.mark.parametrize("pair", cases(CLAIMS))
def test_claim_gets_its_recorded_verdict(pair: tuple[Formula, Claim]) -> None:
    formula, claim = pair
    result = verify_claim(formula, claim)
    assert result.verdict is claim.expected, result.reason or result.counterexample


REFUTED = [pair for pair in CLAIMS if pair[1].expected is Verdict.REFUTED]
PROVED = [pair for pair in CLAIMS if pair[1].expected is Verdict.PROVED]


@pytest.mark.parametrize("pair", cases(REFUTED))
def test_refutation_carries_a_counterexample_and_a_verified_correction(
    pair: tuple[Formula, Claim],
) -> None:
    formula, claim = pair
    result = verify_claim(formula, claim)
    assert result.counterexample is not None or result.reason.startswith("shape mismatch")
    if result.counterexample is not None:
        assert result.counterexample.lhs != result.counterexample.rhs
    assert result.correction is not None, "every refuted claim gets its correction"


def _perturbed(rhs: sp.Basic, how: str) -> sp.Basic:
    if how == "sign":
        return -rhs
    return sp.Rational(3, 2) * rhs


@pytest.mark.parametrize("how", ["sign", "factor"])
@pytest.mark.parametrize("pair", cases(PROVED))
def test_perturbed_variant_of_a_proved_claim_is_refuted(
    pair: tuple[Formula, Claim], how: str
) -> None:
    formula, claim = pair
    from dataclasses import replace

    wrong = replace(claim, id=f"{claim.id}#{how}", rhs=_perturbed(claim.rhs, how))
    result = verify_claim(formula, wrong)
    assert result.verdict is Verdict.REFUTED
    assert result.counterexample is not None


def test_every_document_is_cited() -> None:
    cited = {s.document for f in CATALOG.values() for c in f.claims for s in c.sources}
    assert set(DOCUMENTS) <= cited


def test_every_document_has_a_refuted_claim_except_the_ones_without_errors() -> None:
    refuted_in = {s.document for _, c in REFUTED for s in c.sources} & set(DOCUMENTS)
    # 000 states only true claims (in its own layout); the other four each contain mistakes.
    assert refuted_in == set(DOCUMENTS) - {DOCUMENTS[0]}


def test_duplicate_formula_names_are_rejected() -> None:
    sigmoid = CATALOG["sigmoid"]
    with pytest.raises(CatalogError, match="duplicate formula name 'sigmoid'"):
        build([sigmoid, sigmoid])


def test_lookup_by_alias_and_close_matches() -> None:
    assert lookup("logistic").name == "sigmoid"
    assert lookup("Leaky-ReLU").name == "leaky_relu"
    with pytest.raises(UnknownFormulaError) as err:
        lookup("tahn")
    assert "tanh" in err.value.suggestions


def test_importing_one_family_does_not_build_the_catalog(tmp_path: Path) -> None:
    import subprocess
    import sys

    probe = (
        "import sys; from derivations.catalog.activations.sized import softmax_n; "
        "import derivations.checking.mlp; "
        "print(sorted(m for m in sys.modules if m.startswith('derivations.catalog.')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    loaded = done.stdout.strip()
    assert "derivations.catalog.activations.sized" in loaded
    assert "derivations.catalog.layers" not in loaded
    assert "derivations.catalog.losses" not in loaded
    assert "derivations.catalog.identities" not in loaded


@pytest.mark.parametrize(
    "claim_id",
    [
        # layout traps the catalog builds: 001 writes neither, in its own (numerator) layout
        "linear_map_jacobian_n.dropped-transpose-square",
        "l2_divergence_n.gradient-row",
        # readings of ambiguous or garbled notation under which the passage fails
        "softmax.jacobian.matrix-form-column-reading",
        "softmax_n.jacobian.matrix-form-column-reading",
        "log_loss.chain-example.dp-da-exp",
    ],
)
def test_what_the_documents_never_wrote_is_not_cited_as_theirs(claim_id: str) -> None:
    (claim,) = [c for _, c in CLAIMS if c.id == claim_id]
    assert claim.expected is Verdict.REFUTED
    assert not any(s.document in DOCUMENTS for s in claim.sources)


@pytest.mark.parametrize(
    "claim_id", ["softmax.jacobian.matrix-form", "softmax_n.jacobian.matrix-form"]
)
def test_ambiguous_matrix_form_is_cited_under_the_reading_where_it_holds(claim_id: str) -> None:
    (claim,) = [c for _, c in CLAIMS if c.id == claim_id]
    assert claim.expected is Verdict.PROVED
    assert any(s.document in DOCUMENTS and "row" in s.reading for s in claim.sources)


def test_every_seed_document_has_a_short_title() -> None:
    from derivations.catalog.sources import TITLES, titled

    assert set(TITLES) == set(DOCUMENTS)
    assert all(0 < len(title) <= 40 for title in TITLES.values())
    assert titled(f"{DOCUMENTS[0]}: eq. 1") == f"Activations & Output ({DOCUMENTS[0]}): eq. 1"
    assert titled("PyTorch documentation: relu") == "PyTorch documentation: relu"
