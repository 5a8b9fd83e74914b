r"""Escaping plain text for the formats the templates write: LaTeX, Markdown and HTML.

Only text is escaped; mathematics is printed by :mod:`derivations.symbolic.printing`
and passed through. LaTeX text is written for pdflatex, which knows no
Unicode: Greek letters and mathematical symbols become math-mode commands,
other characters outside ASCII their code point, so that the document always
compiles. A run of Chinese characters becomes ``\derivecjk{汉字}{fallback}``: the
preamble (``_preamble.tex.j2``) typesets it with the CJK package where that is
installed and prints the fallback, the code points, where it is not, so the
document is the same bytes on every machine.

>>> tex("σ' = σ(1 − σ) for x ≥ 0, 50% & more")
"$\\sigma$' = $\\sigma$(1 -- $\\sigma$) for x $\\geq$ 0, 50\\% \\& more"
>>> print(tex("Vector 写法"))
Vector \derivecjk{写法}{\texttt{[U+5199]}\texttt{[U+6CD5]}}
>>> markdown("a_s * b")
'a\\_s \\* b'
"""

from __future__ import annotations

import html as _html
import itertools
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
    return _code_point(ch)


def _code_point(ch: str) -> str:
    return rf"\texttt{{[U+{ord(ch):04X}]}}"


#: The blocks of Chinese text: CJK punctuation, the unified ideographs, full-width forms.
_CJK_BLOCKS = (("\u3000", "\u303f"), ("\u4e00", "\u9fff"), ("\uff00", "\uffef"))


def _chinese(ch: str) -> bool:
    """A Chinese character or punctuation mark of GB 2312, the set the preamble's font covers."""
    if not any(low <= ch <= high for low, high in _CJK_BLOCKS):
        return False
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def tex(text: object) -> str:
    """Plain text as LaTeX text that pdflatex accepts (composed first: y + U+0302 is ŷ)."""
    parts = []
    for chinese, run in itertools.groupby(unicodedata.normalize("NFC", str(text)), key=_chinese):
        chars = "".join(run)
        if chinese:
            fallback = "".join(_code_point(ch) for ch in chars)
            parts.append(rf"\derivecjk{{{chars}}}{{{fallback}}}")
        else:
            parts.append("".join(_tex_char(ch) for ch in chars))
    return "".join(parts)


_MARKDOWN_SPECIAL = "\\`*_[]#$"


def markdown(text: object) -> str:
    """Plain text as Markdown text: emphasis, links, headings and math delimiters escaped."""
    escaped = "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in str(text))
    return escaped.replace("<", "&lt;")


def html(text: object) -> str:
    """Plain text (or LaTeX) as HTML text."""
    return _html.escape(str(text), quote=True)
