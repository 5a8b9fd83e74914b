"""Derivation sheets: Markdown math rules, KaTeX, pdflatex, and snapshots of a few formulas."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from derivations.catalog import CATALOG
from derivations.checking.derivation import CheckedDerivation
from derivations.checking.report import Report
from derivations.render.book import render_sheet
from derivations.render.pdf import compile_pdf

HERE = Path(__file__).resolve().parents[1]  # tests/
sys.path.insert(0, str(HERE))
import render_tools as tools  # noqa: E402

SNAPSHOTS = HERE / "snapshots"
SNAPSHOT_FORMULAS = ("sigmoid", "relu", "softmax")
#: LaTeX that KaTeX or MathJax rejects, or that GitHub's renderer does not know.
FORBIDDEN = (r"\begin{align", r"\label", r"\bm{", r"\DeclareMathOperator", r"\eqref")

Derivations = dict[str, CheckedDerivation | None]


def sheet(name: str, fmt: str, report: Report, derivations: Derivations) -> str:
    return render_sheet(CATALOG[name], report, derivations[name], fmt)


def check_markdown_math_layout(text: str) -> None:
    """``$$`` alone on its line with a blank line before the opening and after the closing."""
    lines = text.split("\n")
    fences = [i for i, line in enumerate(lines) if "$$" in line]
    assert all(lines[i] == "$$" for i in fences), [lines[i] for i in fences if lines[i] != "$$"]
    assert len(fences) % 2 == 0
    for opening, closing in zip(fences[::2], fences[1::2], strict=True):
        assert opening == 0 or lines[opening - 1] == "", lines[opening - 1]
        assert lines[closing + 1] == "", lines[closing + 1]


def test_markdown_layout_rule_catches_a_fence_glued_to_text() -> None:
    with pytest.raises(AssertionError):
        check_markdown_math_layout("text\n$$\nx\n$$\n")


@pytest.mark.parametrize("name", list(CATALOG))
def test_markdown_math_is_fenced_and_portable(
    name: str, catalog_report: Report, catalog_derivations: Derivations
) -> None:
    text = sheet(name, "markdown", catalog_report, catalog_derivations)
    check_markdown_math_layout(text)
    for tex, _ in tools.markdown_math(text):
        assert not any(bad in tex for bad in FORBIDDEN), tex


def test_every_math_fragment_of_markdown_and_html_renders_with_katex(
    catalog_report: Report, catalog_derivations: Derivations
) -> None:
    fragments = []
    for name in CATALOG:
        fragments += tools.markdown_math(
            sheet(name, "markdown", catalog_report, catalog_derivations)
        )
        page = sheet(name, "html", catalog_report, catalog_derivations)
        fragments += tools.html_math(page.split("</head>", 1)[1])
    assert len(fragments) > 10 * len(CATALOG)
    assert tools.katex_errors(fragments) == []


def test_katex_check_rejects_what_katex_rejects() -> None:
    fragments = [(r"\frac{1}{2}", True), (r"\label{a} x", True), ("x é", False)]
    assert [tex for tex, _ in tools.katex_errors(fragments)] == [r"\label{a} x", "x é"]


@pytest.mark.parametrize("name", list(CATALOG))
def test_latex_sheet_compiles(
    name: str, tmp_path: Path, catalog_report: Report, catalog_derivations: Derivations
) -> None:
    tools.pdflatex_or_skip()
    tex = tmp_path / f"{name}.tex"
    tex.write_text(sheet(name, "latex", catalog_report, catalog_derivations))
    pdf = compile_pdf(tex, runs=1)
    assert pdf.is_file()
    assert tools.pdf_pages(tex.with_suffix(".log").read_text(errors="replace")) >= 1


@pytest.mark.parametrize("fmt, suffix", [("markdown", "md"), ("latex", "tex")])
@pytest.mark.parametrize("name", SNAPSHOT_FORMULAS)
def test_snapshot(
    name: str, fmt: str, suffix: str, catalog_report: Report, catalog_derivations: Derivations
) -> None:
    """The sheet equals the reviewed snapshot (regenerate: python tests/snapshots/update.py)."""
    expected = (SNAPSHOTS / f"{name}.{suffix}").read_text()
    assert sheet(name, fmt, catalog_report, catalog_derivations) == expected


def test_json_sheet_carries_steps_and_claims(
    catalog_report: Report, catalog_derivations: Derivations
) -> None:
    import json

    data = json.loads(sheet("tanh", "json", catalog_report, catalog_derivations))
    assert data["derivation"]["ok"] is True
    assert data["derivation"]["steps"][0]["rule"] == "rewrite"
    assert any(c["verdict"] == "refuted" for c in data["claims"])
    assert re.search(r"\\tanh", data["derivative_equation"])


def test_printer_writes_the_notes_notation() -> None:
    import sympy as sp

    from derivations.symbolic.functions import sigmoid
    from derivations.symbolic.printing import latex

    x = sp.Symbol("x", real=True)
    assert latex(sp.Symbol("y_hat")) == r"\hat{y}"
    assert latex(sp.Symbol("y_hat2")) == r"\hat{y}_{2}"
    assert latex(sp.Heaviside(x)) == r"\theta\left(x\right)"
    assert latex(sigmoid(x) ** 2) == r"\sigma\left(x\right)^{2}"


def test_text_escaping_for_latex_and_markdown() -> None:
    from derivations.render.escaping import markdown, tex

    assert tex("σ ≥ 0, 50% of a_b") == r"$\sigma$ $\geq$ 0, 50\% of a\_b"
    assert tex("导数") == r"\derivecjk{导数}{\texttt{[U+5BFC]}\texttt{[U+6570]}}"
    assert tex("w₂, ②") == r"w$_2$, \textcircled{2}"
    assert markdown("a_s * b $x$ <i>") == r"a\_s \* b \$x\$ &lt;i>"


def test_latex_escaping_composes_accents_and_knows_the_loss_letters() -> None:
    from derivations.render.escaping import tex

    assert tex("y\u0302") == r"$\hat{y}$"
    assert tex("𝓛 = ½‖y − ŷ‖²") == r"$\mathcal{L}$ = $\frac{1}{2}$$\|$y -- $\hat{y}$$\|$$^2$"


def test_greek_letters_use_latex_names_not_unicode_names() -> None:
    from derivations.render.escaping import tex

    # Unicode calls λ "LAMDA"; Α and ο have no LaTeX command and are written as Latin letters.
    assert tex("λ Λ Α ο ς Δ") == r"$\lambda$ $\Lambda$ $A$ $o$ $\varsigma$ $\Delta$"


def test_chinese_runs_are_wrapped_with_their_code_points_as_fallback() -> None:
    from derivations.render.escaping import tex

    written = r"Vector \derivecjk{写法}{\texttt{[U+5199]}\texttt{[U+6CD5]}}, 50\%"
    assert tex("Vector 写法, 50%") == written
    points = r"\texttt{[U+FF08]}\texttt{[U+6CE8]}\texttt{[U+FF09]}"
    assert tex("（注）") == r"\derivecjk{（注）}{" + points + "}"
    # Outside GB 2312, the set the preamble's font covers: code points, never a missing glyph.
    assert tex("円") == r"\texttt{[U+5186]}"
    assert tex("かな") == r"\texttt{[U+304B]}\texttt{[U+306A]}"


def _cjk_installed() -> bool:
    """What the preamble tests: CJKutf8.sty and the GB font's .fd file on TeX's path."""
    import shutil
    import subprocess

    kpsewhich = shutil.which("kpsewhich")
    if kpsewhich is None:
        return False
    found = subprocess.run(
        [kpsewhich, "CJKutf8.sty", "c70gbsn.fd"], capture_output=True, text=True, check=False
    )
    return len(found.stdout.split()) == 2


def test_latex_sheet_with_chinese_source_text_prints_it(
    tmp_path: Path, catalog_report: Report, catalog_derivations: Derivations
) -> None:
    """A sheet whose sources cite Chinese text compiles; the PDF shows the Chinese where the CJK
    package is installed, the code points where it is not (the .tex is the same on both)."""
    import shutil
    import subprocess

    tools.pdflatex_or_skip()
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed: apt-get install poppler-utils")
    chinese = re.compile("[\u4e00-\u9fff]+")
    name = next(n for n, f in CATALOG.items() if any(chinese.search(s.location) for s in f.sources))
    source = sheet(name, "latex", catalog_report, catalog_derivations)
    words = [w for w in chinese.findall(source) if f"\\derivecjk{{{w}" in source]
    assert words, "the Chinese text is wrapped for the CJK package"
    tex = tmp_path / f"{name}.tex"
    tex.write_text(source)
    pdf = compile_pdf(tex, runs=1)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    if _cjk_installed():
        # TeX may break a line inside a run of Chinese characters: compare without the breaks
        flat = "".join(text.split())
        assert all(w in flat for w in words), (words, text)
        assert "Missing character" not in tex.with_suffix(".log").read_text(errors="replace")
    else:
        assert not chinese.search(text)
        assert f"[U+{ord(words[0][0]):04X}]" in text
