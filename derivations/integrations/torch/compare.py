r"""``derive crosscheck``: the catalog's formulas against PyTorch's implementations.

For every catalog formula that PyTorch implements (a :class:`Counterpart` of
:mod:`derivations.integrations.torch.counterparts`), the forward value and the autograd
gradient that PyTorch computes in float64 are compared with
the catalog's symbolic definition and closed-form derivative (``Formula.derivative``, which
``derive check`` proves), evaluated at the same float64 inputs with mpmath at 400 significant
digits, so the reference carries no round-off of its own (1 + e^{-700} and 1 + 10^{-300} keep
80 digits past the 1). At least 1000 points a formula (and a parameter value): uniform and
log-uniform samples, the kinks (exactly 0, ties) and large magnitudes (±20, ±30, ±700 for
activations and logits; 1e-50 and 1 − 1e-12 for probabilities).

A value passes when PyTorch's ``t`` and the reference ``r`` satisfy

.. math:: |t - r| \le \mathrm{RTOL}\,|r| + \mathrm{ATOL},
          \qquad \mathrm{RTOL} = 10^{-12},\ \mathrm{ATOL} = 10^{-15}

RTOL is about 4500 units in the last place, far above the round-off of a few operations and
far below a wrong factor or term. ATOL is a few units in the last place of 1: PyTorch computes
some derivatives from the outputs of order 1, such as σ'(x) = σ(x)(1 − σ(x)) at x = 20, where
1 − σ(x) keeps an absolute error of 1e-16 and so a relative one of 1e-8; that is round-off of
the order-1 quantities, not a disagreement. Two kinds of point are reported instead of failed:

* *kinks*, where the derivative does not exist (ReLU at 0, a tie of maxout): PyTorch's
  gradient there is a convention; it is listed beside the one-sided derivatives and the
  conventions the catalog records;
* *documented conventions* of PyTorch that change values on purpose (softplus returns x
  above ``threshold = 20``; binary cross-entropy clamps the log at −100): the points inside
  the region are listed with their largest error.

Formulas PyTorch has no exact counterpart for are listed with the reason (the hinge loss:
``hinge_embedding_loss`` is a different function). Torch is optional
(``pip install ".[torch]"``); without it :func:`crosscheck` raises :class:`TorchMissing`.
"""

from __future__ import annotations

import json
import math
import random
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import mpmath
import sympy as sp

from derivations import catalog
from derivations.catalog.sources import titled
from derivations.errors import DeriveError
from derivations.integrations.torch.counterparts import COUNTERPARTS, UNMAPPED, Counterpart
from derivations.integrations.torch.inputs import Point
from derivations.symbolic.functions import sigmoid, softmax, softplus
from derivations.symbolic.printing import text

RTOL = 1e-12
ATOL = 1e-15
#: Digits of the reference: enough that 1 + 1e-300 and 1 + e^-700 keep 80 digits beyond the 1.
DIGITS = 400
POINTS = 1000
SEED = 20261121


class TorchMissing(DeriveError):
    """PyTorch is not installed."""


def import_torch() -> Any:
    """``torch``, imported without its warning about a missing NumPy (we pass no arrays)."""
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Failed to initialize NumPy")
            import torch  # optional heavy dependency: torch, imported when used
    except ImportError:
        raise TorchMissing(
            'PyTorch is not installed: pip install "derive-nn[torch]" '
            "(tested with torch 2.13.0, CPU)"
        ) from None
    return torch


# --- the reference ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """The catalog's definition and derivative as mpmath functions of (variables, parameters)."""

    value: Callable[..., Any]
    gradient: list[list[Callable[..., Any]]]
    derivative_text: str
    shape: tuple[int, int]
    variables: tuple[str, ...] = ()


def reference(name: str, claim: str = "", wrt: Sequence[str] = ()) -> Reference:
    """Lambdify a catalog formula's definition and closed-form derivative for mpmath.

    The expressions are the catalog's own (no user text). The gradient is an
    ``outputs × variables`` array; a kink's Heaviside step becomes NaN at the step, since the
    derivative does not exist there. With ``claim`` (the id of a claim the catalog expects to
    be proved), the gradient is that claim's right side, by the symbols named ``wrt`` (row by
    row for a matrix), and those symbols are the variables; the formula's other symbols follow
    as parameters in their order.
    """
    formula = catalog.CATALOG[name]
    args = [*formula.variables, *formula.parameters]
    variables = tuple(formula.variables)
    definition = formula.definition
    derivative = formula.derivative
    if claim:
        (chosen,) = [c for c in formula.claims if c.id == claim]
        assert chosen.expected.value == "proved", claim
        variables = tuple(next(a for a in args if str(a) == w) for w in wrt)
        args = [*variables, *(a for a in args if a not in variables)]
        derivative = sp.Matrix(chosen.rhs).reshape(1, len(variables)).T
    assert derivative is not None, name

    def numeric(expr: Any) -> Callable[..., Any]:
        # Only the catalog's own functions become exp: mpmath has tanh, and tanh's exp form
        # would cancel catastrophically near 0.
        expr = expr.rewrite([sigmoid, softplus, softmax], sp.exp).replace(
            sp.Heaviside, lambda a, *_: sp.Piecewise((0, a < 0), (1, a > 0), (sp.nan, True))
        )
        return sp.lambdify(args, expr, modules="mpmath")

    k = len(variables)
    if isinstance(definition, sp.MatrixBase):
        value = numeric(definition)
        matrix = sp.Matrix(derivative)
        outputs = definition.rows
    else:
        value = numeric(definition)
        matrix = sp.Matrix(derivative).reshape(1, k) if k > 1 else sp.Matrix([[derivative]])
        outputs = 1
    gradient = [[numeric(matrix[i, j]) for j in range(k)] for i in range(outputs)]
    return Reference(
        value, gradient, text(derivative), (outputs, k), tuple(str(v) for v in variables)
    )


# --- the comparison -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Errors:
    """The largest absolute and relative errors over the compared values, and where;
    ``abs_at`` and ``rel_at`` are |reference| where each of the two was reached, and
    ``abs_allowed`` and ``rel_allowed`` the absolute error the tolerance allows there
    (``RTOL``·|reference| + the absolute bound, which grows with the inputs' scale): a large
    absolute error of a huge value and a large relative error of a value near 0 both agree."""

    values: int = 0
    max_abs: float = 0.0
    max_rel: float = 0.0
    failures: int = 0
    worst: str = ""
    abs_at: float = 0.0
    rel_at: float = 0.0
    abs_allowed: float = 0.0
    rel_allowed: float = 0.0


@dataclass
class _Tally:
    values: int = 0
    max_abs: float = 0.0
    max_rel: float = 0.0
    failures: int = 0
    worst: str = ""
    worst_err: float = -1.0
    abs_at: float = 0.0
    rel_at: float = 0.0
    abs_allowed: float = 0.0
    rel_allowed: float = 0.0

    def add(self, got: float, want: Any, where: str, atol: float = ATOL) -> None:
        self.values += 1
        if mpmath.isnan(want):
            return
        if math.isnan(got) or math.isinf(got):
            same = math.isinf(got) and mpmath.isinf(want) and (got > 0) == (want > 0)
            err = rel = 0.0 if same else math.inf
            bad = not same
        else:
            diff = abs(mpmath.mpf(got) - want)
            err = float(diff)
            rel = float(diff / abs(want)) if want != 0 else (0.0 if diff == 0 else math.inf)
            bad = diff > RTOL * abs(want) + atol
        magnitude = float(abs(want))
        allowed = RTOL * magnitude + atol
        if err > self.max_abs:
            self.max_abs, self.abs_at, self.abs_allowed = err, magnitude, allowed
        if rel > self.max_rel:
            self.max_rel, self.rel_at, self.rel_allowed = rel, magnitude, allowed
        shown = f"{where}: torch {got!r}, catalog {mpmath.nstr(want, 17)}"
        if bad:
            self.failures += 1
            if self.failures == 1:
                self.worst = shown  # the first failure, kept
        elif self.failures == 0 and rel > self.worst_err:
            self.worst_err, self.worst = rel, shown

    def done(self) -> Errors:
        return Errors(
            self.values,
            self.max_abs,
            self.max_rel,
            self.failures,
            self.worst,
            self.abs_at,
            self.rel_at,
            self.abs_allowed,
            self.rel_allowed,
        )


@dataclass(frozen=True)
class KinkValue:
    """PyTorch's gradient at kinks beside the catalog's one-sided derivatives there.

    ``count`` kinks gave the same values; ``example`` is the first of them.
    """

    derivative: str
    torch: str
    left: str
    right: str
    example: str
    count: int


@dataclass(frozen=True)
class RegionReport:
    """A documented convention of PyTorch and how far its values go from the formula there."""

    text: str
    points: int
    forward: Errors
    gradient: Errors
    kind: str = "convention"


@dataclass(frozen=True)
class Comparison:
    """One formula against its PyTorch counterpart."""

    formula: str
    torch: str
    constant: float | None
    points: int
    forward: Errors
    gradient: Errors
    kinks: tuple[KinkValue, ...]
    kink_text: str
    regions: tuple[RegionReport, ...]
    conventions: tuple[str, ...]
    constant_name: str = "α"
    note: str = ""
    claim: str = ""

    @property
    def ok(self) -> bool:
        return self.forward.failures == 0 and self.gradient.failures == 0


@dataclass(frozen=True)
class CrossCheck:
    comparisons: tuple[Comparison, ...]
    unmapped: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    torch_version: str = ""

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.comparisons)


def _fmt(v: Point) -> str:
    return "(" + ", ".join(repr(x) for x in v) + ")"


def _torch_values(
    torch: Any, part: Counterpart, v: Point, p: Point, c: float
) -> tuple[list[float], list[list[float]]]:
    """PyTorch's forward values and gradient (outputs × variables) at one point."""
    var = torch.tensor(v, dtype=torch.float64, requires_grad=True)
    par = torch.tensor(p, dtype=torch.float64)
    out = part.call(torch, var, par, c).reshape(-1)
    values = [float(o) for o in out.detach()]
    rows = []
    for i in range(out.numel()):
        (grad,) = torch.autograd.grad(
            out[i], var, retain_graph=i + 1 < out.numel(), allow_unused=True
        )
        rows.append([0.0] * len(v) if grad is None else [float(g) for g in grad.reshape(-1)])
    return values, rows


def _digits(v: Point, p: Point, c: float) -> int:
    """Digits enough for this point: exponentials of arguments up to ``M`` lose ``M/ln 10``."""
    scale = max([1.0, abs(c), *(abs(x) for x in p)])
    return DIGITS + math.ceil(sum(abs(x) for x in v) * scale / math.log(10))


def _at(f: Callable[..., Any], args: list[Any]) -> Any:
    """``f(*args)``, or NaN where the catalog's expression divides by zero (undefined there:
    cosine similarity of a zero vector); such a point is compared nowhere but counted."""
    try:
        return f(*args)
    except ZeroDivisionError:
        return mpmath.nan


def _one_sided(ref: Reference, args: list[Any], i: int, j: int, side: int) -> str:
    """The catalog's derivative just beside a kink: variable ``j`` moved by ``side``·1e-100."""
    moved = list(args)
    moved[j] += side * mpmath.mpf(10) ** -100
    return str(mpmath.nstr(ref.gradient[i][j](*moved), 6))


@dataclass
class _Tallies:
    forward: _Tally = field(default_factory=_Tally)
    gradient: _Tally = field(default_factory=_Tally)
    points: int = 0


def compare(
    part: Counterpart, *, constant: float | None = None, seed: int = SEED, count: int = POINTS
) -> Comparison:
    """Forward values and gradients of ``part`` at ``count`` or more points."""
    torch = import_torch()
    ref = reference(part.formula, part.claim, part.wrt)
    formula = catalog.CATALOG[part.formula]
    rng = random.Random(f"{seed}:{part.formula}:{constant}")
    points = part.points(rng, count)
    main = _Tallies()
    regions = [_Tallies() for _ in part.regions]
    kinks: dict[tuple[str, str, str, str], tuple[str, int]] = {}
    c = constant if constant is not None else 0.0
    for v in points:
        p = part.parameters(rng, v) if part.parameters else ()
        tv, tg = _torch_values(torch, part, v, p, c)
        where = _fmt(v) + (f" with {_fmt(p)}" if p else "")
        inside = [k for k, r in enumerate(part.regions) if r.contains(v, p, c)]
        tally = regions[inside[0]] if inside else main
        tally.points += 1
        with mpmath.workdps(_digits(v, p, c)):
            args = [mpmath.mpf(x) for x in (*v, *p, *((c,) if constant is not None else ()))]
            scale = part.gradient_scale(v, p, c) if part.gradient_scale else 1.0
            forward_scale = part.forward_scale(v, p, c) if part.forward_scale else 1.0
            want = _at(ref.value, args)
            if ref.shape[0] == 1 or want is mpmath.nan:
                wants = [want] * ref.shape[0]
            else:
                wants = [want[i] for i in range(ref.shape[0])]
            for got, w in zip(tv, wants, strict=True):
                tally.forward.add(got, w, where, ATOL * max(1.0, forward_scale))
            for i in range(ref.shape[0]):
                for j in range(ref.shape[1]):
                    if not part.kink(v):
                        grad = _at(ref.gradient[i][j], args)
                        tally.gradient.add(tg[i][j], grad, where, ATOL * max(1.0, scale))
                        continue
                    left, right = (_one_sided(ref, args, i, j, side) for side in (-1, 1))
                    if tg[i][j] == 0 and left == right:
                        continue
                    label = f"∂/∂{ref.variables[j]}"
                    if ref.shape[0] > 1:
                        label += f" of output {i + 1}"
                    key = (label, repr(tg[i][j]), left, right)
                    first, seen = kinks.get(key, (where, 0))
                    kinks[key] = (first, seen + 1)
    return Comparison(
        part.formula,
        part.torch,
        constant,
        len(points),
        main.forward.done(),
        main.gradient.done(),
        tuple(
            KinkValue(label, value, left, right, first, seen)
            for (label, value, left, right), (first, seen) in kinks.items()
        ),
        part.kink_text,
        tuple(
            RegionReport(r.text, t.points, t.forward.done(), t.gradient.done(), r.kind)
            for r, t in zip(part.regions, regions, strict=True)
        ),
        tuple(
            f"{conv.point}: derivative {conv.value}"
            + (f" ({', '.join(titled(u) for u in conv.used_by)})" if conv.used_by else "")
            for conv in formula.conventions
        ),
        part.constant_name,
        part.note,
        part.claim,
    )


def crosscheck(
    names: Sequence[str] = (),
    *,
    count: int = POINTS,
    progress: Callable[[int, int], None] | None = None,
) -> CrossCheck:
    """Compare every counterpart (or those of ``names``) with PyTorch;
    ``progress(done, total)`` before the first comparison and after each."""
    torch = import_torch()
    parts = [p for p in COUNTERPARTS if not names or p.formula in names]
    tasks = [(part, constant) for part in parts for constant in part.constants or (None,)]
    comparisons = []
    for done, (part, constant) in enumerate(tasks):
        if progress is not None:
            progress(done, len(tasks))
        comparisons.append(compare(part, constant=constant, count=count))
    if progress is not None:
        progress(len(tasks), len(tasks))
    unmapped = tuple((n, r) for n, r in UNMAPPED.items() if not names or n in names)
    return CrossCheck(tuple(comparisons), unmapped, str(torch.__version__))


def to_json(result: CrossCheck) -> str:
    """The cross-check as JSON (errors as floats, in the order of the comparisons)."""

    def errors(e: Errors) -> dict[str, Any]:
        return {
            "values": e.values,
            "max_abs": e.max_abs,
            "max_rel": e.max_rel,
            "failures": e.failures,
            "worst": e.worst,
        }

    data = {
        "torch": result.torch_version,
        "rtol": RTOL,
        "atol": ATOL,
        "comparisons": [
            {
                "formula": c.formula,
                "torch": c.torch,
                "constant": c.constant,
                "constant_name": c.constant_name,
                "claim": c.claim,
                "points": c.points,
                "ok": c.ok,
                "forward": errors(c.forward),
                "gradient": errors(c.gradient),
                "kinks": [vars(k) for k in c.kinks],
                "regions": [
                    {
                        "text": r.text,
                        "kind": r.kind,
                        "points": r.points,
                        "forward": errors(r.forward),
                        "gradient": errors(r.gradient),
                    }
                    for r in c.regions
                ],
                "conventions": list(c.conventions),
                "note": c.note,
            }
            for c in result.comparisons
        ],
        "unmapped": [{"formula": n, "reason": r} for n, r in result.unmapped],
        "ok": result.ok,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
