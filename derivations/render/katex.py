"""The KaTeX release shipped inside the package, for pages that render math without a network.

``derivations/assets/katex/`` holds KaTeX |version| byte for byte as npm installs it (refreshed by
``tools/katex/vendor.py``): the minified script, the auto-render extension, the stylesheet, the
woff2 fonts and the MIT license. A single page inlines them (fonts as ``data:`` URLs); a site of
several pages gets them as files and links them relatively. Every ``@font-face`` keeps only its
woff2 source, the one format shipped.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from derivations.paths import PACKAGE

#: The KaTeX release vendored (the same as tools/katex/package.json pins).
VERSION = "0.16.22"
ASSETS = PACKAGE / "assets" / "katex"
STYLESHEET = "katex.min.css"
#: The scripts in the order a page loads them.
SCRIPTS = ("katex.min.js", "contrib/auto-render.min.js")
LICENSE = "LICENSE"

#: A font-face's source list, ``url(fonts/X.woff2) format("woff2"),url(fonts/X.woff) ...``.
_FONT_SOURCES = re.compile(
    r'src:url\((fonts/[A-Za-z0-9_-]+\.woff2)\) format\("woff2"\)'
    r'(?:,url\(fonts/[A-Za-z0-9_.-]+\) format\("[a-z]+"\))*'
)


@cache
def _read(name: str) -> bytes:
    return (ASSETS / name).read_bytes()


def _text(name: str) -> str:
    return _read(name).decode("utf-8")


def fonts() -> list[str]:
    """The vendored fonts, by path inside the assets folder (``fonts/KaTeX_Main-Regular.woff2``)."""
    return sorted(f"fonts/{path.name}" for path in (ASSETS / "fonts").glob("*.woff2"))


def stylesheet(font_url: Callable[[str], str]) -> str:
    """KaTeX's stylesheet with every font source reduced to its woff2 file at ``font_url(path)``."""

    def woff2_only(match: re.Match[str]) -> str:
        return f'src:url({font_url(match.group(1))}) format("woff2")'

    css, count = _FONT_SOURCES.subn(woff2_only, _text(STYLESHEET))
    if count != len(fonts()):
        raise RuntimeError(f"KaTeX stylesheet: {count} font faces, {len(fonts())} woff2 fonts")
    return css


def _data_url(path: str) -> str:
    return "data:font/woff2;base64," + base64.b64encode(_read(path)).decode("ascii")


@cache
def inline_head() -> dict[str, Any]:
    """What a self-contained page puts in its head: stylesheet and scripts as text, fonts inline."""
    return {
        "inline": True,
        "version": VERSION,
        "license": _text(LICENSE).strip(),
        "stylesheet": stylesheet(_data_url),
        "scripts": [_text(name) for name in SCRIPTS],
    }


def linked_head(prefix: str) -> dict[str, Any]:
    """What pages of a site put in their heads: links to the files of :func:`files` at ``prefix``
    (relative to the page, e.g. ``assets/katex/``)."""
    return {
        "inline": False,
        "version": VERSION,
        "license": _text(LICENSE).strip(),
        "stylesheet": prefix + STYLESHEET,
        "scripts": [prefix + name for name in SCRIPTS],
    }


def files() -> dict[str, bytes]:
    """The files a site ships, by path inside its KaTeX folder: the woff2-only stylesheet, the
    scripts, the fonts and the license."""
    shipped = {STYLESHEET: stylesheet(lambda path: path).encode("utf-8"), LICENSE: _read(LICENSE)}
    shipped.update({name: _read(name) for name in SCRIPTS})
    shipped.update({path: _read(path) for path in fonts()})
    return dict(sorted(shipped.items()))
