"""Parameter uncertainty in comparisons (issue 12): shared Latin-hypercube draws, wider bands, an exact variance split."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from simulator.experiment import compare, run
from simulator.experiment.uncertainty import (
    ParameterUncertainty,
    ranged_parameters,
    variance_split,
    with_parameters,
)
from simulator.scenario import load_scenario
from tests.conftest import SCENARIOS

# Explicit ranges, so the test does not depend on which fields declare one today.
RANGES = {
    "noncartel_homicides_per_month": (600.0, 1400.0),
    "homicides_per_cartel_death": (1.5, 4.0),
    "release_lag_months": (1.0, 6.0),
}
WIDE = ParameterUncertainty(seeds_per_draw=2, ranges=RANGES)


@pytest.fixture(scope="module")
def pair():
    files = [SCENARIOS / "baseline.yaml", SCENARIOS / "unilateral_strikes.yaml"]
    plain = compare(files, n=8, months=12, seed=5, workers=1)
    uncertain = compare(files, n=8, months=12, seed=5, workers=1, uncertainty=WIDE)
    return plain, uncertain


def test_latin_hypercube_draws_fill_one_stratum_each_and_counts_stay_whole():
    draws = WIDE.draws(10, seed=3)
    assert list(draws.columns) == list(RANGES)
    for name, (low, high) in RANGES.items():
        if name == "release_lag_months":
            assert draws[name].dtype.kind == "i" and draws[name].between(1, 6).all()
            continue
        strata = np.floor((draws[name] - low) / (high - low) * 10).astype(int)
        assert sorted(strata) == list(range(10)), name
    pd.testing.assert_frame_equal(draws, WIDE.draws(10, seed=3))
    assert not draws.equals(WIDE.draws(10, seed=4))


def test_every_scenario_gets_the_same_draw_in_the_same_replication(pair):
    _, uncertain = pair
    assert uncertain.draws is not None and len(uncertain.draws) == 4
    assert uncertain.runs[0].draw_of == [0, 0, 1, 1, 2, 2, 3, 3]
    k = 5
    draw = uncertain.draws.iloc[uncertain.runs[0].draw_of[k]].to_dict()
    for reps in uncertain.runs:
        alone = run(with_parameters(reps.scenario, draw), seed=reps.seeds[k], months=12)
        np.testing.assert_array_equal(
            reps.timeseries(k)["homicides"].to_numpy(), alone.timeseries["homicides"].to_numpy()
        )
    assert uncertain.provenance["parameter_uncertainty"]["draws"] == 4
    assert uncertain.provenance["parameter_uncertainty"]["seeds_per_draw"] == 2


def test_bands_with_parameter_uncertainty_are_wider_than_seed_only(pair):
    plain, uncertain = pair

    def width(c):
        row = c.summary(["homicides"]).query("scenario == 'baseline'").iloc[0]
        return row["p95"] - row["p5"]

    assert width(uncertain) > 2 * width(plain)


def test_the_variance_split_adds_up_and_is_all_luck_without_parameters(pair):
    plain, uncertain = pair
    split = uncertain.variance_split(["homicides", "cartel_members"])
    assert set(split["metric"]) == {"homicides", "cartel_members"}
    np.testing.assert_allclose(split["luck"] + split["assumptions"], split["total"], rtol=1e-9)
    assert (split[["luck", "assumptions"]] >= 0).all().all()
    # the seed-only comparison, split with a fake "draw" per seed pair: one draw each -> all luck
    one_draw = variance_split(plain.data, plain.reference, [0] * plain.n, ["homicides"])
    assert one_draw["assumptions"].iloc[0] == pytest.approx(0.0, abs=1e-9)
    assert one_draw["luck"].iloc[0] == pytest.approx(one_draw["total"].iloc[0])
    with pytest.raises(ValueError, match="only luck"):
        plain.variance_split()


def test_a_draw_the_schema_refuses_is_an_error_naming_the_ranges():
    scenario = load_scenario(SCENARIOS / "baseline.yaml")
    with pytest.raises(ValueError, match="plausible ranges need fixing"):
        with_parameters(scenario, {"faction_share_min": 0.9, "faction_share_max": 0.1})
    with pytest.raises(ValueError, match="not calibration fields"):
        ParameterUncertainty(ranges={"nosuch": (0.0, 1.0)})


def test_ranged_parameters_come_from_the_schema():
    assert all(low < high for low, high in ranged_parameters().values())


def test_the_report_writes_the_draws_and_the_split_and_explains_them(pair, tmp_path):
    from simulator.report import render_html, write_report

    _, uncertain = pair
    paths = write_report(uncertain, tmp_path / "out", figures=False, html=False)
    draws = pd.read_csv(paths["draws"], index_col="draw")
    assert list(draws.columns) == list(RANGES) and len(draws) == 4
    split = pd.read_csv(paths["variance"])
    assert set(split["scenario"]) == {"unilateral_strikes"}
    page = render_html(uncertain, [])
    assert "Luck or assumptions?" in page and "4 Latin-hypercube draws of 3 parameters" in page
    plain, _ = pair
    assert "Luck or assumptions?" not in render_html(plain, [])
