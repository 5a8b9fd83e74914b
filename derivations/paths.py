"""Where the tool's own files are, found without importing anything heavy."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def template_dir() -> Path:
    """The folder of the templates: inside the installed package, or ``templates/`` of a
    source checkout (an editable install maps no data folder into the package)."""
    installed = PACKAGE / "templates"
    if installed.is_dir():
        return installed
    return PACKAGE.parent / "templates"
