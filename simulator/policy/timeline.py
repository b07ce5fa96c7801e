"""The phase timeline (R16): which levers are in force in which month.

Levers start at the status quo, then the policy's own ``levers`` block, then each
phase as it begins. A phase sets only the levers it names; the rest carry over.
"""

from __future__ import annotations

from typing import Any

from simulator.scenario.schema import STATUS_QUO, Phase, Policy


class PolicyTimeline:
    """Lever settings month by month, as the phases prescribe them."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.initial: dict[str, Any] = {**STATUS_QUO, **policy.levers.set_values()}

    def phase_at(self, month: int) -> Phase | None:
        """Return the phase in force in ``month`` (1-based), or None outside every phase."""
        for phase in self.policy.phases:
            if phase.start <= month and (phase.end is None or month <= phase.end):
                return phase
        return None

    def starting_at(self, month: int) -> Phase | None:
        """Return the phase that begins in ``month``, if any."""
        return next((p for p in self.policy.phases if p.start == month), None)

    def levers_at(self, month: int) -> dict[str, Any]:
        """Return the levers the timeline alone sets in ``month`` (no triggers or reviews)."""
        levers = dict(self.initial)
        for phase in self.policy.phases:
            if phase.start <= month:
                levers.update(phase.levers.set_values())
        return levers
