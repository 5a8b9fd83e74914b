"""The shape of the package: floors that import only downwards, no private names taken from
another module, and no import inside a function unless it says why it is deferred."""

from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

import pytest

import derivations

PACKAGE = Path(derivations.__file__).resolve().parent
ROOT = Path(__file__).resolve().parent.parent
#: What a function-level import must say of itself (on its line or the line above).
DEFERRED = ("deferred", "optional heavy dependency")


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "assets" not in p.parts)


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def private_imports(path: Path) -> list[str]:
    """``from derivations.x import _y``, and ``m._y`` where ``m`` is a module of derivations
    imported by this file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found, modules_here = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("derivations"):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{node.lineno}: {node.module}.{alias.name}")
                modules_here.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules_here
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            found.append(f"{node.lineno}: {node.value.id}.{node.attr}")
    return found


def undeclared_local_imports(path: Path) -> list[str]:
    """Imports inside a function whose line (or the line above) does not say why."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    found = []
    for function in ast.walk(ast.parse(text)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import | ast.ImportFrom):
                said = " ".join(lines[max(node.lineno - 2, 0) : node.end_lineno]).lower()
                if not any(word in said for word in DEFERRED):
                    found.append(f"{node.lineno}: {lines[node.lineno - 1].strip()}")
    return found


@pytest.mark.parametrize("path", modules(), ids=_name)
def test_no_private_name_of_another_module(path: Path) -> None:
    assert private_imports(path) == []


@pytest.mark.parametrize("path", modules(), ids=_name)
def test_function_level_imports_say_why(path: Path) -> None:
    assert undeclared_local_imports(path) == []


def test_the_checks_catch_what_they_look_for(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from derivations.verifier import core\n"
        "from derivations.verifier.core import _prove\n"
        "def f():\n"
        "    import json\n"
        "    return core._search\n"
        "def g():\n"
        "    # deferred: heavy\n"
        "    import json\n",
        encoding="utf-8",
    )
    assert private_imports(sample) == [
        "2: derivations.verifier.core._prove",
        "5: core._search",
    ]
    assert undeclared_local_imports(sample) == ["4: import json"]


@pytest.mark.skipif(shutil.which("lint-imports") is None, reason="import-linter is not installed")
def test_floors_import_only_downwards(tmp_path: Path) -> None:
    """import-linter's layers contract of pyproject.toml, run on the installed package."""
    result = subprocess.run(
        ["lint-imports", "--no-cache", str(ROOT / "pyproject.toml")],
        cwd=tmp_path,  # outside the checkout: the installed package is what is analysed
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "1 kept, 0 broken" in result.stdout
