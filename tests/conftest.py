"""Test-wide setup: the verdict cache lives in a temporary folder, never in the user's home;
the whole catalog's report and derivations are computed once for every module that needs them."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # render_tools, the tests' helpers


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    patch = pytest.MonkeyPatch()
    patch.setenv("DERIVE_CACHE_DIR", str(tmp_path_factory.mktemp("derive-cache")))
    yield
    patch.undo()


@pytest.fixture(scope="session")
def catalog_report(_private_cache: None) -> object:
    """Every catalog claim verified (once per test session)."""
    import render_tools

    return render_tools.catalog_report()


@pytest.fixture(scope="session")
def catalog_derivations(_private_cache: None) -> object:
    """Every catalog derivation with its steps checked (once per test session)."""
    import render_tools

    return render_tools.catalog_derivations()
