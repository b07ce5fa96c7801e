"""R16 annual review (seed 000, Phase 4): recalibrate levers from homicides, territory and integrity."""

from __future__ import annotations

from typing import Any


def annual_review(
    levers: dict[str, Any],
    homicides_change: float,
    cartel_share_change: float,
    integrity: float,
) -> dict[str, Any]:
    """Return the lever changes an annual review makes.

    Seed 000: "Annual reviews recalibrate tactics based on homicide rates, territorial
    control, and institutional integrity." The rule (an assumption in its sizes):
    rising homicides add precision raids and community programmes; territory not
    improving adds National Guard presence; weak integrity adds vetting.

    Args:
        levers: the levers in force.
        homicides_change: relative change of homicides, last 12 months vs the 12 before.
        cartel_share_change: change in the share of cartel-controlled regions over the year.
        integrity: national institutional integrity now.
    """
    changes: dict[str, Any] = {}
    if homicides_change > 0:
        changes["precision_raids_per_month"] = levers["precision_raids_per_month"] * 1.2
        changes["community_programs"] = min(1.0, levers["community_programs"] + 0.1)
    if cartel_share_change >= 0:
        changes["national_guard_deployment"] = min(1.0, levers["national_guard_deployment"] + 0.1)
    if integrity < 0.5:
        changes["vetting"] = min(1.0, levers["vetting"] + 0.1)
    return changes
