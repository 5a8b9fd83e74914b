r"""The document stage: math blocks with their lines, sections, tags, stances and markers; and the
claims the notes reader makes of them, checked against the verdicts recorded here.

The corpus (``tests/data/notes/document/``) was written for these tests: each notation comes as a
true and a false claim, and the verdict of every claim is recorded below, so that a claim read
where it should not be (a comment, code, a question) or not read where it should be (a quote, an
admonition, a table) changes the recorded list.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner
from derivations.cli.main import cli

from derivations.checking.files import check_files
from derivations.read import document
from derivations.read.latex import tokenize
from derivations.read.notes import read_file, reads

CORPUS = Path(__file__).resolve().parent.parent / "data" / "notes" / "document"

# Every claim of the corpus: its line and the verdict the verifier must reach. A line listed in
# MARKED carries ``derive: expect refuted`` or prose that calls it wrong (its claim is expected
# to be refuted).
VERDICTS = {
    "mathjax.md": {
        8: "proved",  # "If we differentiate, we get" asserts f'(x) = 3x^2 (f from "Let")
        28: "proved",  # in a block quote: (x e^x)' = (x + 1) e^x
        32: "refuted",  # in a block quote: (x e^x)' = x e^x
        38: "proved",  # in an admonition: (sin x²)' = 2x cos x²
        42: "refuted",  # in an admonition: (sin x²)' = cos x²
        60: "proved",  # the answer to a question is asserted
        67: "proved",  # "When x > 0, …": the hypothesis is skipped, its consequence asserted
        73: "refuted",  # marked: expect refuted
        83: "proved",  # marked: expect proved
        89: "proved",  # \tag{7}
        93: "refuted",  # \tag{8}
        100: "proved",  # table row: softplus' = σ
        101: "refuted",  # table row: (z²)' = z
        102: "proved",  # table row: (z³)' = 3 g(z) / z with g(z) = z³
    },
    "book.md": {
        9: "proved",  # {math} with :label:
        16: "refuted",
        20: "proved",  # $$ … $$ (label)
        24: "refuted",
    },
    "notes.tex": {
        7: "proved",  # \tag{1}
        11: "refuted",  # \tag{2}, after "and a wrong version of it:" (expected refuted)
        15: "refuted",  # % derive: expect refuted
    },
}
MARKED = {("mathjax.md", 73), ("notes.tex", 11), ("notes.tex", 15)}
SKIPPED = {
    "mathjax.md": [
        (47, document.ASKED),
        (49, document.ASKED),
        (53, document.ASKED),
        (65, document.SUPPOSITION),
        (77, document.MARKER_SKIP),
        (106, document.EXERCISE),
    ],
    "book.md": [(34, document.EXERCISE)],
    "notes.tex": [(17, document.MARKER_SKIP), (20, document.EXERCISE), (22, document.SUPPOSITION)],
}


def _line(location: str) -> int:
    return int(location.rsplit(":", 1)[1])


# --- the document stage alone -----------------------------------------------------------


def test_comments_and_code_are_never_read() -> None:
    blocks = document.markdown((CORPUS / "mathjax.md").read_text(), "m.md").blocks
    texts = " ".join(b.text for b in blocks)
    for wrong in ("5x", "7x", "9x", "11x"):  # in an HTML comment, inline comment, fence, indent
        assert wrong not in texts


def test_indented_code_is_code_but_an_admonition_body_is_markdown() -> None:
    text = "Text.\n\n    $$ \\frac{d}{dx} x = 2 $$\n\n!!! tip\n\n    $$ \\frac{d}{dx} x = 1 $$\n"
    blocks = document.markdown(text, "a.md").blocks
    assert [(b.line, b.text.strip()) for b in blocks] == [(7, r"\frac{d}{dx} x = 1")]


def test_nested_admonitions_and_lists_are_read() -> None:
    text = (
        '??? note "Outer"\n\n    -   Item\n\n        $$\n        f(x) = x^2\n        $$\n\n'
        "    !!! warning\n\n        $$\n        f'(x) = 2x\n        $$\n"
    )
    blocks = document.markdown(text, "n.md").blocks
    assert [b.line for b in blocks] == [5, 11]


def test_sections_tags_and_the_prose_before() -> None:
    text = (
        "# Losses\n\n## Squared error\n\nDifferentiating the loss gives\n\n"
        "$$ \\frac{d}{dx} x^2 = 2x \\tag{3} $$\n\n# Activations\n\n$$ f(x) = x $$ (identity)\n"
    )
    first, second = document.markdown("---\ntitle: $x$\n---\n" + text, "s.md").blocks
    assert first.section == ("Losses", "Squared error")
    assert first.before == "Differentiating the loss gives"
    assert first.tag == "3"
    assert (first.line, first.location, first.display) == (10, "s.md:10", True)
    assert second.section == ("Activations",)
    assert second.tag == "identity"


def test_questions_exercises_and_suppositions_have_a_stance() -> None:
    cases = {
        "What does it mean that $f'(x) = 0$?": document.ASKED,
        "Is the following true?\n\n$$ f'(x) = 2x $$": document.ASKED,
        "True or false: $f'(x) = 2x$.": document.EXERCISE,
        "**Exercise 2.** Compute $f'(x) = 2x$.": document.EXERCISE,
        "练习：$f'(x) = 2x$": document.EXERCISE,
        "Prove that\n\n$$ f'(x) = 2x $$": document.EXERCISE,
        "Suppose $f'(x) = 2x$.": document.SUPPOSITION,
        "Let $f(x) = x^2$.": document.SUPPOSITION,
        "假设 $f'(x) = 2x$。": document.SUPPOSITION,
        "## Exercises\n\n$$ f'(x) = 2x $$": document.EXERCISE,
        # asserted, although a hypothesis word or a question is near
        "If we differentiate, we get\n\n$$ f'(x) = 2x $$": "",
        "If $x > 0$ then $f'(x) = 1$.": "",
        "Why does it hold?\n\n$$ f'(x) = 2x $$": "",
        "Does it hold?\n\n$$ f'(x) = 2x $$": document.ASKED,
        "What is the derivative?\n\n$$ f'(x) = 2x $$": "",
        "## The vanishing gradient problem\n\n$$ f'(x) = 2x $$": "",
        "Problems arise when $f'(x) = 0$.": "",
        "设计中 $f'(x) = 2x$。": "",
    }
    for text, stance in cases.items():
        blocks = document.markdown(text, "q.md").blocks
        assert blocks[-1].stance == stance, text


def test_markers_apply_to_the_next_display_block() -> None:
    text = "<!-- derive: expect refuted -->\nSee $x$ and\n\n$$ a = b $$\n\n$$ c = d $$\n"
    blocks = document.markdown(text, "m.md").blocks
    assert [(b.text.strip(), b.marker) for b in blocks] == [
        ("x", ""),
        ("a = b", "expect refuted"),
        ("c = d", ""),
    ]
    assert document.markdown("<!-- just a comment -->\n$$ a = b $$\n").blocks[0].marker == ""


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        ("# T\n\n<!-- derive: expect wrong -->\n$$ a $$\n", "markdown", "m.x:3: unknown derive"),
        ("\\section{S}\n% derive: ignore\n\\[ a \\]\n", "tex", "m.x:2: unknown derive marker"),
    ],
)
def test_an_unknown_marker_is_an_input_error_naming_the_line(
    text: str, kind: str, message: str
) -> None:
    with pytest.raises(document.DocumentError, match=message):
        document.parse(text, "m.x", kind)


def test_a_table_is_read_only_when_its_header_is_certain() -> None:
    unsure = "| Name | Value | Note |\n| --- | --- | --- |\n| a | $z^2$ | $2z$ |\n"
    assert all(not b.pinned for b in document.markdown(unsure).blocks)
    words = "| Name | Function | Derivative |\n| --- | --- | --- |\n| sq | $x^2$ | $2x$ |\n"
    (row,) = document.markdown(words, "t.md").blocks
    assert row.pinned and row.location == "t.md:3"
    assert row.text == r"\frac{d}{dx}\left(x^2\right) = 2x"
    two = "| Function | Derivative |\n| --- | --- |\n| $x z$ | $z$ |\n"
    assert document.markdown(two).blocks[0].stance  # neither z nor x alone: not certain


def test_latex_sections_and_exercise_environments() -> None:
    blocks = document.tex((CORPUS / "notes.tex").read_text(), "n.tex").blocks
    assert [(b.line, b.section, b.tag, b.marker, b.stance) for b in blocks] == [
        (6, ("Softplus",), "1", "", ""),
        (10, ("Softplus",), "2", "expect refuted", ""),  # "a wrong version of it:"
        (15, ("Softplus", "Marked"), "", "expect refuted", ""),
        (17, ("Softplus", "Marked"), "", "skip", ""),
        (20, ("Softplus", "Marked"), "", "", document.EXERCISE),
        (22, ("Softplus", "Marked"), "", "", document.SUPPOSITION),
    ]


def _notebook() -> str:
    v4 = nbformat.v4
    book = v4.new_notebook(
        cells=[
            v4.new_markdown_cell("# Gradients\n\nThe square:\n\n$$\\frac{d}{dx} x^2 = 2x$$"),
            v4.new_code_cell("# $$\\frac{d}{dx} x = 5$$\nprint(1)"),
            v4.new_markdown_cell(
                "## Cubes\n\n<!-- derive: expect refuted -->\n$$\n\\frac{d}{dx} x^3 = x^2\n$$"
            ),
            v4.new_markdown_cell("$$\n\\frac{d}{dx} x^3 = 3x\n$$"),
        ]
    )
    return str(nbformat.writes(book))


def test_notebook_markdown_cells_with_cell_and_line() -> None:
    blocks = document.notebook(_notebook(), "nb.ipynb").blocks
    assert [(b.location, b.section, b.marker) for b in blocks] == [
        ("nb.ipynb:cell 1:line 5", ("Gradients",), ""),
        ("nb.ipynb:cell 3:line 4", ("Gradients", "Cubes"), "expect refuted"),
        ("nb.ipynb:cell 4:line 1", ("Gradients", "Cubes"), ""),
    ]


def test_not_a_notebook_is_one_clear_error() -> None:
    for text in ("{", "[]", '{"cells": 3}'):
        with pytest.raises(document.DocumentError, match=r"x\.ipynb: not a Jupyter notebook"):
            document.notebook(text, "x.ipynb")


# --- claims and verdicts -----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(VERDICTS))
def test_corpus_claims_and_skips_are_found(name: str) -> None:
    reading = read_file(CORPUS / name)
    assert [_line(c.location) for c in reading.claims] == list(VERDICTS[name])
    assert [(_line(s.location), s.reason) for s in reading.skipped] == SKIPPED[name]
    for located in reading.claims:
        marked = (name, _line(located.location)) in MARKED
        assert located.claim.expected.value == ("refuted" if marked else "proved")


@pytest.mark.parametrize("name", sorted(VERDICTS))
def test_corpus_verdicts(name: str) -> None:
    result = check_files([str(CORPUS / name)])
    located = zip(result.report.claims, result.locations, strict=True)
    verdicts = {_line(where): c.verdict for c, where in located}
    assert verdicts == VERDICTS[name]
    for claim, where in zip(result.report.claims, result.locations, strict=True):
        if (name, _line(where)) in MARKED:
            assert claim.verdict == claim.expected == "refuted"


def test_tags_name_the_equation_in_the_title_and_source() -> None:
    reading = read_file(CORPUS / "notes.tex")
    first = reading.claims[0].claim
    assert first.title == "line 7, eq. (1)"
    assert first.sources[0].location == "line 7, eq. (1)"


def test_notebook_verdicts_through_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "nb.ipynb"
    path.write_text(_notebook())
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json"])
    data = json.loads(result.output)
    assert [(c["location"], c["verdict"], c["expected"]) for c in data["claims"]] == [
        (f"{path}:cell 1:line 5", "proved", "proved"),
        (f"{path}:cell 3:line 5", "refuted", "refuted"),
        (f"{path}:cell 4:line 2", "refuted", "proved"),
    ]
    assert result.exit_code == 1


STRICT = "# Loss\n\n$$\n\\frac{\\partial L}{\\partial w} = 2w\n$$\n"


def test_strict_fails_when_a_derivative_equation_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "s.md"
    path.write_text(STRICT)
    lenient = CliRunner().invoke(cli, ["check", str(path)])
    assert lenient.exit_code == 0, lenient.output
    assert "1 display equations that state a derivative were skipped." in lenient.output
    strict = CliRunner().invoke(cli, ["check", "--strict", str(path)])
    assert strict.exit_code == 1, strict.output
    assert "(--strict: the check fails)" in strict.output
    path.write_text(STRICT.replace("$$\n\\frac", "<!-- derive: skip -->\n$$\n\\frac", 1))
    marked = CliRunner().invoke(cli, ["check", "--strict", str(path), "--format", "json"])
    assert marked.exit_code == 0, marked.output
    assert json.loads(marked.output)["summary"]["display_derivatives_skipped"] == 0


def test_a_supposition_still_defines_its_names() -> None:
    reading = reads("Let $g(x) = x^3$.\n\n$$ \\frac{d}{dx} g(x) = 3x^2 $$\n", "d.md")
    assert [c.location for c in reading.claims] == ["d.md:3"]
    assert reading.definitions == ["d.md:1: g(x)"]


def test_an_unknown_marker_through_the_cli_is_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "u.md"
    path.write_text("<!-- derive: expect maybe -->\n$$ a = b $$\n")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    assert f"{path}:1: unknown derive marker 'expect maybe'" in result.output


IMPLIED = r"""# Chain rule

For $l = f(y), y = g(z) \Rightarrow l = f(g(z))$,

$$
\frac{\mathrm{d} l}{\mathrm{d} z} = \frac{\mathrm{d} l}{\mathrm{d} y}\frac{dy}{dz}
$$

Hence $u(x) = x^2 \Rightarrow u'(x) = 2x$, and $v(x) = x^3 \implies v'(x) = 2x^2$.
"""


def test_what_follows_an_implication_arrow_is_a_consequence_not_a_definition(
    tmp_path: Path,
) -> None:
    # l = f(g(z)) after ⇒ restates l through its premises: read as a definition it would
    # replace l = f(y), and dl/dy would not be read; a derivative after ⇒ is still a claim
    path = tmp_path / "implied.md"
    path.write_text(IMPLIED)
    result = check_files([str(path)])
    located = zip(result.report.claims, result.locations, strict=True)
    assert [(_line(w), c.verdict) for c, w in located] == [
        (6, "proved"),
        (9, "proved"),
        (9, "refuted"),
    ]
    assert not result.skipped


def test_gates_consequences_after_arrows_and_spacing(tmp_path: Path) -> None:
    # gates.md: statements cut at \hspace, consequences after → and ⇒, >= and <= typed as two
    # characters, ∂g/∂u of a function of two parameters, a premise about a derivative
    result = check_files([str(CORPUS / "gates.md")], use_cache=False)
    located = zip(result.report.claims, result.locations, strict=True)
    assert [(_line(w), c.verdict) for c, w in located] == [
        (8, "proved"),  # ∂(uv)/∂u = v
        (8, "proved"),  # ∂(uv)/∂v = u
        (14, "proved"),  # ∂(u + v)/∂u = 1
        (14, "refuted"),  # ∂(u + v)/∂v = v
        (20, "proved"),  # ∂max(u, v)/∂u = 1(u ≥ v)
        (26, "refuted"),  # ∂max(u, v)/∂u = 1(u ≤ v)
        (33, "proved"),  # the logistic gate after a row break and an arrow
        (33, "proved"),
    ]
    assert [_line(s.location) for s in result.skipped] == [37, 37]  # the premise g'(u) = 0
    assert result.summary()["display_derivatives_skipped"] == 0


SLOPES = r"""# Slopes at an argument and slashed derivatives

Let $E = \frac{1}{2}(o - t)^2$ and $o = w x$. Then $\partial E / \partial o = o - t$ and
$\partial E / \partial w = (o - t) x$, but not $\partial E / \partial w = o - t$.

$$
\frac{\partial}{\partial z_j} \sigma(2 z_j) = 2\sigma'(2 z_j)
$$

$$
\frac{d}{dx} \tanh(2x) = 2\tanh'(2x)
$$

$$
\frac{d}{dx} \tanh(2x) = \tanh'(2x)
$$
"""


def test_a_known_function_primed_at_an_expression_and_a_slashed_derivative(
    tmp_path: Path,
) -> None:
    path = tmp_path / "slopes.md"
    path.write_text(SLOPES)
    result = check_files([str(path)], use_cache=False)
    located = zip(result.report.claims, result.locations, strict=True)
    assert [(_line(w), c.verdict) for c, w in located] == [
        (3, "proved"),  # ∂E/∂o = o - t, written with a slash
        (4, "proved"),
        (4, "refuted"),  # the factor x dropped
        (7, "proved"),  # σ'(2 z_j) is the slope of σ at 2 z_j
        (11, "proved"),
        (15, "refuted"),  # the inner derivative 2 dropped
    ]


def test_a_quantitys_derivative_before_a_parenthesis(tmp_path: Path) -> None:
    # dy/du (2x) in a chain rule is a product, not y' at u = 2x (a false alarm once); not
    # certain, it is passed over; dE/dh (1 - h^2) holds h, so it is a product; df/dx(2) of a
    # function is its value at 2
    path = tmp_path / "chain.md"
    path.write_text(
        "Let $y = u^2$ and $u = x^2$. Then\n\n"
        "$$\n\\frac{dy}{dx} = \\frac{dy}{du}(2x) = 2u(2x) = 4x^3\n$$\n\n"
        "Let $f(x) = x^3$. Then $\\frac{df}{dx}(2) = 12$ and $\\frac{df}{dx}(2) = 13$.\n"
    )
    result = check_files([str(path)], use_cache=False)
    located = zip(result.report.claims, result.locations, strict=True)
    assert [(_line(w), c.verdict) for c, w in located] == [
        (4, "proved"),
        (4, "proved"),
        (7, "proved"),
        (7, "refuted"),
    ]
    assert "Not certain" in result.skipped[0].reason


def test_a_slashed_derivative_with_an_unclosed_group_ends() -> None:
    # \partial \hat{y / …: the group never closes; reading it once looped forever
    assert tokenize(r"\partial \hat{y / \partial x")[0].text == "partial"
