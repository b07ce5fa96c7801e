"""Community agents: one per region, the people cartels recruit from and the state serves."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

if TYPE_CHECKING:
    from simulator.scenario.schema import CommunityState


class Community(mesa.Agent):
    """A region's population and its conditions: opportunity, fear, legitimacy, extortion."""

    def __init__(
        self, model: mesa.Model, region: str, population: int, state: CommunityState
    ) -> None:
        super().__init__(model)
        self.region = region
        self.population = population
        self.opportunity = state.opportunity
        self.fear = state.fear
        self.legitimacy = state.legitimacy
        self.youth_at_risk = state.youth_at_risk
        self.extortion = state.extortion
        self.addiction = state.addiction
