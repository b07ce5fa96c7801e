"""R20 Drug market (Becker, Murphy & Grossman 2006; Caulkins & Reuter 2010; Gallet 2014).

Fentanyl supply meets US demand at a price. Supply is what the modelled groups get
past the border this month (R8's ``delivered_kg``, which falls with lab damage,
broker and leader removals, seizures and upstream cooperation) plus the
*replacement* supply of producers, routes and precursor sources the model does not
hold. Both respond to the price with ``supply_price_elasticity``; demand falls with
the price at ``demand_elasticity`` and is shifted down by treatment and prevention
(``demand_reduction``, which reaches people over ``demand_reduction_buildup_months``).
The market clears every month:

    p = ((K + R) / D) ** (-1 / (e + s)),   Q = (K + R) * p ** s,

with p the price relative to its status-quo level, K the groups' deliveries and R
the replacement supply at that level, D the demand there, e and s the two
elasticities. At the status quo K = D (the reference measured when the model is
built) and R = 0, so p = 1 and nothing changes. A supply loss raises the price at
once; then replacement supply moves, at ``replacement_rate`` a month, towards
``replacement_ceiling`` of the shortfall of the groups' supply below demand, which
brings price and quantity back part of the way. Each group earns price x its
sales; the replacement suppliers' sales earn the modelled groups nothing.
"""

from __future__ import annotations

from simulator.state import ModelState
from simulator.units import EPS


def build_demand_reduction(s: ModelState) -> float:
    """Treatment and prevention in force: they move towards the lever by 1/buildup a month."""
    gap = s.levers["demand_reduction"] - s.demand_reduction_in_force
    s.demand_reduction_in_force += gap / s.calibration.demand_reduction_buildup_months
    return s.demand_reduction_in_force


def demand(s: ModelState) -> float:
    """US demand at the reference price (kg/month): the status quo's, shifted by demand reduction."""
    cal, sq = s.calibration, s.status_quo
    in_force = build_demand_reduction(s)
    shift = cal.demand_reduction_effect * (in_force - sq["demand_reduction"])
    return s.supply_ref * max(0.0, 1 - shift)


def market(s: ModelState) -> None:
    """Clear this month's market: price, quantity reaching US users, each group's revenue (R6)."""
    cal, c = s.calibration, s.cartels
    s.market_demand = demand(s)
    cartels = float(c.delivered_kg.sum())
    supply = cartels + s.replacement_supply
    elasticities = cal.demand_elasticity + cal.supply_price_elasticity
    relative = (max(supply, EPS) / max(s.market_demand, EPS)) ** (-1 / elasticities)
    sold = relative**cal.supply_price_elasticity  # each supplier's sales per kg offered
    s.market_price = cal.fentanyl_price_usd_per_kg * relative
    c.drug_revenue = s.market_price * sold * c.delivered_kg
    s.flows["fentanyl_to_us_kg"] = supply * sold
    s.flows["cartel_drug_revenue_usd"] = float(c.drug_revenue.sum())
    # Replacement responds to this month's shortfall from next month on.
    target = cal.replacement_ceiling * max(0.0, s.market_demand - cartels)
    s.replacement_supply += cal.replacement_rate * (target - s.replacement_supply)
