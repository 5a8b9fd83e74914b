r"""Matrix calculus and layers at symbolic shapes, each identity with its layout named.

Numerator layout: :math:`\partial y / \partial x` is :math:`\dim y \times \dim x`
(a scalar by a column vector is a row; this is the convention of the lecture
notes, whose table puts "numerator = dim 1, denominator = dim 2"). Denominator
layout is the transpose (a gradient is a column). Each identity is proved for
every size by :mod:`derivations.verifier.sized` and cross-checked entry by entry at
size 3; the wrong variants (wrong layout, dropped transpose, missing factor)
are refuted by their shapes or by an exact counterexample.

Layers and activations are written with an arbitrary activation ``f`` (an
undefined SymPy function): a proof holds for every differentiable ``f``; a
counterexample is searched with ``f = tanh``.
"""

from __future__ import annotations

import sympy as sp
from sympy.matrices.expressions.diagonal import DiagMatrix

from derivations.catalog.building import PROVED, REFUTED, D
from derivations.catalog.sources import (
    ACTIVATIONS_AND_OUTPUT as DOC0,
)
from derivations.catalog.sources import (
    ACTIVATIONS_ZH as DOC3,
)
from derivations.catalog.sources import (
    NEURON_LECTURE as DOC1,
)
from derivations.catalog.sources import cite, variant
from derivations.model import Claim, Formula, Kind
from derivations.symbolic import conditions
from derivations.symbolic.functions import sigmoid
from derivations.symbolic.indexed import index, size, slope_of, symmetric, total, vector, zero
from derivations.symbolic.matrix_calculus import DENOMINATOR, NUMERATOR, derivative

n, m, k, d = size("n"), size("m"), size("k"), size("d")
w, x = sp.MatrixSymbol("w", n, 1), sp.MatrixSymbol("x", n, 1)
A = sp.MatrixSymbol("A", n, n)
B = sp.MatrixSymbol("B", m, n)
f, g = sp.Function("f"), sp.Function("g")
_r, _c = sp.symbols("r c", integer=True)
_xi = sp.Dummy("xi")


def fprime(fn: sp.FunctionClass, at: sp.Expr) -> sp.Expr:
    """``fn'(at)`` for an arbitrary activation ``fn`` (an undefined function ``fn'``)."""
    return slope_of(fn, at)


def elementwise(fn: sp.FunctionClass, v: sp.MatrixExpr) -> sp.FunctionMatrix:
    """``fn`` applied to every entry of the column ``v``."""
    return sp.FunctionMatrix(v.shape[0], 1, sp.Lambda((_r, _c), fn(v[_r, 0])))


def slopes(fn: sp.FunctionClass, v: sp.MatrixExpr) -> sp.FunctionMatrix:
    """The column ``fn'(v)``."""
    return sp.FunctionMatrix(v.shape[0], 1, sp.Lambda((_r, _c), fprime(fn, v[_r, 0])))


_wtx = w.T * x  # 1×1: SymPy's matrix derivative sees the matrix expression
linear_form = Formula(
    name="linear_form_gradient_n",
    kind=Kind.IDENTITY,
    title="∂(wᵀx)/∂w in both layouts",
    summary="∂(wᵀx)/∂w = xᵀ in numerator layout (a row), x in denominator layout (a column).",
    variables=(w,),
    definition=_wtx,
    sources=(cite(DOC1, "④ Detour: Matrix/Vector differentiation"),),
    claims=(
        Claim(
            id="linear_form_gradient_n.numerator",
            title="∂(wᵀx)/∂w = xᵀ (numerator layout), every n",
            lhs=derivative(_wtx, w, NUMERATOR),
            rhs=x.T,
            expected=PROVED,
            statement=r"\frac{\partial (\vec w^T \vec x)}{\partial \vec w} = \vec x^T \quad(\text{numerator layout})",
            sources=(
                cite(
                    DOC1,
                    "④ 'Easy to prove', first identity",
                    "the notes' gradient is a row: numerator layout",
                ),
            ),
        ),
        Claim(
            id="linear_form_gradient_n.denominator",
            title="∂(wᵀx)/∂w = x (denominator layout), every n",
            lhs=derivative(_wtx, w, DENOMINATOR),
            rhs=x,
            expected=PROVED,
            statement=r"\frac{\partial (\vec w^T \vec x)}{\partial \vec w} = \vec x \quad(\text{denominator layout})",
            sources=(cite(DOC1, "④ first identity, in the other layout"),),
        ),
        Claim(
            id="linear_form_gradient_n.wrong-layout",
            title="∂(wᵀx)/∂w = x in numerator layout (wrong layout)",
            lhs=derivative(_wtx, w, NUMERATOR),
            rhs=x,
            expected=REFUTED,
            correction=x.T,
            statement=r"\frac{\partial (\vec w^T \vec x)}{\partial \vec w} = \vec x \quad(\text{numerator layout})",
            sources=(variant(DOC1, "④ first identity", "the column where a row is due"),),
        ),
    ),
)

_quad = w.T * A * w
_sym = symmetric(A)
quadratic_form = Formula(
    name="quadratic_form_gradient_n",
    kind=Kind.IDENTITY,
    title="∂(wᵀAw)/∂w in both layouts",
    summary="∂(wᵀAw)/∂w = wᵀ(A + Aᵀ) (numerator), (A + Aᵀ)w (denominator); 2wᵀA only when A is symmetric.",
    variables=(w,),
    parameters=(A,),
    definition=_quad,
    hypotheses=(_sym,),
    sources=(cite(DOC1, "④ Detour: Matrix/Vector differentiation"),),
    claims=(
        Claim(
            id="quadratic_form_gradient_n.numerator",
            title="∂(wᵀAw)/∂w = wᵀ(A + Aᵀ) (numerator layout), every n",
            lhs=derivative(_quad, w, NUMERATOR),
            rhs=w.T * (A + A.T),
            expected=PROVED,
            statement=r"\frac{\partial (\vec w^T A \vec w)}{\partial \vec w} = \vec w^T (A + A^T) \quad(\text{numerator layout})",
            sources=(cite(DOC1, "④ second identity", "the general form, for any square A"),),
        ),
        Claim(
            id="quadratic_form_gradient_n.denominator",
            title="∂(wᵀAw)/∂w = (A + Aᵀ)w (denominator layout), every n",
            lhs=derivative(_quad, w, DENOMINATOR),
            rhs=(A + A.T) * w,
            expected=PROVED,
            statement=r"\frac{\partial (\vec w^T A \vec w)}{\partial \vec w} = (A + A^T)\vec w \quad(\text{denominator layout})",
            sources=(cite(DOC1, "④ second identity, in the other layout"),),
        ),
        Claim(
            id="quadratic_form_gradient_n.entry-form",
            title="the same from the entries Σᵢⱼ wᵢ Aᵢⱼ wⱼ (SymPy's matrix derivative returns 0 here)",
            lhs=derivative((w.T * A * w)[0, 0], w, NUMERATOR),
            rhs=w.T * (A + A.T),
            expected=PROVED,
            statement=r"\frac{\partial}{\partial \vec w}\sum_{i,j} w_i A_{ij} w_j = \vec w^T (A + A^T)",
            sources=(
                cite(DOC1, "④ second identity", "written with the entries of the quadratic form"),
            ),
        ),
        Claim(
            id="quadratic_form_gradient_n.as-written",
            title="∂(wᵀAw)/∂w = 2wᵀA, as written (any A)",
            lhs=derivative(_quad, w, NUMERATOR),
            rhs=2 * w.T * A,
            expected=REFUTED,
            correction=w.T * (A + A.T),
            statement=r"\frac{\partial (\vec w^T A \vec w)}{\partial \vec w} = 2\vec w^T A",
            sources=(
                cite(DOC1, "④ second identity", "stated without saying that A must be symmetric"),
            ),
        ),
        Claim(
            id="quadratic_form_gradient_n.symmetric",
            title="∂(wᵀAw)/∂w = 2wᵀA for symmetric A, every n",
            lhs=derivative(_quad, w, NUMERATOR),
            rhs=2 * w.T * A,
            conditions=(_sym,),
            expected=PROVED,
            statement=r"\frac{\partial (\vec w^T A \vec w)}{\partial \vec w} = 2\vec w^T A",
            sources=(cite(DOC1, "④ second identity", "read with A symmetric"),),
        ),
        Claim(
            id="quadratic_form_gradient_n.missing-factor",
            title="∂(wᵀAw)/∂w = wᵀA for symmetric A (missing factor 2)",
            lhs=derivative(_quad, w, NUMERATOR),
            rhs=w.T * A,
            conditions=(_sym,),
            expected=REFUTED,
            correction=2 * w.T * A,
            statement=r"\frac{\partial (\vec w^T A \vec w)}{\partial \vec w} = \vec w^T A",
            sources=(variant(DOC1, "④ second identity", "the factor 2 dropped"),),
        ),
        Claim(
            id="quadratic_form_gradient_n.dropped-transpose",
            title="∂(wᵀAw)/∂w = (A + Aᵀ)wᵀ (dropped transpose)",
            lhs=derivative(_quad, w, DENOMINATOR),
            rhs=(A + A.T) * w.T,
            expected=REFUTED,
            correction=(A + A.T) * w,
            statement=r"\frac{\partial (\vec w^T A \vec w)}{\partial \vec w} = (A + A^T)\vec w^T",
            sources=(variant(DOC1, "④ second identity", "w where wᵀ… is due"),),
        ),
    ),
)

_Bx = B * x
linear_map = Formula(
    name="linear_map_jacobian_n",
    kind=Kind.IDENTITY,
    title="∂(Ax)/∂x in both layouts",
    summary="For A of shape m×n: ∂(Ax)/∂x = A (numerator layout, m×n), Aᵀ (denominator layout, n×m).",
    variables=(x,),
    parameters=(B,),
    definition=_Bx,
    sources=(cite(DOC1, "④ Detour: Matrix/Vector differentiation"),),
    claims=(
        Claim(
            id="linear_map_jacobian_n.numerator",
            title="∂(Ax)/∂x = A (numerator layout), every m, n",
            lhs=derivative(_Bx, x, NUMERATOR),
            rhs=B,
            expected=PROVED,
            statement=r"\vec y = A\vec x:\ \frac{\partial \vec y}{\partial \vec x} = A \quad(\text{numerator layout})",
            sources=(cite(DOC1, "④ third identity", "A read as m×n, not necessarily square"),),
        ),
        Claim(
            id="linear_map_jacobian_n.denominator",
            title="∂(Ax)/∂x = Aᵀ (denominator layout), every m, n",
            lhs=derivative(_Bx, x, DENOMINATOR),
            rhs=B.T,
            expected=PROVED,
            statement=r"\frac{\partial (A\vec x)}{\partial \vec x} = A^T \quad(\text{denominator layout})",
            sources=(cite(DOC1, "④ third identity, in the other layout"),),
        ),
        Claim(
            id="linear_map_jacobian_n.dropped-transpose",
            title="∂(Ax)/∂x = A in denominator layout (dropped transpose)",
            lhs=derivative(_Bx, x, DENOMINATOR),
            rhs=B,
            expected=REFUTED,
            correction=B.T,
            statement=r"\frac{\partial (A\vec x)}{\partial \vec x} = A \quad(\text{denominator layout})",
            sources=(variant(DOC1, "④ third identity", "the transpose dropped"),),
        ),
        Claim(
            id="linear_map_jacobian_n.dropped-transpose-square",
            title="∂(Ax)/∂x = A in denominator layout, A square (dropped transpose)",
            lhs=derivative(A * x, x, DENOMINATOR),
            rhs=A,
            expected=REFUTED,
            correction=A.T,
            statement=r"\frac{\partial (A\vec x)}{\partial \vec x} = A \quad(\text{denominator layout, } A \in \mathbb{R}^{n\times n})",
            # A layout trap the catalog builds: 001 states ∂(Ax)/∂x = A in its own numerator
            # layout, where it is right; it never writes this denominator-layout form.
            sources=(
                variant(
                    DOC1,
                    "④ third identity",
                    "the transpose dropped in the denominator layout, A square: the shapes agree, "
                    "the entries do not",
                ),
            ),
        ),
    ),
)

# Chain rule: g(x) = f(Gx) : R^d -> R^m, h(y) = g(Cy) : R^m -> R^k (elementwise f, g arbitrary).
X = sp.MatrixSymbol("x", d, 1)
G = sp.MatrixSymbol("G", m, d)
C = sp.MatrixSymbol("C", k, m)
_inner = elementwise(f, G * X)
_outer = elementwise(g, C * _inner)


def readable(expr: sp.Basic, depth: int = 0) -> sp.Basic:
    """``expr`` with the summation variables SymPy invents named r, s, t by depth (for display)."""
    if isinstance(expr, sp.Sum) and len(expr.limits) == 1:
        ((var, lo, hi),) = expr.limits
        fresh = sp.Symbol("rstuv"[depth], integer=True)
        return sp.Sum(readable(expr.function.xreplace({var: fresh}), depth + 1), (fresh, lo, hi))
    if expr.is_Atom or not expr.args:
        return expr
    return expr.func(*(readable(a, depth) for a in expr.args))


_J_inner = DiagMatrix(slopes(f, G * X)) * G
_J_outer = DiagMatrix(slopes(g, C * _inner)) * C
chain_rule = Formula(
    name="jacobian_chain_rule",
    kind=Kind.IDENTITY,
    title="Jacobian chain rule J(f∘g) = J_f J_g with its shapes",
    summary="For g: R^d → R^m and f: R^m → R^k, J(f∘g) (k×d) = J_f(g(x)) (k×m) · J_g (m×d) in numerator layout.",
    variables=(X,),
    definition=sp.Integer(0),
    sources=(cite(DOC1, "⑤ Chain Rule, Multivariate Chain Rule"),),
    claims=(
        Claim(
            id="jacobian_chain_rule.numerator",
            title="J(f∘g) = J_f J_g, k×d = (k×m)(m×d), every k, m, d",
            lhs=derivative(_outer, X, NUMERATOR),
            rhs=_J_outer * _J_inner,
            expected=PROVED,
            statement=r"J_{f\circ g} = (J_f \circ g)\, J_g \quad (k\times d = (k\times m)(m\times d))",
            sources=(
                cite(
                    DOC1,
                    "⑤ Jacobian relationship",
                    "checked for g = f(Gx), f = g(Cy) with arbitrary elementwise f, g",
                ),
            ),
        ),
        Claim(
            id="jacobian_chain_rule.wrong-order",
            title="J(f∘g) = J_g J_f (the factors swapped)",
            lhs=derivative(_outer, X, NUMERATOR),
            rhs=_J_inner * _J_outer,
            expected=REFUTED,
            correction=_J_outer * _J_inner,
            statement=r"J_{f\circ g} = J_g\, (J_f \circ g)",
            sources=(
                variant(DOC1, "⑤ 'some books/people use opposite order'", "in numerator layout"),
            ),
        ),
        Claim(
            id="jacobian_chain_rule.denominator",
            title="∂(f∘g)/∂x = (∂g/∂x)(∂f/∂g) in denominator layout, every k, m, d",
            lhs=derivative(_outer, X, DENOMINATOR),
            rhs=_J_inner.T * _J_outer.T,
            expected=PROVED,
            statement=r"\frac{\partial (f\circ g)}{\partial x} = \frac{\partial g}{\partial x}\frac{\partial f}{\partial g} \quad(\text{denominator layout: the opposite order})",
            sources=(cite(DOC1, "⑤ 'some books/people use opposite order'"),),
        ),
    ),
)

# Dense layer z = W y + b, y' = f(z), followed by div = Σ_r g_r y'_r (g arbitrary: every upstream gradient).
Y = sp.MatrixSymbol("y", n, 1)
W = sp.MatrixSymbol("W", m, n)
bias = sp.MatrixSymbol("b", m, 1)
up = sp.MatrixSymbol("g", m, 1)
Zs = sp.MatrixSymbol("z", m, 1)
_z = W * Y + bias
_div = (up.T * elementwise(f, _z))[0, 0]
_div_z = (up.T * elementwise(f, Zs))[0, 0]
_grad_z_row = up.T * DiagMatrix(slopes(f, _z))
_grad_z_col = DiagMatrix(slopes(f, _z)) * up
dense_layer = Formula(
    name="dense_layer_n",
    kind=Kind.LAYER,
    title="Dense layer z = Wy + b, y' = f(z) at any shape, both layouts",
    summary="∇_z div = ∇_y' div · diag(f'(z)); ∇_y div = ∇_z div · W; ∇_W div = y ∇_z div; ∇_b div = ∇_z div (rows).",
    variables=(Y,),
    parameters=(W, bias),
    definition=readable(_div),
    aliases=("dense-layer-n",),
    sources=(cite(DOC0, "Forward Pass & Backward Pass, Vector 写法"),),
    claims=(
        Claim(
            id="dense_layer_n.grad-z.numerator",
            title="∇_z div = ∇_y' div · diag(f'(z)) (numerator layout, rows)",
            lhs=derivative(_div_z, Zs, NUMERATOR),
            rhs=up.T * DiagMatrix(slopes(f, Zs)),
            expected=PROVED,
            statement=r"\nabla_{\mathbf{z}_k}\mathrm{div} = \nabla_{\mathbf{y}_k}\mathrm{div}\cdot\mathrm{diag}(f_k'(\mathbf{z}_k))",
            sources=(
                cite(
                    DOC0,
                    "Backward Pass, second and third lines",
                    "∇_y' div = gᵀ for an arbitrary g",
                ),
            ),
        ),
        Claim(
            id="dense_layer_n.grad-z.missing-factor",
            title="∇_z div = ∇_y' div (the factor diag(f'(z)) dropped)",
            lhs=derivative(_div_z, Zs, NUMERATOR),
            rhs=up.T,
            expected=REFUTED,
            correction=up.T * DiagMatrix(slopes(f, Zs)),
            statement=r"\nabla_{\mathbf{z}_k}\mathrm{div} = \nabla_{\mathbf{y}_k}\mathrm{div}",
            sources=(variant(DOC0, "Backward Pass", "the activation's slope dropped"),),
        ),
        Claim(
            id="dense_layer_n.grad-y.numerator",
            title="∇_y div = ∇_z div · W (numerator layout), every m, n",
            lhs=derivative(_div, Y, NUMERATOR),
            rhs=_grad_z_row * W,
            expected=PROVED,
            statement=r"\nabla_{\mathbf{y}_{k-1}}\mathrm{div} = \nabla_{\mathbf{z}_k}\mathrm{div}\cdot W_k",
            sources=(cite(DOC0, "Backward Pass, fourth and fifth lines"),),
        ),
        Claim(
            id="dense_layer_n.grad-y.denominator",
            title="∇_y div = Wᵀ ∇_z div (denominator layout), every m, n",
            lhs=derivative(_div, Y, DENOMINATOR),
            rhs=W.T * _grad_z_col,
            expected=PROVED,
            statement=r"\nabla_{\mathbf{y}_{k-1}}\mathrm{div} = W_k^T\,\nabla_{\mathbf{z}_k}\mathrm{div} \quad(\text{denominator layout})",
            sources=(cite(DOC0, "Backward Pass, in the other layout"),),
        ),
        Claim(
            id="dense_layer_n.grad-y.dropped-transpose",
            title="∇_y div = W ∇_z div in denominator layout (dropped transpose)",
            lhs=derivative(_div, Y, DENOMINATOR),
            rhs=W * _grad_z_col,
            expected=REFUTED,
            correction=W.T * _grad_z_col,
            statement=r"\nabla_{\mathbf{y}_{k-1}}\mathrm{div} = W_k\,\nabla_{\mathbf{z}_k}\mathrm{div}",
            sources=(variant(DOC0, "Backward Pass", "Wᵀ written W"),),
        ),
        Claim(
            id="dense_layer_n.grad-W.numerator",
            title="∇_W div = y · ∇_z div (numerator layout, n×m), every m, n",
            lhs=derivative(_div, W, NUMERATOR),
            rhs=Y * _grad_z_row,
            expected=PROVED,
            statement=r"\nabla_{W_k}\mathrm{div} = \mathbf{y}_{k-1}\cdot\nabla_{\mathbf{z}_k}\mathrm{div}",
            sources=(
                cite(
                    DOC0,
                    "Backward Pass, sixth line",
                    "an n×m result: the numerator layout of a derivative by W",
                ),
            ),
        ),
        Claim(
            id="dense_layer_n.grad-W.denominator",
            title="∇_W div = ∇_z div yᵀ (denominator layout, m×n, W's shape), every m, n",
            lhs=derivative(_div, W, DENOMINATOR),
            rhs=_grad_z_col * Y.T,
            expected=PROVED,
            statement=r"\nabla_{W_k}\mathrm{div} = \nabla_{\mathbf{z}_k}\mathrm{div}\;\mathbf{y}_{k-1}^T \quad(\text{denominator layout})",
            sources=(cite(DOC0, "Backward Pass, sixth line, in the other layout"),),
        ),
        Claim(
            id="dense_layer_n.grad-W.wrong-layout",
            title="∇_W div = y · ∇_z div read in denominator layout (wrong layout)",
            lhs=derivative(_div, W, DENOMINATOR),
            rhs=Y * _grad_z_row,
            expected=REFUTED,
            correction=(Y * _grad_z_row).T,
            statement=r"\nabla_{W_k}\mathrm{div} = \mathbf{y}_{k-1}\cdot\nabla_{\mathbf{z}_k}\mathrm{div} \quad(\text{denominator layout})",
            sources=(variant(DOC0, "Backward Pass, sixth line", "W's shape expected"),),
        ),
        Claim(
            id="dense_layer_n.grad-b.numerator",
            title="∇_b div = ∇_z div (numerator layout), every m, n",
            lhs=derivative(_div, bias, NUMERATOR),
            rhs=_grad_z_row,
            expected=PROVED,
            statement=r"\nabla_{\mathbf{b}_k}\mathrm{div} = \nabla_{\mathbf{z}_k}\mathrm{div}",
            sources=(cite(DOC0, "Backward Pass, last line"),),
        ),
        Claim(
            id="dense_layer_n.grad-b.denominator",
            title="∇_b div = diag(f'(z)) g (denominator layout), every m, n",
            lhs=derivative(_div, bias, DENOMINATOR),
            rhs=_grad_z_col,
            expected=PROVED,
            statement=r"\nabla_{\mathbf{b}_k}\mathrm{div} = \mathrm{diag}(f'(\mathbf{z}_k))\,\mathbf{g} \quad(\text{denominator layout})",
            sources=(cite(DOC0, "Backward Pass, last line, in the other layout"),),
        ),
    ),
)

# Maxout, hinge and logistic regression with vectors of any length n.
i = index("i", n)
j_ = sp.Symbol("j", integer=True)
u, v, xs = vector("u"), vector("v"), vector("x")
yl = sp.Symbol("y", real=True)
_a1, _a2 = total(u[j_] * xs[j_], j_, n), total(v[j_] * xs[j_], j_, n)
maxout_n = Formula(
    name="maxout_n",
    kind=Kind.ACTIVATION,
    title="Maxout max(w₁ᵀx, w₂ᵀx) at any length n",
    summary="∂/∂w₁ max(w₁ᵀx, w₂ᵀx) = θ(w₁ᵀx − w₂ᵀx) x; ReLU is the case w₂ = 0.",
    variables=(u[i],),
    parameters=(v[i], xs[i]),
    definition=sp.Max(_a1, _a2),
    sources=(cite(DOC1, "② Maxout"), cite(DOC3, "Maxout")),
    claims=(
        Claim(
            id="maxout_n.relu-special-case",
            title="ReLU is maxout with w₂ = 0, every n",
            lhs=sp.Max(_a1, _a2),
            rhs=sp.Max(0, _a1),
            conditions=(zero(v, n, text="w₂ = 0"),),
            expected=PROVED,
            statement=r"\max\{\vec w_1^T x, \vec w_2^T x\} = \operatorname{ReLU}(\vec w_1^T x) \quad(\vec w_2 = 0)",
            sources=(cite(DOC1, "② Maxout: 'ReLU is a special case of this. How?'"),),
        ),
        Claim(
            id="maxout_n.gradient-w1",
            title="∂maxout/∂w₁ᵢ = θ(w₁ᵀx − w₂ᵀx) xᵢ, every n",
            lhs=D(sp.Max(_a1, _a2), u[i]),
            rhs=sp.Heaviside(_a1 - _a2) * xs[i],
            expected=PROVED,
            statement=r"\frac{\partial}{\partial w_{1i}}\max\{\vec w_1^T x, \vec w_2^T x\} = \theta(\vec w_1^T x - \vec w_2^T x)\, x_i",
            sources=(cite(DOC1, "② Maxout", "the gradient flows to the larger of the two"),),
        ),
        Claim(
            id="maxout_n.gradient-x",
            title="∂maxout/∂xᵢ = w₁ᵢ or w₂ᵢ, whichever is active, every n",
            lhs=D(sp.Max(_a1, _a2), xs[i]),
            rhs=sp.Heaviside(_a1 - _a2) * u[i] + sp.Heaviside(_a2 - _a1) * v[i],
            expected=PROVED,
            statement=r"\frac{\partial}{\partial x_i}\max\{\vec w_1^T x, \vec w_2^T x\} = \theta(a_1 - a_2)\, w_{1i} + \theta(a_2 - a_1)\, w_{2i}",
            sources=(cite(DOC3, "Maxout"),),
        ),
    ),
)

_margin = yl * total(u[j_] * xs[j_], j_, n)
_hinge = sp.Max(0, 1 - _margin)
_labels = conditions.binary(yl, (-1, 1))
hinge_n = Formula(
    name="hinge_n",
    kind=Kind.LOSS,
    title="Hinge loss max(0, 1 − y wᵀx) at any length n",
    summary="Subgradient ∂L/∂w = −y x where y wᵀx < 1, 0 where y wᵀx > 1 (y in {−1, +1}).",
    variables=(u[i],),
    parameters=(xs[i], yl),
    definition=_hinge,
    sources=(cite(DOC1, "③ ② Hinge-Loss"),),
    claims=(
        Claim(
            id="hinge_n.subgradient",
            title="∂L/∂wᵢ = −y xᵢ if y wᵀx < 1, else 0, every n",
            lhs=D(_hinge, u[i]),
            rhs=sp.Piecewise((-yl * xs[i], _margin < 1), (0, True)),
            conditions=(_labels,),
            expected=PROVED,
            statement=r"\frac{\partial L_i}{\partial w_j} = \begin{cases} -y_i x_{ij} & y_i \vec w^T \vec x_i < 1 \\ 0 & y_i \vec w^T \vec x_i > 1\end{cases}",
            sources=(cite(DOC1, "③ ② Hinge-Loss", "the subgradient, off the kink y wᵀx = 1"),),
        ),
        Claim(
            id="hinge_n.subgradient-sign",
            title="∂L/∂wᵢ = y xᵢ if y wᵀx < 1 (sign dropped)",
            lhs=D(_hinge, u[i]),
            rhs=sp.Piecewise((yl * xs[i], _margin < 1), (0, True)),
            conditions=(_labels,),
            expected=REFUTED,
            correction=sp.Piecewise((-yl * xs[i], _margin < 1), (0, True)),
            statement=r"\frac{\partial L_i}{\partial w_j} = y_i x_{ij}\ (y_i \vec w^T \vec x_i < 1)",
            sources=(variant(DOC1, "③ ② Hinge-Loss", "the sign of the subgradient dropped"),),
        ),
    ),
)

_a = total(u[j_] * xs[j_], j_, n)
_p = sigmoid(_a)
_logloss = -yl * sp.log(_p) - (1 - yl) * sp.log(1 - _p)
logistic_regression = Formula(
    name="logistic_regression_n",
    kind=Kind.LOSS,
    title="Logistic regression log-loss at any length n",
    summary="L = −y log σ(wᵀx) − (1 − y) log(1 − σ(wᵀx)); ∂L/∂w = (σ(wᵀx) − y) x.",
    variables=(u[i],),
    parameters=(xs[i], yl),
    definition=_logloss,
    aliases=("log-loss-n",),
    sources=(cite(DOC1, "② Logistic; ⑤ Chain Rule, example"),),
    claims=(
        Claim(
            id="logistic_regression_n.gradient",
            title="∂L/∂wᵢ = (p − y) xᵢ, every n",
            lhs=D(_logloss, u[i]),
            rhs=(_p - yl) * xs[i],
            expected=PROVED,
            statement=r"\frac{\partial L}{\partial \vec w} = (p - y)\,\vec x^T,\quad p = \sigma(\vec w^T\vec x)",
            sources=(cite(DOC1, "② Logistic Regression", "the general label y, not only y = +1"),),
        ),
        Claim(
            id="logistic_regression_n.chain-example",
            title="∂/∂w of −log σ(wᵀx) = (1 − p)xᵀ, as written (y = +1), every n",
            lhs=D(-sp.log(_p), u[i]),
            rhs=(1 - _p) * xs[i],
            expected=REFUTED,
            correction=(_p - 1) * xs[i],
            statement=r"\frac{\partial L_i}{\partial w} = (1 - p)\,x^T \quad (L_i = -\log\sigma(w^T x_i),\ y_i = +1)",
            sources=(
                cite(
                    DOC1,
                    "⑤ Chain Rule, example",
                    "the product of the written factors is −(1 − p)xᵀ: the sign is lost",
                ),
            ),
        ),
    ),
)

FORMULAS = (
    linear_form,
    quadratic_form,
    linear_map,
    chain_rule,
    dense_layer,
    maxout_n,
    hinge_n,
    logistic_regression,
)
