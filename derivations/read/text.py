"""Reading a user's text file: bounded in size, checked to be UTF-8.

Every reader of user files (notes, formula files) goes through :func:`read_text`, so that a
huge or binary file is one clear error naming the file, never a traceback or a hang.
"""

from __future__ import annotations

from pathlib import Path

from derivations.errors import InputError


def read_text(path: str | Path, *, max_bytes: int, error: type[InputError] = InputError) -> str:
    """The text of the file at ``path``; ``error`` (naming the file) when it cannot be read,
    is larger than ``max_bytes`` or is not UTF-8.

    >>> read_text("/nonexistent/notes.md", max_bytes=10)
    Traceback (most recent call last):
    ...
    derivations.errors.InputError: /nonexistent/notes.md: cannot read: No such file or directory
    """
    shown = str(path)
    try:
        with Path(path).open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise error(f"{shown}: cannot read: {exc.strerror}") from None
    if len(raw) > max_bytes:
        raise error(f"{shown}: larger than {max_bytes} bytes")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"{shown}: not UTF-8 (byte {exc.start})") from None
