"""R16 annual review (seed 000, Phase 4): recalibrate levers from homicides, territory and integrity."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulator.scenario.schema import Calibration


@dataclass(frozen=True)
class ReviewResults:
    """What an annual review measures: the last 12 months against the 12 before.

    Attributes:
        homicides_change: relative change of homicides (negative = fewer).
        cartel_share_change: change in the share of cartel-controlled regions.
        integrity: national institutional integrity now.
        integrity_change: change of national integrity over the year.
    """

    homicides_change: float
    cartel_share_change: float
    integrity: float
    integrity_change: float

    def improved(self) -> tuple[bool, bool, bool]:
        """Whether each of the review's measures (seed 000) improved: homicides, territory, integrity."""
        return (
            self.homicides_change < 0,
            self.cartel_share_change < 0,
            self.integrity_change > 0,
        )


def annual_review(levers: dict[str, Any], r: ReviewResults, cal: Calibration) -> dict[str, Any]:
    """Return the lever changes an annual review makes.

    Seed 000: "Annual reviews recalibrate tactics based on homicide rates, territorial
    control, and institutional integrity." The rule (its sizes are calibration
    assumptions): rising homicides add precision raids (x(1 + review_raid_growth)) and
    community programmes (+review_lever_step); territory not improving adds National
    Guard presence; integrity below review_integrity_threshold adds vetting.
    """
    step, growth = cal.review_lever_step, 1 + cal.review_raid_growth
    changes: dict[str, Any] = {}
    if r.homicides_change > 0:
        changes["precision_raids_per_month"] = levers["precision_raids_per_month"] * growth
        changes["community_programs"] = min(1.0, levers["community_programs"] + step)
    if r.cartel_share_change >= 0:
        changes["national_guard_deployment"] = min(1.0, levers["national_guard_deployment"] + step)
    if r.integrity < cal.review_integrity_threshold:
        changes["vetting"] = min(1.0, levers["vetting"] + step)
    return changes


def autonomy_gain(r: ReviewResults, cal: Calibration) -> float:
    """Capacity and intelligence Mexican bodies gain at this review: earned by results.

    Seed 000: "Mexican forces progressively assume full operational autonomy" as US
    support shifts from tactical to strategic. The share of the review's measures
    that improved, times ``review_autonomy_gain``: no measure improved, no gain.
    """
    measures = r.improved()
    return cal.review_autonomy_gain * sum(measures) / len(measures)
