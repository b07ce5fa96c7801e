"""The whole scenario: world, calibration, actors, policy, horizon and seed."""

from __future__ import annotations

import datetime as dt

from pydantic import field_validator

from simulator.scenario.schema.actors import (
    CartelSpec,
    EnforcementSpec,
    GovernmentSpec,
    LocalGroupsSpec,
    Relation,
)
from simulator.scenario.schema.base import MAX_MONTHS, MAX_SEED, Strict, spec
from simulator.scenario.schema.calibration import Calibration
from simulator.scenario.schema.communities import CommunitiesSpec
from simulator.scenario.schema.policy import Policy
from simulator.scenario.schema.world import WorldSpec


class Scenario(Strict):
    """A whole scenario: world, calibration, actors, policy, horizon and seed."""

    name: str = spec(..., "-", "Short name, used in tables and file names.")
    description: str = spec("", "-", "What the scenario represents and its sources.")
    start: str = spec("2026-01", "YYYY-MM", "Calendar month of month 1.")
    months: int = spec(60, "months", "Horizon.", ge=1, le=MAX_MONTHS)
    seed: int = spec(42, "-", "Seed of the model's random generator.", ge=0, le=MAX_SEED)
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
