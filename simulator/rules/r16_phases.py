"""R16 Phases and reviews (seed 000): phases set levers as they begin; Phase 4 reviews them yearly.

Annual reviews adjust levers from homicides, territorial control and integrity
(:func:`simulator.policy.annual_review`), and Mexican forces gain autonomy as US
support shifts from tactical to strategic, in proportion to the review's measures
that improved (:func:`simulator.policy.autonomy_gain`).
"""

from __future__ import annotations

from simulator.policy import ReviewResults, annual_review, autonomy_gain
from simulator.rules.levers import set_levers
from simulator.state import ModelState
from simulator.units import MONTHS_PER_YEAR

YEAR = MONTHS_PER_YEAR
TWO_YEARS = MONTHS_PER_YEAR + MONTHS_PER_YEAR  # a review compares two years of history


def phases(s: ModelState) -> None:
    """Start this month's phase, and hold the annual review when one is due."""
    phase = s.timeline.starting_at(s.month)
    if phase is not None:
        set_levers(s, phase.levers.set_values(), "R16", f"{phase.name} begins")
    current = s.timeline.phase_at(s.month)
    if current is not None and current.annual_review:
        since = s.month - current.start
        if since > 0 and since % YEAR == 0 and s.month > TWO_YEARS:
            review(s)


def results(s: ModelState) -> ReviewResults:
    """What the review measures: the last 12 months of history against the 12 before."""
    hist = s.history
    last, before = sum(hist["homicides"][-YEAR:]), sum(hist["homicides"][-TWO_YEARS:-YEAR])
    return ReviewResults(
        homicides_change=last / max(before, 1) - 1,
        cartel_share_change=hist["territory_cartel_share"][-1]
        - hist["territory_cartel_share"][-(YEAR + 1)],
        integrity=hist["integrity"][-1],
        integrity_change=hist["integrity"][-1] - hist["integrity"][-(YEAR + 1)],
    )


def review(s: ModelState) -> None:
    """An annual review: lever changes from last year's results, and autonomy earned by them."""
    r = results(s)
    changes = annual_review(s.levers, r, s.calibration)
    gain = autonomy_gain(r, s.calibration)
    for body in s.bodies.values():
        if body.government == "MX":  # seed 000: US support shifts from tactical to strategic
            body.capacity = min(1.0, body.capacity + gain)
            body.intel_quality = min(1.0, body.intel_quality + gain)
    hist = s.history["homicides"]
    last, before = sum(hist[-YEAR:]), sum(hist[-TWO_YEARS:-YEAR])
    set_levers(
        s,
        changes,
        "R16",
        f"annual review: homicides {last:,.0f} vs {before:,.0f} a year before; "
        f"{sum(r.improved())} of {len(r.improved())} measures improved, "
        f"Mexican capacity and intelligence +{gain:.3f}",
    )
