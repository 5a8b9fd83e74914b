"""``derive check FILE...`` remembers what it found in each file under the file's content (issue
17): unchanged notes are neither read nor verified again, and any edit of a file (a claim or a
definition it uses) is read and decided again."""

from __future__ import annotations

from pathlib import Path

import pytest

from derivations import api, commands
from derivations.checking import cache, files
from derivations.checking.budget import Budget

#: σ defined by the notes, and a claim about it that holds for that definition only.
DEFINED = "$$\\sigma(x) = x^2$$\n\n$$\\frac{d}{dx}\\sigma(x) = 2x$$\n"
OTHER = "Other notes.\n\n$$\\frac{d}{dx} x^3 = 3x^2$$\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DERIVE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def _check(*paths: Path, use_cache: bool = True) -> files.FilesReport:
    return files.check_files(
        [str(p) for p in paths], budget=Budget(seconds=20), jobs=1, use_cache=use_cache
    )


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the check reads from now on (each read is recorded, then done as before)."""
    seen: list[str] = []
    original = files.read_bounded

    def recorded(path: str, kind: str, budget: Budget) -> object:
        seen.append(Path(path).name)
        return original(path, kind, budget)

    monkeypatch.setattr(files, "read_bounded", recorded)
    return seen


def _verdicts(result: files.FilesReport) -> list[tuple[str, str]]:
    return [(c.verdict, c.statement_text) for c in result.report.claims]


def test_unchanged_notes_are_not_read_again(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notes, other = folder / "defined.md", folder / "other.md"
    notes.write_text(DEFINED)
    other.write_text(OTHER)
    first = _check(notes, other)
    reads = _reads(monkeypatch)
    again = _check(notes, other)
    assert reads == []
    assert again == first
    assert [v for v, _ in _verdicts(again)] == ["proved", "proved"]


def test_a_changed_claim_is_decided_again_and_only_its_file_is_read(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes, other = folder / "defined.md", folder / "other.md"
    notes.write_text(DEFINED)
    other.write_text(OTHER)
    _check(notes, other)
    reads = _reads(monkeypatch)
    other.write_text(OTHER.replace("3x^2", "3x"))
    result = _check(notes, other)
    assert reads == ["other.md"]
    assert [v for v, _ in _verdicts(result)] == ["proved", "refuted"]


def test_a_changed_definition_changes_the_verdict(folder: Path) -> None:
    notes = folder / "defined.md"
    notes.write_text(DEFINED)
    assert [v for v, _ in _verdicts(_check(notes))] == ["proved"]
    notes.write_text(DEFINED.replace("x^2$$", "x^3$$", 1))  # σ(x) = x³: σ' = 2x is wrong
    assert [v for v, _ in _verdicts(_check(notes))] == ["refuted"]
    notes.write_text(DEFINED)  # back as it was: the first answer again, from the cache
    assert [v for v, _ in _verdicts(_check(notes))] == ["proved"]


def test_the_same_content_under_another_name_is_read_again(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every location names the file as given: a copy is another file."""
    notes, copy = folder / "defined.md", folder / "copy.md"
    notes.write_text(DEFINED)
    copy.write_text(DEFINED)
    _check(notes)
    reads = _reads(monkeypatch)
    result = _check(copy)
    assert reads == ["copy.md"]
    assert all(location.startswith(str(copy)) for location in result.locations)


def test_without_the_cache_nothing_is_read_from_it_or_stored(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = folder / "defined.md"
    notes.write_text(DEFINED)
    _check(notes)
    reads = _reads(monkeypatch)
    _check(notes, use_cache=False)
    assert reads == ["defined.md"]
    stored = set((folder / "cache").rglob("*.json"))
    notes.write_text(OTHER)
    _check(notes, use_cache=False)
    assert set((folder / "cache").rglob("*.json")) == stored


def test_a_tampered_entry_is_read_again(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notes = folder / "defined.md"
    notes.write_text(DEFINED)
    _check(notes)
    for entry in (folder / "cache" / "file").rglob("*.json"):
        entry.write_text(entry.read_text().replace('"proved"', '"refuted"'))
    reads = _reads(monkeypatch)
    assert [v for v, _ in _verdicts(_check(notes))] == ["proved"]
    assert reads == ["defined.md"]


def test_a_file_that_is_no_regular_file_has_no_digest(folder: Path) -> None:
    assert cache.file_digest(str(folder)) is None
    assert cache.file_digest(str(folder / "missing.md")) is None
    path = folder / "notes.md"
    path.write_text(DEFINED)
    digest = cache.file_digest(str(path))
    path.write_text(DEFINED + " ")
    assert cache.file_digest(str(path)) not in (None, digest)


def test_the_command_replays_unchanged_notes_and_sees_every_edit(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``derive check FILES``: the second run of unchanged notes is answered from the cache
    (no verification at all), an edited file is checked again."""
    notes = folder / "defined.md"
    notes.write_text(DEFINED)
    args = ((str(notes),),)
    first = commands.check(*args, fmt="json", seconds=20, jobs=1)
    assert first.code == commands.OK
    calls: list[int] = []
    printed = api.printed_check

    def counted(*a: object, **k: object) -> api.Printed:
        calls.append(1)
        return printed(*a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "printed_check", counted)
    again = commands.check(*args, fmt="json", seconds=20, jobs=1)
    assert (again.text, again.code) == (first.text, first.code)
    assert calls == []
    text = commands.check(*args, fmt="text", seconds=20, jobs=1)  # another format: not replayed
    assert calls == [1] and text.text != first.text
    notes.write_text(DEFINED.replace("x^2$$", "x^3$$", 1))
    edited = commands.check(*args, fmt="json", seconds=20, jobs=1)
    assert calls == [1, 1]
    assert '"refuted"' in edited.text and edited.code == commands.UNEXPECTED
    commands.check(*args, fmt="json", seconds=20, jobs=1, use_cache=False)
    assert calls == [1, 1, 1]
