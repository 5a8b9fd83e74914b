r"""Identities of matrix calculus at symbolic shapes, each with its layout named.

Numerator layout: :math:`\partial y / \partial x` is :math:`\dim y \times \dim x`
(a scalar by a column vector is a row; this is the convention of the lecture
notes, whose table puts "numerator = dim 1, denominator = dim 2"). Denominator
layout is the transpose (a gradient is a column). Each identity is proved for
every size by :mod:`derivations.verifier.sized` and cross-checked entry by entry at
size 3; the wrong variants (wrong layout, dropped transpose, missing factor)
are refuted by their shapes or by an exact counterexample.

The chain rule is written with arbitrary elementwise functions ``f`` and ``g`` (undefined
SymPy functions): a proof holds for every differentiable ``f``; a
counterexample is searched with ``f = tanh``.
"""

from __future__ import annotations

import sympy as sp
from sympy.matrices.expressions.diagonal import DiagMatrix

from derivations.catalog.any_size import elementwise, slopes
from derivations.catalog.building import PROVED, REFUTED
from derivations.catalog.sources import NEURON_LECTURE as DOC1
from derivations.catalog.sources import cite, variant
from derivations.model import Claim, Formula, Kind
from derivations.symbolic.indexed import size, symmetric
from derivations.symbolic.matrix_calculus import DENOMINATOR, NUMERATOR, derivative

n, m, k, d = size("n"), size("m"), size("k"), size("d")
w, x = sp.MatrixSymbol("w", n, 1), sp.MatrixSymbol("x", n, 1)
A = sp.MatrixSymbol("A", n, n)
B = sp.MatrixSymbol("B", m, n)
f, g = sp.Function("f"), sp.Function("g")

_wtx = w.T * x  # 1×1: SymPy's matrix derivative sees the matrix expression
linear_form_gradient_n = Formula(
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
quadratic_form_gradient_n = Formula(
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
linear_map_jacobian_n = Formula(
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

_J_inner = DiagMatrix(slopes(f, G * X)) * G
_J_outer = DiagMatrix(slopes(g, C * _inner)) * C
jacobian_chain_rule = Formula(
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
