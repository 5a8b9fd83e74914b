"""Rich display in notebooks, without the data model knowing Jupyter.

The values that show themselves (a formula, a verdict, a claim's report, a report, an answer)
inherit :class:`Displayable`: its ``_repr_html_``, ``_repr_markdown_`` and ``_repr_latex_`` call
the renderer registered for the value's type. Their plain ``repr`` is one short line of their
own (``Report(9 claims: 9 proved, 0 refuted, 0 unknown)``), not a dump of every field. The
notebook integration (:mod:`derivations.integrations.notebook`) registers the renderers when it
is imported, which the public API (:mod:`derivations.library`) does. With no renderer
registered the methods return ``None`` and Jupyter shows the plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: ``renderer(value)``: the value as Markdown or LaTeX text.
Renderer = Callable[[Any], str]

_RENDERERS: dict[tuple[type, str], Renderer] = {}


def register(cls: type, fmt: str, renderer: Renderer) -> None:
    """Show values of ``cls`` (and its subclasses) in ``fmt`` (``html``, ``markdown`` or
    ``latex``)."""
    _RENDERERS[(cls, fmt)] = renderer


def rendered(value: object, fmt: str) -> str | None:
    """``value`` in ``fmt`` by the renderer registered for its type, or ``None``."""
    for cls in type(value).__mro__:
        renderer = _RENDERERS.get((cls, fmt))
        if renderer is not None:
            return renderer(value)
    return None


class Displayable:
    """A value that Jupyter shows as HTML or Markdown with math, or as LaTeX."""

    __slots__ = ()

    def _repr_html_(self) -> str | None:
        return rendered(self, "html")

    def _repr_markdown_(self) -> str | None:
        return rendered(self, "markdown")

    def _repr_latex_(self) -> str | None:
        return rendered(self, "latex")
