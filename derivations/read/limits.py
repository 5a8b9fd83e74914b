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
    denominator); ``max_exponent`` bounds a numeric exponent and ``max_root`` the
    denominator of a rational exponent (``x^(1/3)`` is a cube root).
    """

    max_length: int = 2000
    max_nodes: int = 400
    max_depth: int = 40
    max_digits: int = 30
    max_bits: int = 256
    max_exponent: int = 100
    max_root: int = 12
    max_arguments: int = 16


DEFAULT = Limits()
