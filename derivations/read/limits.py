"""Bounds on what the parsers accept, checked before any SymPy object is built.

SymPy can spend unbounded time *constructing* an expression (``99**(1/387420489)``
searches for an exact root, ``9**9**9`` multiplies out a huge integer), so the
parsers refuse such input before they hand it to SymPy. Whatever slips through
is still bounded by the killable child process of :mod:`derivations.checking.budget`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """The largest input the parsers accept.

    ``max_bits`` bounds every exact rational the parser computes (numerator and
    denominator), also a power of a number before it is computed (``9^9^9`` is refused);
    ``max_root`` bounds the denominator of a rational exponent (``x^(1/3)`` is a cube root).
    A power of an expression costs what expanding it would: its degree (the exponent times
    the base's degree) is bounded by ``max_degree`` and its number of terms (at most
    C(n + t − 1, t − 1) for a base of t terms to the n) by ``max_terms``; ``(x - a)^6000`` has
    degree 6000 and 6001 terms, ``x^(9^9)`` is refused.
    """

    max_length: int = 2000
    max_nodes: int = 400
    max_depth: int = 40
    max_digits: int = 30
    max_bits: int = 256
    max_degree: int = 10_000
    max_terms: int = 100_000
    max_root: int = 12
    max_arguments: int = 16


DEFAULT = Limits()
