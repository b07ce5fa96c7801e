"""The policy section: phases, triggers (R17) and one-off operations."""

from __future__ import annotations

from typing import Literal

from pydantic import field_validator

from simulator.metrics import METRIC_IDS
from simulator.scenario.schema.base import MAX_MONTHS, Strict, spec
from simulator.scenario.schema.levers import Levers


class Phase(Strict):
    """A policy phase: a month window that sets levers."""

    name: str = spec(..., "-", "Phase name, e.g. 'Phase 1: trust and rules'.")
    start: int = spec(
        ..., "month", "First month of the phase (1 = the scenario's start).", ge=1, le=MAX_MONTHS
    )
    end: int | None = spec(
        None,
        "month",
        "Last month of the phase, inclusive; null = to the end of the run.",
        ge=1,
        le=MAX_MONTHS,
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
    for_months: int = spec(
        1, "months", "Consecutive months the condition must hold.", ge=1, le=MAX_MONTHS
    )

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
    after_month: int = spec(0, "month", "Only checked after this month.", ge=0, le=MAX_MONTHS)
    set: Levers = spec(..., "-", "Levers set when the trigger fires.")
    once: bool = spec(True, "-", "Fire at most once.")


class Operation(Strict):
    """A scheduled one-off operation (narrow actions and validation experiments)."""

    month: int = spec(..., "month", "Month it happens.", ge=1, le=MAX_MONTHS)
    actor: str = spec(..., "-", "Enforcement body id that carries it out.")
    kind: Literal[
        "capture_leader", "kill_leader", "raid_lab", "interdict_crossing", "remove_gatekeeper"
    ] = spec(..., "-", "What the operation does.")
    target: str = spec(..., "-", "Cartel id, or crossing id for interdict_crossing.")
    region: str | None = spec(None, "-", "Region code where it happens (default: target's base).")
    duration_months: int = spec(
        6,
        "months",
        "interdict_crossing only: how long the crossing stays closed.",
        ge=1,
        le=MAX_MONTHS,
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
