"""Losses: the formulas of the course documents and of modern networks.

One module per kind of loss; this package only names the family's formulas, by part of the
notes.
"""

from __future__ import annotations

from derivations.catalog.losses.binary import (
    bce_with_logits,
    focal,
    hinge,
    log_loss,
    squared_hinge,
)
from derivations.catalog.losses.cross_entropy import (
    binary_cross_entropy,
    cross_entropy_mean,
    kl_divergence,
    kl_one_hot,
    label_smoothing,
    nll,
    softmax_cross_entropy,
)
from derivations.catalog.losses.regression import (
    cosine_similarity,
    huber,
    l2_divergence,
    log_cosh,
    mse,
    mse_half,
    poisson_nll,
    smooth_l1,
)
from derivations.catalog.losses.sized import (
    hinge_n,
    kl_divergence_n,
    l2_divergence_n,
    logistic_regression_n,
    mse_n,
    softmax_cross_entropy_n,
)
from derivations.model import Formula

#: The course documents' losses, written out at a fixed size.
DOCUMENTS: tuple[Formula, ...] = (
    l2_divergence,
    mse,
    mse_half,
    binary_cross_entropy,
    kl_one_hot,
    cross_entropy_mean,
    log_loss,
    hinge,
    softmax_cross_entropy,
)
#: The course documents' losses at any length n.
AT_ANY_SIZE: tuple[Formula, ...] = (
    softmax_cross_entropy_n,
    kl_divergence_n,
    l2_divergence_n,
    mse_n,
    hinge_n,
    logistic_regression_n,
)
#: The losses of modern networks.
MODERN: tuple[Formula, ...] = (
    huber,
    smooth_l1,
    log_cosh,
    focal,
    label_smoothing,
    bce_with_logits,
    kl_divergence,
    nll,
    poisson_nll,
    squared_hinge,
    cosine_similarity,
)
FORMULAS: tuple[Formula, ...] = (*DOCUMENTS, *AT_ANY_SIZE, *MODERN)

__all__ = [
    "AT_ANY_SIZE",
    "DOCUMENTS",
    "FORMULAS",
    "MODERN",
    "bce_with_logits",
    "binary_cross_entropy",
    "cosine_similarity",
    "cross_entropy_mean",
    "focal",
    "hinge",
    "hinge_n",
    "huber",
    "kl_divergence",
    "kl_divergence_n",
    "kl_one_hot",
    "l2_divergence",
    "l2_divergence_n",
    "label_smoothing",
    "log_cosh",
    "log_loss",
    "logistic_regression_n",
    "mse",
    "mse_half",
    "mse_n",
    "nll",
    "poisson_nll",
    "smooth_l1",
    "softmax_cross_entropy",
    "softmax_cross_entropy_n",
    "squared_hinge",
]
