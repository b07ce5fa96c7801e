"""Lever controls come from the schema; lever settings travel in the URL as loader overrides."""

from __future__ import annotations

from simulator.dashboard.levers import (
    GROUPS,
    LEVERS,
    lever_blocks,
    levers_in_effect,
    override,
    with_override,
)
from simulator.dashboard.urlstate import ExploreSetup, from_query
from simulator.scenario import STATUS_QUO, Levers, load_scenario
from tests.conftest import SCENARIOS


def test_every_lever_has_one_group_and_the_schema_bounds_unit_and_description():
    grouped = [n for names in GROUPS.values() for n in names]
    assert sorted(grouped) == sorted(Levers.model_fields), "a lever is missing or doubled"
    gun = LEVERS["gun_tracing"]
    field = Levers.model_fields["gun_tracing"]
    assert (gun.minimum, gun.maximum) == (0.0, 1.0)
    assert gun.unit == field.json_schema_extra["unit"]
    assert gun.description == field.description
    assert LEVERS["unilateral_strikes_per_month"].maximum == 60.0
    assert LEVERS["strike_target"].choices == ("leaders", "labs", "mixed")
    assert not LEVERS["strike_target"].numeric
    assert LEVERS["us_aid_usd_per_year"].scale == (1e9, "USD bn/year")


def test_clamp_rounds_to_the_step_and_keeps_the_bounds():
    gun = LEVERS["gun_tracing"]
    assert gun.step == 0.01
    assert gun.clamp(0.1234) == 0.12
    assert gun.clamp(1.7) == 1.0
    assert gun.clamp(-3) == 0.0


def test_blocks_and_values_in_effect_follow_the_scenario_file():
    roadmap = load_scenario(SCENARIOS / "bilateral_roadmap.yaml")
    blocks = lever_blocks(roadmap)
    assert [b.key for b in blocks] == ["p1", "p2", "p3", "p4"]  # phase 1 starts in month 1
    assert blocks[1].prefix == "policy.phases[1].levers"
    phase2 = levers_in_effect(roadmap, blocks[1])
    assert phase2["gun_tracing"] == 0.8  # set by phase 2
    assert phase2["vetting"] == 0.5  # carried over from phase 1
    assert phase2["judicial_reform"] == STATUS_QUO["judicial_reform"]  # never set: status quo
    baseline = load_scenario(SCENARIOS / "baseline.yaml")
    (start,) = lever_blocks(baseline)
    assert start.key == "start" and levers_in_effect(baseline, start) == STATUS_QUO


def test_an_override_changes_the_scenario_through_the_loader():
    roadmap = load_scenario(SCENARIOS / "bilateral_roadmap.yaml")
    block = lever_blocks(roadmap)[1]
    changed = load_scenario(
        SCENARIOS / "bilateral_roadmap.yaml", [override(block, "gun_tracing", 0.3)]
    )
    assert changed.policy.phases[1].levers.gun_tracing == 0.3
    assert levers_in_effect(changed, lever_blocks(changed)[2])["gun_tracing"] == 0.3


def test_with_override_replaces_the_same_path():
    first = ("policy.levers.gun_tracing=0.5", "policy.levers.vetting=0.2")
    out = with_override(first, "policy.levers.gun_tracing=0.9")
    assert out == ("policy.levers.vetting=0.2", "policy.levers.gun_tracing=0.9")


def test_the_setup_round_trips_through_the_url():
    setup = ExploreSetup(
        scenario="mine/plan",
        seed=7,
        months=36,
        overrides=("policy.phases[1].levers.gun_tracing=0.9", "policy.levers.strike_target=labs"),
    )
    back, notes = from_query(setup.to_query())
    assert back == setup and notes == []
    assert "set=policy.phases[1].levers.gun_tracing=0.9" in setup.to_query()


def test_bad_url_parameters_are_ignored_with_a_note():
    setup, notes = from_query("scenario=classroom&seed=x&months=0&set=nope&colour=red")
    assert setup == ExploreSetup(scenario="classroom")
    assert len(notes) == 4
