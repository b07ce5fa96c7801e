"""Issue 11: communities, courts, territory, guns and lever delivery, each checked.

Each lever acts only through its named coefficients, operations' harm enters
communities once, delivered levers stay within their bounds, and R2/R19 are
normalised against month 0.
"""

from __future__ import annotations

from dataclasses import fields

import numpy as np
import pytest

from simulator.model import CartelModel
from simulator.rules.levers import BOUNDS, LEVER_BODIES, effective
from simulator.rules.r12_communities import communities
from simulator.rules.r19_territory import state_presence
from simulator.scenario import load_scenario
from simulator.scenario.schema import Calibration, plausible_range

from .test_rules import SMALL_WORLD, stepped

ACCOUNTING = {"program_cost_usd"}  # pure accounting: costs follow the lever settings

# Lever -> (a setting away from the status quo, the calibration fields whose zero removes
# the lever's effect entirely, levers set in both runs so the mechanism has something to act on).
SWITCH_OFF: dict[str, tuple[float, tuple[str, ...], tuple[str, ...]]] = {
    "community_programs": (1.0, ("program_effect", "program_legitimacy_effect"), ()),
    "investment_usd_per_year": (
        5e9,
        ("investment_effect", "investment_legitimacy_effect"),
        ("national_guard_deployment=1.0",),  # investment reaches reclaimed regions only
    ),
    "vetting": (1.0, ("vetting_rate",), ()),
    "judicial_reform": (1.0, ("judicial_reform_effect",), ()),
    "gun_tracing": (0.9, ("gun_tracing_effect", "reciprocity_effect"), ()),
    "mexican_checkpoints": (0.9, ("checkpoint_effect",), ()),
    "national_guard_deployment": (
        1.0,
        ("deployment_arrest_effect", "deployment_presence_effect"),
        (),
    ),
}


def outputs(m: CartelModel) -> dict[str, np.ndarray]:
    """Every national metric month by month, and every region metric, except accounting."""
    out = {k: np.array(v) for k, v in m.datacollector.model_vars.items() if k not in ACCOUNTING}
    for month, values in enumerate(m.region_history):
        for k, v in values.items():
            out[f"{k}@{month}"] = np.asarray(v)
    return out


def differing(a: CartelModel, b: CartelModel) -> list[str]:
    oa, ob = outputs(a), outputs(b)
    return [k for k in oa if not np.array_equal(oa[k], ob[k])]


@pytest.mark.parametrize("lever", sorted(SWITCH_OFF))
def test_a_lever_with_its_coefficients_at_zero_changes_nothing(lever: str) -> None:
    value, fields, context = SWITCH_OFF[lever]
    common = [f"policy.levers.{c}" for c in context]
    setting = f"policy.levers.{lever}={value}"
    months = 24
    # On: the lever changes the run (so the switch-off below is not vacuous).
    quiet, acting = stepped(months, *common), stepped(months, *common, setting)
    assert differing(quiet, acting), f"{lever} has no effect even with its coefficients on"
    # Off: every metric identical, region by region and month by month.
    off = [f"calibration.{f}=0" for f in fields]
    quiet, acting = stepped(months, *common, *off), stepped(months, *common, *off, setting)
    assert differing(quiet, acting) == []
    assert series_sum(acting, "program_cost_usd") >= series_sum(quiet, "program_cost_usd")


def series_sum(m: CartelModel, metric: str) -> float:
    return float(np.sum(m.datacollector.model_vars[metric]))


def test_programmes_act_on_legitimacy_only_through_their_named_coefficient() -> None:
    """program_effect = 0 alone no longer leaves programmes a hidden legitimacy channel."""
    setting = "policy.levers.community_programs=1.0"
    off = ("calibration.program_effect=0", "calibration.program_legitimacy_effect=0.2")
    quiet, acting = stepped(12, *off), stepped(12, *off, setting)
    gained = acting.state.regions.legitimacy - quiet.state.regions.legitimacy
    assert np.all(gained > 0)  # the named R12 channel, on
    assert np.array_equal(acting.state.regions.opportunity, quiet.state.regions.opportunity)


STRIKES = ("policy.levers.unilateral_strikes_per_month=6",)


def test_strike_grievance_enters_communities_once_through_legitimacy() -> None:
    """A strike's grievance lowers legitimacy's target and nothing else in the community."""
    no_harm = ("calibration.civilians_per_strike=0",)  # isolate the grievance itself
    a = stepped(1, *STRIKES, *no_harm, "calibration.strike_grievance=0")
    b = stepped(1, *STRIKES, *no_harm, "calibration.strike_grievance=0.2")
    ra, rb = a.state.regions, b.state.regions
    struck = rb.grievance_shock > 0
    assert struck.any()
    # Same strikes (R10's own stream) and the same month: only the shock and legitimacy differ.
    for name in ("opportunity", "fear", "integrity", "extortion", "homicides"):
        assert np.array_equal(getattr(ra, name), getattr(rb, name)), name
    # Exactly one channel: legitimacy moved by legitimacy_rate x the shock (before its decay).
    cal = b.calibration
    shock = rb.grievance_shock / (1 - cal.grievance_decay)
    assert rb.legitimacy - ra.legitimacy == pytest.approx(-cal.legitimacy_rate * shock)
    # Grievance is Epstein's hardship x (1 - legitimacy): the shock is not added a second time.
    assert np.allclose(rb.grievance, (1 - rb.opportunity) * (1 - rb.legitimacy))
    assert np.all(rb.grievance[struck] > ra.grievance[struck])


def r12_with(m: CartelModel, civilians: np.ndarray) -> dict[str, np.ndarray]:
    """R12 run once on the model's state with this month's casualties set; state restored."""
    reg = m.state.regions
    saved = {f.name: np.copy(getattr(reg, f.name)) for f in fields(reg)}
    reg.civilians = civilians.astype(float)
    communities(m.state)
    out = {f.name: np.copy(getattr(reg, f.name)) for f in fields(reg)}
    for name, value in saved.items():
        setattr(reg, name, value)
    return out


def test_casualties_reach_communities_only_through_casualty_grievance() -> None:
    """R12 reads operations' casualties once: as grievance, scaled by casualty_grievance."""
    m = stepped(1, "calibration.casualty_grievance=0")
    n = len(m.state.regions.population)
    none, some = r12_with(m, np.zeros(n)), r12_with(m, np.full(n, 5.0))
    assert [k for k in none if not np.array_equal(none[k], some[k])] == ["civilians"]
    m = stepped(1)
    cal, reg = m.calibration, m.state.regions
    none, some = r12_with(m, np.zeros(n)), r12_with(m, np.full(n, 5.0))
    per_100k = 5.0 / (reg.population / 1e5)
    shock = cal.casualty_grievance * per_100k
    assert some["legitimacy"] - none["legitimacy"] == pytest.approx(-cal.legitimacy_rate * shock)
    for name in ("opportunity", "fear", "integrity", "extortion"):
        assert np.array_equal(none[name], some[name]), name


def strong_bodies(*overrides: str) -> CartelModel:
    """The small world with every enforcement body at full capacity and integrity."""
    spec = load_scenario(SMALL_WORLD, overrides)
    bodies = [b.model_copy(update={"capacity": 1.0, "integrity": 1.0}) for b in spec.enforcement]
    return CartelModel(spec.model_copy(update={"enforcement": bodies}), seed=1)


@pytest.mark.parametrize("lever", sorted(LEVER_BODIES))
def test_a_delivered_lever_stays_within_its_own_bounds(lever: str) -> None:
    low, high = BOUNDS[lever]
    for value in (low, high):
        m = strong_bodies(f"policy.levers.{lever}={value}")
        assert low <= effective(m.state, lever) <= high
    # Strong bodies still amplify a change inside the bounds.
    sq = m.state.status_quo[lever]
    m = strong_bodies(f"policy.levers.{lever}={sq + 0.1}")
    assert effective(m.state, lever) > sq + 0.1


def test_fusion_cells_at_0_8_are_delivered_as_at_most_1() -> None:
    m = strong_bodies("policy.levers.fusion_cells=0.8")
    assert effective(m.state, "fusion_cells") == 1.0


@pytest.mark.parametrize("factor", [0.5, 2.0])
def test_state_presence_at_month_0_does_not_depend_on_the_scale_of_initial_conditions(
    factor: float,
) -> None:
    """R19 normalises against month 0's legitimacy and integrity, not a number from a file."""
    base = CartelModel(load_scenario(SMALL_WORLD), seed=1)
    legitimacy = base.state.regions.legitimacy[0] * factor
    integrity = base.state.regions.integrity[0] * factor
    scaled = CartelModel(
        load_scenario(
            SMALL_WORLD,
            [
                f"communities.defaults.legitimacy={legitimacy}",
                f"communities.defaults.integrity={integrity}",
            ],
        ),
        seed=1,
    )
    assert state_presence(scaled.state) == pytest.approx(state_presence(base.state))
    assert np.array_equal(scaled.state.regions.control, base.state.regions.control)


def test_a_region_above_the_national_mean_has_more_state_presence() -> None:
    spec = load_scenario(SMALL_WORLD)
    m = CartelModel(spec, seed=1)
    code = m.world.regions[0]
    better = CartelModel(
        load_scenario(SMALL_WORLD, [f"communities.overrides.{code}.legitimacy=0.9"]), seed=1
    )
    assert state_presence(better.state)[0] > state_presence(m.state)[0]


MY_FIELDS = [
    "rho",
    "eta",
    "theta",
    "omega",
    "local_alliance_weight",
    "deployment_arrest_effect",
    "delivery_reference",
    "delivery_cap",
    "conviction_base",
    "judicial_reform_effect",
    "conviction_cap",
    "judicial_local_integrity_share",
    "release_lag_months",
    "homicides_per_cartel_death",
    "noncartel_homicides_per_month",
    "casualty_death_share",
    "succession_instability_weight",
    "us_harm_reference_citizens",
    "guns_south_per_year",
    "us_gun_share",
    "gun_tracing_effect",
    "checkpoint_effect",
    "gun_wear_per_year",
    "gun_price_usd",
    "firepower_elasticity",
    "firepower_ratio_min",
    "firepower_ratio_max",
    "fear_rate",
    "legitimacy_rate",
    "fear_elasticity",
    "legitimacy_integrity_weight",
    "legitimacy_justice_weight",
    "legitimacy_fear_weight",
    "casualty_grievance",
    "grievance_decay",
    "recruitment_elasticity",
    "extortion_rate",
    "extortion_control_effect",
    "vetting_rate",
    "bribe_erosion",
    "program_lag_months",
    "program_effect",
    "program_legitimacy_effect",
    "investment_effect",
    "investment_legitimacy_effect",
    "investment_legitimacy_cap_usd_per_year",
    "investment_full_share",
    "deployment_months",
    "control_ratio",
    "deployment_presence_effect",
    "state_territory_drift",
    "cartel_territory_drift",
    "territory_floor",
    "state_presence",
]


def test_the_coefficients_of_these_rules_declare_a_plausible_range() -> None:
    missing = [n for n in MY_FIELDS if plausible_range(Calibration, n) is None]
    assert missing == []
