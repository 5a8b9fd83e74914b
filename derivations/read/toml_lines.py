"""Where each claim of a formula file (TOML) is written: its line, for ``FILE:LINE`` reports.

TOML parsers give values, not positions, so the lines are found by scanning the text for
the headers of the schema: the ``k``-th ``[[formula.claims]]`` table after the ``i``-th
``[[formula]]`` header is claim ``k`` of formula ``i``, and the formula's closed-form claim
(``NAME.closed-form``) is at its ``derivative =`` key. Claims written as inline tables are
found by their ``id = "…"`` line, and anything else falls back to its formula's header.
Nothing here imports SymPy: the pytest plugin and the GitHub formatter use it cheaply.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

MAX_FILE_BYTES = 1_000_000

_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\"' -]+?)\s*\]\]?\s*(?:#.*)?$")
_FORMULA = re.compile(r"^\s*\[\[\s*formula\s*\]\]\s*(?:#.*)?$")
_CLAIM = re.compile(r"^\s*\[\[\s*formula\s*\.\s*claims\s*\]\]\s*(?:#.*)?$")
_DERIVATIVE = re.compile(r"^\s*derivative\s*=")


@dataclass
class _Table:
    line: int
    derivative: int | None = None
    claims: list[int] = field(default_factory=list)


def _tables(text: str) -> list[_Table]:
    """Each ``[[formula]]`` header's line, its ``derivative`` key's and its claims' headers'."""
    tables: list[_Table] = []
    inside_formula = False
    for number, line in enumerate(text.splitlines(), start=1):
        if _FORMULA.match(line):
            tables.append(_Table(number))
            inside_formula = True
        elif _CLAIM.match(line) and tables:
            tables[-1].claims.append(number)
            inside_formula = False
        elif _HEADER.match(line):
            inside_formula = False
        elif inside_formula and _DERIVATIVE.match(line) and tables[-1].derivative is None:
            tables[-1].derivative = number
    return tables


def _id_line(text: str, claim_id: str) -> int | None:
    pattern = re.compile(r"""\bid\s*=\s*["']""" + re.escape(claim_id) + r"""["']""")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.search(line):
            return number
    return None


def is_formula_file(text: str) -> bool:
    """Whether ``text`` is TOML in the tool's schema: a top-level ``formula`` array of tables.

    A TOML file of another tool (``pyproject.toml``), or text that is not TOML at all, is not.
    """
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return False
    return isinstance(data.get("formula"), list)


def claim_lines(text: str) -> dict[str, int]:
    """Claim id → line for the claims of a formula file (ids as :mod:`formula_file` gives them).

    >>> text = '[[formula]]\\nname = "f"\\nderivative = "1"\\n[[formula.claims]]\\nid = "f.a"\\n'
    >>> claim_lines(text)
    {'f.closed-form': 3, 'f.a': 4}
    """
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return {}
    formulas = data.get("formula")
    if not isinstance(formulas, list):
        return {}
    tables = _tables(text)
    lines: dict[str, int] = {}
    for i, formula in enumerate(formulas):
        if not isinstance(formula, dict):
            continue
        table = tables[i] if i < len(tables) else None
        home = table.line if table else 1
        name = formula.get("name", "")
        if "derivative" in formula:
            lines[f"{name}.closed-form"] = (table.derivative if table else None) or home
        claims = formula.get("claims", [])
        if not isinstance(claims, list):
            continue
        for k, claim in enumerate(claims):
            if not isinstance(claim, dict):
                continue
            claim_id = claim.get("id", f"{name}.claims[{k}]")
            if not isinstance(claim_id, str):
                continue
            found = table.claims[k] if table and k < len(table.claims) else None
            lines[claim_id] = found or _id_line(text, claim_id) or home
    return lines


def read_text(path: str | Path) -> str | None:
    """The file's text, or ``None`` when it cannot be read as UTF-8 within the size bound."""
    try:
        with Path(path).open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    if len(raw) > MAX_FILE_BYTES:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
