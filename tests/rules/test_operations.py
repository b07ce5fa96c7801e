"""Strikes and raids from the literature (issue 11): R4 disruption, R5/R10/R11 outcomes, switch-offs.

- A leader removed disrupts the cartel's capability (production, throughput, cash) for
  a time, measured against a control run with the same seed (Phillips 2015: a
  short-run weakening; Dickenson 2011/2014: no lasting trafficking effect).
- Strikes and raids capture or kill with their set shares.
- Operations fail more as intelligence falls and leak more as integrity falls.
- Each of the slice's levers acts only through its mechanism: its coefficients at 0
  leave every metric as at the status quo, except accounting.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from simulator.agents.enforcement import FAILED, LEAKED, SUCCESS
from simulator.metrics import METRIC_IDS, METRICS, Kind
from simulator.model import CartelModel
from simulator.rules import r10_strikes, r11_raids
from simulator.scenario import load_scenario

from .test_rules import SMALL_WORLD, series

KILL_C1 = "policy.operations=[{month: 3, actor: MX_SEMAR, kind: kill_leader, target: C1}]"
NO_RAIDS = "policy.levers.precision_raids_per_month=0"  # no other operation in the way


def model(*overrides: str, seed: int = 1) -> CartelModel:
    return CartelModel(load_scenario(SMALL_WORLD, list(overrides)), seed=seed)


def trajectories(months: int, *overrides: str, seed: int = 1) -> dict[str, np.ndarray]:
    """C1's production, throughput and cash at the end of each month."""
    m = model(*overrides, seed=seed)
    i = m.state.cartels.code.index("C1")
    out: dict[str, list[float]] = {"production": [], "throughput": [], "cash": []}
    for _ in range(months):
        m.step()
        c = m.state.cartels
        out["production"].append(float(c.production[i]))
        out["throughput"].append(float(c.throughput[i]))
        out["cash"].append(float(c.cash_usd[i]))
    return {k: np.array(v) for k, v in out.items()}


# ------------------------------------------------------------------ capability after a removal
def test_a_leader_killed_lowers_the_cartels_capability_for_a_time():
    control = trajectories(14, NO_RAIDS)
    killed = trajectories(14, NO_RAIDS, KILL_C1)
    prod = killed["production"] / control["production"]
    thru = killed["throughput"] / control["throughput"]
    assert np.allclose(prod[:2], 1) and np.allclose(thru[:2], 1)  # before the removal
    # month 3 is the removal (index 2): disruption d = 0.5, x0.8 a month; cap 1 - 0.15 d
    cal = model().calibration
    d = cal.disruption_per_removal * (1 - cal.disruption_recovery)
    assert prod[2] == pytest.approx(1 - cal.disruption_production * d, abs=1e-9)  # 0.94
    assert 0.9 < prod[3] < 0.97 and 0.9 < thru[3] < 0.97  # month +1: still down
    assert prod[-1] > 0.985 and thru[-1] > 0.975  # month +11: nearly back
    assert np.all(np.diff(prod[2:]) > 0)  # recovering every month
    assert killed["cash"][2] < control["cash"][2]


def test_capability_disruption_switches_off_at_zero():
    zero = (
        "calibration.disruption_production=0",
        "calibration.disruption_throughput=0",
    )
    control = trajectories(8, NO_RAIDS, *zero)
    killed = trajectories(8, NO_RAIDS, KILL_C1, *zero)
    assert np.array_equal(killed["production"], control["production"])
    assert np.array_equal(killed["throughput"], control["throughput"])


def test_the_disruption_reaches_drug_supply():
    control = model(NO_RAIDS)
    killed = model(NO_RAIDS, KILL_C1)
    for _ in range(3):
        control.step()
        killed.step()
    assert series(killed, "fentanyl_to_us_kg")[-1] < series(control, "fentanyl_to_us_kg")[-1]


# ------------------------------------------------------------------ capture and kill shares
def _removals(m: CartelModel, rule: str) -> tuple[int, int]:
    texts = [e.text for e in m.events.events if e.rule == rule]
    return (
        sum(" leader killed in " in t for t in texts),
        sum(" leader captured in " in t for t in texts),
    )


def _many_operations(run: Any, *overrides: str, times: int = 80) -> CartelModel:
    """One model, its operations rule called ``times`` times in month 1 (no other rule)."""
    m = model(*overrides)
    m.state.month = 1
    m.state.flows = {mid: 0.0 for mid, spec in METRICS.items() if spec.kind is Kind.FLOW}
    for _ in range(times):
        run(m.state)
    return m


@pytest.mark.parametrize(
    ("run", "rule", "overrides", "share"),
    [
        (
            r10_strikes.unilateral_strikes,
            "R10",
            (
                "policy.levers.unilateral_strikes_per_month=20",
                "policy.levers.strike_target=leaders",
                "calibration.strike_success_base=1.0",
            ),
            0.85,
        ),
        (
            r11_raids.mexican_operations,
            "R11",
            (
                "policy.levers.precision_raids_per_month=20",
                "calibration.raid_share_leaders=1.0",
                "calibration.raid_success_base=1.0",
                "enforcement[MX_SEMAR].intel_quality=1.0",
            ),
            0.2,
        ),
    ],
    ids=["strikes", "raids"],
)
def test_capture_and_kill_shares_hold_over_many_operations(run, rule, overrides, share):
    m = _many_operations(run, *overrides)
    killed, captured = _removals(m, rule)
    n = killed + captured
    assert n > 250
    assert killed / n == pytest.approx(share, abs=3 * np.sqrt(share * (1 - share) / n))


# ------------------------------------------------------------------ failures and leaks
def test_failures_rise_as_intelligence_falls_and_leaks_as_integrity_falls():
    m = model()
    body = m.bodies["MX_SEMAR"]
    rng = np.random.default_rng(0)

    def shares(intel: float, integrity: float) -> dict[str, float]:
        hit = body.hit_probability(0.8, intel)
        leak = body.leak_probability(1.0, integrity)
        draws = [body.operation(rng, hit, leak) for _ in range(20_000)]
        return {k: draws.count(k) / len(draws) for k in (SUCCESS, LEAKED, FAILED)}

    sharp, blind = shares(1.0, 0.9), shares(0.3, 0.9)
    assert blind[FAILED] > sharp[FAILED] + 0.2 and blind[SUCCESS] < sharp[SUCCESS]
    assert blind[LEAKED] == pytest.approx(sharp[LEAKED], abs=0.02)  # leaks: integrity only
    clean, corrupt = shares(1.0, 0.9), shares(1.0, 0.1)
    assert corrupt[LEAKED] > clean[LEAKED] + 0.3 and corrupt[SUCCESS] < clean[SUCCESS]
    # probabilities: leak = propensity x (1 - (w x own + (1 - w) x local)) at w = 0.5
    assert body.leak_probability(1.0, 0.1) == pytest.approx(1 - (0.5 * body.integrity + 0.05))
    assert body.leak_probability(0.0, 0.1) == 0.0


def _leaks(m: CartelModel, rule: str) -> int:
    return sum(1 for e in m.events.events if e.rule == rule and " leaked" in e.text)


def test_mexican_raids_leak_more_in_corrupt_regions_and_fail_more_when_blind():
    raids = ("policy.levers.precision_raids_per_month=20",)
    clean = _many_operations(
        r11_raids.mexican_operations, *raids, "communities.defaults.integrity=0.95"
    )
    corrupt = _many_operations(
        r11_raids.mexican_operations, *raids, "communities.defaults.integrity=0.1"
    )
    assert _leaks(corrupt, "R11") > 1.5 * _leaks(clean, "R11")
    sharp = _many_operations(
        r11_raids.mexican_operations, *raids, "enforcement[MX_SEMAR].intel_quality=1.0"
    )
    blind = _many_operations(
        r11_raids.mexican_operations, *raids, "enforcement[MX_SEMAR].intel_quality=0.1"
    )
    successes = [
        sum(1 for e in m.events.events if e.rule == "R11" and " leaked" not in e.text)
        for m in (sharp, blind)
    ]
    assert successes[1] < 0.5 * successes[0]


def test_us_strikes_leak_more_from_a_less_honest_force():
    strikes = ("policy.levers.unilateral_strikes_per_month=20",)
    honest = _many_operations(
        r10_strikes.unilateral_strikes, *strikes, "enforcement[US_STRIKE].integrity=1.0"
    )
    leaky = _many_operations(
        r10_strikes.unilateral_strikes, *strikes, "enforcement[US_STRIKE].integrity=0.2"
    )
    assert _leaks(honest, "R10") == 0  # integrity 1, local 1: nothing to leak
    assert _leaks(leaky, "R10") > 100


def test_broker_operations_can_fail_and_leak():
    brokers = ("policy.levers.fusion_cells=1.0", "policy.levers.gatekeeper_targeting=1.0")
    m = model(*brokers, "communities.defaults.integrity=0.1")
    for _ in range(12):
        m.step()
    texts = [e.text for e in m.events.events if e.rule == "R5"]
    assert any("broker removed" in t for t in texts)
    assert any("broker warned" in t for t in texts)


def test_strikes_and_raids_stop_when_no_major_group_is_left():
    m = model("policy.levers.unilateral_strikes_per_month=10")
    m.state.cartels.members[~m.state.cartels.is_local] = 0.0  # every major group gone
    m.state.month = 1
    m.state.flows = {mid: 0.0 for mid, spec in METRICS.items() if spec.kind is Kind.FLOW}
    r10_strikes.unilateral_strikes(m.state)
    r11_raids.mexican_operations(m.state)
    assert m.state.flows["sovereignty_incidents"] == 0
    assert not m.events.events


# ------------------------------------------------------------------ each lever's switch-off
ACCOUNTING = {"program_cost_usd", "sovereignty_incidents"}  # operation counts and costs
STRIKES_ON = "policy.levers.unilateral_strikes_per_month=4"
MORE_RAIDS = "policy.levers.precision_raids_per_month=8"

# lever -> (value to set, calibration fields whose zero removes its effect, context)
SWITCH_OFF: dict[str, tuple[Any, tuple[str, ...], tuple[str, ...]]] = {
    "unilateral_strikes_per_month": (
        4,
        (
            "strike_success_base",
            "civilians_per_strike",
            "strike_grievance",
            "retaliation_per_strike",
            "incident_backlash",
        ),
        (),
    ),
    "strike_target": ("leaders", ("strike_success_base",), (STRIKES_ON,)),
    "intel_sharing": (
        0.9,
        ("strike_intel_from_sharing", "raid_intel_from_sharing"),
        (STRIKES_ON,),
    ),
    "fusion_cells": (
        0.9,
        ("raid_intel_from_fusion", "broker_operations_per_month"),
        (MORE_RAIDS, "policy.levers.gatekeeper_targeting=0.6"),
    ),
    "precision_raids_per_month": (
        8,
        ("raid_success_base", "civilians_per_raid"),
        ("policy.levers.fusion_cells=0.8", "policy.levers.gatekeeper_targeting=0.6"),
    ),
    "gatekeeper_targeting": (
        0.8,
        ("broker_operations_per_month",),
        ("policy.levers.fusion_cells=0.8",),
    ),
    "human_rights_conditions": (0.9, ("human_rights_conditions_effect",), (MORE_RAIDS,)),
    "embedded_advisers": (
        0.9,
        ("embedded_intel_effect", "embedded_leak_cut", "embedded_capacity_effect"),
        (MORE_RAIDS,),
    ),
}


def _metrics(*overrides: str, months: int = 18) -> dict[str, np.ndarray]:
    m = model(*overrides, seed=4)
    for _ in range(months):
        m.step()
    return {mid: series(m, mid) for mid in METRIC_IDS}


@pytest.mark.parametrize("lever", sorted(SWITCH_OFF))
def test_each_lever_acts_only_through_its_coefficients(lever):
    value, fields, context = SWITCH_OFF[lever]
    on = f"policy.levers.{lever}={value}"
    zero = tuple(f"calibration.{f}=0.0" for f in fields)
    # the lever matters while its coefficients are on ...
    with_effect = _metrics(*context, on)
    without = _metrics(*context)
    assert any(
        not np.array_equal(with_effect[k], without[k]) for k in METRIC_IDS if k not in ACCOUNTING
    ), f"{lever} changes nothing even with its coefficients on"
    # ... and nothing but accounting once they are 0
    switched, baseline = _metrics(*context, on, *zero), _metrics(*context, *zero)
    changed = [
        k
        for k in METRIC_IDS
        if k not in ACCOUNTING and not np.array_equal(switched[k], baseline[k])
    ]
    assert changed == []
