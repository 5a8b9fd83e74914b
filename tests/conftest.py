"""Session fixtures: the whole catalog is checked once and shared by the rendering tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from derivations.budget import Budget
from derivations.catalog import CATALOG
from derivations.report import Report, check
from derivations.stepcheck import CheckedDerivation, check_derivation_bounded

# tests/tools.py is a helper module beside the tests (importlib mode keeps tests/ off sys.path).
sys.path.insert(0, str(Path(__file__).resolve().parent))

BUDGET = Budget(seconds=120)


@pytest.fixture(scope="session")
def catalog_report() -> Report:
    return check(CATALOG.values(), budget=BUDGET, jobs=2)


@pytest.fixture(scope="session")
def catalog_derivations() -> dict[str, CheckedDerivation | None]:
    return {name: check_derivation_bounded(f, BUDGET, jobs=2) for name, f in CATALOG.items()}
