"""derive: a symbolic derivative verifier for the formulas of neural networks.

The public API (see :mod:`derivations.library`):

- :func:`lookup` — a catalog formula by name or alias;
- :func:`differentiate` — the verified derivative of an expression given as text;
- :func:`verify` — whether a claimed derivative is right (with a counterexample if not);
- :func:`check` — the verdicts of a formula's claims, or of the whole catalog;
- :func:`sheet` — a formula with its derivative and verdicts, as Markdown or LaTeX;
- :func:`text` and :func:`latex` — print an expression as the tool does.

Results show themselves in Jupyter as rendered math. The packages, from the bottom floor up:
:mod:`derivations.model` (the data), :mod:`derivations.symbolic`, :mod:`derivations.catalog`
(the formulas and claims), :mod:`derivations.read` (user input), :mod:`derivations.verifier`
(the decision procedure), :mod:`derivations.derive` (derivations),
:mod:`derivations.checking` (claims run under budgets, reports), :mod:`derivations.render`,
:mod:`derivations.integrations`; README's "How the code is organised" has the map.

Importing the package is cheap: the names above are loaded on first use (PEP 562), so
``derive --help`` and ``pytest`` (which loads the plugin) do not import SymPy.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "lookup": "derivations.library",
    "differentiate": "derivations.library",
    "verify": "derivations.library",
    "check": "derivations.library",
    "sheet": "derivations.library",
    "text": "derivations.symbolic.printing",
    "latex": "derivations.symbolic.printing",
    "Formula": "derivations.model",
    "Claim": "derivations.model",
    "Result": "derivations.model",
    "Verdict": "derivations.model",
    "Report": "derivations.checking.report",
    "Answer": "derivations.checking.answer",
    "Sheet": "derivations.integrations.notebook",
    "DeriveError": "derivations.errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'derivations' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
