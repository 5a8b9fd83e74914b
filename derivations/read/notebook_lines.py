"""Where a line of a notebook's cell is written in the ``.ipynb`` file (JSON), for annotations.

The notes reader locates a claim of a notebook as ``FILE:cell N:line M``: line ``M`` of the
source of cell ``N`` (cells counted from 1, code cells included). An editor, pytest or GitHub
shows a file by its own lines, so this module finds the line of the JSON text where that line
of the cell is written. nbformat writes a cell's ``source`` as an array with one string per
line, each string on its own JSON line; a ``source`` written as one string (which JSON allows)
sits on one line, and every line of the cell is found there.

JSON parsers give values, not positions, so the text is walked with
:meth:`json.JSONDecoder.raw_decode`, which returns where each value ends: the walk steps into
the top object, its ``cells`` array and each cell's ``source`` and skips every other value
whole. Nothing here imports SymPy or nbformat: the pytest plugin and the GitHub formatter use
it cheaply.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

LOCATION = re.compile(r"^(?P<file>.+):cell (?P<cell>\d+):line (?P<line>\d+)$")

MAX_FILE_BYTES = 2_000_000  # the notes reader's bound
_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\r\n]*")


@dataclass(frozen=True)
class NotebookPlace:
    """A notebook location ``FILE:cell N:line M`` taken apart."""

    file: str
    cell: int
    line: int


def notebook_place(location: str) -> NotebookPlace | None:
    """The parts of ``FILE:cell N:line M``; None for any other location.

    >>> notebook_place("nb.ipynb:cell 3:line 4")
    NotebookPlace(file='nb.ipynb', cell=3, line=4)
    >>> notebook_place("notes.md:4") is None
    True
    """
    found = LOCATION.match(location)
    if found is None:
        return None
    return NotebookPlace(found["file"], int(found["cell"]), int(found["line"]))


class _Walk:
    """A cursor over JSON text that steps into objects and arrays and skips other values."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

    def space(self) -> None:
        self.at = _SPACE.match(self.text, self.at).end()  # type: ignore[union-attr]

    def peek(self) -> str:
        self.space()
        return self.text[self.at : self.at + 1]

    def take(self, char: str) -> None:
        if self.peek() != char:
            raise ValueError(f"expected {char!r} at {self.at}")
        self.at += 1

    def skip(self) -> object:
        """Decode the value at the cursor and move past it."""
        self.space()
        value, self.at = _DECODER.raw_decode(self.text, self.at)
        return value

    def object_keys(self) -> Iterator[object]:
        """Each key of the object at the cursor, with the cursor at its value: the caller reads
        or skips the value before it asks for the next key."""
        self.take("{")
        if self.peek() == "}":
            self.at += 1
            return
        while True:
            key = self.skip()
            self.take(":")
            yield key
            if self.peek() == ",":
                self.at += 1
                continue
            self.take("}")
            return

    def array_items(self) -> Iterator[int]:
        """The index of each item of the array at the cursor, with the cursor at the item: the
        caller reads or skips the item before it asks for the next."""
        self.take("[")
        if self.peek() == "]":
            self.at += 1
            return
        index = 0
        while True:
            yield index
            index += 1
            if self.peek() == ",":
                self.at += 1
                continue
            self.take("]")
            return


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _source_lines(walk: _Walk) -> list[int]:
    """The JSON line of each line of the ``source`` value at the cursor."""
    if walk.peek() == '"':  # peek moves past the space before the value
        line = _line_of(walk.text, walk.at)
        source = walk.skip()
        return [line] * (str(source).count("\n") + 1)
    lines: list[int] = []
    starts_line = True  # the next piece of source text starts a line of the cell
    for _ in walk.array_items():
        walk.space()
        line = _line_of(walk.text, walk.at)
        piece = str(walk.skip())
        if starts_line:
            lines.append(line)
        lines.extend([line] * piece[:-1].count("\n"))
        starts_line = piece.endswith("\n")
    return lines


def _cells(walk: _Walk) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for index in walk.array_items():
        if walk.peek() != "{":
            walk.skip()
            continue
        for key in walk.object_keys():
            if key == "source":
                found[index + 1] = _source_lines(walk)
            else:
                walk.skip()
    return found


def cell_lines(text: str) -> dict[int, list[int]]:
    r"""For each cell number (from 1), the JSON line of each of its source lines (a list whose
    item ``M - 1`` is line ``M``); empty for text that is not a notebook's JSON.

    >>> cell_lines('{"cells": [{"source": ["a\\n", "b"]}, {"source": "c\\nd"}]}')
    {1: [1, 1], 2: [1, 1]}
    """
    walk = _Walk(text)
    try:
        for key in walk.object_keys():
            if key == "cells" and walk.peek() == "[":
                return _cells(walk)
            walk.skip()
    except (ValueError, RecursionError):
        return {}
    return {}


def json_line(text: str, cell: int, line: int) -> int | None:
    """The line of the notebook's JSON ``text`` where line ``line`` of cell ``cell`` is written
    (None when the notebook has no such cell or line)."""
    lines = cell_lines(text).get(cell, [])
    return lines[line - 1] if 0 < line <= len(lines) else None


def notebook_text(path: str | Path) -> str:
    """The notebook file's text; empty when it cannot be read as UTF-8 within the size bound."""
    try:
        with Path(path).open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
        return raw.decode("utf-8") if len(raw) <= MAX_FILE_BYTES else ""
    except (OSError, UnicodeDecodeError):
        return ""


def file_line(place: NotebookPlace) -> int | None:
    """The line of the notebook file where ``place`` is written (None when the file cannot be
    read or has no such line)."""
    return json_line(notebook_text(place.file), place.cell, place.line)
