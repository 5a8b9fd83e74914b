"""An on-disk cache of verdicts and rendered sheets.

Entries are JSON (never pickle: reading the cache must not be able to run code). Keys are
SHA-256 digests of

* the content of what was computed (a claim's expressions printed with ``srepr``, so symbol
  assumptions count; or a command's arguments), and
* a *fingerprint* of the tool: its version, the text of its own source files and templates,
  and SymPy's version (its release.py, read without importing SymPy).

Any change to the claim, the tool or SymPy therefore misses the cache. Only definite
verdicts are stored: ``unknown`` depends on the budget and is always recomputed. Besides
verdicts, the cache keeps what ``derive list`` and ``derive NAME`` printed, so that a repeated
call answers without importing SymPy.
The folder is ``$DERIVE_CACHE_DIR``, else ``$XDG_CACHE_HOME/derive``, else ``~/.cache/derive``.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from derivations import __version__
from derivations.paths import PACKAGE, template_dir


def folder() -> Path:
    if os.environ.get("DERIVE_CACHE_DIR"):
        return Path(os.environ["DERIVE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "derive"


def sympy_release() -> bytes:
    """SymPy's ``release.py`` (it holds its version), read without importing SymPy."""
    spec = find_spec("sympy")
    if spec is None or spec.origin is None:  # pragma: no cover - SymPy is a dependency
        return b"sympy?"
    try:
        return (Path(spec.origin).parent / "release.py").read_bytes()
    except OSError:  # pragma: no cover - a SymPy without release.py
        return b"sympy?"


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """The tool's identity: version, own source and templates, SymPy's version."""
    digest = hashlib.sha256(__version__.encode())
    digest.update(sympy_release())
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


def load_output(command: str, *arguments: str) -> str | None:
    """The text a command printed before with these arguments, under the current fingerprint."""
    value = load("output", key("output", command, *arguments))
    return value if isinstance(value, str) else None


def store_output(text: str, command: str, *arguments: str) -> None:
    """Remember what a command printed, for the next identical call."""
    store("output", key("output", command, *arguments), text)


def load_outcome(command: str, *arguments: str) -> tuple[str, int] | None:
    """What a command printed and the exit code it gave, for commands whose code matters."""
    value = load("outcome", key("outcome", command, *arguments))
    if isinstance(value, list) and len(value) == 2 and isinstance(value[0], str):
        return value[0], int(value[1])
    return None


def store_outcome(text: str, code: int, command: str, *arguments: str) -> None:
    store("outcome", key("outcome", command, *arguments), [text, code])


def store(kind: str, digest: str, value: Any) -> None:
    """Write ``value`` atomically; a cache that cannot be written is silently skipped."""
    path = _path(kind, digest)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, delete=False
        ) as tmp:
            json.dump(value, tmp, ensure_ascii=False)
        os.replace(tmp.name, path)
    except OSError:
        pass
