"""Government agents: the US, Mexico and optional regional partners."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

if TYPE_CHECKING:
    from simulator.scenario.schema import GovernmentSpec


class Government(mesa.Agent):
    """A government: its trust towards the partner and its sensitivity to sovereignty."""

    def __init__(self, model: mesa.Model, spec: GovernmentSpec) -> None:
        super().__init__(model)
        self.code = spec.id
        self.name = spec.name or spec.id
        self.cooperation = spec.cooperation
        self.sovereignty_sensitivity = spec.sovereignty_sensitivity
        self.political_pressure = spec.political_pressure
