"""Community agents: one per region, the people cartels recruit from and the state serves (R12-R14)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

if TYPE_CHECKING:
    from simulator.scenario.schema import CommunityState


def _clip(x: float) -> float:
    return min(1.0, max(0.0, x))


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
        self.integrity = state.integrity
        self.grievance_shock = 0.0  # R10: grievance from strikes and abuses, decays
        self.initial = {
            "opportunity": self.opportunity,
            "fear": self.fear,
            "legitimacy": self.legitimacy,
            "integrity": self.integrity,
            "extortion": self.extortion,
        }

    @property
    def grievance(self) -> float:
        """R12 (Epstein 2002): grievance = hardship x (1 - legitimacy), plus recent strike grievance."""
        return _clip((1 - self.opportunity) * (1 - self.legitimacy) + self.grievance_shock)

    @property
    def recruit_supply(self) -> float:
        """R12: supply of recruits, rising with grievance and youth at risk."""
        return self.youth_at_risk * self.grievance

    @property
    def tips(self) -> float:
        """R12: willingness to inform the state: rises with legitimacy, falls with fear."""
        return self.legitimacy * (1 - self.fear)

    def update_fear(self, violence_ratio: float, rate: float) -> None:
        """R12: fear follows local violence relative to the start (elasticity 0.7, assumption)."""
        target = _clip(self.initial["fear"] * max(violence_ratio, 0.0) ** 0.7)
        self.fear += rate * (target - self.fear)

    def update_legitimacy(
        self, justice: float, services: float, abuses: float, rate: float
    ) -> None:
        """R12: legitimacy falls with casualties, abuses and corruption; rises with justice and services.

        Args:
            justice: conviction rate relative to the status quo, minus 1.
            services: community programmes and investment relative to the status quo.
            abuses: civilian casualties and abuses this month, per 100k inhabitants.
            rate: speed of adjustment per month.
        """
        target = (
            self.initial["legitimacy"]
            + 0.5 * (self.integrity - self.initial["integrity"])
            + 0.1 * justice
            + 0.2 * services
            - 0.5 * (self.fear - self.initial["fear"])
            - self.grievance_shock
        )
        self.legitimacy += rate * (_clip(target) - self.legitimacy) - min(0.05, 0.02 * abuses)
        self.legitimacy = _clip(self.legitimacy)

    def update_extortion(self, control: int, rate: float) -> None:
        """R12/R19: cartel governance (extortion) grows where cartels rule and fades where the state does.

        Targets are 1.5x the initial level in cartel-held regions and 0.5x in state-held
        ones (assumption); contested regions keep the initial level.
        """
        target = _clip(self.initial["extortion"] * (1 + 0.5 * control))
        self.extortion += rate * (target - self.extortion)

    def update_integrity(
        self, vetting: float, bribes: float, vetting_rate: float, erosion: float
    ) -> None:
        """R13: vetting raises local integrity; cartel bribes erode it."""
        self.integrity += (
            vetting_rate * vetting * (1 - self.integrity) - erosion * bribes * self.integrity
        )
        self.integrity = _clip(self.integrity)

    def update_opportunity(self, boost: float, lag_months: float) -> None:
        """R14: programmes and investment raise opportunity with a lag."""
        target = _clip(self.initial["opportunity"] + boost)
        self.opportunity += (target - self.opportunity) / lag_months
