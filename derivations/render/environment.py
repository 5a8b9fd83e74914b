"""Rendering views through the Jinja templates shipped in ``derivations.templates``.

Templates only loop and print; every string they show is prepared in
:mod:`derivations.render.views`. A missing variable is an error (``StrictUndefined``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2

from derivations.paths import template_dir
from derivations.render import escaping
from derivations.render.display_math import display_math, inline_math


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
    env.filters.update(
        tex=escaping.tex,
        md=escaping.markdown,
        html=escaping.html,
        counted=counted,
        display_math=display_math,
        inline_math=inline_math,
        tex_code=escaping.tex_code,
    )
    return env


def counted(number: int, noun: str) -> str:
    """``number`` with ``noun``, plural unless it is one: ``1 claim``, ``2 claims``, ``0 claims``.

    >>> counted(1, "claim"), counted(9, "claim")
    ('1 claim', '9 claims')
    """
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def render(name: str, templates: str | None = None, **context: Any) -> str:
    """Render template ``name`` with ``context``."""
    return environment(templates).get_template(name).render(**context)
