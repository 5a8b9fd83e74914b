"""The tool's exceptions: one base class, every error a subclass of it.

The CLI maps :class:`DeriveError` to a one-line message and exit code 2.
"""

from __future__ import annotations


class DeriveError(Exception):
    """Base class of every error the tool reports to its user."""


class CatalogError(DeriveError):
    """The catalog itself is malformed (a duplicate name, a claim on no formula)."""


class UnknownFormulaError(DeriveError):
    """A formula name that is not in the catalog, with close matches."""

    def __init__(self, name: str, suggestions: tuple[str, ...]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown formula or command {name!r}{hint}")


class InputError(DeriveError):
    """Input the tool cannot accept (bad option values, unreadable files)."""
