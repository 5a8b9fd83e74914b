r"""Deciding that a smooth expression is identically zero.

The formulas of neural networks are built from rational operations, ``exp``
and ``log`` (sigmoid, tanh, softplus and softmax rewrite to these). Such an
expression becomes a *rational function* once every exponential and logarithm
is replaced by a fresh symbol:

1. rewrite hyperbolic and logistic functions through ``exp``;
2. split each exponential :math:`e^{\sum_k c_k m_k}` over the monomials
   :math:`m_k` of its argument, and write :math:`e^{c m} = t_m^{c d_m}` with one
   generator :math:`t_m = e^{m / d_m}` per monomial (``d_m`` clears the rational
   coefficients), so that :math:`e^{-x}`, :math:`e^{x}` and :math:`e^{2x}` are
   powers of the same :math:`t = e^{x}`;
3. write each logarithm of a rational function as a sum of logarithms of its irreducible
   factors (valid where the argument is positive, i.e. where the real logarithm is defined),
   with :math:`\log t_m = m / d_m`;
4. write every rational power :math:`B^{p/q}` of a base ``B`` free of opaque subterms as an
   integer power of one generator :math:`r_B = B^{1/d_B}` per base (``d_B`` the least common
   multiple of the denominators), remembering the relation :math:`r_B^{d_B} = B`;
   then replace every remaining non-rational subterm (a logarithm, an irrational constant,
   an unknown function) by a fresh symbol, the same subterm by the same symbol;
5. cancel the rational function and reduce its numerator modulo the relations of step 4.

If the result is 0, the expression is 0 wherever it is defined, whatever the
values of the generators: a proof. If it is not 0 the expression may still be
zero through a relation between generators this reduction does not know, so
the answer is "not shown", never "false".
"""

from __future__ import annotations

from collections import defaultdict

import sympy as sp

from derivations.symbolic.functions import to_definitions
from derivations.verifier import exact_rational


def _exp_terms(arg: sp.Expr) -> list[tuple[sp.Rational, sp.Expr]]:
    """Split ``arg`` into (rational coefficient, monomial) pairs."""
    pairs = []
    for term in sp.Add.make_args(sp.expand(arg)):
        coeff, mono = term.as_coeff_Mul()
        if not coeff.is_Rational:
            coeff, mono = sp.Integer(1), term
        pairs.append((coeff, mono))
    return pairs


def _replace_exponentials(expr: sp.Expr, logs: dict[sp.Symbol, sp.Expr]) -> sp.Expr:
    """Step 2: exponentials become integer powers of one generator per monomial.

    ``logs`` receives each generator's logarithm (``t_m -> m / d_m``).
    """
    exponentials = expr.atoms(sp.exp)
    if not exponentials:
        return expr
    denominators: dict[sp.Expr, int] = defaultdict(lambda: 1)
    for e in exponentials:
        for coeff, mono in _exp_terms(e.args[0]):
            denominators[mono] = int(sp.ilcm(denominators[mono], coeff.q))
    generators = {mono: sp.Dummy("t", positive=True) for mono in denominators}
    logs.update({t: mono / denominators[mono] for mono, t in generators.items()})

    def as_power(e: sp.exp) -> sp.Expr:
        factors = [
            generators[mono] ** int(coeff * denominators[mono])
            for coeff, mono in _exp_terms(e.args[0])
            if mono in generators
        ]
        return sp.Mul(*factors)

    replaced = expr.replace(lambda e: isinstance(e, sp.exp), as_power)
    # An exponential inside another one has new monomials: repeat until none is left.
    return _replace_exponentials(replaced, logs) if replaced.atoms(sp.exp) else replaced


def _split_logarithms(expr: sp.Expr, logs: dict[sp.Symbol, sp.Expr]) -> sp.Expr:
    r"""Step 3a: :math:`\log u = \log|c| + \sum_i k_i \log|f_i|` for ``u = c \prod f_i^{k_i}``.

    Valid wherever ``u > 0``, that is wherever the real logarithm is defined. The factors
    :math:`f_i` are irreducible polynomials in the variables and generators, normalised in
    sign, so equal factors get the same generator; the logarithm of an exponential generator
    is its exponent.
    """
    factors: dict[sp.Expr, sp.Dummy] = {}

    def log_of_factor(f: sp.Expr) -> sp.Expr:
        if f in logs:
            return logs[f]
        if f.is_Rational:
            return sp.Add(*(k * sp.log(prime) for prime, k in sp.factorint(abs(f)).items()))
        gens = sorted(f.free_symbols, key=sp.default_sort_key)
        poly = sp.Poly(f, *gens)
        _, primitive = poly.primitive()
        if primitive.LC() < 0:
            primitive = -primitive
        key = primitive.as_expr()
        return factors.setdefault(key, sp.Dummy("L"))

    def split(e: sp.log) -> sp.Expr:
        u = e.args[0]
        if (
            u.has(sp.I)
            or not u.free_symbols
            or any(_is_opaque(a) for a in sp.preorder_traversal(u))
        ):
            return e
        numerator, denominator = sp.together(u).as_numer_denom()
        total = sp.Integer(0)
        for part, sign in ((numerator, 1), (denominator, -1)):
            coeff, pieces = sp.factor_list(sp.expand(part))
            total += sign * log_of_factor(sp.Abs(coeff))
            total += sign * sp.Add(*(k * log_of_factor(f) for f, k in pieces))
        return total

    return expr.replace(lambda e: isinstance(e, sp.log), split)


def _is_opaque(e: sp.Basic) -> bool:
    if isinstance(e, sp.Pow):
        return not e.exp.is_Integer
    return bool(e.is_Function) or isinstance(e, (sp.Derivative, sp.Subs, sp.NumberSymbol))


def _replace_opaque(expr: sp.Expr) -> sp.Expr:
    """Step 3: every non-rational subterm becomes a fresh symbol, equal ones the same."""
    generators: dict[sp.Basic, sp.Dummy] = {}

    def fresh(e: sp.Basic) -> sp.Dummy:
        return generators.setdefault(e, sp.Dummy("g"))

    return expr.replace(_is_opaque, fresh)


def _replace_radicals(expr: sp.Expr) -> tuple[sp.Expr, list[tuple[sp.Dummy, sp.Expr]]]:
    r"""Step 4: :math:`B^{p/q} = r_B^{p d_B / q}`, :math:`r_B = B^{1/d_B}`, one ``r_B`` per base.

    Returns the new expression and the relations :math:`r_B^{d_B} - B` (as pairs
    ``(r_B, r_B^{d_B} - B)``). Valid for the principal branch whenever :math:`B^{p/q}` is
    defined, since :math:`(B^{1/d})^{k} = e^{(k/d)\operatorname{Log} B}` for every integer ``k``.
    """
    radicals = [
        e
        for e in expr.atoms(sp.Pow)
        if e.exp.is_Rational
        and not e.exp.is_Integer
        and not any(_is_opaque(a) for a in sp.preorder_traversal(e.base))
    ]
    if not radicals:
        return expr, []
    denominators: dict[sp.Expr, int] = defaultdict(lambda: 1)
    for e in radicals:
        denominators[e.base] = int(sp.ilcm(denominators[e.base], e.exp.q))
    # No sign assumption: the principal root of a negative base is not positive.
    roots = {base: sp.Dummy("r") for base in denominators}
    replaced = expr.xreplace(
        {e: roots[e.base] ** int(e.exp * denominators[e.base]) for e in radicals}
    )
    relations = [(r, r ** denominators[base] - base) for base, r in roots.items()]
    # A radical inside a base (a nested root) is reduced on the next pass.
    more, nested = _replace_radicals(replaced)
    return more, relations + nested


def _reduce(numerator: sp.Expr, relations: list[tuple[sp.Dummy, sp.Expr]]) -> sp.Expr:
    """``numerator`` reduced modulo each relation ``r^d - B`` (polynomial division in ``r``)."""
    for root, relation in relations:
        if numerator.has(root):
            numerator = sp.rem(sp.expand(numerator), sp.expand(relation), root)
    return sp.expand(numerator)


def _generators(expr: sp.Expr) -> tuple[sp.Expr, list[tuple[sp.Dummy, sp.Expr]]]:
    """Steps 1 to 4: ``expr`` as a rational function of its variables and fresh generators
    (not yet cancelled), with the relations of its radicals."""
    logs: dict[sp.Symbol, sp.Expr] = {}
    expr = sp.expand_log(to_definitions(expr))
    expr = _replace_exponentials(expr, logs)
    expr = _split_logarithms(expr, logs)
    expr, relations = _replace_radicals(expr)
    return _replace_opaque(expr), relations


def rational_form(expr: sp.Expr) -> sp.Expr:
    """``expr`` as a cancelled rational function of its variables and fresh generators."""
    return _cancelled(*_generators(expr))


def _cancelled(expr: sp.Expr, relations: list[tuple[sp.Dummy, sp.Expr]]) -> sp.Expr:
    form = sp.cancel(sp.together(expr))
    if not relations:
        return form
    numerator, denominator = form.as_numer_denom()
    return sp.cancel(_reduce(numerator, relations) / denominator)


def is_identically_zero(expr: sp.Expr) -> bool:
    """True when the reduction to a rational function proves ``expr == 0``.

    >>> x = sp.Symbol("x", real=True)
    >>> is_identically_zero(sp.tanh(x) - (2 / (1 + sp.exp(-2 * x)) - 1))
    True
    >>> is_identically_zero(sp.tanh(x) - x)
    False
    """
    if expr.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return False
    rational, relations = _generators(expr)
    if not relations:  # step 5 by python-flint where it is installed: the same answer, faster
        decided = exact_rational.is_zero(rational)
        if decided is not None:
            return decided
    return bool(_cancelled(rational, relations) == 0)
