"""An on-disk cache of verdicts and rendered sheets.

Entries are JSON (never pickle: reading the cache must not be able to run code). Keys are
SHA-256 digests of

* the content of what was computed (a claim's expressions printed with ``srepr``, so symbol
  assumptions count; or a command's arguments), and
* a *fingerprint* of the tool: its version, the text of its own source files and templates,
  and SymPy's version (read from the installed metadata, without importing SymPy).

Any change to the claim, the tool or SymPy therefore misses the cache. Only definite
verdicts are stored: ``unknown`` depends on the budget and is always recomputed.
The folder is ``$DERIVE_CACHE_DIR``, else ``$XDG_CACHE_HOME/derive``, else ``~/.cache/derive``.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from derivations import __version__

PACKAGE = Path(__file__).resolve().parent


def folder() -> Path:
    if os.environ.get("DERIVE_CACHE_DIR"):
        return Path(os.environ["DERIVE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "derive"


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """The tool's identity: version, own source and templates, SymPy's version."""
    digest = hashlib.sha256(__version__.encode())
    try:
        digest.update(metadata.version("sympy").encode())
    except metadata.PackageNotFoundError:  # pragma: no cover - SymPy is a dependency
        digest.update(b"sympy?")
    from derivations.render import template_dir

    sources = sorted(PACKAGE.rglob("*.py")) + sorted(template_dir().glob("*.j2"))
    for path in sources:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def key(kind: str, *parts: str) -> str:
    """The cache key of ``parts`` under the current fingerprint."""
    digest = hashlib.sha256(f"{kind}\0{fingerprint()}".encode())
    for part in parts:
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()


def _path(kind: str, digest: str) -> Path:
    return folder() / kind / digest[:2] / f"{digest}.json"


def load(kind: str, digest: str) -> Any | None:
    """The cached value, or ``None`` on a miss or an unreadable entry."""
    try:
        return json.loads(_path(kind, digest).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def store(kind: str, digest: str, value: Any) -> None:
    """Write ``value`` atomically; a cache that cannot be written is silently skipped."""
    path = _path(kind, digest)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, delete=False
        ) as tmp:
            json.dump(value, tmp, ensure_ascii=False, sort_keys=True)
        os.replace(tmp.name, path)
    except OSError:
        pass
