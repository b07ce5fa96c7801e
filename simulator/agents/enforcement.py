"""Enforcement bodies: strike forces, intelligence agencies, police, courts (R2, R10, R11)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

if TYPE_CHECKING:
    from simulator.scenario.schema import EnforcementSpec


class EnforcementBody(mesa.Agent):
    """An enforcement body of one government, with capacity, intelligence and integrity."""

    def __init__(self, model: mesa.Model, spec: EnforcementSpec) -> None:
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

    def can(self, action: str) -> bool:
        """Return True if this body's mandate includes ``action``."""
        return action in self.mandate

    def success_probability(self, base: float, intel: float, local_integrity: float = 1.0) -> float:
        """R10/R11: chance an operation succeeds: base x intelligence x capacity x integrity.

        Leaks through corrupt officials (R13) lower the chance of Mexican operations;
        ``local_integrity`` is 1 for bodies that do not depend on local institutions.
        """
        return min(1.0, base * intel * self.capacity * self.integrity_factor(local_integrity))

    def delivery(self) -> float:
        """How much of a lever change this body carries out: capacity, less what leaks."""
        return self.capacity * self.integrity_factor(1.0)

    def integrity_factor(self, local_integrity: float) -> float:
        """Share of operations not compromised by leaks: own integrity blended with the region's."""
        return 0.5 * self.integrity + 0.5 * local_integrity
