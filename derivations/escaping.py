r"""Escaping plain text for the formats the templates write: LaTeX, Markdown and HTML.

Only text is escaped; mathematics is printed by :mod:`derivations.printing`
and passed through. LaTeX text is written for pdflatex, which knows no
Unicode: Greek letters and mathematical symbols become math-mode commands,
other characters outside ASCII their code point, so that the document always
compiles.

>>> tex("σ' = σ(1 − σ) for x ≥ 0, 50% & more")
"$\\sigma$' = $\\sigma$(1 -- $\\sigma$) for x $\\geq$ 0, 50\\% \\& more"
>>> markdown("a_s * b")
'a\\_s \\* b'
"""

from __future__ import annotations

import html as _html
import unicodedata

_TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}

_TEX_UNICODE = {
    "−": "--",
    "–": "--",
    "—": "---",
    "’": "'",
    "‘": "`",
    "“": "``",
    "”": "''",
    "·": r"$\cdot$",
    "×": r"$\times$",
    "≠": r"$\neq$",
    "≥": r"$\geq$",
    "≤": r"$\leq$",
    "→": r"$\to$",
    "∂": r"$\partial$",
    "∇": r"$\nabla$",
    "∑": r"$\sum$",
    "Σ": r"$\Sigma$",
    "‖": r"$\|$",
    "ᵀ": r"$^\top$",
    "²": r"$^2$",
    "³": r"$^3$",
    "ŷ": r"$\hat{y}$",
    "𝕀": r"$\mathbb{I}$",
    "∈": r"$\in$",
    "≈": r"$\approx$",
    "…": r"\ldots{}",
    "✓": r"$\checkmark$",
    "✗": r"$\times$",
    "θ": r"$\theta$",
    "½": r"$\frac{1}{2}$",
    "∘": r"$\circ$",
    "≡": r"$\equiv$",
    "𝓛": r"$\mathcal{L}$",
    "ℒ": r"$\mathcal{L}$",
}


#: Unicode's names for Greek letters that differ from LaTeX's, and letters LaTeX writes in Latin.
_GREEK_NAMES = {"lamda": "lambda", "final sigma": "varsigma"}
_CAPITALS_WITH_COMMANDS = {
    "Gamma",
    "Delta",
    "Theta",
    "Lambda",
    "Xi",
    "Pi",
    "Sigma",
    "Upsilon",
    "Phi",
    "Psi",
    "Omega",
}
_LATIN_LOOKALIKES = {
    "alpha": "A",
    "beta": "B",
    "epsilon": "E",
    "zeta": "Z",
    "eta": "H",
    "iota": "I",
    "kappa": "K",
    "mu": "M",
    "nu": "N",
    "omicron": "O",
    "rho": "P",
    "tau": "T",
    "chi": "X",
}


def _greek(name: str) -> str:
    """A Greek letter's Unicode name as LaTeX math (``GREEK SMALL LETTER LAMDA`` -> λ)."""
    small = name.startswith("GREEK SMALL LETTER ")
    letter = name.removeprefix("GREEK SMALL LETTER ").removeprefix("GREEK CAPITAL LETTER ").lower()
    if " " in letter and letter not in _GREEK_NAMES:
        return ""  # a letter with a diacritic or a variant form: no plain command
    letter = _GREEK_NAMES.get(letter, letter)
    if small:
        return "$o$" if letter == "omicron" else rf"$\{letter}$"
    if letter.capitalize() in _CAPITALS_WITH_COMMANDS:
        return rf"$\{letter.capitalize()}$"
    return f"${_LATIN_LOOKALIKES.get(letter, letter.capitalize())}$"


def _tex_char(ch: str) -> str:
    if ch in _TEX_SPECIAL:
        return _TEX_SPECIAL[ch]
    if ord(ch) < 128:
        return ch
    if ch in _TEX_UNICODE:
        return _TEX_UNICODE[ch]
    name = unicodedata.name(ch, "")
    if name.startswith(("GREEK SMALL LETTER ", "GREEK CAPITAL LETTER ")):
        greek = _greek(name)
        if greek:
            return greek
    if name.startswith("SUBSCRIPT "):
        digit = unicodedata.digit(ch, None)
        if digit is not None:
            return f"$_{digit}$"
    if name.startswith("CIRCLED DIGIT "):
        return rf"\textcircled{{{unicodedata.digit(ch)}}}"
    return rf"\texttt{{[U+{ord(ch):04X}]}}"


def tex(text: object) -> str:
    """Plain text as LaTeX text that pdflatex accepts (composed first: y + U+0302 is ŷ)."""
    return "".join(_tex_char(ch) for ch in unicodedata.normalize("NFC", str(text)))


_MARKDOWN_SPECIAL = "\\`*_[]#$"


def markdown(text: object) -> str:
    """Plain text as Markdown text: emphasis, links, headings and math delimiters escaped."""
    escaped = "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in str(text))
    return escaped.replace("<", "&lt;")


def html(text: object) -> str:
    """Plain text (or LaTeX) as HTML text."""
    return _html.escape(str(text), quote=True)
