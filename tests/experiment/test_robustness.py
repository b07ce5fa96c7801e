"""Robustness (issue 12): two policies over one Saltelli design of the assumptions, paired."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from simulator.experiment.robustness import analyze_robustness, run_robustness
from simulator.experiment.sweep import Store
from simulator.metrics import HEADLINE
from simulator.report.robustness import write_robustness_report
from tests.conftest import SCENARIOS

PARAMETERS = {  # explicit, so the test does not depend on which fields declare a range
    "noncartel_homicides_per_month": (600.0, 1400.0),
    "homicides_per_cartel_death": (1.5, 4.0),
    "incident_backlash": (0.0, 0.1),
}


@pytest.fixture(scope="module")
def robust(tmp_path_factory):
    out = tmp_path_factory.mktemp("robustness") / "out"
    result = run_robustness(
        SCENARIOS / "baseline.yaml",
        SCENARIOS / "unilateral_strikes.yaml",
        out,
        samples=8,
        months=8,
        workers=1,
        parameters=PARAMETERS,
    )
    return out, result


def test_both_policies_run_the_same_points_with_the_same_seeds(robust):
    out, result = robust
    a, b = Store(out / "a"), Store(out / "b")
    pd.testing.assert_frame_equal(a.read_design(), b.read_design())
    assert len(result.points) == 8 * (3 + 2)  # Saltelli, no second order
    runs_a, runs_b = a.read_runs(), b.read_runs()
    assert runs_a["seed"].tolist() == runs_b["seed"].tolist()
    # the difference at each point is b - a of the stored outcomes
    h = runs_b.groupby("point")["homicides"].mean() - runs_a.groupby("point")["homicides"].mean()
    np.testing.assert_allclose(result.differences.set_index("point")["homicides"], h)


def test_shares_add_up_and_follow_the_better_direction(robust):
    _, result = robust
    shares = result.shares.set_index("metric")
    np.testing.assert_allclose(shares[["a_better", "b_better", "tie"]].sum(axis=1), 1.0)
    # homicides: lower is better, so b is better where b - a < 0
    d = result.differences["homicides"]
    assert shares.loc["homicides", "b_better"] == pytest.approx((d < 0).mean())
    assert set(shares.index) <= set(HEADLINE)


def test_the_sobol_indices_find_the_parameter_that_drives_a_difference(robust):
    """Only the per-death multiplier scales the strike campaign's extra homicides."""
    _, result = robust
    top = result.top_parameters("homicides", 1)
    assert top == ["homicides_per_cartel_death"]
    cooperation = result.indices.query("metric == 'cooperation'").set_index("parameter")
    assert cooperation["ST"].idxmax() == "incident_backlash"


def test_the_report_writes_tables_figures_and_html(robust):
    out, result = robust
    about = json.loads((out / "robustness.json").read_text())
    assert about["scenarios"]["b"]["name"] == "unilateral_strikes"
    paths = write_robustness_report(result, out, about)
    page = paths["report"].read_text()
    assert "Who wins where" in page and "Where the verdict flips" in page
    assert pd.read_csv(paths["sobol"]).shape[0] == len(result.indices)
    assert (out / "report" / "figures" / "influence.png").stat().st_size > 1000
    again = analyze_robustness(out)  # the stored sweeps analyse to the same result
    pd.testing.assert_frame_equal(again.shares, result.shares)


def test_the_dashboard_lists_and_shows_a_robustness_result(robust, monkeypatch):
    import ipyvuetify
    import solara

    from simulator.dashboard.pages.sweeps import RobustnessView
    from simulator.dashboard.sweep_results import robustness_folders

    out, result = robust
    write_robustness_report(result, out)
    assert robustness_folders(out.parent) == [out.resolve()]
    assert robustness_folders(out / "report") == []  # nothing there
    _, rc = solara.render(RobustnessView(out), handle_error=False)
    card = rc.find(ipyvuetify.Card).widget
    assert "Who wins where" in str(card.children[0].children)
