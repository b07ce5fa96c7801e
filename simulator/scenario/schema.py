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


class CommunityPatch(Strict):
    """Per-region overrides of community conditions; unset fields keep the defaults."""

    opportunity: float | None = spec(None, "index 0-1", "Economic opportunity.", ge=0, le=1)
    fear: float | None = spec(None, "index 0-1", "Fear of violence.", ge=0, le=1)
    legitimacy: float | None = spec(None, "index 0-1", "Legitimacy of the state.", ge=0, le=1)
    youth_at_risk: float | None = spec(None, "share", "Youth at risk.", ge=0, le=1)
    extortion: float | None = spec(None, "index 0-1", "Cartel extortion.", ge=0, le=1)
    addiction: float | None = spec(None, "share", "Addiction.", ge=0, le=1)


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
    problems: list[tuple[Path, str]] = []
    phases = scenario.policy.phases
    for i, ph in enumerate(phases):
        here: Path = ("policy", "phases", i)
        if ph.end is not None and ph.end < ph.start:
            problems.append(
                (here + ("end",), f"ends (month {ph.end}) before it starts (month {ph.start})")
            )
        if ph.start > scenario.months:
            problems.append(
                (here + ("start",), f"starts after the horizon ({scenario.months} months)")
            )
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
