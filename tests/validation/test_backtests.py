"""Out-of-sample backtests (issue 12): registry, event details, scenarios and the arithmetic.

The backtests themselves run in ``test_validation.py``'s suite (``pytest -m validation``);
these tests are fast: they check what each backtest claims and how it computes.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from simulator.cli import main
from simulator.resources import scenarios_dir
from simulator.scenario.loader import load_scenario
from simulator.validation import CHECKS
from simulator.validation.backtests import (
    BACKTESTS,
    EVENTS,
    neighbours_with_presence,
    pct_change,
    window_change,
)
from simulator.validation.runs import CONTROL, Runner
from simulator.world.mexico import mexico_world

SCENARIO = {
    "backtest_lazcano": "validation/backtest_lazcano_2012.yaml",
    "backtest_chapo": "validation/backtest_chapo_2014.yaml",
    "backtest_tuta": "validation/backtest_tuta_2015.yaml",
}
KIND = {"killed": "kill_leader", "captured": "capture_leader"}


def _months_between(start: str, date: str) -> int:
    y0, m0 = (int(x) for x in start.split("-"))
    y1, m1 = (int(x) for x in date.split("-")[:2])
    return (y1 - y0) * 12 + (m1 - m0) + 1


def test_at_least_three_out_of_sample_backtests_with_sources_and_events():
    out = [c for c in CHECKS if c.out_of_sample]
    assert len(out) >= 3 and out == BACKTESTS
    assert all(not c.out_of_sample for c in CHECKS[:7])  # the seven original checks are unchanged
    for c in out:
        assert "out-of-sample" in c.title.lower()
        assert re.search(r"\(\d{4}\)", c.source), c.source  # an author-year reference
        assert c.exercises and c.band != (None, None)
        e = EVENTS[c.id]
        assert e.date < "2020" and e.kind in KIND and e.verified
        assert e.state in mexico_world().regions


@pytest.mark.parametrize("check_id", sorted(SCENARIO))
def test_each_backtest_scenario_schedules_its_event(check_id):
    e = EVENTS[check_id]
    sc = load_scenario(scenarios_dir() / SCENARIO[check_id])
    [op] = sc.policy.operations
    assert (op.kind, op.target, op.region) == (KIND[e.kind], e.organisation, e.state)
    assert op.month == _months_between(sc.start, e.date)  # the removal falls in the event's month
    assert op.month > 12 and sc.months >= op.month + 11  # a year before, twelve months after
    assert e.organisation in {c.id for c in sc.cartels}


def test_the_control_is_the_same_scenario_without_the_removal():
    runner = Runner()
    name = SCENARIO["backtest_chapo"]
    sc, control = runner.scenario(name), runner.control(name)
    assert control.policy.operations == [] and sc.policy.operations
    assert control.model_dump(exclude={"policy", "name"}) == sc.model_dump(
        exclude={"policy", "name"}
    )
    assert runner.trace(name + CONTROL, 1, 2).scenario is control


def test_window_change_counts_from_the_month_of_the_event():
    control = np.full(24, 10.0)
    treated = control.copy()
    treated[12:18] = 15.0  # months 13-18: +50%
    treated[18:24] = 11.0  # months 19-24: +10%
    assert window_change(treated, control, 13, 0, 6) == pytest.approx(50)
    assert window_change(treated, control, 13, 6, 6) == pytest.approx(10)
    assert window_change(treated, control, 13, 0, 12) == pytest.approx(30)
    assert window_change(treated, control, 1, 0, 12) == pytest.approx(0)  # the year before
    assert math.isnan(pct_change(np.array([1.0]), np.array([0.0])))  # no control: undefined


def test_neighbours_with_presence_are_land_neighbours_where_the_group_was():
    world = mexico_world()
    near = neighbours_with_presence(
        world, {"MICH": 0.8, "GRO": 0.3, "COL": 0.2, "CHIH": 0.5}, "MICH"
    )
    assert [world.regions[i] for i in near] == ["COL", "GRO"]  # CHIH is not a neighbour


def test_cli_lists_the_backtests_as_out_of_sample(capsys):
    assert main(["validate", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(CHECKS)
    assert sum("out-of-sample" in line.split("Out-of")[0] for line in lines) == len(BACKTESTS)
