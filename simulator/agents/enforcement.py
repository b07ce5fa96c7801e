"""Enforcement bodies: strike forces, intelligence agencies, police, courts."""

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
