"""Test-wide setup: the verdict cache lives in a temporary folder, never in the user's home;
the whole catalog's report and derivations are computed once for every module that needs them.

Slow tests (``@pytest.mark.slow``; every test that asks for the whole catalog's report or
derivations is one) run only with ``--run-slow`` or when ``-m`` names what to run: the default
``pytest`` is the quick loop, ``pytest --run-slow`` the whole suite (CI, ``.ci/run``)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # render_tools, the tests' helpers


#: Fixtures that verify the whole catalog: a test that asks for one is slow.
WHOLE_CATALOG = {"catalog_report", "catalog_derivations"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--run-slow",
        action="store_true",
        default=False,
        help="Run the slow tests too (marked slow): the whole suite, as CI does.",
    )


@pytest.hookimpl(tryfirst=True)  # before -m reads the marks
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if WHOLE_CATALOG & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
    if config.getoption("--run-slow") or config.getoption("markexpr"):
        return
    slow = [item for item in items if item.get_closest_marker("slow") is not None]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if item.get_closest_marker("slow") is None]


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
