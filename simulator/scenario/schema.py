"""The scenario language: a pydantic schema with unit, bounds, default and description per field.

A scenario is everything a run needs: the world, the calibration of the rules, the
actors (governments, cartels, enforcement bodies, communities) and the policy
(phases, triggers, one-off operations). The dashboard and docs render the field
metadata; :func:`semantic_problems` adds the checks that span fields (phase
windows, references between sections).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from simulator.metrics import METRIC_IDS

Path = tuple[str | int, ...]


def spec(default: Any, unit: str, description: str, **bounds: Any) -> Any:
    """Declare a scenario field with its unit, description and bounds (ge/le/gt/lt)."""
    return Field(default, description=description, json_schema_extra={"unit": unit}, **bounds)


class Strict(BaseModel):
    """Base for every scenario section: unknown keys are errors, never silently ignored."""

    model_config = ConfigDict(extra="forbid", validate_default=True)


class WorldSpec(Strict):
    """Which region graph the scenario runs on."""

    kind: Literal["mexico", "synthetic"] = spec(
        "mexico", "-", "Mexico's 32 states (embedded data) or a generated teaching world."
    )
    regions: int = spec(9, "regions", "Synthetic worlds only: number of regions.", ge=4, le=100)
    cartels: int = spec(3, "cartels", "Synthetic worlds only: number of cartels.", ge=1, le=20)
    crossings: int = spec(
        2, "crossings", "Synthetic worlds only: number of US border crossings.", ge=1, le=10
    )
    seed: int = spec(0, "-", "Synthetic worlds only: seed of the world generator.", ge=0)


class Calibration(Strict):
    """Core rates of the rules, in the units of the papers they come from."""

    rho: float = spec(
        2.527e-3,
        "recruits/member/week",
        "R1 recruitment rate (Prieto-Curiel et al. 2023 fit).",
        ge=0,
        le=0.05,
    )
    eta: float = spec(
        110.0,
        "arrests/week",
        "R1 incapacitation: total arrests per week, shared by cartel size (Prieto-Curiel et al. 2023).",
        ge=0,
        le=10_000,
    )
    theta: float = spec(
        1.549e-8,
        "1/(member·member·week)",
        "R1 conflict lethality between rival cartels (Prieto-Curiel et al. 2023).",
        ge=0,
        le=1e-5,
    )
    omega: float = spec(
        4e-8,
        "1/(member·week)",
        "R1 saturation/retirement: per-capita exit rate grows with cartel size (Prieto-Curiel et al. 2023).",
        ge=0,
        le=1e-4,
    )
    substeps_per_month: int = spec(
        4,
        "steps/month",
        "Integration substeps of R1's weekly equation within one month (about one per week).",
        ge=1,
        le=31,
    )
    local_alliance_weight: float = spec(
        4.0,
        "weight",
        "R1 alliance weight tying each local group to the strongest major cartel in its region (calibrated: 3.5-4.5% of members killed a year).",
        ge=0,
        le=100,
    )
    delivery_reference: float = spec(
        0.4,
        "index",
        "Capacity x (0.5 + 0.5 integrity) of enforcement bodies that carry out a lever change in full; weaker bodies deliver less of it, stronger up to 1.5x (assumption).",
        gt=0,
        le=1,
    )
    # R2 courts
    conviction_base: float = spec(
        0.25,
        "share",
        "R2 share of arrests convicted at the status quo (assumption: impunity above 90% for homicide, México Evalúa 2022; cartel arrests fare better).",
        ge=0,
        le=1,
    )
    judicial_reference: float = spec(
        0.168,
        "index",
        "R2 judicial capacity x integrity at which conviction_base holds: the 2026 baseline's courts (capacity 0.35 raised by status-quo judicial_reform 0.1, x mean integrity of 0.40 and 0.45).",
        gt=0,
        le=1,
    )
    release_lag_months: int = spec(
        3,
        "months",
        "R2 months before an unconvicted arrestee returns to the cartel (assumption).",
        ge=1,
        le=36,
    )
    # R3 homicides
    homicides_per_cartel_death: float = spec(
        2.8,
        "homicides/death",
        "R3 homicides caused per cartel member killed in conflict, members included (calibrated so 2026 homicides match INEGI 2024, 33.2k).",
        ge=0,
        le=20,
    )
    noncartel_homicides_per_month: float = spec(
        1000.0,
        "homicides/month",
        "R3 homicides unrelated to cartel conflict (assumption: about 1/3 of INEGI's 33.2k in 2024).",
        ge=0,
        le=10_000,
    )
    # R4 decapitation
    cohesion_drop_kill: float = spec(
        0.45,
        "index",
        "R4 cohesion lost when a leader is killed (calibrated to Calderón et al. 2015: killings raise violence more).",
        ge=0,
        le=1,
    )
    cohesion_drop_capture: float = spec(
        0.25,
        "index",
        "R4 cohesion lost when a leader is captured, spread over capture_lag_months (Calderón et al. 2015).",
        ge=0,
        le=1,
    )
    capture_lag_months: int = spec(
        3,
        "months",
        "R4 months over which a capture's cohesion loss unfolds (Calderón et al. 2015: about 3 months).",
        ge=1,
        le=12,
    )
    cohesion_recovery: float = spec(
        0.08,
        "per month",
        "R4 monthly recovery of cohesion towards its pre-shock level (assumption: succession settles within about a year).",
        ge=0,
        le=1,
    )
    succession_violence: float = spec(
        0.02,
        "deaths/member/year per unit cohesion lost",
        "R4 internal killings in a destabilised cartel (calibrated to +36.5% DTO violence in six months, Calderón et al. 2015).",
        ge=0,
        le=5,
    )
    split_threshold: float = spec(
        0.35,
        "index",
        "R4 cohesion below which a cartel may split into factions (Phillips 2015; Jones 2013).",
        ge=0,
        le=1,
    )
    split_probability: float = spec(
        0.25,
        "per month",
        "R4 monthly chance of a split while cohesion is below the threshold (assumption).",
        ge=0,
        le=1,
    )
    faction_conflict: float = spec(
        8.0,
        "K",
        "R4 conflict coefficient K between the two sides of a split, a succession war (assumption: as intense as the strongest rivalries in Prieto-Curiel et al.'s network; e.g. Sinaloa since 2024).",
        ge=0,
        le=100,
    )
    # R5 gatekeepers
    gatekeeper_cut: float = spec(
        0.3,
        "share",
        "R5 share of a cartel's route throughput lost per corridor broker removed (assumption).",
        ge=0,
        le=1,
    )
    throughput_recovery: float = spec(
        0.15,
        "per month",
        "R5 monthly recovery of throughput after a broker is removed (assumption: months, seed 000).",
        ge=0,
        le=1,
    )
    broker_replacement_months: float = spec(
        6.0,
        "months",
        "R5 mean time for a cartel to replace one removed corridor broker (assumption: brokers need trusted contacts, seed 000).",
        ge=1,
        le=120,
    )
    # R6 money
    revenue_usd_per_kg: float = spec(
        60_000.0,
        "USD/kg",
        "R6 cartel revenue per kg of fentanyl delivered to the US (assumption from wholesale prices, DEA NDTA 2024).",
        ge=0,
    )
    extortion_usd_per_member_month: float = spec(
        2400.0,
        "USD/member/month",
        "R6 extortion and local rackets per member at extortion index 1 (assumption).",
        ge=0,
    )
    wage_usd_per_member_month: float = spec(
        600.0,
        "USD/member/month",
        "R6 wage bill per member (assumption: sicario pay reports, about $500-1,000 a month).",
        ge=0,
    )
    bribe_share: float = spec(
        0.15,
        "share of revenue",
        "R6 revenue spent on bribes, scaled by corruption reach (assumption).",
        ge=0,
        le=1,
    )
    financial_seizure_rate: float = spec(
        0.04,
        "share/month",
        "R6 monthly share of cash seized at financial_ops = 1 with full cooperation (assumption).",
        ge=0,
        le=1,
    )
    # R7 guns
    guns_south_per_year: float = spec(
        200_000.0,
        "guns/year",
        "R7 firearms smuggled into Mexico a year at the status quo (GAO-21-322: about 200,000).",
        ge=0,
    )
    us_gun_share: float = spec(
        0.70,
        "share",
        "R7 share of trafficked guns sourced in the US (GAO-21-322: 70%; seed 000: 65-75%).",
        ge=0,
        le=1,
    )
    gun_tracing_effect: float = spec(
        0.5,
        "share",
        "R7 share of US-sourced flow stopped at gun_tracing = 1 (assumption).",
        ge=0,
        le=1,
    )
    checkpoint_effect: float = spec(
        0.4,
        "share",
        "R7 share of non-US flow stopped at mexican_checkpoints = 1 (assumption).",
        ge=0,
        le=1,
    )
    gun_wear_per_year: float = spec(
        0.3,
        "share/year",
        "R7 share of the arsenal lost a year to wear, loss and resale, besides the guns that leave with arrested, killed or departing members (assumption: with 200k guns a year in, keeps guns per member within about 10% of the 2026 level over five years at the status quo).",
        ge=0,
        le=1,
    )
    gun_price_usd: float = spec(
        1500.0,
        "USD/gun",
        "R6/R7 price cartels pay per trafficked gun (assumption: US retail of $500-1,000 marked up in Mexico).",
        gt=0,
    )
    firepower_elasticity: float = spec(
        0.3, "-", "R7 elasticity of conflict lethality to guns per member (assumption).", ge=0, le=2
    )
    # R8 routes
    fentanyl_kg_per_month: float = spec(
        6000.0,
        "kg/month",
        "R8 fentanyl moved towards the US at the status quo (assumption: CBP seized about 10 t in FY2024, taken as about 15% of flow).",
        ge=0,
    )
    border_seizure_base: float = spec(
        0.15,
        "share",
        "R8 share seized at crossings at the status quo (assumption, as above).",
        ge=0,
        le=1,
    )
    smart_border_effect: float = spec(
        0.25, "share", "R8 extra seizure share at smart_border = 1 (assumption).", ge=0, le=1
    )
    route_sensitivity: float = spec(
        1.5,
        "1/cost",
        "R8 logit sensitivity of route choice to route cost (assumption; Dell 2015 shows strong re-routing).",
        ge=0,
        le=20,
    )
    crossing_congestion: float = spec(
        1.0,
        "cost per overload",
        "R8 extra cost of a crossing per 100% of flow above its status-quo share: crossings have finite capacity (assumption).",
        ge=0,
        le=20,
    )
    overload_seizure: float = spec(
        0.05,
        "share per overload",
        "R8 extra seizure share at a crossing per 100% of flow above its status-quo share (assumption).",
        ge=0,
        le=1,
    )
    interdiction_cost: float = spec(
        3.0, "cost", "R8 added cost of an interdicted crossing (assumption).", ge=0, le=100
    )
    new_route_violence: float = spec(
        0.6,
        "-",
        "R8 rise in local conflict per unit increase of a region's drug-flow share (Dell 2015; Magliocca et al. 2019).",
        ge=0,
        le=10,
    )
    # R9 cooperation
    cooperation_rate: float = spec(
        0.08,
        "per month",
        "R9 speed at which cooperation moves to its target (assumption).",
        ge=0,
        le=1,
    )
    incident_backlash: float = spec(
        0.03,
        "per incident",
        "R9 cooperation lost per unilateral operation x sovereignty sensitivity (assumption; seeds 001-004).",
        ge=0,
        le=1,
    )
    backlash_decay: float = spec(
        0.05, "per month", "R9 monthly decay of accumulated backlash (assumption).", ge=0, le=1
    )
    # R10 strikes
    strike_success_base: float = spec(
        0.7,
        "probability",
        "R10 chance a strike hits its target at intelligence quality 1 (assumption).",
        ge=0,
        le=1,
    )
    civilians_per_strike: float = spec(
        1.5,
        "people/strike",
        "R10 expected bystander casualties per strike (assumption from drone-strike records, Bureau of Investigative Journalism).",
        ge=0,
        le=50,
    )
    strike_grievance: float = spec(
        0.04,
        "index/strike",
        "R10 grievance added in the struck region per strike (assumption).",
        ge=0,
        le=1,
    )
    us_citizens_in_mexico: float = spec(
        1.6e6, "people", "R10 US citizens living in Mexico (seed 004).", ge=0
    )
    us_harm_base_per_month: float = spec(
        10.0,
        "people/month",
        "R10 US citizens harmed (killed, kidnapped, assaulted) a month at the status quo (assumption; State Dept reports about 75 homicides of US citizens a year).",
        ge=0,
    )
    retaliation_per_strike: float = spec(
        0.6,
        "people/strike",
        "R10 extra US citizens harmed per recent strike through cartel retaliation (assumption; seed 004).",
        ge=0,
    )
    lab_damage: float = spec(
        0.08,
        "share",
        "R10/R11 share of a cartel's production capacity destroyed by a successful lab strike or raid (assumption).",
        ge=0,
        le=1,
    )
    lab_recovery: float = spec(
        0.25,
        "per month",
        "R10/R11 monthly recovery of production capacity (assumption: labs are rebuilt in weeks).",
        ge=0,
        le=1,
    )
    # R11 Mexican-led operations
    raid_success_base: float = spec(
        0.5,
        "probability",
        "R11 chance a raid achieves its aim at intel x integrity x capacity = 1 (assumption).",
        ge=0,
        le=1,
    )
    arrests_per_raid: float = spec(
        8.0, "people/raid", "R11 members arrested per successful raid (assumption).", ge=0
    )
    civilians_per_raid: float = spec(
        0.3,
        "people/raid",
        "R11 bystander casualties per raid at human-rights compliance 0 (assumption).",
        ge=0,
    )
    # R12 communities
    fear_rate: float = spec(
        0.15,
        "per month",
        "R12 speed at which fear follows local violence (assumption).",
        ge=0,
        le=1,
    )
    legitimacy_rate: float = spec(
        0.05,
        "per month",
        "R12 speed at which legitimacy follows its drivers (assumption).",
        ge=0,
        le=1,
    )
    recruitment_elasticity: float = spec(
        0.8,
        "-",
        "R12 elasticity of recruitment to grievance x youth at risk (Epstein 2002; assumption).",
        ge=0,
        le=5,
    )
    extortion_rate: float = spec(
        0.05,
        "per month",
        "R12/R19 speed at which extortion follows territorial control (assumption: local rackets move over a year or two).",
        ge=0,
        le=1,
    )
    # R13 integrity
    vetting_rate: float = spec(
        0.03, "per month", "R13 monthly integrity gain at vetting = 1 (assumption).", ge=0, le=1
    )
    bribe_erosion: float = spec(
        0.02,
        "per month",
        "R13 monthly integrity loss under full cartel corruption reach (assumption).",
        ge=0,
        le=1,
    )
    # R14 programmes
    program_lag_months: float = spec(
        12.0,
        "months",
        "R14 time constant for programmes to raise opportunity (assumption).",
        ge=1,
        le=120,
    )
    program_effect: float = spec(
        0.25, "index", "R14 opportunity gained at community_programs = 1 (assumption).", ge=0, le=1
    )
    investment_effect: float = spec(
        0.1,
        "index per $1B/yr",
        "R14 opportunity gained per $1B a year invested in a reclaimed region share (assumption).",
        ge=0,
        le=1,
    )
    # R15 overdoses
    overdose_deaths_2024: float = spec(
        80_000.0,
        "deaths/year",
        "R15 US overdose deaths in 2024 (CDC/NCHS provisional: about 80k).",
        ge=0,
    )
    overdose_trend: float = spec(
        -0.05,
        "per year",
        "R15 exogenous yearly change after 2024 (assumption: the decline continues, slower than 2023-24's -27%).",
        ge=-0.5,
        le=0.5,
    )
    supply_elasticity: float = spec(
        0.3,
        "-",
        "R15 elasticity of overdose deaths to fentanyl supply relative to the status quo (assumption).",
        ge=0,
        le=2,
    )
    treatment_effect: float = spec(
        0.25,
        "share",
        "R15 overdose deaths avoided at demand_reduction = 1 over the status quo (assumption; MOUD halves mortality among the treated, Larochelle et al. 2018).",
        ge=0,
        le=1,
    )
    # R18 spillover
    upstream_effect: float = spec(
        0.25, "share", "R18 production lost at regional_cooperation = 1 (assumption).", ge=0, le=1
    )
    # R19 territory
    deployment_months: float = spec(
        6.0,
        "months",
        "R19 time constant for added National Guard units to arrive in priority zones (assumption).",
        ge=1,
        le=60,
    )
    control_ratio: float = spec(
        1.5,
        "ratio",
        "R19 how many times stronger one side must be to control a region (assumption).",
        ge=1,
        le=10,
    )
    lever_cost_usd_per_year: dict[str, float] = spec(
        {
            "gun_tracing": 0.3e9,  # assumption: ATF expansion and southbound inspections
            "mexican_checkpoints": 0.3e9,  # assumption: scanners and forensic tracing
            "financial_ops": 0.2e9,  # assumption: FinCEN/UIF analysts and crypto tracing
            "smart_border": 1.5e9,  # assumption: tunnel detection, scanners, sensors
            "demand_reduction": 5.0e9,  # assumption: expanded treatment and prevention
            "vetting": 0.2e9,  # assumption: integrity testing and asset disclosure
            "judicial_reform": 0.6e9,  # assumption: courts, witness protection, prosecutors
            "community_programs": 4.0e9,  # assumption: jobs, education, treatment at full scale
            "national_guard_deployment": 2.0e9,  # assumption: added units in priority zones
            "fusion_cells": 0.2e9,  # assumption: joint fusion cells
            "regional_cooperation": 0.3e9,  # assumption: Colombia and Guatemala programmes
        },
        "USD/year at lever = 1",
        "Annual cost of each 0-1 lever at full setting (assumptions); aid and investment cost their face value.",
    )
    cost_per_strike_usd: float = spec(
        5e6, "USD", "Cost of one unilateral strike or raid incl. ISR (assumption).", ge=0
    )
    cost_per_raid_usd: float = spec(
        1e6, "USD", "Cost of one Mexican-led precision raid (assumption).", ge=0
    )
    state_presence: float = spec(
        0.7,
        "index",
        "R19 state presence per region at national_guard_deployment 0 (calibration: about a third of regions cartel-controlled at the start; US NORTHCOM 2021 said 30-35%).",
        ge=0,
        le=10,
    )


class GovernmentSpec(Strict):
    """A government: the US, Mexico or a regional partner."""

    id: Literal["US", "MX", "CO", "GT"] = spec(..., "-", "Which government.")
    name: str = spec("", "-", "Display name.")
    cooperation: float = spec(
        0.5, "index 0-1", "Trust and cooperation towards the partner government (R9).", ge=0, le=1
    )
    sovereignty_sensitivity: float = spec(
        0.7,
        "index 0-1",
        "How strongly sovereignty violations erode cooperation (R9).",
        ge=0,
        le=1,
    )
    political_pressure: float = spec(
        0.5, "index 0-1", "Domestic pressure to act visibly against cartels.", ge=0, le=1
    )


class Relation(Strict):
    """A rivalry or alliance between two cartels."""

    between: tuple[str, str] = spec(..., "-", "The two cartel ids.")
    weight: float = spec(1.0, "weight", "Strength of the relation (1-10 scale).", gt=0, le=100)


class CartelSpec(Strict):
    """A cartel agent's initial state."""

    id: str = spec(..., "-", "Cartel id (matches the world's cartel presence data).")
    name: str = spec("", "-", "Display name (defaults to the world's name for this id).")
    members: int = spec(..., "people", "Members at the start.", ge=0, le=2_000_000)
    cohesion: float = spec(0.8, "index 0-1", "Internal cohesion (R4).", ge=0, le=1)
    cash_usd: float = spec(0.0, "USD", "Cash at the start (R6).", ge=0)
    firepower: float = spec(0.0, "guns", "Stock of firearms at the start (R7).", ge=0)
    leaders: int = spec(3, "people", "Top leaders (R4).", ge=0, le=100)
    lieutenants: int = spec(20, "people", "Regional lieutenants (R4).", ge=0, le=10_000)
    gatekeepers: int = spec(5, "people", "Corridor brokers (R5).", ge=0, le=1_000)
    corruption_reach: float = spec(
        0.3, "index 0-1", "Reach of bribery into institutions (R13).", ge=0, le=1
    )
    territory: dict[str, float] | None = spec(
        None,
        "strength 0-1 by region",
        "Presence by region code; omitted = the world's presence data for this id.",
    )


class LocalGroupsSpec(Strict):
    """The pool of small local armed groups, spread over regions by population."""

    count: int = spec(0, "groups", "Number of local armed groups.", ge=0, le=10_000)
    members: int = spec(0, "people", "Members of all local groups together.", ge=0, le=2_000_000)


class EnforcementSpec(Strict):
    """An enforcement body belonging to a government."""

    id: str = spec(..., "-", "Body id, e.g. US_STRIKE, MX_NAVY.")
    name: str = spec("", "-", "Display name.")
    government: Literal["US", "MX", "CO", "GT"] = spec(..., "-", "Government it belongs to.")
    capacity: float = spec(0.5, "index 0-1", "Operational capacity.", ge=0, le=1)
    intel_quality: float = spec(
        0.5, "index 0-1", "Quality of its intelligence on targets.", ge=0, le=1
    )
    integrity: float = spec(0.6, "index 0-1", "Resistance to leaks and bribes (R13).", ge=0, le=1)
    human_rights: float = spec(0.6, "index 0-1", "Human-rights compliance (R11).", ge=0, le=1)
    mandate: list[
        Literal[
            "strike",
            "raid",
            "arrest",
            "interdict",
            "finance",
            "trace_guns",
            "intelligence",
            "prosecute",
        ]
    ] = spec([], "-", "Actions it may take.")
    on_mexican_soil: Literal["never", "with_consent", "unilateral"] = spec(
        "with_consent", "-", "Whether it acts on Mexican soil, and on what terms."
    )


class CommunityState(Strict):
    """Initial conditions of one region's community (R12)."""

    opportunity: float = spec(
        0.5, "index 0-1", "Economic opportunity for young people.", ge=0, le=1
    )
    fear: float = spec(0.3, "index 0-1", "Fear of violence.", ge=0, le=1)
    legitimacy: float = spec(0.5, "index 0-1", "Legitimacy of the state.", ge=0, le=1)
    youth_at_risk: float = spec(
        0.2, "share", "Share of young people at risk of recruitment.", ge=0, le=1
    )
    extortion: float = spec(0.2, "index 0-1", "Cartel governance and extortion.", ge=0, le=1)
    addiction: float = spec(0.05, "share", "Share of population with addiction.", ge=0, le=1)
    integrity: float = spec(
        0.45, "index 0-1", "Integrity of local police, prosecutors and officials (R13).", ge=0, le=1
    )


class CommunityPatch(Strict):
    """Per-region overrides of community conditions; unset fields keep the defaults."""

    opportunity: float | None = spec(None, "index 0-1", "Economic opportunity.", ge=0, le=1)
    fear: float | None = spec(None, "index 0-1", "Fear of violence.", ge=0, le=1)
    legitimacy: float | None = spec(None, "index 0-1", "Legitimacy of the state.", ge=0, le=1)
    youth_at_risk: float | None = spec(None, "share", "Youth at risk.", ge=0, le=1)
    extortion: float | None = spec(None, "index 0-1", "Cartel extortion.", ge=0, le=1)
    addiction: float | None = spec(None, "share", "Addiction.", ge=0, le=1)
    integrity: float | None = spec(None, "index 0-1", "Local integrity.", ge=0, le=1)


class CommunitiesSpec(Strict):
    """Community conditions: defaults for every region plus per-region overrides."""

    defaults: CommunityState = spec(CommunityState(), "-", "Conditions in every region.")
    overrides: dict[str, CommunityPatch] = spec({}, "-", "Region code -> overridden conditions.")


StrikeTarget = Literal["leaders", "labs", "mixed"]


class Levers(Strict):
    """Policy levers. In a phase or trigger, unset (null) levers keep their current value."""

    unilateral_strikes_per_month: float | None = spec(
        None,
        "strikes/month",
        "US strikes and raids on Mexican soil without consent (R10).",
        ge=0,
        le=60,
    )
    strike_target: StrikeTarget | None = spec(
        None, "-", "What unilateral strikes aim at: leaders, labs or mixed (R10)."
    )
    intel_sharing: float | None = spec(
        None, "index 0-1", "US-Mexico intelligence sharing (R9, R11).", ge=0, le=1
    )
    fusion_cells: float | None = spec(
        None, "index 0-1", "Joint fusion cells mapping cartel networks (R5, R11).", ge=0, le=1
    )
    gun_tracing: float | None = spec(
        None,
        "index 0-1",
        "ATF tracing, straw-purchaser prosecution, southbound inspection (R7).",
        ge=0,
        le=1,
    )
    mexican_checkpoints: float | None = spec(
        None,
        "index 0-1",
        "Mexican checkpoints with scanners and forensic tracing (R7).",
        ge=0,
        le=1,
    )
    financial_ops: float | None = spec(
        None,
        "index 0-1",
        "Sanctions, asset seizures, anti-money-laundering, crypto (R6).",
        ge=0,
        le=1,
    )
    smart_border: float | None = spec(
        None, "index 0-1", "Tunnel detection, scanners, sensors at crossings (R8).", ge=0, le=1
    )
    demand_reduction: float | None = spec(
        None, "index 0-1", "US prevention and addiction treatment (R15).", ge=0, le=1
    )
    us_aid_usd_per_year: float | None = spec(
        None,
        "USD/year",
        "US non-lethal aid to Mexico (R9; seed 000: about $2B a year).",
        ge=0,
        le=5e10,
    )
    vetting: float | None = spec(
        None, "index 0-1", "Vetting, asset disclosure and integrity testing (R13).", ge=0, le=1
    )
    precision_raids_per_month: float | None = spec(
        None, "raids/month", "Mexican-led intelligence-driven raids (R11).", ge=0, le=100
    )
    gatekeeper_targeting: float | None = spec(
        None, "index 0-1", "Share of effort aimed at corridor brokers (R5).", ge=0, le=1
    )
    judicial_reform: float | None = spec(
        None, "index 0-1", "Courts, witness protection, prosecutors (R2).", ge=0, le=1
    )
    community_programs: float | None = spec(
        None, "index 0-1", "Job training, education, treatment, infrastructure (R14).", ge=0, le=1
    )
    national_guard_deployment: float | None = spec(
        None,
        "index 0-1",
        "Share of priority zones with added National Guard units (R19).",
        ge=0,
        le=1,
    )
    extraditions_per_month: float | None = spec(
        None, "people/month", "High-value extraditions to US courts (R9).", ge=0, le=100
    )
    investment_usd_per_year: float | None = spec(
        None, "USD/year", "USMCA-backed investment in reclaimed regions (R14).", ge=0, le=1e11
    )
    regional_cooperation: float | None = spec(
        None, "index 0-1", "Cooperation with Colombia and Guatemala upstream (R18).", ge=0, le=1
    )
    human_rights_conditions: float | None = spec(
        None, "index 0-1", "Strength of human-rights conditions on aid (R11).", ge=0, le=1
    )

    def set_values(self) -> dict[str, Any]:
        """Return only the levers this block sets."""
        return {k: v for k, v in self.model_dump().items() if v is not None}


# The status quo of 2026-01, where no phase or trigger says otherwise. Each value is an
# assumption about the policy mix in force at the start, stated in docs/RULES.md.
STATUS_QUO: dict[str, Any] = {
    "unilateral_strikes_per_month": 0.0,
    "strike_target": "mixed",
    "intel_sharing": 0.3,
    "fusion_cells": 0.0,
    "gun_tracing": 0.2,
    "mexican_checkpoints": 0.2,
    "financial_ops": 0.2,
    "smart_border": 0.2,
    "demand_reduction": 0.2,
    "us_aid_usd_per_year": 0.2e9,
    "vetting": 0.2,
    "precision_raids_per_month": 2.0,
    "gatekeeper_targeting": 0.0,
    "judicial_reform": 0.1,
    "community_programs": 0.2,
    "national_guard_deployment": 0.3,
    "extraditions_per_month": 1.0,
    "investment_usd_per_year": 0.0,
    "regional_cooperation": 0.1,
    "human_rights_conditions": 0.2,
}
assert set(STATUS_QUO) == set(Levers.model_fields), "STATUS_QUO must set every lever"


class Phase(Strict):
    """A policy phase: a month window that sets levers."""

    name: str = spec(..., "-", "Phase name, e.g. 'Phase 1: trust and rules'.")
    start: int = spec(..., "month", "First month of the phase (1 = the scenario's start).", ge=1)
    end: int | None = spec(
        None, "month", "Last month of the phase, inclusive; null = to the end of the run.", ge=1
    )
    description: str = spec("", "-", "What the phase does and why (shown in reports).")
    levers: Levers = spec(Levers(), "-", "Levers set when the phase begins.")
    annual_review: bool = spec(
        False, "-", "R16: review levers every 12 months from the phase start (seed 000, Phase 4)."
    )


class Condition(Strict):
    """A condition on a metric that must hold for some months in a row."""

    metric: str = spec(..., "-", "Metric id from the registry.")
    op: Literal["<", "<=", ">", ">="] = spec(..., "-", "Comparison.")
    value: float = spec(..., "metric unit", "Threshold.")
    for_months: int = spec(1, "months", "Consecutive months the condition must hold.", ge=1)

    @field_validator("metric")
    @classmethod
    def _known_metric(cls, v: str) -> str:
        if v not in METRIC_IDS:
            import difflib

            near = difflib.get_close_matches(v, METRIC_IDS, n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            raise ValueError(f"unknown metric {v!r}{hint}")
        return v


class Trigger(Strict):
    """Conditional escalation (R17): switch levers when a condition holds."""

    name: str = spec(..., "-", "Trigger name, shown in the event log.")
    when: Condition = spec(..., "-", "The condition.")
    after_month: int = spec(0, "month", "Only checked after this month.", ge=0)
    set: Levers = spec(..., "-", "Levers set when the trigger fires.")
    once: bool = spec(True, "-", "Fire at most once.")


class Operation(Strict):
    """A scheduled one-off operation (narrow actions and validation experiments)."""

    month: int = spec(..., "month", "Month it happens.", ge=1)
    actor: str = spec(..., "-", "Enforcement body id that carries it out.")
    kind: Literal[
        "capture_leader", "kill_leader", "raid_lab", "interdict_crossing", "remove_gatekeeper"
    ] = spec(..., "-", "What the operation does.")
    target: str = spec(..., "-", "Cartel id, or crossing id for interdict_crossing.")
    region: str | None = spec(None, "-", "Region code where it happens (default: target's base).")
    duration_months: int = spec(
        6, "months", "interdict_crossing only: how long the crossing stays closed.", ge=1, le=600
    )
    note: str = spec("", "-", "Free text for the event log.")


class Policy(Strict):
    """The policy: initial levers, a timeline of phases, triggers and one-off operations."""

    levers: Levers = spec(
        Levers(), "-", "Levers from month 1, before any phase (over the status quo)."
    )
    phases: list[Phase] = spec([], "-", "Consecutive phases; unset levers carry over.")
    triggers: list[Trigger] = spec([], "-", "Conditional escalation rules (R17).")
    operations: list[Operation] = spec([], "-", "Scheduled one-off operations.")


class Scenario(Strict):
    """A whole scenario: world, calibration, actors, policy, horizon and seed."""

    name: str = spec(..., "-", "Short name, used in tables and file names.")
    description: str = spec("", "-", "What the scenario represents and its sources.")
    start: str = spec("2026-01", "YYYY-MM", "Calendar month of month 1.")
    months: int = spec(60, "months", "Horizon.", ge=1, le=600)
    seed: int = spec(42, "-", "Seed of the model's random generator.", ge=0)
    replications: int = spec(20, "runs", "Default replications for comparisons.", ge=1, le=10_000)
    world: WorldSpec = spec(WorldSpec(), "-", "The region graph.")
    calibration: Calibration = spec(Calibration(), "-", "Core rates of the rules.")
    governments: list[GovernmentSpec] = spec([], "-", "Governments (US and Mexico at least).")
    cartels: list[CartelSpec] = spec([], "-", "Cartels at the start.")
    local_groups: LocalGroupsSpec = spec(LocalGroupsSpec(), "-", "Pool of small armed groups.")
    rivalries: list[Relation] | None = spec(
        None, "-", "Rivalries; omitted = the world's rivalry data."
    )
    alliances: list[Relation] | None = spec(
        None, "-", "Alliances; omitted = the world's alliance data."
    )
    enforcement: list[EnforcementSpec] = spec([], "-", "Enforcement bodies.")
    communities: CommunitiesSpec = spec(CommunitiesSpec(), "-", "Community conditions.")
    policy: Policy = spec(Policy(), "-", "The policy being tested.")

    @field_validator("start")
    @classmethod
    def _year_month(cls, v: str) -> str:
        try:
            dt.datetime.strptime(v, "%Y-%m")
        except ValueError:
            raise ValueError(f"must be a month written YYYY-MM, got {v!r}") from None
        return v


def semantic_problems(scenario: Scenario) -> list[tuple[Path, str]]:
    """Return the problems that span fields: phase windows and references between sections.

    Each problem is a field path (as in pydantic's ``loc``) and a message, so the
    loader can point at the file and line.
    """
    problems = phase_problems(scenario.policy.phases, scenario.months)
    govs = [g.id for g in scenario.governments]
    for i, g in enumerate(govs):
        if g in govs[:i]:
            problems.append((("governments", i, "id"), f"duplicate government {g!r}"))
    cartel_ids = [c.id for c in scenario.cartels]
    for i, c in enumerate(cartel_ids):
        if c in cartel_ids[:i]:
            problems.append((("cartels", i, "id"), f"duplicate cartel id {c!r}"))
    for section in ("rivalries", "alliances"):
        for i, rel in enumerate(getattr(scenario, section) or []):
            for j, cid in enumerate(rel.between):
                if cid not in cartel_ids:
                    problems.append(
                        ((section, i, "between", j), _unknown("cartel", cid, cartel_ids))
                    )
    body_ids = [b.id for b in scenario.enforcement]
    for i, b in enumerate(scenario.enforcement):
        if b.government not in govs:
            problems.append(
                (
                    ("enforcement", i, "government"),
                    f"government {b.government!r} is not in governments",
                )
            )
    for i, op in enumerate(scenario.policy.operations):
        here = ("policy", "operations", i)
        if op.actor not in body_ids:
            problems.append((here + ("actor",), _unknown("enforcement body", op.actor, body_ids)))
        if op.kind != "interdict_crossing" and op.target not in cartel_ids:
            problems.append((here + ("target",), _unknown("cartel", op.target, cartel_ids)))
        if op.month > scenario.months:
            problems.append((here + ("month",), f"is after the horizon ({scenario.months} months)"))
    return problems


def _unknown(what: str, value: str, valid: list[str]) -> str:
    import difflib

    near = difflib.get_close_matches(value, valid, n=1)
    hint = f" (did you mean {near[0]!r}?)" if near else f"; valid: {', '.join(valid) or 'none'}"
    return f"unknown {what} {value!r}{hint}"


def phase_problems(phases: list[Phase], months: int) -> list[tuple[Path, str]]:
    """Return the problems of the phase windows: end before start, overlaps, gaps, past the horizon.

    Separate from :func:`semantic_problems` so the loader can report them even when
    another part of the file fails validation.
    """
    problems: list[tuple[Path, str]] = []
    for i, ph in enumerate(phases):
        here: Path = ("policy", "phases", i)
        if ph.end is not None and ph.end < ph.start:
            problems.append(
                (here + ("end",), f"ends (month {ph.end}) before it starts (month {ph.start})")
            )
        if ph.start > months:
            problems.append((here + ("start",), f"starts after the horizon ({months} months)"))
        if i == 0:
            continue
        prev = phases[i - 1]
        if prev.end is None:
            problems.append(
                ((*here[:-1], i - 1, "end"), f"is open-ended but phases[{i}] follows it")
            )
        elif ph.start <= prev.end:
            problems.append(
                (
                    here + ("start",),
                    f"overlaps phases[{i - 1}] (months {prev.start}-{prev.end}); must start after month {prev.end}",
                )
            )
        elif ph.start > prev.end + 1:
            problems.append(
                (
                    here + ("start",),
                    f"leaves a gap after phases[{i - 1}] (months {prev.end + 1}-{ph.start - 1} have no phase)",
                )
            )
    return problems
