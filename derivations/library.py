r"""The public API of :mod:`derivations`, for programs and notebooks.

Five functions: :func:`lookup` a catalog formula, :func:`differentiate` an expression,
:func:`verify` a claimed derivative, :func:`check` the claims of a formula (or of the
whole catalog), and :func:`sheet`, a formula with its derivative and the verdict of every
claim, rendered as Markdown or LaTeX. Expressions are text in the tool's whitelisted
syntax (``x^2*sigmoid(x)``), never evaluated. Each verification runs in a child process
killed at its budget of CPU time (``seconds``), so a call returns; an undecided claim
is ``unknown`` with the reason. The results, the formula :func:`lookup` gives included, show
themselves in Jupyter as rendered math (``_repr_html_``, ``_repr_markdown_`` and
``_repr_latex_``, registered by :mod:`derivations.integrations.notebook`); their plain text is
one short line.

Each function imports what it calls when it is called: ``import derivations`` and the lookup
of these names stay cheap (no SymPy), which ``derive --help`` and pytest (which loads the
plugin) rely on.

>>> import derivations
>>> derivations.lookup("logistic").name
'sigmoid'
>>> answer = derivations.differentiate("x^2*sigmoid(x)")
>>> answer.verdict
'proved'
>>> print(derivations.text(answer.derivative))
x*σ(x)*(2 + x*(1 - σ(x)))
>>> wrong = derivations.verify("x^3", "3*x")
>>> wrong.verdict, wrong.report.claims[0].correction_text
('refuted', '3*x^2')
>>> derivations.check("sigmoid").ok
True
>>> derivations.sheet("tanh").markdown().splitlines()[0]
'### Hyperbolic tangent (`tanh`)'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from derivations.checking.answer import Answer
    from derivations.checking.report import Report
    from derivations.integrations.notebook import Sheet
    from derivations.model import Formula


def lookup(name: str) -> Formula:
    """The catalog formula called ``name`` or one of its aliases.

    An unknown name raises :class:`derivations.errors.UnknownFormulaError` with close
    matches.
    """
    from derivations.catalog import lookup as find  # deferred: see the module doc
    from derivations.integrations import notebook  # noqa: F401  # deferred: registers the display

    return find(name)


def differentiate(expression: str, *, wrt: str | None = None, seconds: float = 30.0) -> Answer:
    r"""The derivative of ``expression`` by ``wrt`` (default: its only variable), verified.

    ``answer.derivative`` is the SymPy expression in the notes' own terms
    (:math:`\sigma' = \sigma(1 - \sigma)`); ``answer.verdict`` is ``"proved"`` once the
    verifier has checked it against the definition, ``"unknown"`` past the budget.

    Like ``derive EXPR``, the whole answer (differentiation, the derivation step by step, the
    printing of the report) is computed in a killable worker within twice ``seconds`` of CPU
    time, each verification in a worker of its own within ``seconds``. Only the expression is
    parsed in this process (the parser's own limits bound it); past the budget the answer has
    no derivative and no claim report, ``answer.reason`` says why.
    """
    from derivations.api import bounded_answer  # deferred: see the module doc
    from derivations.integrations import notebook  # noqa: F401  # deferred: registers the display

    return bounded_answer(expression, wrt=wrt, seconds=seconds)


def verify(
    expression: str, derivative: str, *, wrt: str | None = None, seconds: float = 30.0
) -> Answer:
    """Whether ``derivative`` is the derivative of ``expression`` by ``wrt``.

    ``answer.verdict`` is ``"proved"``, ``"refuted"`` (then ``answer.report.claims[0]``
    carries an exact counterexample and the verified correction) or ``"unknown"``; bounded
    like :func:`differentiate` (past the budget ``answer.report`` has no claim).
    """
    from derivations.api import bounded_answer  # deferred: see the module doc
    from derivations.integrations import notebook  # noqa: F401  # deferred: registers the display

    return bounded_answer(expression, wrt=wrt, claim=derivative, seconds=seconds)


def check(name: str | None = None, *, seconds: float = 30.0, jobs: int = 2) -> Report:
    """Verify every claim of the formula ``name``, or of the whole catalog when it is None.

    ``report.ok`` is true when every verdict is the one the catalog records.
    """
    from derivations.api import check_catalog, check_formula  # deferred: see the module doc
    from derivations.integrations import notebook  # noqa: F401  # deferred: registers the display

    if name is None:
        return check_catalog(seconds=seconds, jobs=jobs)
    return check_formula(name, seconds=seconds, jobs=jobs)


def sheet(name: str, *, seconds: float = 30.0, jobs: int = 2) -> Sheet:
    """Formula ``name`` with its derivative and every claim's verdict, to render.

    ``sheet.markdown()`` and ``sheet.latex()`` give the text; in Jupyter the sheet shows
    itself as rendered math.
    """
    from derivations.integrations.notebook import Sheet  # deferred: see the module doc

    formula = lookup(name)
    return Sheet(formula, check(formula.name, seconds=seconds, jobs=jobs))
