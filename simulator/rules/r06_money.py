"""R6 Money (seeds 000, 001): drug revenue and extortion in; wages, bribes and guns out.

Drug revenue is R20's price x each group's sales. Financial operations (sanctions,
seizures, anti-money-laundering) take cash and part of the revenue coming in, more
with Mexico's cooperation; a group short of cash recruits and bribes less ("hitmen
without pay", seed 000).
"""

from __future__ import annotations

import numpy as np

from simulator.rules.levers import cooperation_gate, effective
from simulator.state import ModelState
from simulator.units import EPS


def cash_factor(s: ModelState) -> np.ndarray:
    """How far each group's cash covers its wages for ``cash_cover_months``: floor (broke) to 1."""
    cal, c = s.calibration, s.cartels
    need = cal.cash_cover_months * np.maximum(c.members, 1) * cal.wage_usd_per_member_month
    floor = cal.cash_factor_floor
    return floor + (1 - floor) * np.minimum(1.0, c.cash_usd / need)


def finance_reach(s: ModelState) -> float:
    """Financial operations as delivered, scaled by the share of their effect that needs cooperation (R9)."""
    weight = s.calibration.finance_cooperation_weight
    return effective(s, "financial_ops") * (1 - weight + weight * cooperation_gate(s))


def financial_operations(s: ModelState) -> None:
    """Sanctions, seizures and anti-money-laundering take cash, more with cooperation (R9)."""
    s.cartels.cash_usd *= 1 - s.calibration.financial_seizure_rate * finance_reach(s)


def money(s: ModelState) -> None:
    """Drug revenue and extortion in, less what anti-money-laundering takes; wages and bribes out."""
    cal, c = s.calibration, s.cartels
    laundering_loss = cal.laundering_loss * finance_reach(s)
    t = c.territory
    local_extortion = t.dot(s.regions.extortion) / np.maximum(t.row_sums(), EPS)
    extortion = c.members * cal.extortion_usd_per_member_month * local_extortion
    revenue = (c.drug_revenue + extortion) * (1 - laundering_loss)
    bribes = revenue * cal.bribe_share * c.corruption_reach
    wages = c.members * cal.wage_usd_per_member_month
    c.cash_usd = np.maximum(0.0, c.cash_usd + revenue - bribes - wages)
