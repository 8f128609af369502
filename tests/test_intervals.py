"""Bootstrap intervals of the evaluation figures (``redline.evaluation.intervals``)."""
from __future__ import annotations

from redline.evaluation.intervals import bootstrap, ratio_of_sums


def test_a_figure_every_unit_agrees_on_has_no_spread():
    units = [{"ok": 1, "n": 1}] * 20
    assert bootstrap(len(units), ratio_of_sums(units, "ok", "n")) == (1.0, 1.0)


def test_the_interval_holds_the_figure_and_narrows_with_more_units():
    few = [{"ok": k % 2, "n": 1} for k in range(10)]
    many = few * 20
    lo_f, hi_f = bootstrap(len(few), ratio_of_sums(few, "ok", "n"))
    lo_m, hi_m = bootstrap(len(many), ratio_of_sums(many, "ok", "n"))
    assert lo_f <= 0.5 <= hi_f and lo_m <= 0.5 <= hi_m
    assert hi_m - lo_m < hi_f - lo_f
    assert 0.0 < lo_f and hi_f < 1.0


def test_units_are_resampled_whole_and_the_result_is_reproducible():
    # one story with many events and one with none: the figure swings with the story
    units = [{"ok": 9, "n": 10}, {"ok": 0, "n": 10}]
    figure = ratio_of_sums(units, "ok", "n")
    lo, hi = bootstrap(2, figure)
    assert (lo, hi) == (0.0, 0.9)
    assert bootstrap(2, figure) == (lo, hi)
    assert bootstrap(0, figure) == (0.0, 0.0)
