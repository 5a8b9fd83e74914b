"""An on-disk cache of verdicts and rendered sheets.

Entries are JSON (never pickle: reading the cache must not be able to run code). Keys are
SHA-256 digests of

* the content of what was computed (a claim's expressions printed with ``srepr``, so symbol
  assumptions count; or a command's arguments), and
* a *fingerprint* of the tool: its version, the text of its own source files and templates,
  and SymPy's version (its release.py, read without importing SymPy).

Any change to the claim, the tool or SymPy therefore misses the cache. Only definite
verdicts are stored: ``unknown`` depends on the budget and is always recomputed. Each
verdict is written (atomically) as soon as it is known, so a run that is killed resumes
where it stopped.

A cache restored from a shared store is input like any other. Each entry carries the key
it answers and a digest of its content; an entry whose key or digest does not match is a
miss (and is computed again). The digest catches a corrupted or hand-edited entry, not a
forger who recomputes it: that is why a cached refutation is confirmed again on read (its
counterexample evaluated, see :func:`derivations.checking.report.check`). Besides
verdicts, the cache keeps what ``derive list`` and ``derive NAME`` printed, so that a repeated
call answers without importing SymPy. What ``derive check FILE...`` found in a file (its claims'
reports, skipped math and counts) is kept under the file's content, and what the whole command
printed under the contents of all its files (:func:`file_digest`): a check of unchanged notes
neither reads their LaTeX again nor imports SymPy. Like the whole catalog's remembered check,
these replay a refutation without evaluating its counterexample again: they are written only
by this tool, after a run that found (or confirmed) every verdict, and read only under the
same fingerprint.
The folder is ``$DERIVE_CACHE_DIR``, else ``$XDG_CACHE_HOME/derive``, else ``~/.cache/derive``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
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


#: Files larger than this are not remembered by content (no notes reader reads them either).
MAX_DIGESTED_BYTES = 1_000_000


def file_digest(path: str) -> str | None:
    """The SHA-256 of a regular file's bytes, or ``None`` when it is not one, cannot be read,
    or is larger than :data:`MAX_DIGESTED_BYTES` (then nothing is remembered for it)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a pipe or a device: never opened here
            return None
        with open(path, "rb") as handle:
            content = handle.read(MAX_DIGESTED_BYTES + 1)
    except OSError:
        return None
    if len(content) > MAX_DIGESTED_BYTES:
        return None
    return hashlib.sha256(content).hexdigest()


def key(kind: str, *parts: str) -> str:
    """The cache key of ``parts`` under the current fingerprint."""
    digest = hashlib.sha256(f"{kind}\0{fingerprint()}".encode())
    for part in parts:
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()


def _path(kind: str, digest: str) -> Path:
    return folder() / kind / digest[:2] / f"{digest}.json"


def _content_digest(kind: str, digest: str, value: Any) -> str:
    """The digest of an entry: its kind, its key and its value in canonical JSON."""
    canonical = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{kind}\0{digest}\0{canonical}".encode()).hexdigest()


def load(kind: str, digest: str) -> Any | None:
    """The cached value, or ``None`` on a miss, an unreadable entry, or one whose key or
    content digest does not match."""
    try:
        entry = json.loads(_path(kind, digest).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or set(entry) != {"key", "digest", "value"}:
        return None
    if entry["key"] != digest or entry["digest"] != _content_digest(kind, digest, entry["value"]):
        return None
    return entry["value"]


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
    """Write ``value`` with its key and digest atomically (a temporary file renamed over the
    entry: a reader, or a run killed while writing, never sees half an entry); a cache that
    cannot be written is silently skipped."""
    path = _path(kind, digest)
    entry = {"key": digest, "digest": _content_digest(kind, digest, value), "value": value}
    tmp_name = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, prefix=".tmp-", delete=False
        ) as tmp:
            tmp_name = tmp.name
            json.dump(entry, tmp, ensure_ascii=False)
        os.replace(tmp_name, path)
    except (OSError, TypeError, ValueError):
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
