"""Each rule draws from its own random stream (issue 11: a mechanism switched off changes nothing else)."""

from __future__ import annotations

import pandas as pd

import simulator.model as model_module
from simulator.experiment import run
from simulator.scenario import load_scenario
from tests.conftest import SCENARIOS


def test_draws_in_one_rule_do_not_shift_any_other_rule(monkeypatch):
    """At the status quo R10 runs no strike; extra draws in it must leave the run unchanged.

    With one shared stream every later rule (raids, recruitment, routes) would see
    different numbers and the run would change.
    """
    scenario = load_scenario(SCENARIOS / "baseline.yaml")
    before = run(scenario, seed=7, months=18).timeseries
    step = list(model_module.STEP)
    k = next(i for i, (rule, _) in enumerate(step) if rule == "R10")
    strikes = step[k][1]

    def strikes_with_extra_draws(s):
        s.rng.random(1000)  # draws that change no state
        strikes(s)

    strikes_with_extra_draws.__module__ = strikes.__module__
    strikes_with_extra_draws.__qualname__ = strikes.__qualname__
    step[k] = ("R10", strikes_with_extra_draws)
    monkeypatch.setattr(model_module, "STEP", tuple(step))
    after = run(scenario, seed=7, months=18).timeseries
    pd.testing.assert_frame_equal(before, after)


def test_same_seed_same_streams_and_rules_get_different_streams():
    a = [g.random() for g in model_module.rule_streams(3)]
    b = [g.random() for g in model_module.rule_streams(3)]
    c = [g.random() for g in model_module.rule_streams(4)]
    assert a == b and a != c
    assert len(set(a)) == len(a)
