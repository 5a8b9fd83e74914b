"""The verdict cache: keyed by content, invalidated by any change, JSON only."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import sympy as sp

from derivations.catalog import CATALOG
from derivations.checking import cache, report


@pytest.fixture()
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DERIVE_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_second_check_reads_the_cache_and_gives_the_same_report(
    fresh_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    formula = CATALOG["sigmoid"]
    first = report.check([formula], jobs=1)
    assert list(fresh_cache.rglob("*.json"))

    def no_verification(*args: object, **kwargs: object) -> object:
        raise AssertionError("verified again despite the cache")

    # What check() still sends to the workers may only be the confirmation of a refutation.
    monkeypatch.setattr(report, "_verify_task", no_verification)
    assert report.check([formula], jobs=1) == first


def _entries(folder: Path) -> list[Path]:
    return sorted((folder / "claim").rglob("*.json"))


def test_a_tampered_entry_is_ignored_and_computed_again(fresh_cache: Path) -> None:
    formula = CATALOG["softplus"]
    first = report.check([formula], jobs=1)
    entry = _entries(fresh_cache)[0]
    text = entry.read_text(encoding="utf-8")
    assert '"verdict": "proved"' in text
    entry.write_text(text.replace('"verdict": "proved"', '"verdict": "refuted"'), "utf-8")
    digest = entry.stem
    assert cache.load("claim", digest) is None
    assert report.check([formula], jobs=1) == first


def test_an_entry_stored_under_another_key_is_ignored(fresh_cache: Path) -> None:
    cache.store("claim", "a" * 64, {"verdict": "proved"})
    moved = fresh_cache / "claim" / "bb" / f"{'b' * 64}.json"
    moved.parent.mkdir(parents=True)
    (fresh_cache / "claim" / "aa" / f"{'a' * 64}.json").rename(moved)
    assert cache.load("claim", "a" * 64) is None
    assert cache.load("claim", "b" * 64) is None


def _forge(formula_name: str, claim_index: int, counterexample: object) -> None:
    """A cache entry whose digest is right but whose verdict is a false refutation."""
    from dataclasses import asdict

    formula = CATALOG[formula_name]
    claim = formula.claims[claim_index]
    made = report.check([formula], jobs=1).claims[claim_index]
    assert made.verdict == "proved"
    false = {**asdict(made), "verdict": "refuted", "counterexample": counterexample}
    cache.store("claim", report.claim_key(formula, claim), false)


@pytest.mark.parametrize(
    "counterexample",
    [
        {"point": {"x": "1/2"}, "lhs": "1", "rhs": "2", "case": ""},
        {"point": {"x": "__import__('os')"}, "lhs": "1", "rhs": "2", "case": ""},
        None,
    ],
)
def test_a_forged_refutation_is_not_reported(fresh_cache: Path, counterexample: object) -> None:
    _forge("softplus", 0, counterexample)
    again = report.check([CATALOG["softplus"]], jobs=1)
    assert again.claims[0].verdict == "proved"


def test_a_true_cached_refutation_is_confirmed_without_deciding_it_again(
    fresh_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    formula = CATALOG["mse"]
    first = report.check([formula], jobs=1)
    assert any(c.verdict == "refuted" and c.counterexample for c in first.claims)

    def no_verification(*args: object, **kwargs: object) -> object:
        raise AssertionError("decided again instead of confirming the counterexample")

    monkeypatch.setattr(report, "_verify_task", no_verification)
    assert report.check([formula], jobs=1) == first


def test_each_verdict_is_stored_as_soon_as_it_is_known(fresh_cache: Path) -> None:
    """When a claim finishes, its verdict is on disk before the next one is reported."""
    stored: list[tuple[int, int]] = []
    progress = lambda done, total: stored.append((done, len(_entries(fresh_cache))))  # noqa: E731
    report.check([CATALOG["softplus"]], jobs=1, progress=progress)
    assert stored
    assert all(count >= done for done, count in stored)


def test_no_cache_verifies_again(fresh_cache: Path) -> None:
    formula = CATALOG["softplus"]
    report.check([formula], jobs=1)
    files = list(fresh_cache.rglob("*.json"))
    for path in files:
        path.write_text(json.dumps({"tampered": True}))
    again = report.check([formula], jobs=1, use_cache=False)
    assert all(c.as_expected for c in again.claims)


def test_a_changed_claim_misses_the_cache() -> None:
    formula = CATALOG["sigmoid"]
    claim = formula.claims[1]
    changed = replace(claim, rhs=claim.rhs + 0 * sp.Symbol("x"))  # same value, same key
    other = replace(claim, rhs=2 * claim.rhs)
    assert report.claim_key(formula, claim) == report.claim_key(formula, changed)
    assert report.claim_key(formula, claim) != report.claim_key(formula, other)


def test_assumptions_are_part_of_the_key() -> None:
    formula = CATALOG["sigmoid"]
    claim = formula.claims[1]
    x_real, x_plain = sp.Symbol("x", real=True), sp.Symbol("x")
    plain = replace(claim, lhs=claim.lhs.xreplace({x_real: x_plain}))
    assert report.claim_key(formula, claim) != report.claim_key(formula, plain)


def test_the_fingerprint_covers_sympy_and_the_source(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.fingerprint()
    cache.fingerprint.cache_clear()
    monkeypatch.setattr(cache, "sympy_release", lambda: b'__version__ = "0.0-other"')
    try:
        assert cache.fingerprint() != before
    finally:
        cache.fingerprint.cache_clear()


def test_unreadable_entries_are_misses(fresh_cache: Path) -> None:
    digest = cache.key("claim", "x")
    path = fresh_cache / "claim" / digest[:2] / f"{digest}.json"
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    assert cache.load("claim", digest) is None


def _imported(module: str, importtime: str) -> bool:
    import re

    return re.search(rf"\|\s+{module}$", importtime, re.MULTILINE) is not None


def _imports(args: list[str], cache_dir: Path) -> tuple[str, str]:
    """What ``derive ARGS`` prints, and the modules it imported (from -X importtime)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "DERIVE_CACHE_DIR": str(cache_dir)}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "derivations", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cache_dir,
        check=True,
    )
    return done.stdout, done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["sigmoid"],
        ["softplus", "--format", "markdown"],
        pytest.param(["check", "--format", "json", "--seconds", "120"], marks=pytest.mark.slow),
    ],
)
def test_a_repeated_call_answers_from_the_cache_without_sympy(
    tmp_path: Path, args: list[str]
) -> None:
    first, first_imports = _imports(args, tmp_path)
    again, again_imports = _imports(args, tmp_path)
    assert again == first
    assert _imported("sympy", first_imports)
    assert not _imported("sympy", again_imports)
    assert not _imported("jinja2", again_imports)


def test_help_never_imports_sympy(tmp_path: Path) -> None:
    _, imports = _imports(["--help"], tmp_path)
    assert not _imported("sympy", imports)


def test_a_sheet_with_an_unknown_verdict_is_not_remembered(
    fresh_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from derivations import api
    from derivations.model import Result, Verdict

    def undecided(*task: object) -> Result:
        return Result(Verdict.UNKNOWN, method="none", reason="no argument applies")

    monkeypatch.setattr(report, "_verify_task", undecided)  # what check()'s workers call
    api.sheet("softplus", "text", jobs=1, use_cache=True)
    assert cache.load_output("sheet", "softplus", "text") is None


@pytest.mark.slow  # builds the whole catalog in two more processes
def test_every_claim_key_is_the_same_in_another_process() -> None:
    import subprocess
    import sys

    code = (
        "from derivations.catalog import CATALOG; "
        "from derivations.checking.report import claim_key; "
        "print('\\n'.join(claim_key(f, c) for f in CATALOG.values() for c in f.claims))"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**__import__("os").environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    ]
    assert runs[0] == runs[1]
    assert len(set(runs[0].split())) == sum(len(f.claims) for f in CATALOG.values())


@pytest.mark.slow  # dense_layer_n's claims: tens of seconds
def test_cached_output_is_byte_identical_to_fresh_output(fresh_cache: Path) -> None:
    from derivations.render.json_views import report_json as to_json

    formulas = [CATALOG["softmax_cross_entropy"], CATALOG["dense_layer_n"]]
    fresh = to_json(report.check(formulas, jobs=2))
    cached = to_json(report.check(formulas, jobs=2))
    assert cached == fresh


def test_proved_steps_of_a_derivation_are_cached(
    fresh_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from derivations.checking import derivation
    from derivations.checking.budget import Budget

    formula = CATALOG["softplus"]
    first = derivation.check_derivation_bounded(formula, Budget(), 1, use_cache=True)
    assert first is not None and first.ok
    assert len(list((fresh_cache / "step").rglob("*.json"))) == len(first.steps)

    def no_verification(*args: object, **kwargs: object) -> object:
        raise AssertionError("verified again despite the cache")

    monkeypatch.setattr(derivation, "_verdict", no_verification)
    again = derivation.check_derivation_bounded(formula, Budget(), 1, use_cache=True)
    assert again == first
