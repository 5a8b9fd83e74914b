r"""Escaping plain text for the formats the templates write: LaTeX, Markdown and HTML.

Only text is escaped; mathematics is printed by :mod:`derivations.symbolic.printing`
and passed through. LaTeX text is written for pdflatex, which knows no
Unicode: Greek letters and mathematical symbols become math-mode commands, a
letter with accents (``á``, ``p̂``) the letter under TeX's accents, a subscript
or superscript letter (``ᵢ``, ``ˣ``, ``⁻``) its letter lowered or raised, a styled
letter (``ℝ``, ``𝐱``) its letter in that style, all read from Unicode's own
decompositions; only a character none of these cover prints as its code point,
so that the document always compiles. A run of Chinese characters becomes
``\derivecjk{汉字}{fallback}``: the preamble (``_preamble.tex.j2``) typesets it with the
CJK package where that is installed and prints the fallback, the code points, where it is
not, so the document is the same bytes on every machine.

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
import re
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
    "/": r"/\allowbreak{}",  # ∂L/∂w is one long word: a line may break after its slash
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
    "§": r"\S{}",
    "¶": r"\P{}",
    "°": r"$^\circ$",
    "±": r"$\pm$",
    "∓": r"$\mp$",
    "÷": r"$\div$",
    "√": r"$\surd$",
    "∞": r"$\infty$",
    "∀": r"$\forall$",
    "∃": r"$\exists$",
    "∉": r"$\notin$",
    "⊂": r"$\subset$",
    "⊆": r"$\subseteq$",
    "∪": r"$\cup$",
    "∩": r"$\cap$",
    "∫": r"$\int$",
    "∏": r"$\prod$",
    "⊙": r"$\odot$",
    "⊗": r"$\otimes$",
    "⊕": r"$\oplus$",
    "⟨": r"$\langle$",
    "⟩": r"$\rangle$",
    "←": r"$\leftarrow$",
    "↔": r"$\leftrightarrow$",
    "⇒": r"$\Rightarrow$",
    "⇔": r"$\Leftrightarrow$",
    "↦": r"$\mapsto$",
    "≪": r"$\ll$",
    "≫": r"$\gg$",
    "∝": r"$\propto$",
    "∼": r"$\sim$",
    "≃": r"$\simeq$",
    "≅": r"$\cong$",
    "¬": r"$\neg$",
    "∧": r"$\wedge$",
    "∨": r"$\vee$",
    "′": r"$'$",
    "″": r"$''$",
    "∗": r"$\ast$",
    "⋅": r"$\cdot$",
    "∥": r"$\|$",
    "∣": r"$\mid$",
    "•": r"\textbullet{}",
    "⋯": r"$\cdots$",
    "⋮": r"$\vdots$",
    "ℓ": r"$\ell$",
    "\u00a0": "~",
}

#: TeX's text accents and math accents for Unicode's combining marks.
_ACCENTS = {
    "\u0300": ("`", "grave"),
    "\u0301": ("'", "acute"),
    "\u0302": ("^", "hat"),
    "\u0303": ("~", "tilde"),
    "\u0304": ("=", "bar"),
    "\u0306": ("u", "breve"),
    "\u0307": (".", "dot"),
    "\u0308": ('"', "ddot"),
    "\u030c": ("v", "check"),
}

#: Unicode's font variants of letters (``<font>`` decompositions) as math alphabets.
_ALPHABETS = (
    ("DOUBLE-STRUCK", "mathbb"),
    ("FRAKTUR", "mathfrak"),
    ("BLACK-LETTER", "mathfrak"),
    ("SCRIPT", "mathcal"),
    ("BOLD", "mathbf"),
)


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
    return _decomposed(ch) or _named_char(ch) or _code_point(ch)


def _math(escaped: str) -> str:
    r"""Escaped text as math-mode content: ``$\beta$`` -> ``\beta``, ``x`` -> ``x``."""
    if escaped.startswith("$") and escaped.endswith("$") and escaped.count("$") == 2:
        return escaped[1:-1]
    return escaped if escaped.isascii() and escaped.isalnum() else ""


def _decomposed(ch: str) -> str:
    r"""A character Unicode decomposes, from its parts: ``á`` -> ``\'{a}``, ``ᵢ`` -> ``$_i$``,
    ``⁻`` -> ``$^-$``, ``ℝ`` -> ``$\mathbb{R}$`` (``""`` when a part has no LaTeX)."""
    tag, _, codes = unicodedata.decomposition(ch).partition(" ")
    if not tag.startswith("<"):
        codes, tag = unicodedata.decomposition(ch), ""
    if not codes:
        return ""
    parts = "".join(chr(int(code, 16)) for code in codes.split())
    if tag == "":
        return _accented(parts[0], parts[1:])
    inner = "-" if parts == "−" else _math(_tex_char(parts)) if len(parts) == 1 else ""
    if not inner:
        return ""
    script = inner if len(inner) == 1 else f"{{{inner}}}"
    if tag == "<sub>":
        return f"$_{script}$"
    if tag == "<super>":
        return f"$^{script}$"
    if tag == "<font>":
        name = unicodedata.name(ch, "")
        style = next((command for word, command in _ALPHABETS if word in name), "")
        return f"$\\{style}{{{inner}}}$" if style and parts.isalpha() else f"${inner}$"
    return ""


def _accented(base: str, marks: str) -> str:
    r"""``base`` under the combining ``marks``, innermost first: in text ``\^{p}``, on a letter
    printed as math ``$\hat{\beta}$`` (``""`` when a mark has no TeX accent)."""
    if any(mark not in _ACCENTS for mark in marks):
        return ""
    escaped = _tex_char(base)
    if base.isascii() and base.isalpha():
        for mark in marks:
            escaped = f"\\{_ACCENTS[mark][0]}{{{escaped}}}"
        return escaped
    inner = _math(escaped)
    if not inner:
        return ""
    for mark in marks:
        inner = f"\\{_ACCENTS[mark][1]}{{{inner}}}"
    return f"${inner}$"


def _named_char(ch: str) -> str:
    """A Greek letter, a subscript digit or a circled digit, by its Unicode name."""
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
    return ""


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
            parts.append("".join(_tex_cluster(cluster) for cluster in _clusters(chars)))
    return "".join(parts)


def _clusters(text: str) -> list[str]:
    """``text`` cut into characters, each with the combining marks that follow it."""
    clusters: list[str] = []
    for ch in text:
        if clusters and unicodedata.combining(ch):
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return clusters


def _tex_cluster(cluster: str) -> str:
    """A character with its combining marks (``p̂``, which has no composed form)."""
    if len(cluster) == 1:
        return _tex_char(cluster)
    return _accented(cluster[0], cluster[1:]) or "".join(_tex_char(ch) for ch in cluster)


_CODE_BREAKS = re.compile(r"(?<=[_.,=-])(?=.)")


def tex_code(text: object) -> str:
    r"""Code (an id, a file name, a point) as LaTeX text for ``\texttt``, which TeX may break
    after its separators ``_ . , = -`` and, as in any text, ``/`` (a typewriter font has no
    hyphenation).

    >>> print(tex_code("a_b.c"))
    a\_\allowbreak{}b.\allowbreak{}c
    """
    return r"\allowbreak{}".join(tex(part) for part in _CODE_BREAKS.split(str(text)))


_MARKDOWN_SPECIAL = "\\`*_[]#$"


def markdown(text: object) -> str:
    """Plain text as Markdown text: emphasis, links, headings and math delimiters escaped."""
    escaped = "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in str(text))
    return escaped.replace("<", "&lt;")


def html(text: object) -> str:
    """Plain text (or LaTeX) as HTML text."""
    return _html.escape(str(text), quote=True)
