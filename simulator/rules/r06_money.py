"""R6 Money (seeds 000, 001): drug revenue and extortion in; wages, bribes and guns out.

Financial operations (sanctions, seizures, anti-money-laundering) take cash; a
group short of cash recruits and bribes less ("hitmen without pay", seed 000).
"""

from __future__ import annotations

import numpy as np

from simulator.rules.levers import cooperation_gate, effective
from simulator.state import ModelState


def cash_factor(s: ModelState) -> np.ndarray:
    """How far each group's cash covers six months of wages: 0.4 (broke) to 1 (covered)."""
    c = s.cartels
    need = 6 * np.maximum(c.members, 1) * s.calibration.wage_usd_per_member_month
    return 0.4 + 0.6 * np.minimum(1.0, c.cash_usd / need)


def financial_operations(s: ModelState) -> None:
    """Sanctions, seizures and anti-money-laundering take cash, more with cooperation (R9)."""
    rate = (
        s.calibration.financial_seizure_rate
        * effective(s, "financial_ops")
        * (0.5 + 0.5 * cooperation_gate(s))
    )
    s.cartels.cash_usd *= 1 - rate


def money(s: ModelState) -> None:
    """Drug revenue and extortion in, less what anti-money-laundering takes; wages and bribes out."""
    cal, c = s.calibration, s.cartels
    laundering_loss = 0.5 * effective(s, "financial_ops") * (0.5 + 0.5 * cooperation_gate(s))
    t = c.territory
    local_extortion = t.dot(s.regions.extortion) / np.maximum(t.row_sums(), 1e-9)
    extortion = c.members * cal.extortion_usd_per_member_month * local_extortion
    revenue = (c.drug_revenue + extortion) * (1 - laundering_loss)
    bribes = revenue * cal.bribe_share * c.corruption_reach
    wages = c.members * cal.wage_usd_per_member_month
    c.cash_usd = np.maximum(0.0, c.cash_usd + revenue - bribes - wages)
