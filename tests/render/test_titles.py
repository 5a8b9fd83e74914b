"""The seed documents by their titles in every view, their file names kept as the reference.

A view passes when every seed file name it prints stands inside ``Title (file name)``, and
fails on a bare file name (``000_3d7fee2bb648fd9a.txt: eq. 3``) or a bare number (``000``).
"""

from __future__ import annotations

import html
import json
import re

import pytest

from derivations.catalog import CATALOG
from derivations.catalog.sources import DOCUMENTS, TITLES, document_title, titled
from derivations.checking.budget import Budget
from derivations.checking.derivation import check_derivation_bounded
from derivations.checking.report import Report, check
from derivations.render.book import build_notes, render_sheet
from derivations.render.environment import render
from derivations.render.json_views import report_json
from derivations.render.views.catalog import list_view

FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")
#: Formulas citing every seed document, in claims, sources and conventions at a kink.
FORMULAS = ("relu", "tanh", "softmax_cross_entropy")


def bare_file_names(text: str, escaped: bool = False) -> list[str]:
    """The seed file names in ``text`` that are not preceded by their document's title and
    an opening parenthesis (LaTeX escapes the underscore and wraps Chinese, so there only the
    parenthesis is required)."""
    pattern = re.compile(r"\d{3}\\?_[0-9a-f]{16}\.txt") if escaped else FILE_NAME
    bare = []
    for match in pattern.finditer(text):
        name = match.group().replace("\\_", "_")
        before = text[: match.start()]
        expected = "(" if escaped else f"{TITLES[name]} ("
        if not before.endswith(expected):
            bare.append(text[max(0, match.start() - 40) : match.end()])
    return bare


def test_the_rule_catches_a_bare_file_name() -> None:
    assert bare_file_names(f"source: {DOCUMENTS[0]}: eq. 1") != []
    assert bare_file_names(f"source: {titled(DOCUMENTS[0])}: eq. 1") == []
    assert bare_file_names(r"in 000\_3d7fee2bb648fd9a.txt", escaped=True) != []


def test_titled_names_a_document_anywhere_in_a_citation_once() -> None:
    variant = f"derive catalog: deliberately wrong variant of {DOCUMENTS[1]} (④ first identity)"
    shown = titled(variant)
    assert shown == (
        "derive catalog: deliberately wrong variant of Artificial neuron, lecture notes "
        f"({DOCUMENTS[1]}) (④ first identity)"
    )
    assert titled(shown) == shown
    assert document_title(variant) is None  # the tool's variant is not the document's claim
    assert document_title(f"{DOCUMENTS[4]}: eq. (2)") == TITLES[DOCUMENTS[4]]


@pytest.fixture(scope="module")
def report() -> Report:
    formulas = [CATALOG[name] for name in FORMULAS]
    return check(formulas, budget=Budget(seconds=60))


def test_derive_list_names_documents_by_title_and_keeps_the_files() -> None:
    text = render("list.txt.j2", catalog=list_view(list(CATALOG.values())))
    lines = text.splitlines()
    sigmoid = next(line for line in lines if line.split()[0] == "sigmoid")
    documents = sigmoid.split("documents ", 1)[1]
    assert documents == "; ".join(TITLES.values())  # every seed document cites sigmoid
    rows = lines[: len(CATALOG)]
    assert not any(re.search(r"documents .*\b\d{3}\b", row) for row in rows)
    assert not any(FILE_NAME.search(row) for row in rows)
    legend = lines[len(CATALOG) + 2 :]
    assert legend == [f"  {d}  {t}" for d, t in TITLES.items()]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("name", FORMULAS)
def test_sheet_names_documents_by_title(name: str, fmt: str, report: Report) -> None:
    formula = CATALOG[name]
    checked = check_derivation_bounded(formula, Budget(seconds=60))
    shown = render_sheet(formula, report, checked, fmt)
    if fmt == "markdown":  # the underscore escaped, the title kept in front
        shown = shown.replace("\\_", "_")
    if fmt == "html":
        shown = html.unescape(shown)
    assert FILE_NAME.search(shown)
    assert bare_file_names(shown) == []


@pytest.mark.parametrize("name", FORMULAS)
def test_latex_sheet_keeps_each_file_name_after_its_title(name: str, report: Report) -> None:
    formula = CATALOG[name]
    shown = render_sheet(formula, report, None, "latex")
    assert "Activations \\& Output (000\\_3d7fee2bb648fd9a.txt)" in shown or name != "relu"
    assert bare_file_names(shown, escaped=True) == []


def test_sheet_json_gives_each_source_its_title(report: Report) -> None:
    data = json.loads(render_sheet(CATALOG["relu"], report, None, "json"))
    assert len(data["source_titles"]) == len(data["sources"])
    assert data["source_titles"][0] == TITLES[DOCUMENTS[0]]
    for claim in data["claims"]:
        assert len(claim["source_titles"]) == len(claim["sources"])
        for source, title in zip(claim["sources"], claim["source_titles"], strict=True):
            assert title is None or source.startswith(f"{title} (")


def test_check_json_keeps_the_reference_and_adds_the_title(report: Report) -> None:
    claims = json.loads(report_json(report))["claims"]
    titled_claims = 0
    for claim in claims:
        assert len(claim["source_titles"]) == len(claim["source"])
        for source, title in zip(claim["source"], claim["source_titles"], strict=True):
            document = source.split(": ", 1)[0]
            assert title == TITLES.get(document)
            titled_claims += title is not None
    assert titled_claims > 5
    assert list(claims[0])[:4] == ["id", "formula", "source", "source_titles"]


def test_check_text_names_documents_by_title(report: Report) -> None:
    from derivations.render.views.report import check_view

    shown = render("check.txt.j2", r=check_view(report))
    assert FILE_NAME.search(shown)
    assert bare_file_names(shown) == []


@pytest.mark.parametrize("fmt", ["markdown", "html", "latex"])
def test_errata_names_documents_by_title(fmt: str, report: Report) -> None:
    tanh = CATALOG["tanh"]
    files = build_notes([tanh], report, {tanh.name: None}, fmt)
    page = {"markdown": "docs/errata.md", "html": "errata.html", "latex": "book.tex"}[fmt]
    errata = files[page].decode()
    if fmt == "markdown":
        errata = errata.replace("\\_", "_")
    if fmt == "html":
        errata = html.unescape(errata)
    assert FILE_NAME.search(errata.replace("\\_", "_"))
    assert bare_file_names(errata, escaped=fmt == "latex") == []
