"""Helpers shared by the rendering tests: the real tools (KaTeX in node, pdflatex, mkdocs),
each with a skip reason that says what to install, and the catalog checked once per run."""

from __future__ import annotations

import functools
import html
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from derivations.catalog import CATALOG
from derivations.checking.budget import Budget
from derivations.checking.derivation import CheckedDerivation, check_derivation_bounded
from derivations.checking.report import Report, check

ROOT = Path(__file__).resolve().parent.parent
KATEX_DIR = ROOT / "tools" / "katex"
BUDGET = Budget(seconds=120)

DISPLAY_MD = re.compile(r"^\$\$\n(.*?)\n\$\$$", re.S | re.M)
INLINE_MD = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<![\\])\$")
DISPLAY_HTML = re.compile(r"\\\[(.*?)\\\]", re.S)
INLINE_HTML = re.compile(r"\\\((.*?)\\\)", re.S)


def markdown_math(text: str) -> list[tuple[str, bool]]:
    """Every math fragment of a Markdown page: ``$$`` blocks on their own lines, ``$…$`` inline."""
    fragments = [(m.group(1), True) for m in DISPLAY_MD.finditer(text)]
    rest = DISPLAY_MD.sub("", text)
    rest = re.sub(r"`[^`]*`", "", rest)  # code spans hold no math
    fragments += [(m.group(1), False) for m in INLINE_MD.finditer(rest)]
    return fragments


def html_math(text: str) -> list[tuple[str, bool]]:
    """Every math fragment of an HTML page: ``\\[…\\]`` and ``\\(…\\)``, entities decoded."""
    return [(html.unescape(m.group(1)), True) for m in DISPLAY_HTML.finditer(text)] + [
        (html.unescape(m.group(1)), False) for m in INLINE_HTML.finditer(text)
    ]


def katex_or_skip() -> Path:
    if shutil.which("node") is None:
        pytest.skip("node is not installed: install Node.js, then `npm ci` in tools/katex")
    if not (KATEX_DIR / "node_modules" / "katex").is_dir():
        pytest.skip("KaTeX is not installed: run `npm ci` in tools/katex")
    return KATEX_DIR / "render.js"


def katex_errors(fragments: list[tuple[str, bool]]) -> list[tuple[str, str]]:
    """The fragments KaTeX refuses (throwOnError, strict "error") with its message; one node run."""
    script = katex_or_skip()
    payload = json.dumps([{"tex": tex, "display": display} for tex, display in fragments])
    done = subprocess.run(
        ["node", str(script)],
        input=payload,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    errors = json.loads(done.stdout)
    return [(tex, error) for (tex, _), error in zip(fragments, errors, strict=True) if error]


def pdflatex_or_skip() -> str:
    found = shutil.which("pdflatex")
    if found is None:
        pytest.skip(
            "pdflatex is not installed: apt-get install texlive-latex-base "
            "texlive-latex-recommended lmodern"
        )
    return found


def pdf_text_or_skip(pdf: Path) -> str:
    """The text of ``pdf`` as pdftotext reads it (poppler-utils)."""
    program = shutil.which("pdftotext")
    if program is None:
        pytest.skip("pdftotext is not installed: apt-get install poppler-utils")
    done = subprocess.run(
        [program, "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


def cjk_or_skip() -> None:
    """Skip unless TeX has the CJK package and the GB font the book's Chinese needs."""
    program = shutil.which("kpsewhich")
    found = program and subprocess.run(
        [program, "CJKutf8.sty", "c70gbsn.fd"], capture_output=True, text=True, check=False
    ).stdout.count("\n")
    if found != 2:
        pytest.skip(
            "the CJK package is not installed: apt-get install latex-cjk-common "
            "latex-cjk-chinese-arphic-gbsn00lp"
        )


def mkdocs_or_skip() -> list[str]:
    """The command that runs mkdocs with the Material theme installed."""
    if importlib.util.find_spec("mkdocs") is None or importlib.util.find_spec("material") is None:
        pytest.skip("mkdocs-material is not installed: pip install mkdocs-material")
    return [sys.executable, "-m", "mkdocs"]


def pdf_pages(log: str) -> int:
    """The page count pdflatex reports in its log (``Output written on X.pdf (N pages``)."""
    found = re.search(r"Output written on .*?\((\d+) pages?", log.replace("\n", ""))
    return int(found.group(1)) if found else 0


@functools.cache
def catalog_report() -> Report:
    """Every claim of the catalog checked once per test run (shared by the rendering tests)."""
    return check(CATALOG.values(), budget=BUDGET, jobs=2)


@functools.cache
def catalog_derivations() -> dict[str, CheckedDerivation | None]:
    """Every formula's derivation with every step checked, once per test run."""
    return {name: check_derivation_bounded(f, BUDGET, jobs=2) for name, f in CATALOG.items()}
