"""Government agents: the US, Mexico and optional regional partners (R9)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import mesa

if TYPE_CHECKING:
    from simulator.scenario.schema import Calibration, GovernmentSpec


@dataclass(frozen=True)
class CooperationDrivers:
    """What moves a government's cooperation this month (R9), each relative to the status quo.

    Attributes:
        incidents: unilateral operations on this government's soil this month.
        reciprocity: the partner's action on guns, money, demand and the border, in lever units.
        aid: non-lethal aid, in units of $1B a year.
        strain: gradual strain this month, from abuses and the partner's pressure: it adds to
            the strain stock and acts through the target.
        shock: sudden strain this month (scandals, random shocks; either sign): it moves
            cooperation at once by exp(-shock) and adds to the strain stock.
        threat: the partner's credible threat of unilateral action (0 = none).
        campaign: 1 in the months of this country's presidential campaign, else 0.
    """

    incidents: float
    reciprocity: float
    aid: float
    strain: float = 0.0
    shock: float = 0.0
    threat: float = 0.0
    campaign: float = 0.0


class Government(mesa.Agent):
    """A government: its trust towards the partner, its sensitivity to sovereignty, its grievances.

    State (R9): ``cooperation`` (0..1), its reference ``cooperation_ref`` (the start);
    ``backlash``, the stock of sovereignty grievance from unilateral operations;
    ``strain``, the stock of everything else that sours the relationship (abuses,
    scandals, the partner's pressure and threats, random shocks), which decays, so
    cooperation recovers towards its reference; ``pressure``, domestic pressure to act
    against the cartels relative to the start (1; modelled for the US).
    """

    def __init__(self, model: mesa.Model, spec: GovernmentSpec) -> None:
        super().__init__(model)
        self.code = spec.id
        self.name = spec.name or spec.id
        self.cooperation = spec.cooperation
        self.cooperation_ref = spec.cooperation
        self.sovereignty_sensitivity = spec.sovereignty_sensitivity
        self.backlash = 0.0
        self.strain = 0.0
        self.pressure = 1.0  # R9: domestic pressure relative to the start (US)

    def update_cooperation(self, d: CooperationDrivers, cal: Calibration) -> None:
        """R9: cooperation moves towards a target set by reciprocity, aid, threats and grievances.

        Each unilateral operation on its soil cuts cooperation at once and adds to a
        backlash stock (seeds 001-004). Gradual strain (abuses, the partner's
        pressure, the sovereignty cost of a standing threat) adds to the strain stock;
        sudden shocks (scandals, random news) also move cooperation at once by
        exp(-shock). Both stocks decay, so the target, coop_0 x exp(-backlash - strain)
        x (1 - campaign dip), plus reciprocity, aid and the threat response, returns to
        the reference once the causes stop.
        """
        sens = self.sovereignty_sensitivity
        hit = d.incidents * cal.incident_backlash * sens
        self.backlash = self.backlash * (1 - cal.backlash_decay) + hit
        strain = d.strain + cal.threat_strain * d.threat * sens + d.shock
        self.strain = self.strain * (1 - cal.strain_decay) + strain
        target = (
            self.cooperation_ref
            * math.exp(-self.backlash - self.strain)
            * (1 - cal.mx_campaign_dip * d.campaign)
            + cal.reciprocity_effect * d.reciprocity
            + cal.aid_effect * d.aid
            + cal.threat_response * d.threat
        )
        target = min(1.0, max(0.0, target))
        now = self.cooperation * (1 - hit) * math.exp(-d.shock)
        self.cooperation = min(1.0, max(0.0, now + cal.cooperation_rate * (target - now)))

    def update_pressure(self, target: float, rate: float) -> None:
        """R9: domestic pressure follows its drivers (overdose deaths, campaigns) at ``rate``."""
        self.pressure += rate * (target - self.pressure)

    def update_trust(self, extraditions: float, cal: Calibration) -> None:
        """R9: the US's trust moves towards its reference plus what extraditions show."""
        target = min(1.0, self.cooperation_ref + cal.extradition_trust * extraditions)
        self.cooperation += cal.us_trust_rate * (target - self.cooperation)
