"""Scenario discovery recovers a planted box (issue 12)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from simulator.experiment.discovery import discover_boxes


def test_a_planted_box_is_recovered_with_its_limits_coverage_and_density():
    rng = np.random.default_rng(1)
    x = pd.DataFrame(rng.random((2000, 5)), columns=["a", "b", "c", "d", "e"])
    planted = (x["a"] > 0.6) & (x["c"] < 0.3)
    noise = rng.random(len(x)) < 0.03  # a few cases outside, a few missing inside
    cases = (planted ^ noise).to_numpy()
    boxes = discover_boxes(x, cases)
    best = boxes[0]
    assert set(best.limits) == {"a", "c"}  # b, d and e do not matter
    assert abs(best.limits["a"][0] - 0.6) < 0.03 and best.limits["a"][1] == np.inf
    assert abs(best.limits["c"][1] - 0.3) < 0.03 and best.limits["c"][0] == -np.inf
    ideal = (planted.to_numpy() & cases).sum() / cases.sum()  # the planted box itself
    assert best.density > 0.9 and best.coverage > 0.95 * ideal
    assert "a ≥ 0.6" in best.describe() and " and " in best.describe()


def test_no_case_or_all_cases_give_no_box():
    x = pd.DataFrame({"a": np.linspace(0, 1, 50)})
    assert discover_boxes(x, np.zeros(50, dtype=bool)) == []
    assert discover_boxes(x, np.ones(50, dtype=bool)) == []
