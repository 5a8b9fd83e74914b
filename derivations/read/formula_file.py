"""Formulas and claims of the user's own, read from a TOML file.

The schema mirrors :class:`~derivations.model.Formula` and
:class:`~derivations.model.Claim` (the README has a complete example). Every
expression in the file is parsed by the whitelist parser of
:mod:`derivations.read.expression`; ``diff(EXPR, x)`` is allowed on the left side
of a claim. Any error names the file and the key
(``swish.toml: formula[0].claims[1].rhs: 1:5: unknown function 'foo'``).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement

from derivations.errors import InputError
from derivations.model import Claim, Condition, Formula, Kind, Source, Verdict
from derivations.read import shapes
from derivations.read.expression import ExpressionError, parse
from derivations.read.safe import Refused
from derivations.read.text import read_text
from derivations.symbolic import conditions
from derivations.symbolic.matrix_calculus import LayoutDerivative

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

MAX_FILE_BYTES = 1_000_000
MAX_FORMULAS = 200
MAX_CLAIMS = 200

FORMULA_KEYS = {
    "name",
    "kind",
    "title",
    "summary",
    "variables",
    "variable",
    "parameters",
    "definition",
    "derivative",
    "sources",
    "symbols",
    "domains",
    "claims",
    "hypotheses",
    "aliases",
    "shapes",
    "layout",
}
CLAIM_KEYS = {
    "id",
    "title",
    "lhs",
    "wrt",
    "rhs",
    "expected",
    "conditions",
    "sources",
    "correction",
    "layout",
}
ASSUMPTIONS = {"real": {"real": True}, "positive": {"positive": True}}


class FormulaFileError(InputError):
    """A formula file the tool cannot accept; the message names the file and the key."""


class _Reader:
    """Reads one file; ``where`` is the key being read, for error messages."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.declared = shapes.NONE  # the shapes of the formula being read
        self.layout: str | None = None  # its layout, or the claim's being read

    def fail(self, key: str, message: str) -> FormulaFileError:
        return FormulaFileError(f"{self.path}: {key}: {message}")

    def table(self, value: Any, key: str, allowed: set[str]) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, "must be a table")
        unknown = sorted(set(value) - allowed)
        if unknown:
            raise self.fail(
                f"{key}.{unknown[0]}", f"unknown key (allowed: {', '.join(sorted(allowed))})"
            )
        return value

    def string(
        self, table: Mapping[str, Any], key: str, where: str, default: str | None = None
    ) -> str:
        value = table.get(key, default)
        if value is None:
            raise self.fail(f"{where}.{key}", "missing")
        if not isinstance(value, str):
            raise self.fail(f"{where}.{key}", "must be a string")
        return value

    def strings(self, table: Mapping[str, Any], key: str, where: str) -> list[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{where}.{key}", "must be a list of strings")
        return value

    def expression(
        self, text: str, key: str, symbols: Mapping[str, sp.Symbol], *, allow_diff: bool = False
    ) -> sp.Expr:
        try:
            expr = parse(text, allow_diff=allow_diff, declared=self.declared, layout=self.layout)
        except ExpressionError as exc:
            raise FormulaFileError(str(exc.located(f"{self.path}: {key}"))) from None
        swap = {s: symbols[s.name] for s in expr.free_symbols if s.name in symbols}
        return expr.xreplace(swap) if swap else expr

    def symbol(self, name: str, key: str, symbols: Mapping[str, sp.Symbol]) -> sp.Symbol:
        value = self.expression(name, key, symbols)
        if not isinstance(value, sp.Symbol) or isinstance(value, sp.Idx):
            raise self.fail(key, f"{name!r} is not a variable name")
        return value

    def variable(self, name: str, key: str, symbols: Mapping[str, sp.Symbol]) -> sp.Basic:
        """A variable: a scalar name, a declared vector or matrix, or a component (``z[i]``)."""
        value = self.expression(name, key, symbols)
        if isinstance(value, sp.MatrixSymbol):
            return value
        if isinstance(value, MatrixElement) and isinstance(value.parent, sp.MatrixSymbol):
            return value
        if not isinstance(value, sp.Symbol) or isinstance(value, sp.Idx):
            raise self.fail(key, f"{name!r} is not a variable name")
        return value

    def layout_of(self, table: Mapping[str, Any], where: str, default: str | None) -> str | None:
        if "layout" not in table:
            return default
        word = self.string(table, "layout", where)
        try:
            return shapes.check_layout(word)
        except Refused as exc:
            raise self.fail(f"{where}.layout", str(exc)) from None

    def sources(self, table: Mapping[str, Any], where: str) -> tuple[Source, ...]:
        value = table.get("sources", [])
        if not isinstance(value, list):
            raise self.fail(f"{where}.sources", "must be a list of tables")
        out = []
        for i, item in enumerate(value):
            key = f"{where}.sources[{i}]"
            entry = self.table(item, key, {"document", "location", "reading"})
            out.append(
                Source(
                    self.string(entry, "document", key),
                    self.string(entry, "location", key, ""),
                    self.string(entry, "reading", key, ""),
                )
            )
        return tuple(out) or (Source(self.path, where),)

    def conditions(
        self, value: Any, where: str, symbols: Mapping[str, sp.Symbol]
    ) -> tuple[Condition, ...]:
        if not isinstance(value, list):
            raise self.fail(where, "must be a list of tables")
        out = []
        for i, item in enumerate(value):
            key = f"{where}[{i}]"
            entry = self.table(item, key, {"kind", "symbol", "symbols", "value", "values", "text"})
            kind = self.string(entry, "kind", key)
            if kind == "equal":
                s = self.symbol(self.string(entry, "symbol", key), f"{key}.symbol", symbols)
                v = self.expression(self.string(entry, "value", key), f"{key}.value", symbols)
                out.append(conditions.equal(s, v, text=self.string(entry, "text", key, "")))
            elif kind == "binary":
                s = self.symbol(self.string(entry, "symbol", key), f"{key}.symbol", symbols)
                values = entry.get("values", [0, 1])
                if not (
                    isinstance(values, list)
                    and 1 <= len(values) <= 16
                    and all(isinstance(v, int) and abs(v) < 1000 for v in values)
                ):
                    raise self.fail(f"{key}.values", "must be a list of up to 16 small integers")
                out.append(conditions.binary(s, values))
            elif kind in ("one_hot", "sums_to_one", "zero"):
                names = self.strings(entry, "symbols", key)
                if not 1 <= len(names) <= 16:
                    raise self.fail(f"{key}.symbols", "must list 1 to 16 symbols")
                group = [self.symbol(n, f"{key}.symbols", symbols) for n in names]
                if kind == "zero":
                    out.append(
                        conditions.zero(
                            group,
                            text=self.string(entry, "text", key, "") or " = ".join(names) + " = 0",
                        )
                    )
                else:
                    out.append(getattr(conditions, kind)(group))
            else:
                raise self.fail(
                    f"{key}.kind", "must be one of equal, binary, one_hot, sums_to_one, zero"
                )
        return tuple(out)

    def claim(
        self, value: Any, where: str, formula: dict[str, Any], symbols: Mapping[str, sp.Symbol]
    ) -> Claim:
        table = self.table(value, where, CLAIM_KEYS)
        formula_layout = self.layout
        self.layout = self.layout_of(table, where, formula_layout)
        try:
            return self._claim(table, where, formula, symbols)
        finally:
            self.layout = formula_layout

    def _claim(
        self,
        table: Mapping[str, Any],
        where: str,
        formula: dict[str, Any],
        symbols: Mapping[str, sp.Symbol],
    ) -> Claim:
        name = formula["name"]
        if "lhs" in table:
            lhs = self.expression(
                self.string(table, "lhs", where), f"{where}.lhs", symbols, allow_diff=True
            )
        else:
            wrt = table.get("wrt", formula["variable_name"])
            if not isinstance(wrt, str):
                raise self.fail(
                    f"{where}.wrt", "missing: give lhs, or wrt (or the formula's variable)"
                )
            lhs = self.derivative(formula["definition"], wrt, f"{where}.wrt", symbols)
        rhs = self.expression(self.string(table, "rhs", where), f"{where}.rhs", symbols)
        expected = self.string(table, "expected", where, "proved")
        if expected not in {v.value for v in Verdict}:
            raise self.fail(f"{where}.expected", "must be proved, refuted or unknown")
        correction = None
        if "correction" in table:
            correction = self.expression(
                self.string(table, "correction", where), f"{where}.correction", symbols
            )
        return Claim(
            id=self.string(table, "id", where, f"{name}.{where.rsplit('.', 1)[-1]}"),
            title=self.string(table, "title", where, ""),
            lhs=lhs,
            rhs=rhs,
            sources=self.sources(table, where),
            expected=Verdict(expected),
            conditions=self.conditions(table.get("conditions", []), f"{where}.conditions", symbols),
            correction=correction,
        )

    def derivative(
        self, definition: Any, wrt: str, key: str, symbols: Mapping[str, sp.Symbol]
    ) -> Any:
        """The derivative of the definition by ``wrt``: in the layout when ``wrt`` is a vector
        or matrix."""
        variable = self.variable(wrt, key, symbols)
        if isinstance(variable, sp.MatrixSymbol):
            if self.layout is None:
                raise self.fail(key, f"a derivative by the vector or matrix {wrt} needs a layout")
            try:
                return LayoutDerivative(definition, variable, self.layout)
            except (TypeError, ValueError) as exc:
                raise self.fail(key, str(exc)) from None
        if isinstance(definition, sp.MatrixExpr):
            raise self.fail(key, "a vector or matrix is differentiated by a vector (with a layout)")
        return sp.Derivative(definition, variable)

    def shapes(self, value: Any, where: str) -> shapes.Shapes:
        if not isinstance(value, dict):
            raise self.fail(where, 'must be a table: name = "size" | "index n" | "vector n" | ...')
        try:
            return shapes.declare(value)
        except Refused as exc:
            raise self.fail(where, str(exc)) from None

    def formula(self, value: Any, where: str) -> Formula:
        table = self.table(value, where, FORMULA_KEYS)
        self.declared = self.shapes(table.get("shapes", {}), f"{where}.shapes")
        self.layout = self.layout_of(table, where, None)
        try:
            return self._formula(table, where)
        finally:
            self.declared, self.layout = shapes.NONE, None

    def _formula(self, table: Mapping[str, Any], where: str) -> Formula:
        name = self.string(table, "name", where)
        if not name.replace("_", "").replace("-", "").isalnum():
            raise self.fail(f"{where}.name", "must be letters, digits, '-' and '_'")
        kind = self.string(table, "kind", where, "identity")
        if kind not in {k.value for k in Kind}:
            raise self.fail(f"{where}.kind", f"must be one of {', '.join(k.value for k in Kind)}")
        symbols: dict[str, sp.Symbol] = {}
        declared = table.get("symbols", {})
        if not isinstance(declared, dict):
            raise self.fail(f"{where}.symbols", 'must be a table: name = "real" | "positive"')
        for symbol_name, assumption in declared.items():
            key = f"{where}.symbols.{symbol_name}"
            if assumption not in ASSUMPTIONS:
                raise self.fail(key, 'must be "real" or "positive"')
            plain = self.symbol(symbol_name, key, {})
            symbols[plain.name] = sp.Symbol(plain.name, **ASSUMPTIONS[assumption])
        variables = tuple(
            self.variable(v, f"{where}.variables", symbols)
            for v in self.strings(table, "variables", where)
        )
        parameters = tuple(
            self.symbol(v, f"{where}.parameters", symbols)
            for v in self.strings(table, "parameters", where)
        )
        variable = None
        if "variable" in table:
            variable = self.variable(
                self.string(table, "variable", where), f"{where}.variable", symbols
            )
        elif len(variables) == 1:
            variable = variables[0]
        definition = self.expression(
            self.string(table, "definition", where), f"{where}.definition", symbols
        )
        derivative = None
        if "derivative" in table:
            if variable is None:
                raise self.fail(f"{where}.variable", "needed with derivative")
            if isinstance(variable, sp.MatrixSymbol):
                raise self.fail(
                    f"{where}.derivative",
                    "a derivative by a vector or matrix is a claim with a layout (wrt, layout)",
                )
            derivative = self.expression(
                self.string(table, "derivative", where), f"{where}.derivative", symbols
            )
        context = {
            "name": name,
            "definition": definition,
            "variable_name": _written(variable) if variable is not None else None,
        }
        raw_claims = table.get("claims", [])
        if not isinstance(raw_claims, list) or len(raw_claims) > MAX_CLAIMS:
            raise self.fail(f"{where}.claims", f"must be a list of at most {MAX_CLAIMS} tables")
        claims = tuple(
            self.claim(c, f"{where}.claims[{i}]", context, symbols)
            for i, c in enumerate(raw_claims)
        )
        return Formula(
            name=name,
            kind=Kind(kind),
            title=self.string(table, "title", where, name),
            summary=self.string(table, "summary", where, ""),
            variables=variables,
            variable=variable,
            parameters=parameters,
            definition=definition,
            derivative=derivative,
            sources=self.sources(table, where),
            claims=claims,
            hypotheses=self.conditions(table.get("hypotheses", []), f"{where}.hypotheses", symbols),
            domains=self.domains(table.get("domains", {}), f"{where}.domains", symbols),
            aliases=tuple(self.strings(table, "aliases", where)),
        )

    def domains(
        self, value: Any, where: str, symbols: Mapping[str, sp.Symbol]
    ) -> tuple[tuple[sp.Symbol, tuple[sp.Rational, sp.Rational]], ...]:
        if not isinstance(value, dict):
            raise self.fail(where, "must be a table: name = [low, high]")
        out = []
        for name, bounds in value.items():
            key = f"{where}.{name}"
            if not (
                isinstance(bounds, list)
                and len(bounds) == 2
                and all(
                    isinstance(b, (int, float, str)) and not isinstance(b, bool) for b in bounds
                )
            ):
                raise self.fail(key, "must be [low, high]")
            low, high = (self.expression(str(b), key, symbols) for b in bounds)
            if not (low.is_Rational and high.is_Rational and low < high):
                raise self.fail(key, "must be two rational numbers, low < high")
            out.append((self.symbol(name, key, symbols), (low, high)))
        return tuple(out)


def _written(variable: sp.Basic) -> str:
    """A variable as the file writes it: ``x``, ``W``, ``z[j]`` (1-based)."""
    if isinstance(variable, MatrixElement):
        parent = variable.parent
        row = sp.sstr(variable.i + 1)
        if parent.shape[1] == 1:
            return f"{parent.name}[{row}]"
        return f"{parent.name}[{row}, {sp.sstr(variable.j + 1)}]"
    return str(variable)


def loads(text: str, path: str = "<string>") -> tuple[Formula, ...]:
    """The formulas of a TOML document (``[[formula]]`` tables)."""
    reader = _Reader(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FormulaFileError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise FormulaFileError(f"{path}: invalid TOML: nested too deeply") from None
    unknown = sorted(set(data) - {"formula"})
    if unknown:
        raise reader.fail(unknown[0], "unknown key (a formula file holds [[formula]] tables)")
    formulas = data.get("formula", [])
    if not isinstance(formulas, list) or not formulas:
        raise reader.fail("formula", "no [[formula]] table")
    if len(formulas) > MAX_FORMULAS:
        raise reader.fail("formula", f"more than {MAX_FORMULAS} formulas")
    return tuple(reader.formula(f, f"formula[{i}]") for i, f in enumerate(formulas))


def load(path: str | Path) -> tuple[Formula, ...]:
    """The formulas of the TOML file at ``path``."""
    shown = str(path)
    text = read_text(path, max_bytes=MAX_FILE_BYTES, error=FormulaFileError)
    return loads(text, shown)


__all__: Sequence[str] = ("FormulaFileError", "load", "loads")
