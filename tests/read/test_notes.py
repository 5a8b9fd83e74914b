"""The notes reader: claims found at the right lines, chains split into links, skips listed."""

from __future__ import annotations

import json
from pathlib import Path

import sympy as sp
from click.testing import CliRunner
from derivations.cli.main import cli

from derivations.read.notes import _EQUALITY_PART, reads
from derivations.symbolic.functions import sigmoid

x = sp.Symbol("x", real=True)

NOTES = r"""# Notes with mistakes

Let $f(x) = x^3$.

$$
\frac{\mathrm{d}}{\mathrm{d}x} \sigma(x) = \sigma(x)\left(1 - \sigma(x)\right)
$$

$$
\begin{aligned}
\frac{d}{dx} e^{2x} &= 2e^{2x} \\
&= e^{2x} \cdot 2 \\
&= e^{x}
\end{aligned}
$$

So $f'(x) = 3x^2$ and $\frac{df}{dx} = 2x^2$.

$$
\frac{\partial}{\partial x} (x y) = y \cdot \ln e
$$

$$
\frac{\partial L}{\partial o_i} = \sum_k o_k
$$

```python
$$ \frac{d}{dx} x = 7 $$
```
"""


def test_claims_and_lines() -> None:
    reading = reads(NOTES, "n.md")
    assert [c.location for c in reading.claims] == [
        "n.md:6",
        "n.md:11",
        "n.md:12",
        "n.md:13",
        "n.md:17",
        "n.md:17",
        "n.md:20",
        "n.md:24",  # L undefined: stood in for by any function of o (skipped unless proved)
    ]
    assert reading.claims[-1].claim.arbitrary == ("L",)
    first = reading.claims[0].claim
    assert first.lhs == sp.Derivative(sigmoid(x), x)
    assert first.rhs == sigmoid(x) * (1 - sigmoid(x))


def test_code_is_not_math_and_skips_have_reasons() -> None:
    reading = reads(NOTES, "n.md")
    assert reading.skipped == []  # the claim about the undefined L is decided, then skipped
    assert reading.display == {"checked": 4}


def test_sigma_defined_by_the_document_is_its_definition() -> None:
    reading = reads("$$\\sigma(x) = x^2$$\n$$\\frac{d}{dx}\\sigma(x) = 2x$$\n", "s.md")
    assert reading.claims[0].claim.lhs == sp.Derivative(x**2, x)


def test_unreadable_is_never_guessed() -> None:
    for math, reason in [
        (r"\frac{d}{dx} g(x) = 1", "g(…) but the document does not define g"),
        (r"\frac{d}{dx} \foo{x} = 1", r"unsupported command \foo"),
        (r"\frac{d}{dx} x^{12} = 1", None),
        (r"\frac{d}{dx} x^12 = 1", "ambiguous superscript"),
        (r"\frac{d}{dx} \sigma + 1 = 1", "used without an argument"),
        (r"\frac{d}{dx} \sigma = 1", None),  # the standard σ, noted in the claim's reading
    ]:
        reading = reads(f"$$ {math} $$\n", "u.md")
        if reason is None:
            assert reading.claims, math
        else:
            assert reason in reading.skipped[0].reason, math


def test_cli_reports_mistakes_at_their_lines_in_json(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(NOTES)
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json", "--seconds", "20"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    verdicts = {c["location"].rsplit(":", 1)[1]: c["verdict"] for c in data["claims"]}
    assert verdicts["6"] == "proved"
    assert verdicts["11"] == "proved"
    assert verdicts["12"] == "proved"
    assert verdicts["13"] == "refuted"
    assert [c["verdict"] for c in data["claims"] if c["location"].endswith(":17")] == [
        "proved",
        "refuted",
    ]
    assert verdicts["20"] == "proved"
    refuted = [c for c in data["claims"] if c["verdict"] == "refuted"]
    assert all(c["counterexample"]["point"] for c in refuted)
    assert data["summary"]["skipped"] == 1
    assert data["skipped"] == [
        {
            "location": f"{path}:24",
            "reason": "L: not defined in the document, read as any function; the claim does "
            "not hold for every such function, so nothing is certain about the one the author "
            "means",
            "display": True,
        }
    ]
    assert data["summary"]["display_skipped"] == 1


def test_tex_files_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "n.tex"
    path.write_text(
        "% $$ \\frac{d}{dx} x = 5 $$\n\\begin{align}\n\\frac{d}{dx} x^2 &= 2x\n\\end{align}\n"
    )
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{path}:3" in result.output


ACTIVATIONS = r"""# Activations (after seeds 002, 003 and 004)

$$
\operatorname{ReLU}(x) = \operatorname{max}(0, x)
$$

$$
\frac{d}{dx}\operatorname{ReLU} =
\begin{cases}
1 & x \ge 0 \\\\
0 & x < 0
\end{cases}
$$

$$
\operatorname{LeakyReLU}=
\begin{cases}
x & x \ge 0 \\\\
px & x < 0
\end{cases}
$$

$$
\frac{d}{dx}\operatorname{LeakyReLU}=
\begin{cases}
1 & x \ge 0 \\\\
p & p < 0
\end{cases}
$$

$$
f(x) = \max(0, x)
$$

$$
f'(x) = \begin{cases}
0 & \text{if } x < 0 \\
1 & \text{if } x > 0 \\
\text{undefined} & \text{if } x = 0
\end{cases}
$$

$$
\frac{d}{dx}\operatorname{ReLU} = \begin{cases} 0 & x > 0 \\ 1 & \text{otherwise} \end{cases}
$$

$$
\begin{aligned}
\frac{d}{dx} \sigma(x)
&= \frac{e^{-x}}{(1 + e^{-x})^2} \\
&= \sigma(1-\sigma)
\end{aligned}
$$

$$
\frac{d}{dx} \sigma(2x) = 2\sigma(1-\sigma)
$$
"""


def test_cases_and_function_names_are_read() -> None:
    reading = reads(ACTIVATIONS, "a.md")
    claims = {c.location: c.claim for c in reading.claims}
    assert list(claims) == ["a.md:8", "a.md:24", "a.md:36", "a.md:44", "a.md:50", "a.md:51"]
    assert claims["a.md:8"].lhs == sp.Derivative(sp.Max(0, x), x)
    assert claims["a.md:8"].rhs == sp.Piecewise((1, x >= 0), (0, True))
    p = sp.Symbol("p", real=True)
    assert claims["a.md:24"].lhs == sp.Derivative(sp.Piecewise((x, x >= 0), (p * x, True)), x)
    assert "cases 1 and 2 both apply" in claims["a.md:24"].sources[0].reading
    assert claims["a.md:36"].rhs == sp.Piecewise((0, x < 0), (1, x > 0))
    assert claims["a.md:51"].rhs == sigmoid(x) * (1 - sigmoid(x))
    assert "sigma without an argument read as sigma(x)" in claims["a.md:51"].sources[0].reading
    # outside a chain that differentiates σ(x), a bare σ is not read
    assert [(s.location, s.reason) for s in reading.skipped] == [
        ("a.md:56", "the function sigma is used without an argument"),
    ]
    assert reading.definitions == ["a.md:4: ReLU(x)", "a.md:16: LeakyReLU", "a.md:32: f(x)"]


def test_cases_claims_are_verified(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(ACTIVATIONS)
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json", "--seconds", "20"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    verdicts = {c["location"].rsplit(":", 1)[1]: c for c in data["claims"]}
    assert {k: c["verdict"] for k, c in verdicts.items()} == {
        "8": "proved",
        "24": "refuted",  # eq. (6) of seed 004
        "36": "proved",
        "44": "refuted",  # the cases of ReLU' swapped
        "50": "proved",
        "51": "proved",
    }
    # where no case applies (x < 0, p >= 0) or both do with different values (x >= 0, p < 0)
    point = {k: sp.Rational(v) for k, v in verdicts["24"]["counterexample"]["point"].items()}
    assert (point["x"] < 0) == (point["p"] >= 0)
    assert verdicts["24"]["counterexample"]["rhs"] == "undefined"
    assert verdicts["44"]["counterexample"]["point"]


BINARY = r"""For a binary classifier

$$
\begin{aligned}
\text{div}(\hat{y},y) &= -y\log \hat{y} - (1-y)\log (1 - \hat{y}) \\
\frac{\mathrm{d}~\text{div}(\hat{y}, y)}{\mathrm{d} \hat{y}} &=
	\begin{cases}
		-\frac{1}{\hat{y}} &\text{if}~ y=1 \\
		\frac{1}{\hat{y}} &\text{if}~ y=0
	\end{cases}
\end{aligned}
$$

$$
\frac{\mathrm{d}~\text{div}(\hat{y}, y)}{\mathrm{d} \hat{y}} =
2\begin{cases} 1 & y = 1 \\ 0 & y = 0 \end{cases}
$$
"""


def test_cases_on_values_are_claims_under_conditions(tmp_path: Path) -> None:
    reading = reads(BINARY, "b.md")
    assert [(c.location, c.claim.title) for c in reading.claims] == [
        ("b.md:6", "line 6 (when y = 1)"),
        ("b.md:6", "line 6 (when y = 0)"),
    ]
    assert [(s.location, s.reason) for s in reading.skipped] == [
        ("b.md:15", _EQUALITY_PART),
    ]
    path = tmp_path / "b.md"
    path.write_text(BINARY)
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json", "--seconds", "20"])
    data = json.loads(result.output)
    assert [c["verdict"] for c in data["claims"]] == ["proved", "refuted"]  # 1/(1 - ŷ) at y = 0
    assert data["claims"][1]["counterexample"]["point"]


HOSTILE_CASES = (
    r"\frac{d}{dx} x = " + r"\begin{cases}" * 50 + "x" + r"\end{cases}" * 50,
    r"\frac{d}{dx} x = \begin{cases} " + r"1 & x > 0 \\ " * 9 + r"\end{cases}",
    r"\frac{d}{dx} x = \begin{cases} x^{9^{9^{9}}} & x > 0 \end{cases}",
    r"\frac{d}{dx} x = \begin{cases} 1 & x > 99^{1/387420489} \end{cases}",
    r"\frac{d}{dx} x = \begin{cases} 1 & \text{__import__('os').system('id')} \end{cases}",
    r"\frac{d}{dx} x = \begin{cases} 1 & \text{if } \input{/etc/passwd} > 0 \end{cases}",
    r"\frac{d}{dx} \text{__class__}(x) = 1",
    r"\frac{d}{dx} \text{eval}(x) = 1",
    r"\frac{d}{dx} x = \begin{cases} 1 & x > 0",
    r"\frac{d}{dx} x = \end{cases}",
    r"\frac{d}{dx} x = "
    + " + ".join(rf"\begin{{cases}} 1 & x > {k}y \\ 0 & x < y \end{{cases}}" for k in range(8)),
)


def test_hostile_cases_are_skipped_with_a_reason() -> None:
    for text in HOSTILE_CASES:
        reading = reads(f"$$\n{text}\n$$\n", "h.md")
        assert sum(reading.display.values()) == 1, text
        assert reading.skipped or reading.claims, text
        assert all(s.reason for s in reading.skipped), text
