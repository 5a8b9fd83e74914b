"""The points a counterpart is compared at: the kinks, ties and large magnitudes, then random ones.

A :data:`Draw` gives at least ``count`` points from a seeded ``random.Random``; the special
values come first (exactly 0, ties of coordinates, ±20, ±30, ±700 for activations and logits;
1e-50 and 1 − 1e-12 for probabilities), then uniform and log-uniform samples.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

Point = tuple[float, ...]
LARGE = (20.0, 21.0, 30.0, 700.0)


Draw = Callable[[random.Random, int], list[Point]]


def _pad(points: list[Point], make: Callable[[], Point], count: int) -> list[Point]:
    """``points`` followed by random ones up to ``count`` (all of them when there are more)."""
    while len(points) < count:
        points.append(make())
    return points


def reals(k: int, *, large: bool = True, kinks: Sequence[float] = ()) -> Draw:
    """Points of ``k`` real coordinates: 0, ties, ±1, large magnitudes, then random ones.

    ``kinks`` are further special values (hard sigmoid's ±3), each drawn exactly.
    """

    def draw(rng: random.Random, count: int) -> list[Point]:
        specials = [0.0, 1.0, -1.0, 1e-300, -1e-300, 0.5, -0.5, *kinks]
        if large:
            specials += [s * m for m in LARGE for s in (1.0, -1.0)]

        def uniform() -> float:
            if rng.random() < 0.5:
                return rng.uniform(-10, 10)
            return rng.choice((1.0, -1.0)) * 10 ** rng.uniform(-8, 2.8 if large else 1)

        points: list[Point] = []
        if k == 1:
            points = [(s,) for s in specials]
        else:
            for s in specials:
                for j in range(k):
                    row = [uniform() for _ in range(k)]
                    row[j] = s
                    points.append(tuple(row))
                points.append((s,) * k)  # a tie of every coordinate
            for _ in range(20):
                v = uniform()
                points.append((v, v, *(uniform() for _ in range(k - 2))))  # a tie of two
        return _pad(points, lambda: tuple(uniform() for _ in range(k)), count)

    return draw


def probabilities(k: int) -> Draw:
    """Points in (0, 1)^k: 1/2, values near 0 and near 1, then random ones."""

    def draw(rng: random.Random, count: int) -> list[Point]:
        specials = [0.5, 1e-12, 1 - 1e-12, 1e-50, 0.999, 0.001]

        def uniform() -> float:
            if rng.random() < 0.8:
                return rng.uniform(1e-6, 1 - 1e-6)
            return 10 ** rng.uniform(-15, -1)

        points = [tuple([s] * k) for s in specials]
        for s in specials:
            for j in range(k):
                row = [uniform() for _ in range(k)]
                row[j] = s
                points.append(tuple(row))
        return _pad(points, lambda: tuple(uniform() for _ in range(k)), count)

    return draw


def targets(k: int, *, zeros: bool = False) -> Callable[[random.Random, Point], Point]:
    """Targets in [0, 1]^k for a point: random, sometimes one-hot (exact zeros) when ``zeros``."""

    def draw(rng: random.Random, _point: Point) -> Point:
        if zeros and rng.random() < 0.25:
            hot = rng.randrange(k)
            return tuple(1.0 if j == hot else 0.0 for j in range(k))
        return tuple(rng.random() for _ in range(k))

    return draw
