"""R12 Communities, R13 institutions and corruption, R14 programmes and investment, region by region.

R12 (Epstein 2002; seeds 000, 002): fear follows local violence; legitimacy falls with
fear and with grievance from operations and rises with integrity, justice and services;
cartel governance (extortion) grows where cartels rule (R19). R13 (seed 000, Phases 1
and 3; seed 002): vetting raises integrity and cartel bribes erode it. R14 (seed 000,
Phases 3-4; seed 002): programmes raise opportunity with a lag; Phase 4 investment
reaches only regions the state has reclaimed. All regions update at once, as arrays.

Each lever acts through named coefficients only: ``community_programs`` through
``program_effect`` (opportunity) and ``program_legitimacy_effect`` (legitimacy);
``investment_usd_per_year`` through ``investment_effect`` and
``investment_legitimacy_effect``; ``vetting`` through ``vetting_rate``. Operations'
harm to communities (a strike's ``strike_grievance``, R10, and every operation's
civilian casualties, ``casualty_grievance``) accumulates in ``grievance_shock`` and
enters once: it lowers legitimacy's target (and so raises grievance and lowers tips).
"""

from __future__ import annotations

import numpy as np

from simulator.rules.r06_money import cash_factor
from simulator.state import ModelState
from simulator.units import EPS, PER_100K, USD_PER_BILLION


def _clip(x: np.ndarray) -> np.ndarray:
    """Clip to 0..1 (as ``np.clip``, with two ufuncs instead of its Python wrappers)."""
    return np.minimum(np.maximum(x, 0.0), 1.0)


def communities(s: ModelState) -> None:
    """Fear, opportunity, legitimacy, integrity and extortion in every region this month."""
    cal, lv, sq, reg, c = s.calibration, s.levers, s.status_quo, s.regions, s.cartels
    territory = c.territory
    reach = c.corruption_reach * cash_factor(s)
    bribes = territory.spread(reach) / np.maximum(territory.col_sums(), EPS)
    justice = s.conviction_rate / cal.conviction_base - 1
    reclaimed = reg.control == -1
    reclaimed_pop = max(float(reg.population[reclaimed].sum()), 1.0)
    invest = lv["investment_usd_per_year"] / USD_PER_BILLION
    programmes = lv["community_programs"] - sq["community_programs"]

    # R12 fear: local violence relative to the start.
    ratio = reg.homicides / np.maximum(reg.homicides_ref, EPS)
    target = _clip(reg.initial_fear * np.maximum(ratio, 0.0) ** cal.fear_elasticity)
    reg.fear += cal.fear_rate * (target - reg.fear)

    # R14 opportunity: programmes everywhere; investment only where the state reclaimed,
    # at full effect when concentrated on at most investment_full_share of the population.
    boost = np.full(len(reg.population), cal.program_effect * programmes)
    spread = min(1.0, cal.investment_full_share * float(reg.population.sum()) / reclaimed_pop)
    boost[reclaimed] += cal.investment_effect * invest * spread
    reg.opportunity += (_clip(reg.initial_opportunity + boost) - reg.opportunity) / (
        cal.program_lag_months
    )

    # R12 operations' harm: this month's civilian casualties (R10, R11) per 100k join the
    # strikes' grievance (added by R10); it fades at grievance_decay.
    casualties = reg.civilians / (reg.population / PER_100K)
    reg.grievance_shock = _clip(reg.grievance_shock + cal.casualty_grievance * casualties)

    # R12 legitimacy: integrity, justice and services up; fear and operations' harm down.
    capped = min(lv["investment_usd_per_year"], cal.investment_legitimacy_cap_usd_per_year)
    services = (
        cal.program_legitimacy_effect * programmes
        + cal.investment_legitimacy_effect * reclaimed * capped / USD_PER_BILLION
    )
    target = (
        reg.initial_legitimacy
        + cal.legitimacy_integrity_weight * (reg.integrity - reg.initial_integrity)
        + cal.legitimacy_justice_weight * justice
        + services
        - cal.legitimacy_fear_weight * (reg.fear - reg.initial_fear)
        - reg.grievance_shock
    )
    reg.legitimacy = _clip(reg.legitimacy + cal.legitimacy_rate * (_clip(target) - reg.legitimacy))

    # R13 integrity: vetting raises it, cartel bribes erode it.
    reg.integrity = _clip(
        reg.integrity
        + (
            cal.vetting_rate * lv["vetting"] * (1 - reg.integrity)
            - cal.bribe_erosion * bribes * reg.integrity
        )
    )

    # R12/R19 extortion: above the initial level where cartels rule, below where the state does.
    target = _clip(reg.initial_extortion * (1 + cal.extortion_control_effect * reg.control))
    reg.extortion += cal.extortion_rate * (target - reg.extortion)
    reg.grievance_shock *= 1 - cal.grievance_decay
