"""Refresh the KaTeX shipped inside the package (derivations/assets/katex/) from node_modules.

Run `npm ci` here first, then `python tools/katex/vendor.py`. The copy is the pinned release of
package.json: the minified script and stylesheet, the auto-render extension, the woff2 fonts (every
browser KaTeX supports reads woff2) and KaTeX's MIT license. Files are copied byte for byte;
tests/test_katex_assets.py checks that they still equal node_modules.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
KATEX = HERE / "node_modules" / "katex"
TARGET = HERE.parent.parent / "derivations" / "assets" / "katex"


def pinned_version() -> str:
    """The KaTeX version package.json pins."""
    return str(json.loads((HERE / "package.json").read_text())["dependencies"]["katex"])


def sources(katex: Path = KATEX) -> dict[str, Path]:
    """Every vendored file, by its path inside the assets folder, with the file it copies."""
    dist = katex / "dist"
    files = {
        "LICENSE": katex / "LICENSE",
        "katex.min.css": dist / "katex.min.css",
        "katex.min.js": dist / "katex.min.js",
        "contrib/auto-render.min.js": dist / "contrib" / "auto-render.min.js",
    }
    for font in sorted((dist / "fonts").glob("*.woff2")):
        files[f"fonts/{font.name}"] = font
    return files


def main() -> int:
    if not KATEX.is_dir():
        print("KaTeX is not installed: run `npm ci` in tools/katex first", file=sys.stderr)
        return 2
    installed = json.loads((KATEX / "package.json").read_text())["version"]
    if installed != pinned_version():
        print(f"node_modules has KaTeX {installed}, package.json pins {pinned_version()}: npm ci")
        return 2
    if TARGET.exists():
        shutil.rmtree(TARGET)
    for name, source in sources().items():
        target = TARGET / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    print(f"vendored KaTeX {installed}: {len(sources())} files in {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
