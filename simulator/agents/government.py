"""Government agents: the US, Mexico and optional regional partners (R9)."""

from __future__ import annotations

import math
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
        self.cooperation_ref = spec.cooperation
        self.sovereignty_sensitivity = spec.sovereignty_sensitivity
        self.backlash = 0.0

    def update_cooperation(
        self,
        incidents: float,
        reciprocity: float,
        aid: float,
        *,
        rate: float,
        backlash_per_incident: float,
        backlash_decay: float,
        reciprocity_effect: float,
        aid_effect: float,
    ) -> None:
        """R9: cooperation moves towards a target set by reciprocity, aid and respected sovereignty.

        Each unilateral operation on its soil cuts cooperation at once and adds to a
        backlash stock that keeps the target down for months (seeds 001-004).

        Args:
            incidents: unilateral operations on this government's soil this month.
            reciprocity: the partner's action on guns, money and demand, relative to the status quo.
            aid: non-lethal aid, relative to the status quo, in units of $1B a year.
            rate: speed of adjustment per month.
            backlash_per_incident: cooperation lost per incident at full sovereignty sensitivity.
            backlash_decay: monthly decay of the backlash stock.
            reciprocity_effect: target gained per unit of reciprocity.
            aid_effect: target gained per $1B a year of aid.
        """
        hit = incidents * backlash_per_incident * self.sovereignty_sensitivity
        self.backlash = self.backlash * (1 - backlash_decay) + hit
        target = (
            self.cooperation_ref * math.exp(-self.backlash)
            + reciprocity_effect * reciprocity
            + aid_effect * aid
        )
        target = min(1.0, max(0.0, target))
        self.cooperation = self.cooperation * (1 - hit) + rate * (target - self.cooperation)
        self.cooperation = min(1.0, max(0.0, self.cooperation))
