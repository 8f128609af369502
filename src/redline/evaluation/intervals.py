"""How far a figure measured on a small set could move: percentile bootstrap intervals.

The figures Redline reports come from small samples (210 PLV rows, 10 held-out stories),
where one row or one event moves a figure by a point or more. A reader comparing two
figures, or a figure with a target, needs to know how wide that noise is. The interval
here resamples the scored units (rows or whole stories) with replacement, recomputes the
figure on each resample and reports the middle 95% of the results; stories are resampled
whole because the events of one story are not independent of each other.
"""
from __future__ import annotations

import random
from typing import Callable, Sequence

#: resamples per interval: enough for a stable 95% interval of a proportion
RESAMPLES = 1000
#: fixed so that a report is the same on every run
SEED = 20261207


def bootstrap(n: int, figure: Callable[[Sequence[int]], float], resamples: int = RESAMPLES,
              seed: int = SEED, level: float = 0.95) -> tuple[float, float]:
    """The ``level`` percentile interval of ``figure`` over ``resamples`` draws of ``n``
    unit indices with replacement (``figure`` takes the list of drawn indices)."""
    if n <= 0:
        return 0.0, 0.0
    rng = random.Random(seed)
    values = sorted(figure([rng.randrange(n) for _ in range(n)]) for _ in range(resamples))
    tail = (1.0 - level) / 2
    lo = values[int(tail * (resamples - 1))]
    hi = values[int(round((1.0 - tail) * (resamples - 1)))]
    return lo, hi


def ratio_of_sums(units: Sequence[dict], num: str, den: str) -> Callable[[Sequence[int]], float]:
    """A figure that is a ratio of counts summed over units (``num`` / ``den`` keys of
    each unit's counts): recall, precision, the share of found events rightly factual."""
    def figure(idx: Sequence[int]) -> float:
        a = sum(units[i].get(num, 0) for i in idx)
        b = sum(units[i].get(den, 0) for i in idx)
        return a / b if b else 0.0
    return figure


def fmt(lo: float, hi: float) -> str:
    return f"[{lo:.3f}, {hi:.3f}]"
