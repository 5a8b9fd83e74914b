"""Rendering views through the Jinja templates shipped in ``derivations.templates``.

Templates only loop and print; every string they show is prepared in
:mod:`derivations.views`. A missing variable is an error (``StrictUndefined``).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from derivations import escaping


def template_dir() -> Path:
    """The folder of the templates: inside the installed package, or ``templates/`` of a
    source checkout (an editable install maps no data folder into the package)."""
    installed = Path(str(resources.files("derivations") / "templates"))
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "templates"


@cache
def environment(extra: str | None = None) -> jinja2.Environment:
    """The Jinja environment; ``extra`` is a user folder whose templates override ours by name."""
    folders = [extra, str(template_dir())] if extra else [str(template_dir())]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters.update(tex=escaping.tex, md=escaping.markdown, html=escaping.html)
    return env


def render(name: str, templates: str | None = None, **context: Any) -> str:
    """Render template ``name`` with ``context``."""
    return environment(templates).get_template(name).render(**context)
