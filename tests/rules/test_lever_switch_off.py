"""Each lever acts only through its named mechanisms (issue 11).

For every lever, the calibration fields of its mechanisms are listed below. With those
fields at 0, moving the lever changes no metric at all, except pure accounting of the
lever itself (its cost, and counts of the operations it orders); with them at their
defaults, moving it changes the run (no lever is dead). Each rule draws from its own
random stream, so a switched-off mechanism cannot shift the others by luck.
"""

from __future__ import annotations

import pandas as pd
import pytest

from simulator.experiment import run
from simulator.scenario import load_scenario
from simulator.scenario.schema import Levers
from tests.conftest import SCENARIOS

MONTHS = 24
SEED = 11

# lever -> (the value it is moved to from the baseline's, the calibration fields that
# switch all its mechanisms off). Keep in step with docs/RULES.md's parameter column.
SWITCH_OFF: dict[str, tuple[object, tuple[str, ...]]] = {
    "unilateral_strikes_per_month": (
        3.0,
        (
            "strike_success_base",
            "civilians_per_strike",
            "strike_grievance",
            "retaliation_per_strike",
            "incident_backlash",
        ),
    ),
    "intel_sharing": (0.8, ("strike_intel_from_sharing", "raid_intel_from_sharing")),
    "fusion_cells": (0.8, ("raid_intel_from_fusion", "broker_operations_per_month")),
    "gun_tracing": (0.8, ("gun_tracing_effect", "reciprocity_effect")),
    "mexican_checkpoints": (0.8, ("checkpoint_effect",)),
    "financial_ops": (0.8, ("financial_seizure_rate", "laundering_loss", "reciprocity_effect")),
    "smart_border": (0.8, ("smart_border_effect", "reciprocity_effect")),
    "demand_reduction": (
        0.8,
        ("treatment_effect", "demand_reduction_effect", "reciprocity_effect"),
    ),
    "us_aid_usd_per_year": (2.0e9, ("aid_effect",)),
    "vetting": (0.8, ("vetting_rate",)),
    "precision_raids_per_month": (6.0, ("raid_success_base", "civilians_per_raid")),
    "gatekeeper_targeting": (0.8, ("broker_operations_per_month",)),
    "judicial_reform": (0.8, ("judicial_reform_effect",)),
    "community_programs": (0.8, ("program_effect", "program_legitimacy_effect")),
    "national_guard_deployment": (
        0.8,
        ("deployment_arrest_effect", "deployment_presence_effect"),
    ),
    # A large move: its one channel, US trust, scales shared intelligence only a little (R11).
    "extraditions_per_month": (20.0, ("extradition_trust",)),
    "investment_usd_per_year": (
        2.0e9,
        ("investment_effect", "investment_legitimacy_effect"),
    ),
    "regional_cooperation": (0.8, ("upstream_effect",)),
    "human_rights_conditions": (0.8, ("human_rights_conditions_effect",)),
    "embedded_advisers": (
        0.8,
        ("embedded_intel_effect", "embedded_leak_cut", "embedded_capacity_effect"),
    ),
}
# strike_target is tested with strikes on in both runs (it only says what they aim at).
SWITCH_OFF_TARGET = ("strike_success_base",)
# Levers that act only together with another one: the other is on in both runs.
BASE: dict[str, dict[str, object]] = {
    "gatekeeper_targeting": {"fusion_cells": 0.6},
    "investment_usd_per_year": {"national_guard_deployment": 1.0},  # reclaimed regions
    "extraditions_per_month": {"fusion_cells": 0.8},  # US trust scales what it shares (R11)
}
ACCOUNTING = {"program_cost_usd", "sovereignty_incidents", "leaders_removed"}


def _metrics(
    lever: str, value: object, zero: tuple[str, ...], base: dict[str, object]
) -> pd.DataFrame:
    overrides = [f"policy.levers.{k}={v}" for k, v in base.items()]
    overrides += [f"policy.levers.{lever}={value}"] if value is not None else []
    overrides += [f"calibration.{field}=0" for field in zero]
    scenario = load_scenario(SCENARIOS / "baseline.yaml", overrides)
    ts = run(scenario, seed=SEED, months=MONTHS).timeseries
    return ts.drop(columns=[c for c in ts.columns if c in ACCOUNTING])


def _case(lever: str) -> tuple[object, tuple[str, ...], dict[str, object]]:
    if lever == "strike_target":
        return (
            "leaders",
            SWITCH_OFF_TARGET,
            {"unilateral_strikes_per_month": 3.0, "strike_target": "labs"},
        )
    value, zero = SWITCH_OFF[lever]
    return value, zero, BASE.get(lever, {})


def test_every_lever_is_listed():
    assert set(Levers.model_fields) == set(SWITCH_OFF) | {"strike_target"}


@pytest.mark.parametrize("lever", list(Levers.model_fields))
def test_switching_off_a_levers_mechanisms_removes_its_effect(lever: str) -> None:
    value, zero, base = _case(lever)
    alive_off = _metrics(lever, None, (), base)
    alive_on = _metrics(lever, value, (), base)
    assert not alive_off.equals(alive_on), f"{lever} changes nothing even with its mechanisms on"
    off = _metrics(lever, None, zero, base)
    on = _metrics(lever, value, zero, base)
    pd.testing.assert_frame_equal(off, on, check_exact=True, obj=f"{lever} with {zero} at 0")
