"""Layers: the formulas of the course documents and of modern networks.

One module per kind of layer; this package only names the family's formulas, by part of the
notes.
"""

from __future__ import annotations

from derivations.catalog.layers.blocks import attention, residual_block, rnn_bptt
from derivations.catalog.layers.dense import (
    backprop_recursion,
    dense_layer,
    neuron,
    sigmoid_neuron_mse,
    vector_backprop,
)
from derivations.catalog.layers.normalization import batch_norm, dropout, layer_norm
from derivations.catalog.layers.sized import dense_layer_n
from derivations.model import Formula

#: The course documents' layers, written out at a fixed size.
DOCUMENTS: tuple[Formula, ...] = (
    neuron,
    sigmoid_neuron_mse,
    dense_layer,
    backprop_recursion,
    vector_backprop,
)
#: The course documents' layers at any shape.
AT_ANY_SIZE: tuple[Formula, ...] = (dense_layer_n,)
#: The layers of modern networks.
MODERN: tuple[Formula, ...] = (batch_norm, layer_norm, attention, rnn_bptt, residual_block, dropout)
FORMULAS: tuple[Formula, ...] = (*DOCUMENTS, *AT_ANY_SIZE, *MODERN)

__all__ = [
    "AT_ANY_SIZE",
    "DOCUMENTS",
    "FORMULAS",
    "MODERN",
    "attention",
    "backprop_recursion",
    "batch_norm",
    "dense_layer",
    "dense_layer_n",
    "dropout",
    "layer_norm",
    "neuron",
    "residual_block",
    "rnn_bptt",
    "sigmoid_neuron_mse",
    "vector_backprop",
]
