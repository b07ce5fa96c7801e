"""R12 Communities, R13 institutions and corruption, R14 programmes and investment, region by region.

R12 (Epstein 2002; seeds 000, 002): fear follows local violence; legitimacy falls with
casualties, abuses and fear and rises with integrity, justice and services; cartel
governance (extortion) grows where cartels rule (R19). R13 (seed 000, Phases 1 and 3;
seed 002): vetting raises integrity and cartel bribes erode it. R14 (seed 000, Phases
3-4; seed 002): programmes raise opportunity with a lag; Phase 4 investment reaches only
regions the state has reclaimed. All regions update at once, as arrays.
"""

from __future__ import annotations

import numpy as np

from simulator.rules.r06_money import cash_factor
from simulator.state import ModelState


def _clip(x: np.ndarray) -> np.ndarray:
    return np.clip(x, 0.0, 1.0)


def communities(s: ModelState) -> None:
    """Fear, opportunity, legitimacy, integrity and extortion in every region this month."""
    cal, lv, sq, reg, c = s.calibration, s.levers, s.status_quo, s.regions, s.cartels
    territory = c.territory
    reach = c.corruption_reach * cash_factor(s)
    bribes = territory.spread(reach) / np.maximum(territory.col_sums(), 1e-9)
    justice = s.conviction_rate / cal.conviction_base - 1
    reclaimed = reg.control == -1
    reclaimed_pop = max(float(reg.population[reclaimed].sum()), 1.0)
    invest = lv["investment_usd_per_year"] / 1e9
    programmes = lv["community_programs"] - sq["community_programs"]

    # R12 fear: local violence relative to the start (elasticity 0.7, assumption).
    ratio = reg.homicides / np.maximum(reg.homicides_ref, 1e-9)
    target = _clip(reg.initial_fear * np.maximum(ratio, 0.0) ** 0.7)
    reg.fear += cal.fear_rate * (target - reg.fear)

    # R14 opportunity: programmes everywhere; investment only where the state reclaimed.
    boost = np.full(len(reg.population), cal.program_effect * programmes)
    invest_boost = (
        cal.investment_effect * invest * min(1.0, reg.population.sum() / reclaimed_pop / 10)
    )
    boost[reclaimed] += invest_boost
    reg.opportunity += (_clip(reg.initial_opportunity + boost) - reg.opportunity) / (
        cal.program_lag_months
    )

    # R12 legitimacy: integrity, justice and services up; fear, grievance and abuses down.
    services = programmes + 0.2 * reclaimed * min(invest, 1)
    abuses = reg.civilians / (reg.population / 1e5)  # casualties per 100k this month
    target = (
        reg.initial_legitimacy
        + 0.5 * (reg.integrity - reg.initial_integrity)
        + 0.1 * justice
        + 0.2 * services
        - 0.5 * (reg.fear - reg.initial_fear)
        - reg.grievance_shock
    )
    reg.legitimacy = _clip(
        reg.legitimacy
        + (cal.legitimacy_rate * (_clip(target) - reg.legitimacy) - np.minimum(0.05, 0.02 * abuses))
    )

    # R13 integrity: vetting raises it, cartel bribes erode it.
    reg.integrity = _clip(
        reg.integrity
        + (
            cal.vetting_rate * lv["vetting"] * (1 - reg.integrity)
            - cal.bribe_erosion * bribes * reg.integrity
        )
    )

    # R12/R19 extortion: 1.5x the initial level where cartels rule, 0.5x where the state does.
    target = _clip(reg.initial_extortion * (1 + 0.5 * reg.control))
    reg.extortion += cal.extortion_rate * (target - reg.extortion)
    reg.grievance_shock *= 0.95  # assumption: grievance from a strike fades over about 1.5 years
