"""Math the prose does not assert: exercises in their usual wordings and options of a question
are skipped with their stance (a false alarm is worse than a skip). Math the prose calls wrong
("A common slip drops the 2:", "… which is wrong.") is a claim expected refuted, as if marked
``derive: expect refuted``; an explicit marker wins over the prose."""

from __future__ import annotations

import pytest
import sympy as sp

from derivations.read import document

WRONG = "$$ f'(x) = 5x $$"


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        (f"Decide whether each statement holds:\n\n{WRONG}", document.EXERCISE),
        ("Determine whether $f'(x) = 5x$.", document.EXERCISE),
        (f"Find the error in the following derivation:\n\n{WRONG}", document.EXERCISE),
        (f"Spot the mistake:\n\n{WRONG}", document.EXERCISE),
        ("判断下式是否正确：\n\n" + WRONG, document.EXERCISE),
        (f"## Try it yourself\n\n{WRONG}", document.EXERCISE),
        (f"## Check your understanding\n\n{WRONG}", document.EXERCISE),
        (f"## Practice problems\n\n{WRONG}", document.EXERCISE),
        (f"## Self-check\n\n{WRONG}", document.EXERCISE),
        (f"Which of the following is correct?\n\n(a) {WRONG}", document.ASKED),
        (f"The following is false:\n\n{WRONG}", document.SHOWN_WRONG),
        (f"It is not true that\n\n{WRONG}", document.SHOWN_WRONG),
        (f"A tempting but wrong shortcut keeps one term:\n\n{WRONG}", document.SHOWN_WRONG),
        (f"Forgetting the bias gives a wrong gradient:\n\n{WRONG}", document.SHOWN_WRONG),
        (f"People sometimes confuse the two and write\n\n{WRONG}", document.SHOWN_WRONG),
        # the sentence leading into the display holds inline math
        (
            f"A common error treats $b$ like a weight with input $x$:\n\n{WRONG}",
            document.SHOWN_WRONG,
        ),
        (f"To avoid any confusion, we write\n\n{WRONG}", ""),
        (f"The bias $b$ is not a weight, and so\n\n{WRONG}", ""),
        (f"A common mistake is to write\n\n{WRONG}", document.SHOWN_WRONG),
        (f"Students often write\n\n{WRONG}\n\nwhich is wrong.", document.SHOWN_WRONG),
        (f"Forgetting the 2 gives the wrong\n\n{WRONG}", document.SHOWN_WRONG),
        (f"We get\n\n{WRONG}\n\nThis is incorrect: the 2 is lost.", document.SHOWN_WRONG),
        ("这是错误的写法：\n\n" + WRONG, document.SHOWN_WRONG),
        # asserted: the words are near but do not call this math wrong or ask for it
        (f"The correct derivative is\n\n{WRONG}", ""),
        (f"It is not hard to see that\n\n{WRONG}", ""),
        (f"We decide to differentiate:\n\n{WRONG}\n\nwhich is what we wanted.", ""),
        (f"## Practice makes perfect\n\n{WRONG}", ""),
        (f"## Questions of scale\n\n{WRONG}", ""),
        (f"A common mistake is avoided below.\n\n{WRONG}", ""),
        (f"It is a common mistake to think this is hard; in fact\n\n{WRONG}", ""),
    ],
)
def test_the_stance_of_math_by_its_prose(text: str, stance: str) -> None:
    block = document.markdown(text, "s.md").blocks[-1]
    if stance == document.SHOWN_WRONG:  # a claim, expected refuted
        assert (block.stance, block.marker, block.called_wrong) == ("", "expect refuted", True)
    else:
        assert (block.stance, block.called_wrong) == (stance, False), text
        assert block.marker == ""


def test_every_option_of_a_multiple_choice_question_is_asked() -> None:
    text = (
        "Which of the following is correct?\n\n(a) $$ f'(x) = 5x $$\n\n"
        "(b) $$ f'(x) = 2x $$\n\nc) $$ f'(x) = x $$\n\nNow the answer.\n\n$$ f'(x) = 2x $$\n"
    )
    stances = [b.stance for b in document.markdown(text, "m.md").blocks]
    assert stances == [document.ASKED, document.ASKED, document.ASKED, ""]


def test_an_explicit_marker_wins_over_the_prose() -> None:
    text = "A common slip drops the 2:\n\n<!-- derive: expect proved -->\n$$ f'(x) = x $$\n"
    (block,) = document.markdown(text, "m.md").blocks
    assert (block.marker, block.stance, block.called_wrong) == ("expect proved", "", False)
    tex = "The following is false:\n% derive: skip\n\\[ f'(x) = x \\]\n"
    (block,) = document.tex(tex, "m.tex").blocks
    assert (block.marker, block.called_wrong) == ("skip", False)


def test_math_the_prose_calls_wrong_is_verified_and_expected_refuted() -> None:
    from derivations.read.notes import reads
    from derivations.verifier.claim import verify

    text = (
        "Let $f(x) = x^2$.\n\nA common slip drops the 2:\n\n$$f'(x) = x$$\n\n"
        "Students also write $$f'(x) = 2x$$ which is wrong.\n"
    )
    slip, right = (c.claim for c in reads(text, "w.md").claims)
    assert slip.expected.value == right.expected.value == "refuted"
    assert "the prose around it calls it wrong" in slip.sources[0].reading
    assert verify(slip).verdict.value == "refuted"  # as expected: the check passes
    assert verify(right).verdict.value == "proved"  # reported: the prose calls a true claim wrong


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("Then $f'(x) = 1$ for $x > 0$.", "x > 0"),
        ("For $x > 0$ we have\n\n$$ f'(x) = 1 $$\n", "x > 0"),
        ("When $x < 0$, $f'(x) = -1$.", "x < 0"),
        ("$$ f'(x) = 1 $$\n\nholds whenever $x \\geq 0$.", "x \\geq 0"),
        ("It is $f'(x) = 1/x$ for $x \\neq 0$.", "x \\neq 0"),
        # not a condition of this math
        ("$$ f'(x) = 2x $$\n\nFor $x > 0$ we have\n\n$$ g'(x) = 1 $$\n", ""),
        ("Then $f'(x) = 2x$. For $x > 0$ the slope is positive.", ""),
        ("Then $f'(x) = 2x$ and $x > 0$ is the domain.", ""),
        ("Then $f'(x) = 2x$ for $x > y$.", ""),
    ],
)
def test_the_sign_condition_a_sentence_states(text: str, condition: str) -> None:
    blocks = document.markdown(text, "c.md").blocks
    claim = next(b for b in blocks if "f'" in b.text)
    assert claim.condition == condition


def test_a_sign_condition_is_applied_to_the_claim() -> None:
    from derivations.read.notes import reads
    from derivations.verifier.claim import verify

    text = (
        "Let $f(x) = |x|$.\n\nThen $f'(x) = 1$ for $x > 0$,\n"
        "and $\\frac{d}{dx} x|x| = 2x$ for $x < 0$.\n\n"
        "When $x \\leq 0$, $\\frac{d}{dx} x|x| = -2x$.\n"
        "Also $\\frac{d}{dx} \\ln|x| = 1/x$ for $x \\neq 0$.\n"
    )
    reading = reads(text, "a.md")
    results = [(c.claim.title, verify(c.claim)) for c in reading.claims]
    assert [(title, r.verdict.value) for title, r in results] == [
        ("line 3 (when x > 0)", "proved"),
        ("line 4 (when x < 0)", "refuted"),
        ("line 6 (when x < 0)", "proved"),  # x ≤ 0, checked on its open part
    ]
    counterexample = results[1][1].counterexample
    assert counterexample is not None
    (name, value), *_ = counterexample.point  # where the sentence says: -x > 0
    assert name == "-x" and sp.Rational(value) > 0
    assert [s.reason for s in reading.skipped if "condition" in s.reason] == [
        "stated for x \\neq 0, a condition the reader does not apply"
    ]


@pytest.mark.parametrize(
    ("math", "kept", "condition"),
    [
        (r"\frac{d}{dx} |x| = -1 \quad \text{for } x < 0", r"\frac{d}{dx} |x| = -1 ", "x < 0"),
        (r"\frac{d}{dx} \max(0, x) = 1, \qquad x > 0.", r"\frac{d}{dx} \max(0, x) = 1", "x > 0"),
        (r"f'(x) = 1 \text{ if } x > 0", "f'(x) = 1", "x > 0"),
        (r"g'(x) = 1 \quad (x \geq 0)", "g'(x) = 1 ", r"x \geq 0"),
        # no condition: no separator, or rows of an environment
        (r"f'(x) = x > 0", r"f'(x) = x > 0", ""),
        (r"f'(x) = 1 \\ g'(x) = 2, x > 0", r"f'(x) = 1 \\ g'(x) = 2, x > 0", ""),
    ],
)
def test_a_condition_written_at_the_end_of_the_math(math: str, kept: str, condition: str) -> None:
    (block,) = document.markdown(f"$${math}$$\n", "t.md").blocks
    assert (block.text, block.condition) == (kept, condition)


def test_a_trailing_condition_is_applied() -> None:
    from derivations.read.notes import reads
    from derivations.verifier.claim import verify

    text = (
        "$$\\frac{d}{dx} |x| = -1 \\quad \\text{for } x < 0$$\n\n"
        "$$\\frac{d}{dx} |x| = 1, \\quad x < 0$$\n"
    )
    verdicts = [verify(c.claim).verdict.value for c in reads(text, "t.md").claims]
    assert verdicts == ["proved", "refuted"]


def test_a_condition_with_an_integer_bound() -> None:
    from derivations.read.notes import reads
    from derivations.verifier.claim import verify

    text = (
        "Then $\\frac{d}{dx} |x - 1| = 1$ for $x > 1$, and $\\frac{d}{dx} |x - 1| = -1$ "
        "for $x < 1$.\n\n$$\\frac{d}{dx} |x + 2| = 1, \\quad x > -2$$\n\n"
        "$$\\frac{d}{dx} (x - 3)|x - 3| = 2x$$ holds for $x > 3$.\n"
    )
    claims = [c.claim for c in reads(text, "b.md").claims]
    results = [verify(c) for c in claims]
    assert [c.title for c in claims] == [
        "line 1 (when x > 1)",
        "line 1 (when x < 1)",
        "line 3 (when x > -2)",
        "line 5 (when x > 3)",
    ]
    assert [r.verdict.value for r in results] == ["proved", "proved", "proved", "refuted"]
    point = results[3].counterexample.point if results[3].counterexample else ()
    assert [name for name, _ in point] == ["x - 3"]  # (x - 3)|x - 3|' = 2(x - 3), not 2x
