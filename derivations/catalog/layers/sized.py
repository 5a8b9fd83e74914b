r"""The dense layer z = Wy + b, y' = f(z) at any shape, both layouts, decided for every shape.

Numerator layout: :math:`\partial y / \partial x` is :math:`\dim y \times \dim x` (a scalar by a
column vector is a row); denominator layout is the transpose (a gradient is a column). The
activation ``f`` is arbitrary (:mod:`derivations.catalog.any_size`).
"""

from __future__ import annotations

import sympy as sp
from sympy.matrices.expressions.diagonal import DiagMatrix

from derivations.catalog.any_size import elementwise, readable, slopes
from derivations.catalog.building import PROVED, REFUTED
from derivations.catalog.sources import ACTIVATIONS_AND_OUTPUT as DOC0
from derivations.catalog.sources import cite, variant
from derivations.model import Claim, Formula, Kind
from derivations.symbolic.indexed import size
from derivations.symbolic.matrix_calculus import DENOMINATOR, NUMERATOR, derivative

n, m = size("n"), size("m")
f = sp.Function("f")

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
dense_layer_n = Formula(
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
