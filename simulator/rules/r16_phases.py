"""R16 Phases and reviews (seed 000): phases set levers as they begin; Phase 4 reviews them yearly.

Annual reviews adjust levers from homicides, territorial control and integrity
(:func:`simulator.policy.annual_review`), and Mexican forces gain autonomy as US
support shifts from tactical to strategic.
"""

from __future__ import annotations

from simulator.policy import annual_review
from simulator.rules.levers import set_levers
from simulator.state import ModelState


def phases(s: ModelState) -> None:
    """Start this month's phase, and hold the annual review when one is due."""
    phase = s.timeline.starting_at(s.month)
    if phase is not None:
        set_levers(s, phase.levers.set_values(), "R16", f"{phase.name} begins")
    current = s.timeline.phase_at(s.month)
    if current is not None and current.annual_review:
        since = s.month - current.start
        if since > 0 and since % 12 == 0 and s.month > 24:
            review(s)


def review(s: ModelState) -> None:
    """An annual review: lever changes from last year's results, and Mexican forces gain autonomy."""
    hist = s.history
    last, before = sum(hist["homicides"][-12:]), sum(hist["homicides"][-24:-12])
    changes = annual_review(
        s.levers,
        homicides_change=last / max(before, 1) - 1,
        cartel_share_change=hist["territory_cartel_share"][-1]
        - hist["territory_cartel_share"][-13],
        integrity=hist["integrity"][-1],
    )
    for body in s.bodies.values():
        if body.government == "MX":  # seed 000: US support shifts from tactical to strategic
            body.capacity = min(1.0, body.capacity + 0.05)
            body.intel_quality = min(1.0, body.intel_quality + 0.05)
    set_levers(
        s, changes, "R16", f"annual review: homicides {last:,.0f} vs {before:,.0f} a year before"
    )
