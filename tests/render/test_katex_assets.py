"""The KaTeX shipped in the package: the pinned release, byte for byte, and pages that need no
network (a sheet inlines it, a site of several pages links its own copy)."""

from __future__ import annotations

import base64
import importlib.util
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

import pytest

from derivations.catalog import CATALOG
from derivations.checking.derivation import CheckedDerivation
from derivations.checking.report import Report
from derivations.render import katex as katex_assets
from derivations.render.book import build_notes, render_sheet

ROOT = Path(__file__).resolve().parents[2]
KATEX_TOOLS = ROOT / "tools" / "katex"

Derivations = dict[str, CheckedDerivation | None]


def vendor_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("katex_vendor", KATEX_TOOLS / "vendor.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Tags(HTMLParser):
    """The attributes of every <script> and <link> tag, and the text of the <script> tags."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "link"):
            self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def remote(page: str) -> list[str]:
    """The http(s) addresses a page's <script src> and <link href> load."""
    return [
        str(attrs.get("src") or attrs.get("href"))
        for _, attrs in tags(page)
        if re.match(r"https?:", str(attrs.get("src") or attrs.get("href") or ""))
    ]


def vendored() -> list[str]:
    root = katex_assets.ASSETS
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_vendored_katex_is_the_release_package_json_pins() -> None:
    pinned = json.loads((KATEX_TOOLS / "package.json").read_text())["dependencies"]["katex"]
    assert pinned == katex_assets.VERSION
    script = (katex_assets.ASSETS / "katex.min.js").read_text()
    assert f'version:"{pinned}"' in script


def test_vendored_files_equal_node_modules_byte_for_byte() -> None:
    katex = KATEX_TOOLS / "node_modules" / "katex"
    if not katex.is_dir():
        pytest.skip("KaTeX is not installed: run `npm ci` in tools/katex")
    sources = vendor_script().sources(katex)
    assert vendored() == sorted(sources)
    assert json.loads((katex / "package.json").read_text())["version"] == katex_assets.VERSION
    for name, source in sources.items():
        assert (katex_assets.ASSETS / name).read_bytes() == source.read_bytes(), name


def test_vendored_fonts_are_woff2_only_and_every_face_has_one() -> None:
    fonts = katex_assets.fonts()
    assert len(fonts) >= 19 and all(f.endswith(".woff2") for f in fonts)
    assert [n for n in vendored() if n.startswith("fonts/")] == fonts
    css = (katex_assets.ASSETS / "katex.min.css").read_text()
    assert sorted(set(re.findall(r"url\((fonts/[^)]+\.woff2)\)", css))) == fonts


def test_inline_stylesheet_carries_every_font_as_a_data_url() -> None:
    css = katex_assets.inline_head()["stylesheet"]
    urls = re.findall(r"url\(([^)]*)\)", css)
    assert len(urls) == len(katex_assets.fonts())
    assert all(u.startswith("data:font/woff2;base64,") for u in urls)
    first = base64.b64decode(urls[0].removeprefix("data:font/woff2;base64,"))
    assert first == (katex_assets.ASSETS / katex_assets.fonts()[0]).read_bytes()


def test_site_stylesheet_links_only_the_shipped_fonts() -> None:
    files = katex_assets.files()
    urls = re.findall(r"url\(([^)]*)\)", files["katex.min.css"].decode())
    assert sorted(set(urls)) == katex_assets.fonts()
    assert all(url in files for url in urls)
    assert "LICENSE" in files and "katex.min.js" in files and "contrib/auto-render.min.js" in files


def test_html_sheet_is_one_self_contained_page(
    catalog_report: Report, catalog_derivations: Derivations
) -> None:
    page = render_sheet(CATALOG["sigmoid"], catalog_report, catalog_derivations["sigmoid"], "html")
    assert remote(page) == []
    assert "cdn.jsdelivr" not in page
    assert all("src" not in attrs for tag, attrs in tags(page) if tag == "script")
    assert not [attrs for tag, attrs in tags(page) if tag == "link"]
    head = page.split("</head>", 1)[0]
    assert (katex_assets.ASSETS / "katex.min.js").read_text().strip() in head
    assert "renderMathInElement" in head and "data:font/woff2;base64," in head
    assert "Khan Academy" in head  # KaTeX's MIT license travels with the inlined copy


def test_html_sheet_is_byte_identical_across_processes(tmp_path: Path) -> None:
    # Run outside the checkout: from its root, -m would import its own derivations folder,
    # which lacks derivations.cli (cli/ is mapped into the package only when installed).
    command = [sys.executable, "-m", "derivations", "relu", "--format", "html"]
    runs = [
        subprocess.run(command, capture_output=True, check=True, cwd=tmp_path).stdout
        for _ in range(2)
    ]
    assert runs[0] == runs[1]
    assert len(runs[0]) > 300_000  # KaTeX and its fonts are inside


@pytest.mark.parametrize("fmt, prefix", [("html", ""), ("markdown", "docs/")])
def test_notes_ship_katex_once_and_link_it_relatively(
    fmt: str, prefix: str, catalog_report: Report, catalog_derivations: Derivations
) -> None:
    formulas = [CATALOG["sigmoid"], CATALOG["softmax"]]
    files = build_notes(formulas, catalog_report, catalog_derivations, fmt)
    for name, content in katex_assets.files().items():
        assert files[f"{prefix}assets/katex/{name}"] == content
    if fmt == "html":
        pages = [c.decode() for p, c in files.items() if p.endswith(".html")]
        assert len(pages) >= 3
        for page in pages:
            assert remote(page) == [] and "cdn.jsdelivr" not in page
            linked = [a.get("src") or a.get("href") for _, a in tags(page)]
            assert "assets/katex/katex.min.css" in linked
            assert all(f"{prefix}{link}" in files for link in linked if link)
    else:
        config = files["mkdocs.yml"].decode()
        assert "http" not in config
        for asset in ("assets/katex/katex.min.js", "assets/katex/katex.min.css"):
            assert f"  - {asset}\n" in config and f"docs/{asset}" in files
