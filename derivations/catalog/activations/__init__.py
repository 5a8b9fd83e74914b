"""Activations: the formulas of the course documents and of modern networks.

One module per kind of activation; this package only names the family's formulas, by part of
the notes.
"""

from __future__ import annotations

from derivations.catalog.activations.gated import (
    GELU_CUBIC,
    GELU_SIGMOID_SLOPE,
    gelu,
    gelu_tanh_formula,
    mish,
    swish,
)
from derivations.catalog.activations.piecewise import (
    SELU_ALPHA,
    SELU_LAMBDA,
    celu,
    elu,
    hard_sigmoid,
    hard_swish,
    hardtanh,
    leaky_relu,
    relu,
    selu,
)
from derivations.catalog.activations.sized import maxout_n, softmax_n
from derivations.catalog.activations.smooth import (
    linear,
    log_sigmoid,
    sigmoid_formula,
    softplus_beta,
    softplus_formula,
    softsign,
    tanh,
)
from derivations.catalog.activations.vector import log_softmax, maxout, softmax_formula, softmin
from derivations.model import Formula

#: The course documents' activations, written out at a fixed size.
DOCUMENTS: tuple[Formula, ...] = (
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
#: The course documents' activations at any length n.
AT_ANY_SIZE: tuple[Formula, ...] = (softmax_n, maxout_n)
#: The activations of modern networks.
MODERN: tuple[Formula, ...] = (
    gelu,
    gelu_tanh_formula,
    swish,
    mish,
    selu,
    celu,
    softsign,
    hardtanh,
    hard_sigmoid,
    hard_swish,
    log_sigmoid,
    log_softmax,
    softmin,
    softplus_beta,
)
FORMULAS: tuple[Formula, ...] = (*DOCUMENTS, *AT_ANY_SIZE, *MODERN)

__all__ = [
    "AT_ANY_SIZE",
    "DOCUMENTS",
    "FORMULAS",
    "GELU_CUBIC",
    "GELU_SIGMOID_SLOPE",
    "MODERN",
    "SELU_ALPHA",
    "SELU_LAMBDA",
    "celu",
    "elu",
    "gelu",
    "gelu_tanh_formula",
    "hard_sigmoid",
    "hard_swish",
    "hardtanh",
    "leaky_relu",
    "linear",
    "log_sigmoid",
    "log_softmax",
    "maxout",
    "maxout_n",
    "mish",
    "relu",
    "selu",
    "sigmoid_formula",
    "softmax_formula",
    "softmax_n",
    "softmin",
    "softplus_beta",
    "softplus_formula",
    "softsign",
    "swish",
    "tanh",
]
