"""The differentiation rules: dispatch, values, and the explicit no-rule step."""

from __future__ import annotations

import sympy as sp

from derivations.derive import rules
from derivations.derive.steps import derive_scalar
from derivations.symbolic.functions import sigmoid

x = sp.Symbol("x", real=True)
a = sp.Symbol("a", positive=True)


def _names(rule: rules.Rule) -> list[str]:
    return [rule.name, *(n for p in rule.parts for n in _names(p))]


def test_dispatch_picks_the_rule_of_the_head() -> None:
    assert isinstance(rules.rule_for(sp.exp(x) + x**2, x), rules.SumRule)
    assert isinstance(rules.rule_for(3 * sp.exp(x), x), rules.ConstantMultipleRule)
    assert isinstance(rules.rule_for(sp.exp(x) * sp.log(x), x), rules.ProductRule)
    assert isinstance(rules.rule_for(sp.exp(x) / (1 + x**2), x), rules.QuotientRule)
    assert isinstance(rules.rule_for(x**3, x), rules.PowerRule)
    assert isinstance(rules.rule_for(sp.exp(2 * x), x), rules.ChainRule)
    assert isinstance(rules.rule_for(a**x, x), rules.ExponentialRule)
    assert isinstance(rules.rule_for(sp.tanh(x), x), rules.TanhRule)
    assert isinstance(rules.rule_for(sp.atan(x), x), rules.AtanRule)
    assert isinstance(rules.rule_for(sp.Max(0, x), x), rules.RewriteRule)
    assert isinstance(rules.rule_for(a, x), rules.ConstantRule)


def test_rule_values_agree_with_sympy() -> None:
    # The oracle is SymPy's own diff, independent of the rule objects.
    for expr in (
        sp.exp(x) / (1 + x**2),
        sp.log(1 + sp.exp(x)) * x,
        sp.atan(x**2),
        a**x,
        sp.sqrt(1 + x**2),
    ):
        value = rules.rule_for(expr, x).eval()
        assert sp.simplify(value - sp.diff(expr, x)) == 0, expr


def test_chain_rule_names_the_inner_function() -> None:
    rule = rules.rule_for(sigmoid(x**2), x)
    assert isinstance(rule, rules.ChainRule)
    assert rule.detail().startswith("u = x^{2}")
    assert rule.eval() == 2 * x * sigmoid(x**2) * (1 - sigmoid(x**2))


def test_max_is_split_into_open_regions() -> None:
    assert rules.by_regions(sp.Max(0, x)) == sp.Piecewise((0, x < 0), (x, x > 0))
    assert rules.rule_for(sp.Max(0, x), x).eval() == sp.Piecewise((0, x < 0), (1, x > 0))


def test_an_expression_without_a_rule_gets_an_explicit_no_rule_step() -> None:
    steps, _ = derive_scalar(x**x, x)
    assert steps[0].rule == rules.NoRule.name
    assert "no rule" in rules.NoRule.name


def test_known_rules_are_not_used_where_a_rule_exists() -> None:
    assert rules.NoRule.name not in _names(
        rules.rule_for(sp.tanh(sp.exp(x)) / (1 + sp.Max(0, x)), x)
    )


def test_general_chain_rule_for_unspecified_functions() -> None:
    f, g = sp.Function("f"), sp.Function("g")
    rule = rules.rule_for(f(g(x)), x)
    assert isinstance(rule, rules.ChainRule)
    assert isinstance(rule.outer, rules.UnspecifiedFunctionRule)
    assert rule.parts[0].trivial  # d/dx g(x) is shown as it is, not as a step of its own
    assert sp.simplify((rule.eval() - sp.diff(f(g(x)), x)).doit()) == 0


def test_chain_rule_detail_is_latex_that_katex_accepts_in_strict_mode() -> None:
    # Rule names such as "derivative of σ" are text; the detail is math, so it must not carry them.
    detail = rules.rule_for(sigmoid(2 * x + 1), x).detail()
    assert detail.isascii()
    assert r"\sigma(u)' = " in detail
