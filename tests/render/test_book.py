"""Course notes: an MkDocs site, a LaTeX book that compiles, HTML pages, the errata."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import sympy as sp

from derivations.catalog import CATALOG
from derivations.checking.derivation import CheckedDerivation
from derivations.checking.report import Report
from derivations.derive.formula import derive
from derivations.model import Formula, Kind
from derivations.render.book import build_notes
from derivations.render.pdf import compile_pdf
from derivations.render.plots import plot

HERE = Path(__file__).resolve().parents[1]  # tests/
sys.path.insert(0, str(HERE))
import render_tools as tools  # noqa: E402

Derivations = dict[str, CheckedDerivation | None]


@pytest.fixture(scope="module")
def books(catalog_report: Report, catalog_derivations: Derivations) -> dict[str, dict[str, bytes]]:
    formulas = list(CATALOG.values())
    return {
        fmt: build_notes(formulas, catalog_report, catalog_derivations, fmt)
        for fmt in ("markdown", "latex", "html")
    }


def write(files: dict[str, bytes], folder: Path) -> Path:
    for relative, content in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_bytes(content)
    return folder


def test_markdown_book_has_index_family_pages_errata_and_plots(
    books: dict[str, dict[str, bytes]],
) -> None:
    files = books["markdown"]
    for page in (
        "mkdocs.yml",
        "docs/index.md",
        "docs/activations.md",
        "docs/losses.md",
        "docs/layers.md",
        "docs/identities.md",
        "docs/errata.md",
    ):
        assert page in files
    assert "docs/plots/sigmoid.svg" in files
    assert files["docs/plots/sigmoid.svg"].startswith(b"<?xml")
    activations = files["docs/activations.md"].decode()
    assert "![sigmoid and its derivative](plots/sigmoid.svg)" in activations
    modern = files["docs/modern-activations.md"].decode()
    assert activations.count("## Derivation") + modern.count("## Derivation") == sum(
        1 for f in CATALOG.values() if f.kind.value == "activation" and derive(f) is not None
    )


def test_mkdocs_builds_the_markdown_book_strictly(
    books: dict[str, dict[str, bytes]], tmp_path: Path
) -> None:
    mkdocs = tools.mkdocs_or_skip()
    folder = write(books["markdown"], tmp_path)
    done = subprocess.run(
        [*mkdocs, "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "errata" / "index.html").is_file()
    # The site works offline: its KaTeX is its own, no page loads a script or style from the web.
    assert (tmp_path / "site" / "assets" / "katex" / "katex.min.js").is_file()
    for page in (tmp_path / "site").rglob("*.html"):
        text = page.read_text()
        assert "cdn.jsdelivr" not in text, page
        assert not re.findall(r'<(?:script|link)\b[^>]*(?:src|href)="https?:', text), page


#: An overfull line the eye can see: wider than the text by more than this (points).
OVERFULL_TOLERANCE = 5.0


def test_latex_book_compiles_to_pages_that_fit_with_a_glyph_for_every_character(
    books: dict[str, dict[str, bytes]], tmp_path: Path
) -> None:
    tools.pdflatex_or_skip()
    folder = write(books["latex"], tmp_path)
    pdf = compile_pdf(folder / "book.tex")
    log = (folder / "book.log").read_text(errors="replace")
    assert tools.pdf_pages(log) > len(CATALOG)
    assert pdf.read_bytes().startswith(b"%PDF")
    overfull = [
        (float(points), line)
        for points, line in re.findall(r"Overfull \\hbox \(([0-9.]+)pt too wide\).*?(\d+)", log)
        if float(points) > OVERFULL_TOLERANCE
    ]
    assert overfull == [], f"{len(overfull)} overfull lines (points, line of book.tex)"
    text = tools.pdf_text_or_skip(pdf)
    tools.cjk_or_skip()  # without the CJK package, Chinese prints as code points by design
    assert re.findall(r"\[U\+[0-9A-F]+\]", text) == []


def test_every_math_fragment_of_the_books_renders_with_katex(
    books: dict[str, dict[str, bytes]],
) -> None:
    fragments = []
    for path, content in books["markdown"].items():
        if path.endswith(".md"):
            fragments += tools.markdown_math(content.decode())
    for path, content in books["html"].items():
        if path.endswith(".html"):
            fragments += tools.html_math(content.decode().split("</head>", 1)[1])
    assert tools.katex_errors(fragments) == []


def test_errata_list_every_refuted_claim_of_the_documents(
    catalog_report: Report, books: dict[str, dict[str, bytes]]
) -> None:
    from derivations.catalog.sources import DOCUMENTS

    errata = books["markdown"]["docs/errata.md"].decode()
    refuted = [c for c in catalog_report.claims if c.verdict == "refuted"]

    def cites_a_document(claim: object) -> bool:
        return any(s.partition(": ")[0] in DOCUMENTS for s in claim.sources)  # type: ignore[attr-defined]

    documents = [c for c in refuted if cites_a_document(c)]
    others = [c for c in refuted if not cites_a_document(c)]
    assert documents, (
        "the seed documents contain mistakes; none refuted means the catalog is broken"
    )
    assert others, "the tool's own wrong variants exist, so the exclusion below is tested"
    for claim in documents:
        assert f"`{claim.id}`" in errata
        if claim.counterexample:
            assert str(claim.counterexample["lhs"]) in errata
    for claim in others:
        assert f"`{claim.id}`" not in errata  # a variant the tool made up is no document's error
    assert "- counterexample at `" in errata
    assert "Correction:" in errata
    assert ".closed-form" not in errata  # the tool's own claims are not errata


def test_notes_are_byte_identical_from_run_to_run(
    catalog_report: Report, catalog_derivations: Derivations, books: dict[str, dict[str, bytes]]
) -> None:
    again = build_notes(list(CATALOG.values()), catalog_report, catalog_derivations, "markdown")
    assert again == books["markdown"]


def test_plots_are_byte_identical_across_processes() -> None:
    code = (
        "import sys; from derivations.catalog import CATALOG; "
        "from derivations.render.plots import plot; "
        "sys.stdout.buffer.write(plot(CATALOG['elu'], sys.argv[1]))"
    )
    for fmt in ("svg", "pdf"):
        runs = [
            subprocess.run(
                [sys.executable, "-c", code, fmt], capture_output=True, check=True
            ).stdout
            for _ in range(2)
        ]
        assert runs[0] == runs[1] and len(runs[0]) > 1000


def test_a_user_template_overrides_a_shipped_one_by_name(
    tmp_path: Path, catalog_report: Report, catalog_derivations: Derivations
) -> None:
    (tmp_path / "notes_errata.md.j2").write_text(
        "# Our errata\n{% for d in errata %}- {{ d.document }}\n{% endfor %}"
    )
    files = build_notes(
        list(CATALOG.values()),
        catalog_report,
        catalog_derivations,
        "markdown",
        templates=str(tmp_path),
    )
    assert files["docs/errata.md"].decode().startswith("# Our errata\n- ")
    assert files["docs/index.md"].decode().startswith("# Derivatives of neural networks")


def test_plots_stay_inside_the_variables_domain() -> None:
    from derivations.render.plots import x_range

    p = sp.Symbol("p", positive=True)
    formula = Formula(
        name="log_p",
        kind=Kind.LOSS,
        title="",
        summary="",
        variables=(p,),
        variable=p,
        definition=-sp.log(p),
        derivative=-1 / p,
        sources=(),
        domains=((p, (sp.Integer(0), sp.Integer(1))),),
    )
    low, high = x_range(formula)
    assert 0 < low < high < 1
    assert plot(formula).startswith(b"<?xml")


# --- the two parts: the course documents and modern networks (issue 8) ---------------------------


def part_names(key: str) -> set[str]:
    from derivations.catalog import PARTS

    (part,) = [p for p in PARTS if p.key == key]
    return set(part.names)


def test_parts_come_from_the_catalog_modules() -> None:
    from derivations.catalog import PARTS, activations, layers, losses

    modern = {f.name for family in (activations, layers, losses) for f in family.MODERN}
    assert part_names("modern") == modern
    assert part_names("documents") == set(CATALOG) - modern
    assert [p.title for p in PARTS] == ["Course documents", "Modern networks"]


def test_markdown_family_pages_hold_only_their_parts_formulas(
    books: dict[str, dict[str, bytes]],
) -> None:
    files = books["markdown"]
    for stem in ("activations", "losses", "layers"):
        course = files[f"docs/{stem}.md"].decode()
        modern = files[f"docs/modern-{stem}.md"].decode()
        assert "Part of the notes: *Course documents*." in course
        assert "Part of the notes: *Modern networks*." in modern
        for name in part_names("modern"):
            assert f'id="{name}"' not in course and f"## {name}" not in course
        for name in part_names("documents"):
            assert f'id="{name}"' not in modern and f"## {name}" not in modern
    assert "docs/modern-identities.md" not in files  # no modern identities: no empty page
    assert "gelu" in files["docs/modern-activations.md"].decode()
    assert "gelu" not in files["docs/activations.md"].decode()


def test_the_index_and_the_mkdocs_nav_list_two_parts(books: dict[str, dict[str, bytes]]) -> None:
    index = books["markdown"]["docs/index.md"].decode()
    first = index.index("## Part 1: Course documents")
    second = index.index("## Part 2: Modern networks")
    assert first < index.index("(activations.md)") < second < index.index("(modern-activations.md)")
    nav = books["markdown"]["mkdocs.yml"].decode().split("nav:\n", 1)[1]
    assert nav.index('"Course documents":') < nav.index("      - Activations: activations.md")
    assert nav.index('"Modern networks":') < nav.index("      - Layers: modern-layers.md")
    assert nav.count("Errata: errata.md") == 1
    html = books["html"]["index.html"].decode()
    assert "<h2>Part 1: Course documents</h2>" in html
    assert "<h2>Part 2: Modern networks</h2>" in html
    assert '<a href="modern-losses.html">Losses</a>' in books["html"]["modern-losses.html"].decode()


def test_the_latex_book_has_a_part_per_part_and_the_errata_with_the_documents(
    books: dict[str, dict[str, bytes]],
) -> None:
    book = books["latex"]["book.tex"].decode()
    course = book.index("\\part{Course documents}")
    errata = book.index("\\chapter{Errata}")
    modern = book.index("\\part{Modern networks}")
    assert course < errata < modern
    assert book.count("\\part{") == 2
    assert book.index("gelu", modern) > modern and "gelu" not in book[course:modern]


def test_the_books_hold_no_sympy_internals_and_cite_documents_by_title(
    books: dict[str, dict[str, bytes]],
) -> None:
    """What a reader of the notes sees: no ``Sum(``, ``_s1`` or ``u[_s1]`` in any page, and
    every seed document's file name after its title (the Markdown and LaTeX pages escape the
    underscore)."""
    import html

    from derivations.catalog.sources import TITLES

    internals = ("Sum(", "_s1", "[_", "Subs(", "Dummy", "Lambda(", "FunctionMatrix")
    file_name = re.compile(r"\d{3}\\?_[0-9a-f]{16}\.txt")
    for fmt, files in books.items():
        for path, content in files.items():
            if not path.endswith((".md", ".html", ".tex")):
                continue
            page = content.decode()
            page = page.split("</head>", 1)[-1]  # the page, not KaTeX's inlined fonts
            assert [p for p in internals if p in page] == [], (fmt, path)
            shown = html.unescape(page) if fmt == "html" else page
            for match in file_name.finditer(shown):
                before = shown[: match.start()]
                name = match.group().replace("\\_", "_")
                assert before.endswith("(") or before.endswith(f"{TITLES[name]} ("), (path, name)
