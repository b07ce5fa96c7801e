"""Programme cost: aid and investment at face value, levers at their annual cost, operations."""

from __future__ import annotations

from simulator.state import ModelState
from simulator.units import MONTHS_PER_YEAR


def programme_cost(s: ModelState) -> None:
    """This month's cost of the policy in USD."""
    cal, lv = s.calibration, s.levers
    yearly = lv["us_aid_usd_per_year"] + lv["investment_usd_per_year"]
    yearly += sum(cost * lv[k] for k, cost in cal.lever_cost_usd_per_year.items())
    ops = (
        lv["unilateral_strikes_per_month"] * cal.cost_per_strike_usd
        + lv["precision_raids_per_month"] * cal.cost_per_raid_usd
    )
    s.flows["program_cost_usd"] = yearly / MONTHS_PER_YEAR + ops
