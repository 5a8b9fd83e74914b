"""``derive: …`` markers and ``--strict`` in every kind of notes: Markdown, LaTeX, MyST and a
notebook's Markdown cells.

Each document shows a slip on purpose under ``expect refuted``, hides an equation under
``skip``, and states one true derivative: the check passes (exit 0), and each verdict is the
expected one. A display equation that states a derivative and cannot be read fails ``--strict``
(exit 1) in each kind, and under ``--format github`` it is an error annotation at its line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner
from derivations.cli.main import cli

SLIP = "\\frac{d}{dx} x^2 = x"  # refuted: the 2 is dropped
HIDDEN = "\\frac{d}{dx} x^3 = x"  # refuted, but skipped by its marker
TRUE = "\\frac{d}{dx} x^2 = 2x"
UNREADABLE = "\\frac{\\partial E}{\\partial w} = \\mathfrak{Q}(w) \\star \\Xi"

MARKDOWN = f"""# Markers

A common slip drops the 2:

<!-- derive: expect refuted -->
$$
{SLIP}
$$

<!-- derive: skip -->
$$
{HIDDEN}
$$

$$
{TRUE}
$$
"""

LATEX = f"""\\section{{Markers}}
A common slip drops the 2:
% derive: expect refuted
\\begin{{equation}}
{SLIP}
\\end{{equation}}
% derive: skip
\\[
{HIDDEN}
\\]
\\[
{TRUE}
\\]
"""

MYST = f"""# Markers

<!-- derive: expect refuted -->
```{{math}}
:label: slip
{SLIP}
```

<!-- derive:skip -->
$$
{HIDDEN}
$$ (hidden)

$$
{TRUE}
$$ (true)
"""


def _notebook(*cells: str) -> str:
    v4 = nbformat.v4
    made = [v4.new_code_cell("x = 1")] + [v4.new_markdown_cell(c) for c in cells]
    return str(nbformat.writes(v4.new_notebook(cells=made)))


NOTEBOOK = _notebook(
    f"# Markers\n\nA common slip:\n\n<!-- derive: expect refuted -->\n$$\n{SLIP}\n$$\n",
    f"<!-- derive: skip -->\n$$\n{HIDDEN}\n$$\n\n$$\n{TRUE}\n$$\n",
)

KINDS = {
    "notes.md": (MARKDOWN, {"notes.md:7": "refuted", "notes.md:16": "proved"}, "notes.md:11"),
    "notes.tex": (LATEX, {"notes.tex:5": "refuted", "notes.tex:12": "proved"}, "notes.tex:8"),
    "myst.md": (MYST, {"myst.md:6": "refuted", "myst.md:15": "proved"}, "myst.md:10"),
    "book.ipynb": (
        NOTEBOOK,
        {"book.ipynb:cell 2:line 7": "refuted", "book.ipynb:cell 3:line 7": "proved"},
        "book.ipynb:cell 3:line 2",
    ),
}


def _checked(tmp_path: Path, name: str, text: str, *options: str) -> tuple[int, str]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", *options, "--format", "json", name])
    return result.exit_code, result.stdout


@pytest.mark.parametrize("name", KINDS)
def test_markers_set_the_expected_verdict_and_skip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    text, verdicts, hidden = KINDS[name]
    code, out = _checked(tmp_path, name, text, "--strict")
    assert code == 0, out
    data = json.loads(out)
    got = {c["id"]: (c["verdict"], c["expected"]) for c in data["claims"]}
    assert got == {where: (verdict, verdict) for where, verdict in verdicts.items()}
    assert [(s["location"], s["reason"]) for s in data["skipped"]] == [
        (hidden, "skipped by a derive: skip comment")
    ]
    assert data["summary"]["display_derivatives_skipped"] == 0


@pytest.mark.parametrize("name", KINDS)
def test_a_marker_that_expects_the_wrong_verdict_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    text = KINDS[name][0].replace(SLIP, TRUE, 1)
    if name.endswith(".ipynb"):  # the notebook's JSON escapes the backslashes
        text = KINDS[name][0].replace(json.dumps(SLIP)[1:-1], json.dumps(TRUE)[1:-1], 1)
    code, out = _checked(tmp_path, name, text)
    assert code == 1
    unexpected = [c for c in json.loads(out)["claims"] if c["verdict"] != c["expected"]]
    assert [(c["verdict"], c["expected"]) for c in unexpected] == [("proved", "refuted")]


UNREAD = {
    "notes.md": f"# S\n\n$$\n{UNREADABLE}\n$$\n",
    "notes.tex": f"\\section{{S}}\n\\[\n{UNREADABLE}\n\\]\n",
    "myst.md": f"# S\n\n```{{math}}\n:label: e\n{UNREADABLE}\n```\n",
    "book.ipynb": _notebook(f"# S\n\n$$\n{UNREADABLE}\n$$\n"),
}


@pytest.mark.parametrize("name", UNREAD)
def test_strict_fails_on_a_derivative_that_was_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _ = _checked(tmp_path, name, UNREAD[name])
    assert code == 0
    code, out = _checked(tmp_path, name, UNREAD[name], "--strict")
    assert code == 1
    assert json.loads(out)["summary"]["display_derivatives_skipped"] == 1
    if name.endswith(".tex"):
        marked = UNREAD[name].replace("\\[", "% derive: skip\n\\[", 1)
    elif name.endswith(".ipynb"):
        marked = _notebook(f"# S\n\n<!-- derive: skip -->\n$$\n{UNREADABLE}\n$$\n")
    else:
        marked = UNREAD[name].replace("\n\n", "\n\n<!-- derive: skip -->\n", 1)
    code, out = _checked(tmp_path, name, marked, "--strict")
    assert code == 0, out


def test_strict_github_annotates_each_derivative_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    for name, text in UNREAD.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--strict", "--format", "github", *UNREAD])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    notebook_line = 1 + next(
        n for n, t in enumerate(UNREAD["book.ipynb"].splitlines()) if "mathfrak" in t
    )
    title = "title=derive%3A not checked (--strict)"
    assert [re.sub(r"::.*", "", line[2:], count=1) for line in lines[:4]] == [
        f"error file=notes.md,line=4,{title}",
        f"error file=notes.tex,line=3,{title}",
        f"error file=myst.md,line=5,{title}",
        f"error file=book.ipynb,line={notebook_line},{title}",
    ]
    assert lines[0].endswith("::notes.md:4: a display equation that states a derivative was "
                             "not checked: unsupported command \\mathfrak")  # fmt: skip
    assert lines[-1] == (
        "derive: --strict: 4 display equations that state a derivative were not checked."
    )
    plain = CliRunner().invoke(cli, ["check", "--format", "github", *UNREAD])
    assert plain.exit_code == 0 and "not checked" not in plain.stdout


def test_a_list_of_notations_states_no_derivative_and_passes_strict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = "# N\n\nLet $f(x) = x^2$. It is written\n\n$$\\frac{df}{dx} = D_x f = f^\\prime .$$\n"
    code, out = _checked(tmp_path, "n.md", text, "--strict")
    assert code == 0, out
    data = json.loads(out)
    assert data["claims"] == []
    assert [s["reason"] for s in data["skipped"]] == [
        "equivalent notations for one derivative, not a claim about its value"
    ]
    assert data["summary"]["display_derivatives_skipped"] == 0
