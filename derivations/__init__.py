"""derive: a symbolic derivative verifier for the formulas of neural networks.

The public API: look up a formula in the catalog, verify a claim, check the
whole catalog. Submodules: :mod:`derivations.catalog` (the formulas and
claims), :mod:`derivations.verifier` (the decision procedure),
:mod:`derivations.report` (results as values and JSON).
"""

from __future__ import annotations

__version__ = "0.1.0"
