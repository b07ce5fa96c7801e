"""Enforcement bodies: strike forces, intelligence agencies, police, courts (R2, R5, R10, R11)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import mesa
import numpy as np

if TYPE_CHECKING:
    from simulator.scenario.schema import Calibration, EnforcementSpec

Outcome = Literal["success", "leaked", "failed"]
SUCCESS: Outcome = "success"
LEAKED: Outcome = "leaked"
FAILED: Outcome = "failed"


class EnforcementBody(mesa.Agent):
    """An enforcement body of one government, with capacity, intelligence and integrity."""

    def __init__(self, model: mesa.Model, spec: EnforcementSpec, calibration: Calibration) -> None:
        super().__init__(model)
        self.code = spec.id
        self.name = spec.name or spec.id
        self.government = spec.government
        self.capacity = spec.capacity
        self.intel_quality = spec.intel_quality
        self.integrity = spec.integrity
        self.human_rights = spec.human_rights
        self.mandate = frozenset(spec.mandate)
        self.on_mexican_soil = spec.on_mexican_soil
        self.own_integrity_weight = calibration.own_integrity_weight

    def can(self, action: str) -> bool:
        """Return True if this body's mandate includes ``action``."""
        return action in self.mandate

    def hit_probability(self, base: float, intel: float, capacity: float | None = None) -> float:
        """R5/R10/R11: chance an operation that has not leaked achieves its aim.

        base x intelligence x capacity (at most 1): operations fail more often as
        intelligence falls. ``capacity`` replaces the body's own (e.g. with embedded
        advisers, R11).
        """
        cap = self.capacity if capacity is None else capacity
        return min(1.0, base * intel * cap)

    def leak_probability(
        self, propensity: float, local_integrity: float = 1.0, protection: float = 0.0
    ) -> float:
        """R5/R10/R11: chance an operation leaks (the target is warned), from lost integrity.

        ``propensity`` x (1 - integrity factor) x (1 - ``protection``): leaks through
        corrupt officials (R13) rise as the body's or the region's integrity falls;
        ``local_integrity`` is 1 for bodies that do not depend on local institutions;
        ``protection`` is the share of leaks a safeguard avoids (vetted units, R11).
        """
        return propensity * (1 - self.integrity_factor(local_integrity)) * (1 - protection)

    def operation(self, rng: np.random.Generator, hit: float, leak: float) -> Outcome:
        """Draw one operation's outcome from its hit and leak probabilities (one uniform).

        Success has probability (1 - leak) x hit, a leak ``leak``, and failure the rest.
        Success comes first on the uniform, so with ``leak`` = 1 - integrity factor a
        success is drawn exactly where hit x integrity factor would be.
        """
        u = rng.random()
        if u < (1 - leak) * hit:
            return SUCCESS
        if u < (1 - leak) * hit + leak:
            return LEAKED
        return FAILED

    def delivery(self) -> float:
        """How much of a lever change this body carries out: capacity, less what leaks."""
        return self.capacity * self.integrity_factor(1.0)

    def integrity_factor(self, local_integrity: float) -> float:
        """Share of operations not compromised by leaks: own integrity blended with the region's."""
        w = self.own_integrity_weight
        return w * self.integrity + (1 - w) * local_integrity
