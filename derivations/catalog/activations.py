r"""Activations: linear, sigmoid, tanh, ReLU, leaky ReLU, ELU, softplus, softmax, maxout.

Each formula carries the claims the seed documents make about it, one claim
per written link, with the documents' mistakes recorded as expected
refutations. Vector activations are encoded at n = 3.
"""

from __future__ import annotations

import sympy as sp

from derivations.catalog.building import (
    PROVED,
    REFUTED,
    D,
    chain,
    column,
    jacobian,
    matrix,
    positive,
    real,
    row,
    unevaluated,
)
from derivations.catalog.sources import (
    ACTIVATIONS_AND_OUTPUT as DOC0,
)
from derivations.catalog.sources import (
    ACTIVATIONS_ZH as DOC3,
)
from derivations.catalog.sources import (
    BACKPROP_ZH as DOC4,
)
from derivations.catalog.sources import (
    DERIVATIVE_NOTES as DOC2,
)
from derivations.catalog.sources import (
    NEURON_LECTURE as DOC1,
)
from derivations.catalog.sources import (
    PYTORCH,
    cite,
    other_reading,
)
from derivations.model import Claim, Convention, Formula, Kind
from derivations.symbolic import conditions
from derivations.symbolic.functions import sigmoid, softmax, softplus

(x,) = real("x")
(alpha,) = positive("alpha")
e = sp.exp
SLOPE_DOMAIN = ((alpha, (sp.Integer(0), sp.Integer(1))),)

linear = Formula(
    name="linear",
    kind=Kind.ACTIVATION,
    title="Linear (identity) activation",
    summary="f(a) = a; with f = identity the neuron is linear regression.",
    variables=(x,),
    variable=x,
    definition=x,
    derivative=sp.Integer(1),
    sources=(cite(DOC1, "② Artificial Neuron, Linear"),),
)

_sig = 1 / (1 + e(-x))
sigmoid_formula = Formula(
    name="sigmoid",
    kind=Kind.ACTIVATION,
    title="Logistic sigmoid",
    summary="σ(x) = 1/(1 + e^{-x}); its derivative is σ(x)(1 − σ(x)).",
    variables=(x,),
    variable=x,
    definition=sigmoid(x),
    derivative=sigmoid(x) * (1 - sigmoid(x)),
    aliases=("logistic", "sigma"),
    sources=(
        cite(DOC0, "Scaler Activation table, Sigmoid"),
        cite(DOC1, "② Artificial Neuron, Logistic"),
        cite(DOC2, "Sigmoid & Tanh, Sigmoid"),
        cite(DOC3, "Sigmoid"),
        cite(DOC4, "eq. (1)"),
    ),
    claims=(
        Claim(
            id="sigmoid.definition",
            title="σ written through exp",
            lhs=sigmoid(x),
            rhs=_sig,
            expected=PROVED,
            sources=(cite(DOC1, "② Logistic"), cite(DOC2, "Sigmoid & Tanh"), cite(DOC4, "eq. (1)")),
        ),
        Claim(
            id="sigmoid.derivative.exp-form",
            title="σ' as a quotient of exponentials",
            lhs=D(sigmoid(x), x),
            rhs=e(-x) / (1 + e(-x)) ** 2,
            expected=PROVED,
            sources=(
                cite(DOC2, "Sigmoid & Tanh, f'(x), first form"),
                cite(DOC3, "Sigmoid, derivative, first form"),
            ),
        ),
        Claim(
            id="sigmoid.derivative.output-form",
            title="σ' in terms of σ",
            lhs=D(sigmoid(x), x),
            rhs=sigmoid(x) * (1 - sigmoid(x)),
            expected=PROVED,
            sources=(
                cite(DOC0, "Scaler Activation table, Sigmoid: f(z)(1 − f(z))"),
                cite(DOC2, "Sigmoid & Tanh, f'(x), second form"),
                cite(DOC3, "Sigmoid, derivative, second form"),
            ),
        ),
        *chain(
            "sigmoid.derivation-eq2",
            "σ' derived step by step",
            [
                D(sigmoid(x), x),
                D(_sig, x),
                e(-x) / (1 + e(-x)) ** 2,
                unevaluated(sp.Add, 1, e(-x), -1) / (1 + e(-x)) ** 2,
                _sig - _sig**2,
                sigmoid(x) * (1 - sigmoid(x)),
            ],
            [PROVED] * 5,
            (cite(DOC4, "eq. (2)"),),
        ),
    ),
)

_tanh_exp = (e(x) - e(-x)) / (e(x) + e(-x))
_typo = unevaluated(
    sp.Mul,
    unevaluated(
        sp.Mul, unevaluated(sp.Add, e(x), unevaluated(sp.Mul, -1, e(x))), sp.Rational(1, 2)
    ),
    unevaluated(
        sp.Pow, unevaluated(sp.Mul, unevaluated(sp.Add, e(x), e(x)), sp.Rational(1, 2)), -1
    ),
)
tanh = Formula(
    name="tanh",
    kind=Kind.ACTIVATION,
    title="Hyperbolic tangent",
    summary="tanh(x) = (e^x − e^{-x})/(e^x + e^{-x}) = 2σ(2x) − 1; tanh' = 1 − tanh².",
    variables=(x,),
    variable=x,
    definition=sp.tanh(x),
    derivative=1 - sp.tanh(x) ** 2,
    sources=(
        cite(DOC0, "Scaler Activation table, tanh"),
        cite(DOC1, "② Artificial Neuron, Tanh"),
        cite(DOC2, "Sigmoid & Tanh, Tanh"),
        cite(DOC3, "tanh"),
        cite(DOC4, "eq. (7)"),
    ),
    claims=(
        Claim(
            id="tanh.definition",
            title="tanh through exp",
            lhs=sp.tanh(x),
            rhs=_tanh_exp,
            expected=PROVED,
            sources=(
                cite(DOC0, "Scaler Activation table, tanh"),
                cite(DOC1, "② Tanh"),
                cite(DOC2, "Sigmoid & Tanh, Tanh"),
                cite(DOC4, "eq. (7), first form"),
            ),
        ),
        Claim(
            id="tanh.via-sigmoid",
            title="tanh as a rescaled sigmoid",
            lhs=_tanh_exp,
            rhs=2 * sigmoid(2 * x) - 1,
            expected=PROVED,
            sources=(cite(DOC4, "eq. (7), second form"),),
        ),
        *chain(
            "tanh.definition-chain",
            "tanh through sinh and cosh",
            [sp.tanh(x), sp.sinh(x) / sp.cosh(x), _typo, (1 - e(-2 * x)) / (1 + e(-2 * x))],
            [PROVED, REFUTED, REFUTED],
            (
                cite(
                    DOC3,
                    "tanh, definition",
                    "the middle form reads (e^x − e^x)/2 over (e^x + e^x)/2, as written",
                ),
            ),
            corrections=[None, ((e(x) - e(-x)) / 2) / ((e(x) + e(-x)) / 2), sp.Integer(0)],
        ),
        Claim(
            id="tanh.definition-end-to-end",
            title="tanh through exp(-2x)",
            lhs=sp.tanh(x),
            rhs=(1 - e(-2 * x)) / (1 + e(-2 * x)),
            expected=PROVED,
            sources=(cite(DOC3, "tanh, definition, first and last forms"),),
        ),
        Claim(
            id="tanh.derivative.output-form",
            title="tanh' in terms of tanh",
            lhs=D(sp.tanh(x), x),
            rhs=1 - sp.tanh(x) ** 2,
            expected=PROVED,
            sources=(
                cite(DOC0, "Scaler Activation table, tanh: 1 − (f(z))²"),
                cite(DOC2, "Sigmoid & Tanh, Tanh f'(x), second form"),
                cite(DOC3, "tanh, derivative, last form"),
            ),
        ),
        Claim(
            id="tanh.derivative.exp-form",
            title="tanh' as a quotient of exponentials",
            lhs=D(_tanh_exp, x),
            rhs=4 / (e(x) + e(-x)) ** 2,
            expected=PROVED,
            sources=(cite(DOC2, "Sigmoid & Tanh, Tanh f'(x), first form"),),
        ),
        Claim(
            id="tanh.derivative.sech",
            title="tanh' as sech²",
            lhs=D(sp.tanh(x), x),
            rhs=sp.sech(x) ** 2,
            expected=PROVED,
            sources=(cite(DOC3, "tanh, derivative, first form"),),
        ),
        Claim(
            id="tanh.sech-identity",
            title="sech² = 1 − tanh²",
            lhs=sp.sech(x) ** 2,
            rhs=1 - sp.tanh(x) ** 2,
            expected=PROVED,
            sources=(cite(DOC3, "tanh, derivative, middle link"),),
        ),
        *chain(
            "tanh.derivation-eq8",
            "tanh' by the quotient rule",
            [
                D(sp.tanh(x), x),
                ((e(x) + e(-x)) * (e(x) + e(-x)) - (e(x) - e(-x)) * (e(x) - e(-x)))
                / (e(x) + e(-x)) ** 2,
                1 - sp.tanh(x) ** 2,
            ],
            [PROVED, PROVED],
            (cite(DOC4, "eq. (8)"),),
        ),
    ),
)

_relu_pytorch = Convention("x = 0", "0", (PYTORCH,))
relu = Formula(
    name="relu",
    kind=Kind.ACTIVATION,
    title="Rectified linear unit",
    summary="ReLU(x) = max(0, x); ReLU'(x) = 1 for x > 0 and 0 for x < 0; no derivative at 0.",
    variables=(x,),
    variable=x,
    definition=sp.Max(0, x),
    derivative=sp.Heaviside(x),
    aliases=("rectifier",),
    conventions=(
        Convention("x = 0", "1", (f"{DOC0} (𝕀(x ≥ 0))", f"{DOC3} (z ≥ 0)", f"{DOC4} eq. (4)")),
        Convention("x = 0", "undefined", (DOC2,)),
        _relu_pytorch,
    ),
    sources=(
        cite(DOC0, "Scaler Activation table, ReLU"),
        cite(DOC1, "② ReLU"),
        cite(DOC2, "ReLU & Leaky ReLU, ReLU"),
        cite(DOC3, "ReLU"),
        cite(DOC4, "eq. (3)"),
    ),
    claims=(
        Claim(
            id="relu.definition-cases",
            title="ReLU by cases",
            lhs=sp.Max(0, x),
            rhs=sp.Piecewise((x, x >= 0), (0, True)),
            expected=PROVED,
            sources=(cite(DOC0, "Scaler Activation table, ReLU"),),
        ),
        Claim(
            id="relu.derivative.closed-at-zero",
            title="ReLU' = 1 for x ≥ 0, 0 otherwise",
            lhs=D(sp.Max(0, x), x),
            rhs=sp.Piecewise((1, x >= 0), (0, True)),
            expected=PROVED,
            sources=(
                cite(DOC0, "Scaler Activation table, ReLU: 𝕀(x ≥ 0)"),
                cite(DOC3, "ReLU, derivative"),
                cite(DOC4, "eq. (4)"),
            ),
        ),
        Claim(
            id="relu.derivative.undefined-at-zero",
            title="ReLU' = 0 for x < 0, 1 for x > 0",
            lhs=D(sp.Max(0, x), x),
            rhs=sp.Piecewise((0, x < 0), (1, x > 0)),
            expected=PROVED,
            sources=(cite(DOC2, "ReLU & Leaky ReLU, ReLU f'(x)"),),
        ),
    ),
)

_leaky = sp.Piecewise((x, x > 0), (alpha * x, True))
_one_percent = conditions.equal(alpha, sp.Rational(1, 100), text="slope α = 0.01")
leaky_relu = Formula(
    name="leaky_relu",
    kind=Kind.ACTIVATION,
    title="Leaky ReLU",
    summary="x for x > 0, αx otherwise (α = 0.01 in some notes); derivative 1 or α.",
    variables=(x,),
    parameters=(alpha,),
    variable=x,
    definition=_leaky,
    derivative=sp.Piecewise((1, x > 0), (alpha, True)),
    domains=SLOPE_DOMAIN,
    aliases=("leaky-relu", "lrelu"),
    conventions=(
        Convention("x = 0", "1", (f"{DOC4} eq. (6)",)),
        Convention("x = 0", "undefined", (f"{DOC2} (α = 0.01)",)),
        Convention("x = 0", "α", (f"{PYTORCH} (negative_slope)",)),
    ),
    sources=(
        cite(DOC2, "ReLU & Leaky ReLU, Leaky ReLU (α = 0.01)"),
        cite(DOC3, "Leaky ReLU"),
        cite(DOC4, "eq. (5)"),
    ),
    claims=(
        Claim(
            id="leaky_relu.definition-closed-at-zero",
            title="the two ways of writing leaky ReLU agree",
            lhs=_leaky,
            rhs=sp.Piecewise((x, x >= 0), (alpha * x, x < 0)),
            expected=PROVED,
            sources=(cite(DOC3, "Leaky ReLU"), cite(DOC4, "eq. (5)")),
        ),
        Claim(
            id="leaky_relu.derivative.one-percent",
            title="leaky ReLU' with slope 0.01",
            lhs=D(_leaky, x),
            rhs=sp.Piecewise((1, x > 0), (sp.Rational(1, 100), x < 0)),
            expected=PROVED,
            conditions=(_one_percent,),
            sources=(cite(DOC2, "ReLU & Leaky ReLU, Leaky ReLU f'(x)"),),
        ),
        Claim(
            id="leaky_relu.derivative.eq6",
            title="leaky ReLU' as written in eq. (6)",
            lhs=D(_leaky, x),
            rhs=sp.Piecewise((1, x >= 0), (alpha, alpha < 0)),
            expected=REFUTED,
            correction=sp.Piecewise((1, x > 0), (alpha, x < 0)),
            statement=r"\frac{d}{dx}\operatorname{LeakyReLU} = \begin{cases} 1 & x \ge 0 \\ p & p < 0 \end{cases}",
            sources=(
                cite(
                    DOC4, "eq. (6)", "the second case's condition is written p < 0; read literally"
                ),
            ),
        ),
    ),
)

_elu = sp.Piecewise((x, x >= 0), (alpha * (e(x) - 1), True))
elu = Formula(
    name="elu",
    kind=Kind.ACTIVATION,
    title="Exponential linear unit",
    summary="x for x ≥ 0, α(e^x − 1) otherwise; derivative 1 or αe^x = ELU(x) + α.",
    variables=(x,),
    parameters=(alpha,),
    variable=x,
    definition=_elu,
    derivative=sp.Piecewise((1, x > 0), (alpha * e(x), True)),
    domains=((alpha, (sp.Integer(0), sp.Integer(3))),),
    conventions=(Convention("x = 0", "differentiable only when α = 1", ()),),
    sources=(cite(DOC3, "ELU"),),
    claims=(
        Claim(
            id="elu.derivative.output-form",
            title="ELU' for x < 0 in terms of the output",
            lhs=D(_elu, x),
            rhs=sp.Piecewise((1, x > 0), (_elu + alpha, True)),
            expected=PROVED,
            sources=(cite(DOC3, "ELU (derivative not stated; the standard output form)"),),
        ),
    ),
)

softplus_formula = Formula(
    name="softplus",
    kind=Kind.ACTIVATION,
    title="Softplus",
    summary="softplus(x) = log(1 + e^x); its derivative is the sigmoid.",
    variables=(x,),
    variable=x,
    definition=softplus(x),
    derivative=sigmoid(x),
    sources=(cite(DOC0, "Scaler Activation table, SoftPlus"),),
    claims=(
        Claim(
            id="softplus.definition",
            title="softplus through log and exp",
            lhs=softplus(x),
            rhs=sp.log(1 + e(x)),
            expected=PROVED,
            sources=(cite(DOC0, "Scaler Activation table, SoftPlus"),),
        ),
        Claim(
            id="softplus.derivative",
            title="softplus' = σ",
            lhs=D(softplus(x), x),
            rhs=1 / (1 + e(-x)),
            expected=PROVED,
            sources=(cite(DOC0, "Scaler Activation table, SoftPlus"),),
        ),
    ),
)

N = 3
z = real("z1:4")
p = [softmax(i, *z) for i in range(N)]
_total = sum(e(zj) for zj in z)
_delta = sp.KroneckerDelta
_jacobian = jacobian(p, z)
_softmax_jacobian = matrix(N, N, lambda i, j: p[i] * (_delta(i, j) - p[j]))
_diag_minus_outer = sp.ImmutableMatrix(sp.diag(*p) - column(p) * column(p).T)
_offdiag = [(s, i) for s in range(N) for i in range(N) if s != i]

softmax_formula = Formula(
    name="softmax",
    kind=Kind.ACTIVATION,
    title="Softmax (n = 3)",
    summary="p_i = e^{z_i}/Σ_j e^{z_j}; Jacobian ∂p_i/∂z_j = p_i(δ_ij − p_j), i.e. diag(p) − ppᵀ.",
    variables=z,
    definition=column(p),
    derivative=_diag_minus_outer,
    sources=(
        cite(DOC0, "Vector Activation: SoftMax"),
        cite(DOC2, "Softmax"),
        cite(DOC3, "Softmax"),
        cite(DOC4, "eq. (11)"),
    ),
    claims=(
        Claim(
            id="softmax.definition",
            title="softmax as exp(z) over 1ᵀexp(z)",
            lhs=column(p),
            rhs=column([e(zi) / (sp.ones(1, N) * column([e(zj) for zj in z]))[0] for zi in z]),
            expected=PROVED,
            statement=r"\operatorname{softmax}(\boldsymbol{z}) = \frac{\exp(\boldsymbol{z})}{\boldsymbol{1}^\mathrm{T}\exp(\boldsymbol{z})}",
            sources=(cite(DOC3, "Softmax, definition"), cite(DOC0, "Vector Activation: SoftMax")),
        ),
        Claim(
            id="softmax.jacobian.elementwise",
            title="softmax Jacobian element-wise",
            lhs=_jacobian,
            rhs=_softmax_jacobian,
            expected=PROVED,
            statement=r"\frac{\partial p_i}{\partial z_j} = p_i(\delta_{ij} - p_j)",
            sources=(cite(DOC2, "Softmax, ∇_{x_j} f_i"), cite(DOC2, "Matrix format, first line")),
        ),
        Claim(
            id="softmax.jacobian.expanded",
            title="p_i(δ_ij − p_j) expanded",
            lhs=_softmax_jacobian,
            rhs=matrix(N, N, lambda i, j: p[i] * _delta(i, j) - p[i] * p[j]),
            expected=PROVED,
            statement=r"p_i(\delta_{ij} - p_j) = p_i\delta_{ij} - p_i p_j",
            sources=(cite(DOC2, "Matrix format, second line"),),
        ),
        Claim(
            id="softmax.jacobian.matrix-form",
            title="softmax Jacobian in matrix form, f a row",
            lhs=_jacobian,
            rhs=sp.ImmutableMatrix(sp.diag(*p) - row(p).T * row(p)),
            expected=PROVED,
            statement=r"\frac{\partial \mathbf{f}}{\partial \mathbf{x}} = \mathbf{f}\cdot\mathbf{I} - \mathbf{f}^\mathrm{T}\cdot\mathbf{f}",
            sources=(
                cite(
                    DOC2,
                    "Matrix format, 'Then we can write it in matrix form'",
                    "f = {f₁, …, fₙ} read as a row, as the Jacobian matrix J(f) beside it suggests: "
                    "f·I = diag(f), fᵀ·f the n×n matrix (f_i f_j)",
                ),
            ),
        ),
        Claim(
            id="softmax.jacobian.matrix-form-column-reading",
            title="softmax Jacobian in matrix form, f a column",
            lhs=_jacobian,
            rhs=sp.ImmutableMatrix(sp.diag(*p) - (column(p).T * column(p))[0] * sp.eye(N)),
            expected=REFUTED,
            correction=_diag_minus_outer,
            statement=r"\frac{\partial \mathbf{f}}{\partial \mathbf{x}} = \operatorname{diag}(\mathbf{f}) - \lVert\mathbf{f}\rVert^2\mathbf{I}",
            # Ambiguous notation, not an erratum: under the row reading above the form holds.
            sources=(
                other_reading(
                    DOC2,
                    "Matrix format, 'Then we can write it in matrix form'",
                    "f a column: f·I = diag(f), fᵀ·f the scalar ‖f‖², times I",
                ),
            ),
        ),
        Claim(
            id="softmax.jacobian.explicit",
            title="softmax Jacobian written out",
            lhs=_jacobian,
            rhs=matrix(N, N, lambda i, j: p[i] * (1 - p[i]) if i == j else -p[i] * p[j]),
            expected=PROVED,
            statement=r"\mathbf{J}(\mathbf{f})_{ii} = f_i(1 - f_i),\ \mathbf{J}(\mathbf{f})_{ij} = -f_i f_j",
            sources=(cite(DOC2, "Matrix format, J(f)"),),
        ),
        *chain(
            "softmax.diagonal-zh",
            "∂a_i/∂z_i by the quotient rule",
            [
                column([D(p[i], z[i]) for i in range(N)]),
                column([(e(z[i]) * _total - e(z[i]) * e(z[i])) / _total**2 for i in range(N)]),
                column([e(z[i]) / _total * (1 - e(z[i]) / _total) for i in range(N)]),
                column([p[i] * (1 - p[i]) for i in range(N)]),
            ],
            [PROVED, PROVED, PROVED],
            (cite(DOC3, "Softmax, ∂a_s/∂z_i, case s = i", "e^z_i read as e^{z_i}"),),
            statements=[
                r"\frac{\partial a_i}{\partial z_i} = \frac{e^{z_i}\sum_j e^{z_j} - e^{z_i}e^{z_i}}{(\sum_j e^{z_j})^2}",
                r"\frac{e^{z_i}\sum_j e^{z_j} - e^{z_i}e^{z_i}}{(\sum_j e^{z_j})^2} = \frac{e^{z_i}}{\sum_j e^{z_j}}\left(1 - \frac{e^{z_i}}{\sum_j e^{z_j}}\right)",
                r"\frac{e^{z_i}}{\sum_j e^{z_j}}\left(1 - \frac{e^{z_i}}{\sum_j e^{z_j}}\right) = a_i(1 - a_i)",
            ],
        ),
        *chain(
            "softmax.off-diagonal-zh",
            "∂a_s/∂z_i for s ≠ i",
            [
                column([D(p[s], z[i]) for s, i in _offdiag]),
                column([e(z[s]) * e(z[i]) / _total**2 for s, i in _offdiag]),
                column([(e(z[s]) / _total) * (e(z[i]) / _total) for s, i in _offdiag]),
                column([-p[s] * p[i] for s, i in _offdiag]),
            ],
            [REFUTED, PROVED, REFUTED],
            (cite(DOC3, "Softmax, ∂a_s/∂z_i, case s ≠ i"),),
            corrections=[
                column([-e(z[s]) * e(z[i]) / _total**2 for s, i in _offdiag]),
                None,
                column([p[s] * p[i] for s, i in _offdiag]),
            ],
            statements=[
                r"\frac{\partial a_s}{\partial z_i} = \frac{e^{z_s}e^{z_i}}{(\sum_j e^{z_j})^2} \quad (s \ne i)",
                r"\frac{e^{z_s}e^{z_i}}{(\sum_j e^{z_j})^2} = \frac{e^{z_s}}{\sum_j e^{z_j}}\frac{e^{z_i}}{\sum_j e^{z_j}}",
                r"\frac{e^{z_s}}{\sum_j e^{z_j}}\frac{e^{z_i}}{\sum_j e^{z_j}} = -a_s a_i",
            ],
        ),
        Claim(
            id="softmax.off-diagonal-zh.end-to-end",
            title="∂a_s/∂z_i = −a_s a_i for s ≠ i",
            lhs=column([D(p[s], z[i]) for s, i in _offdiag]),
            rhs=column([-p[s] * p[i] for s, i in _offdiag]),
            expected=PROVED,
            statement=r"\frac{\partial a_s}{\partial z_i} = -a_s a_i \quad (s \ne i)",
            sources=(cite(DOC3, "Softmax, ∂a_s/∂z_i, case s ≠ i, first and last forms"),),
        ),
        *chain(
            "softmax.diagonal-eq12",
            "∂p_i/∂z_j for i = j",
            [
                column([D(p[i], z[i]) for i in range(N)]),
                column([(e(z[i]) * _total - e(z[i]) * e(z[i])) / _total**2 for i in range(N)]),
                column([e(z[i]) / _total * ((_total - e(z[i])) / _total) for i in range(N)]),
                column([p[i] * (1 - p[i]) for i in range(N)]),
            ],
            [PROVED, PROVED, PROVED],
            (cite(DOC4, "eq. (12), with i = j"),),
            statements=[
                r"\frac{\partial p_i}{\partial z_j} = \frac{e^{z_i}\sum_k e^{z_k} - e^{z_j}e^{z_i}}{(\sum_k e^{z_k})^2} \quad (i = j)",
                r"\frac{e^{z_i}\sum_k e^{z_k} - e^{z_j}e^{z_i}}{(\sum_k e^{z_k})^2} = \frac{e^{z_i}}{\sum_k e^{z_k}}\times\frac{\sum_k e^{z_k} - e^{z_j}}{\sum_k e^{z_k}} \quad (i = j)",
                r"\frac{e^{z_i}}{\sum_k e^{z_k}}\times\frac{\sum_k e^{z_k} - e^{z_j}}{\sum_k e^{z_k}} = p_i(1 - p_j) \quad (i = j)",
            ],
        ),
        *chain(
            "softmax.off-diagonal-eq13",
            "∂p_i/∂z_j for i ≠ j",
            [
                column([D(p[i], z[j]) for i, j in _offdiag]),
                column([(0 - e(z[j]) * e(z[i])) / _total**2 for i, j in _offdiag]),
                column([-p[i] * p[j] for i, j in _offdiag]),
            ],
            [PROVED, PROVED],
            (cite(DOC4, "eq. (13)"),),
            statements=[
                r"\frac{\partial p_i}{\partial z_j} = \frac{0 - e^{z_j}e^{z_i}}{(\sum_k e^{z_k})^2} \quad (i \ne j)",
                r"\frac{0 - e^{z_j}e^{z_i}}{(\sum_k e^{z_k})^2} = -p_i p_j \quad (i \ne j)",
            ],
        ),
        Claim(
            id="softmax.jacobian.cases-eq14",
            title="softmax Jacobian by cases",
            lhs=_jacobian,
            rhs=matrix(N, N, lambda i, j: p[i] * (1 - p[j]) if i == j else -p[i] * p[j]),
            expected=PROVED,
            statement=r"\frac{\partial p_i}{\partial z_j} = \begin{cases} p_i(1-p_j) & i=j \\ -p_i p_j & i \ne j \end{cases}",
            sources=(cite(DOC4, "eq. (14)", "-pi·p_j read as −p_i·p_j"),),
        ),
    ),
)

w1 = real("u1:4")
w2 = real("v1:4")
xs = real("x1:4")
_a1 = sum(a * b for a, b in zip(w1, xs, strict=True))
_a2 = sum(a * b for a, b in zip(w2, xs, strict=True))
maxout = Formula(
    name="maxout",
    kind=Kind.ACTIVATION,
    title="Maxout",
    summary="max(x_1, ..., x_n) (here n = 3); the gradient is 1 at the largest input, 0 elsewhere.",
    variables=xs,
    definition=sp.Max(*xs),
    derivative=column(
        [
            sp.Piecewise((1, sp.And(*[xs[i] > xs[j] for j in range(N) if j != i])), (0, True))
            for i in range(N)
        ]
    ),
    sources=(cite(DOC1, "② Maxout"), cite(DOC3, "Maxout")),
    claims=(
        Claim(
            id="maxout.relu-special-case",
            title="ReLU is maxout with w₂ = 0",
            lhs=sp.Max(_a1, _a2),
            rhs=sp.Max(0, _a1),
            expected=PROVED,
            conditions=(conditions.zero(w2, text="w₂ = 0"),),
            statement=r"\max\{\vec w_1^\mathrm{T}x, \vec w_2^\mathrm{T}x\} = \operatorname{ReLU}(\vec w_1^\mathrm{T}x) \quad (\vec w_2 = 0)",
            sources=(cite(DOC1, "② Maxout: 'ReLU is a special case of this. How?'"),),
        ),
    ),
)

FORMULAS = (
    linear,
    sigmoid_formula,
    tanh,
    relu,
    leaky_relu,
    elu,
    softplus_formula,
    softmax_formula,
    maxout,
)
