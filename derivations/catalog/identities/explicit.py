r"""Identities of matrix calculus written out entry by entry: linear and quadratic forms,
linear maps, the chain rule.

The documents use the numerator layout: the gradient of a scalar with
respect to a vector is a row, and the Jacobian of :math:`\vec y \in
\mathbb{R}^k` with respect to :math:`\vec x \in \mathbb{R}^d` is :math:`k
\times d`. The claims are encoded in that layout. A formula's closed-form
``derivative`` follows the catalog's convention instead (the gradient of a
scalar is a column), so for a scalar it is the transpose of the row the
document writes.

The chain rule is encoded with undefined functions ``f`` and ``g``: a claim
about them holds for every differentiable ``f`` and ``g``, where concrete
functions would only prove an instance.
"""

from __future__ import annotations

import sympy as sp

from derivations.catalog.building import (
    PROVED,
    REFUTED,
    D,
    column,
    gradient_row,
    jacobian,
    matrix,
    real,
    symbol_matrix,
)
from derivations.catalog.sources import (
    ACTIVATIONS_AND_OUTPUT as DOC0,
)
from derivations.catalog.sources import (
    NEURON_LECTURE as DOC1,
)
from derivations.catalog.sources import (
    cite,
)
from derivations.model import Claim, Formula, Kind, Source
from derivations.symbolic import conditions

#: Cited for a claim the tool adds itself, that no document states.
OWN = Source("derive catalog", "reference identity")


def _d(num: str, den: str) -> str:
    r"""LaTeX for :math:`\partial num / \partial den`."""
    return rf"\frac{{\partial {num}}}{{\partial {den}}}"


_W = r"\vec w"
_WX = r"(\vec w^\mathrm{T}\vec x)"
_WAW = r"(\vec w^\mathrm{T} A \vec w)"

N = 3
ws = real("w1:4")
xs = real("x1:4")
w, x = column(ws), column(xs)
_linear = (w.T * x)[0]

linear_form_gradient = Formula(
    name="linear_form_gradient",
    kind=Kind.IDENTITY,
    title="Gradient of a linear form (d = 3)",
    summary=(
        "∂(wᵀx)/∂w = [∂(wᵀx)/∂w_1 … ∂(wᵀx)/∂w_d] = xᵀ, a row in the document's numerator layout; "
        "the closed form below is the column x."
    ),
    variables=ws,
    parameters=xs,
    definition=_linear,
    derivative=x,
    sources=(cite(DOC1, "④ Detour: Matrix/Vector differentiation"),),
    claims=(
        Claim(
            id="linear_form_gradient.row",
            title="∂(wᵀx)/∂w = xᵀ (row gradient)",
            lhs=gradient_row(_linear, ws),
            rhs=x.T,
            expected=PROVED,
            statement=(
                rf"{_d(_WX, _W)} = \left[{_d(_WX, 'w_1')} \dots {_d(_WX, 'w_d')}\right] = "
                r"\vec x^\mathrm{T}"
            ),
            sources=(cite(DOC1, "④ Detour, 'Easy to prove', first line"),),
        ),
    ),
)

A = symbol_matrix("a", N, N)
_quadratic = (w.T * A * w)[0]
_symmetric = conditions.symmetric(A)
_quadratic_gradient = sp.ImmutableMatrix(w.T * (A + A.T))

quadratic_form_gradient = Formula(
    name="quadratic_form_gradient",
    kind=Kind.IDENTITY,
    title="Gradient of a quadratic form (3 × 3)",
    summary=(
        "∂(wᵀAw)/∂w = wᵀ(A + Aᵀ) as a row; it is 2wᵀA only when A is symmetric, "
        "which the document does not state. The closed form below is the column (A + Aᵀ)w."
    ),
    variables=ws,
    parameters=tuple(A),
    definition=_quadratic,
    derivative=sp.ImmutableMatrix((A + A.T) * w),
    hypotheses=(_symmetric,),
    sources=(cite(DOC1, "④ Detour: Matrix/Vector differentiation"),),
    claims=(
        Claim(
            id="quadratic_form_gradient.as-written",
            title="∂(wᵀAw)/∂w = 2wᵀA, as written",
            lhs=gradient_row(_quadratic, ws),
            rhs=sp.ImmutableMatrix(2 * w.T * A),
            expected=REFUTED,
            correction=_quadratic_gradient,
            statement=rf"{_d(_WAW, _W)} = 2\vec w^\mathrm{{T}} A",
            sources=(cite(DOC1, "④ Detour, 'Easy to prove', line 2", "A is any square matrix"),),
        ),
        Claim(
            id="quadratic_form_gradient.general",
            title="∂(wᵀAw)/∂w = wᵀ(A + Aᵀ)",
            lhs=gradient_row(_quadratic, ws),
            rhs=_quadratic_gradient,
            expected=PROVED,
            statement=rf"{_d(_WAW, _W)} = \vec w^\mathrm{{T}}(A + A^\mathrm{{T}})",
            sources=(OWN,),
        ),
        Claim(
            id="quadratic_form_gradient.symmetric",
            title="∂(wᵀAw)/∂w = 2wᵀA for symmetric A",
            lhs=gradient_row(_quadratic, ws),
            rhs=sp.ImmutableMatrix(2 * w.T * A),
            expected=PROVED,
            conditions=(_symmetric,),
            statement=rf"{_d(_WAW, _W)} = 2\vec w^\mathrm{{T}} A",
            sources=(OWN,),
        ),
    ),
)

B = symbol_matrix("a", 2, N)
_image = sp.ImmutableMatrix(B * x)

linear_map_jacobian = Formula(
    name="linear_map_jacobian",
    kind=Kind.IDENTITY,
    title="Jacobian of a linear map (2 × 3)",
    summary="y = Ax has the Jacobian ∂y/∂x = A (numerator layout: k × d).",
    variables=xs,
    parameters=tuple(B),
    definition=_image,
    derivative=B,
    sources=(cite(DOC1, "④ Detour: Matrix/Vector differentiation"),),
    claims=(
        Claim(
            id="linear_map_jacobian.as-written",
            title="∂(Ax)/∂x = A",
            lhs=jacobian(list(_image), xs),
            rhs=B,
            expected=PROVED,
            statement=r"\vec y = A\vec x \implies \frac{\partial \vec y}{\partial \vec x} = A",
            sources=(cite(DOC1, "④ Detour, 'Easy to prove', third line"),),
        ),
    ),
)

# --- the chain rule, with undefined functions ---------------------------------------------

(s,) = real("x")
(u,) = real("y")
f, g = sp.Function("f"), sp.Function("g")
_outer_at_inner = sp.Subs(D(f(u), u), u, g(s))  # f'(g(x))

DIM_X, DIM_Y, DIM_Z = 2, 3, 2  # g: R^2 -> R^3, f: R^3 -> R^2
x_vec = real("x1:3")
y_vec = real("y1:4")
g_vec = [sp.Function(f"g{k + 1}")(*x_vec) for k in range(DIM_Y)]
f_fun = [sp.Function(f"f{i + 1}") for i in range(DIM_Z)]
_composite = [fi(*g_vec) for fi in f_fun]
_jacobian_f_at_g = matrix(
    DIM_Z, DIM_Y, lambda i, k: sp.Subs(D(f_fun[i](*y_vec), y_vec[k]), y_vec, g_vec)
)
_jacobian_g = jacobian(g_vec, x_vec)
_m = range(DIM_Y)

chain_rule = Formula(
    name="chain_rule",
    kind=Kind.IDENTITY,
    title="Chain rule (scalar, and g: R² → R³, f: R³ → R²)",
    summary=(
        "(f∘g)'(x) = f'(g(x)) g'(x); for vectors ∂z_i/∂x_j = Σ_k ∂z_i/∂y_k ∂y_k/∂x_j, "
        "i.e. J_{f∘g} = (J_f∘g) J_g with shapes (k × d) = (k × m)(m × d). "
        "f and g are arbitrary (undefined) differentiable functions."
    ),
    variables=(s,),
    variable=s,
    definition=f(g(s)),
    derivative=_outer_at_inner * D(g(s), s),
    sources=(
        cite(DOC0, "Forward Pass & Backward Pass, Chain Rule"),
        cite(DOC1, "⑤ Chain Rule"),
    ),
    claims=(
        Claim(
            id="chain_rule.scalar",
            title="L'(x) = f'(g(x)) g'(x)",
            lhs=D(f(g(s)), s),
            rhs=_outer_at_inner * D(g(s), s),
            expected=PROVED,
            statement=r"L(x) = f(g(x)) \implies L'(x) = f'(g(x))\,g'(x)",
            sources=(cite(DOC1, "⑤ Chain Rule, 'More concrete notation for scalars'"),),
        ),
        Claim(
            id="chain_rule.intermediate",
            title="∂z/∂x = ∂z/∂y · ∂y/∂x",
            lhs=D(f(g(s)), s),
            rhs=_outer_at_inner * D(g(s), s),
            expected=PROVED,
            statement=(
                rf"y = g(x),\ z = f(y) \implies {_d('z', 'x')} = {_d('z', 'y')}\cdot{_d('y', 'x')}"
            ),
            sources=(
                cite(DOC1, "⑤ Chain Rule, 'With intermediate variables'"),
                cite(DOC0, "Chain Rule: dl/dz = dl/dy · dy/dz", "l = f(y), y = g(z)"),
            ),
        ),
        Claim(
            id="chain_rule.multivariate",
            title="∂z_i/∂x_j = Σ_k ∂z_i/∂y_k ∂y_k/∂x_j",
            lhs=jacobian(_composite, x_vec),
            rhs=matrix(
                DIM_Z,
                DIM_X,
                lambda i, j: sp.Add(*[_jacobian_f_at_g[i, k] * _jacobian_g[k, j] for k in _m]),
            ),
            expected=PROVED,
            statement=(
                r"\vec y = g(\vec x),\ \vec z = f(\vec y) \implies "
                rf"{_d('z_i', 'x_j')} = \sum_k {_d('z_i', 'y_k')}\cdot{_d('y_k', 'x_j')}"
            ),
            sources=(cite(DOC1, "⑤ Chain Rule, Multivariate Chain Rule, 'Visualize'"),),
        ),
        Claim(
            id="chain_rule.jacobian",
            title="J_{f∘g} = (J_f∘g) J_g",
            lhs=jacobian(_composite, x_vec),
            rhs=sp.ImmutableMatrix(_jacobian_f_at_g * _jacobian_g),
            expected=PROVED,
            statement=(
                r"J_{f \circ g} = (J_f \circ g)\,J_g \quad (k \times d = (k \times m)(m \times d))"
            ),
            sources=(
                cite(
                    DOC1,
                    "⑤ Chain Rule, 'Jacobian relationship'",
                    "the picture labels the left entry ∂z_i/∂y_j; read as ∂z_i/∂x_j (a typo)",
                ),
            ),
        ),
    ),
)
