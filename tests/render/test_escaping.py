"""LaTeX text for pdflatex: every character of the catalog and the documents gets a glyph."""

from __future__ import annotations

import re

import pytest

from derivations.catalog import CATALOG
from derivations.catalog.sources import TITLES
from derivations.render.escaping import tex, tex_code


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        ("p\u0302", r"\^{p}"),  # a letter and a combining accent, with no composed form
        ("á", r"\'{a}"),
        ("β\u0302", r"$\hat{\beta}$"),
        ("ᵢ", "$_i$"),
        ("ⱼ", "$_j$"),
        ("ˣ", "$^x$"),
        ("⁻¹", "$^-$$^1$"),
        ("ℝ", r"$\mathbb{R}$"),
        ("𝐱", r"$\mathbf{x}$"),
        ("§3", r"\S{}3"),
        ("√x", r"$\surd$x"),
        ("±", r"$\pm$"),
    ],
)
def test_characters_get_latex_from_their_unicode_decomposition_or_the_table(
    text: str, latex: str
) -> None:
    assert tex(text) == latex


def test_a_character_with_no_latex_still_prints_its_code_point() -> None:
    assert tex("☃") == r"\texttt{[U+2603]}"


def test_code_may_break_after_its_separators() -> None:
    assert tex_code("batch_norm.backward") == r"batch\_\allowbreak{}norm.\allowbreak{}backward"
    assert tex("∂L/∂w") == r"$\partial$L/\allowbreak{}$\partial$w"


def test_no_text_of_the_catalog_falls_back_to_a_code_point() -> None:
    texts = [*TITLES.values()]
    for f in CATALOG.values():
        texts += [f.title, f.summary, *(str(s) for s in f.sources)]
        texts += [c.title for c in f.claims]
        texts += [str(s) for c in f.claims for s in c.sources]
    # Chinese prints its code points only where the CJK package is missing (the fallback).
    chinese = re.compile(r"\\derivecjk\{[^}]*\}\{(?:\\texttt\{\[U\+[0-9A-F]+\]\})+\}")
    unknown = {t for t in texts if "[U+" in chinese.sub("", tex(t))}
    assert unknown == set()
