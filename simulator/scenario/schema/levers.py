"""Policy levers and the status quo they start from."""

from __future__ import annotations

from typing import Any, Literal

from simulator.scenario.schema.base import Strict, spec

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
