"""The symbols the losses share, at n = 3: predictions ŷ, targets y, outputs o, logits z.

Vector losses are encoded at n = 3 (so the course documents' 1/n is 1/3). Targets ``y`` are
drawn from (0, 1) and predictions ``ŷ`` from (0, 1) when counterexamples are searched
(:data:`PROBABILITY_DOMAINS`).
"""

from __future__ import annotations

import sympy as sp

from derivations.catalog.building import positive, real

N = 3
UNIT = (sp.Integer(0), sp.Integer(1))

yhat = positive("yhat1:4")
y = real("y1:4")
o = real("o1:4")
z = real("z1:4")
w = real("w1:4")
x = real("x1:4")
(yhat_s,) = positive("yhat")
(y_s,) = real("y")
(p_s,) = positive("p")
(a_s,) = real("a")
(x_s,) = real("x")

PROBABILITY_DOMAINS = tuple((s, UNIT) for s in (*yhat, *y, yhat_s, y_s, p_s))
