"""Policy levers and the status quo they start from."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field
from pydantic.fields import FieldInfo

from simulator.scenario.schema.base import Strict

StrikeTarget = Literal["leaders", "labs", "mixed"]


def lever(status_quo: Any, unit: str, description: str, **bounds: Any) -> Any:
    """Declare a lever: unset (None) in scenarios, with its status-quo value, unit and bounds."""
    extra = {"unit": unit, "status_quo": status_quo}
    return Field(None, description=description, json_schema_extra=extra, **bounds)


def status_quo(field: FieldInfo) -> Any:
    """A lever's value at the status quo, as declared with :func:`lever`."""
    extra = field.json_schema_extra
    assert isinstance(extra, dict), "every lever is declared with lever()"
    return extra["status_quo"]


class Levers(Strict):
    """Policy levers. In a phase or trigger, unset (null) levers keep their current value."""

    unilateral_strikes_per_month: float | None = lever(
        0.0,
        "strikes/month",
        "US strikes and raids on Mexican soil without consent (R10).",
        ge=0,
        le=60,
    )
    strike_target: StrikeTarget | None = lever(
        "mixed", "-", "What unilateral strikes aim at: leaders, labs or mixed (R10)."
    )
    intel_sharing: float | None = lever(
        0.3, "index 0-1", "US-Mexico intelligence sharing (R9, R11).", ge=0, le=1
    )
    fusion_cells: float | None = lever(
        0.0, "index 0-1", "Joint fusion cells mapping cartel networks (R5, R11).", ge=0, le=1
    )
    gun_tracing: float | None = lever(
        0.2,
        "index 0-1",
        "ATF tracing, straw-purchaser prosecution, southbound inspection (R7).",
        ge=0,
        le=1,
    )
    mexican_checkpoints: float | None = lever(
        0.2,
        "index 0-1",
        "Mexican checkpoints with scanners and forensic tracing (R7).",
        ge=0,
        le=1,
    )
    financial_ops: float | None = lever(
        0.2,
        "index 0-1",
        "Sanctions, asset seizures, anti-money-laundering, crypto (R6).",
        ge=0,
        le=1,
    )
    smart_border: float | None = lever(
        0.2, "index 0-1", "Tunnel detection, scanners, sensors at crossings (R8).", ge=0, le=1
    )
    demand_reduction: float | None = lever(
        0.2, "index 0-1", "US prevention and addiction treatment (R15).", ge=0, le=1
    )
    us_aid_usd_per_year: float | None = lever(
        0.2e9,
        "USD/year",
        "US non-lethal aid to Mexico (R9; seed 000: about $2B a year).",
        ge=0,
        le=5e10,
    )
    vetting: float | None = lever(
        0.2, "index 0-1", "Vetting, asset disclosure and integrity testing (R13).", ge=0, le=1
    )
    precision_raids_per_month: float | None = lever(
        2.0, "raids/month", "Mexican-led intelligence-driven raids (R11).", ge=0, le=100
    )
    gatekeeper_targeting: float | None = lever(
        0.0, "index 0-1", "Share of effort aimed at corridor brokers (R5).", ge=0, le=1
    )
    judicial_reform: float | None = lever(
        0.1, "index 0-1", "Courts, witness protection, prosecutors (R2).", ge=0, le=1
    )
    community_programs: float | None = lever(
        0.2, "index 0-1", "Job training, education, treatment, infrastructure (R14).", ge=0, le=1
    )
    national_guard_deployment: float | None = lever(
        0.3,
        "index 0-1",
        "Share of priority zones with added National Guard units (R19).",
        ge=0,
        le=1,
    )
    extraditions_per_month: float | None = lever(
        1.0, "people/month", "High-value extraditions to US courts (R9).", ge=0, le=100
    )
    investment_usd_per_year: float | None = lever(
        0.0, "USD/year", "USMCA-backed investment in reclaimed regions (R14).", ge=0, le=1e11
    )
    regional_cooperation: float | None = lever(
        0.1, "index 0-1", "Cooperation with Colombia and Guatemala upstream (R18).", ge=0, le=1
    )
    human_rights_conditions: float | None = lever(
        0.2, "index 0-1", "Strength of human-rights conditions on aid (R11).", ge=0, le=1
    )
    embedded_advisers: float | None = lever(
        0.0,
        "index 0-1",
        "US advisers embedded with Mexican raid units, with Mexico's consent (Plan Colombia-style, seed 004): intelligence, capacity and fewer leaks for R11 raids, gated by cooperation.",
        ge=0,
        le=1,
    )

    def set_values(self) -> dict[str, Any]:
        """Return only the levers this block sets."""
        return {k: v for k, v in self.model_dump().items() if v is not None}


# The status quo of 2026-01, where no phase or trigger says otherwise: each lever's
# ``status_quo`` above. Each value is an assumption about the policy mix in force at the
# start, stated in docs/RULES.md.
STATUS_QUO: dict[str, Any] = {
    name: status_quo(field) for name, field in Levers.model_fields.items()
}
