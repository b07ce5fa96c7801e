"""R8 Routes and displacement (Dell 2015; Magliocca et al. 2019): drugs move to US crossings.

Production flows along least-cost paths (:class:`simulator.world.routes.RouteNetwork`);
interdiction and state-held regions raise costs, so flow re-routes rather than
vanishes; regions carrying more flow than before become contested and more violent.
Smart-border measures raise seizure at crossings once built (scanners and sensors
take months to install: ``smart_border_buildup_months``); overloaded crossings lose
more. What each group gets past the border is its supply to the market (R20), which
sets the price, the quantity reaching US users and the groups' revenue.
"""

from __future__ import annotations

import numpy as np

from simulator.rules.levers import effective
from simulator.rules.r18_spillover import upstream_factor
from simulator.state import ModelState
from simulator.units import EPS


def drug_trade_share(s: ModelState) -> np.ndarray:
    """Share of the drug trade each group controls: members x presence on production and routes."""
    prod = np.array([s.world.production.get(r, 0.0) for r in s.world.regions])
    corridor = prod + s.calibration.corridor_weight * s.route_load_ref
    w = s.cartels.members * s.cartels.territory.dot(corridor)
    return w / max(w.sum(), EPS)


def build_smart_border(s: ModelState) -> float:
    """Smart-border measures in force: they move towards the delivered lever by 1/buildup a month."""
    gap = effective(s, "smart_border") - s.smart_border_in_force
    s.smart_border_in_force += gap / s.calibration.smart_border_buildup_months
    return s.smart_border_in_force


def traffic(s: ModelState) -> None:
    """Route this month's production to the border; what crosses is each group's supply (R20)."""
    cal, sq, c = s.calibration, s.status_quo, s.cartels
    n_x = len(s.world.crossings)
    crossing_cost = np.zeros(n_x)
    in_force = build_smart_border(s)
    seizure = np.full(
        n_x, cal.border_seizure_base + cal.smart_border_effect * (in_force - sq["smart_border"])
    )
    for x in list(s.closed_crossings):
        crossing_cost[x] += cal.interdiction_cost
        seizure[x] = min(cal.max_seizure, seizure[x] + cal.interdiction_seizure)
        s.closed_crossings[x] -= 1
        if s.closed_crossings[x] <= 0:
            del s.closed_crossings[x]
    # State-held regions are costlier to cross (R19 feeds R8).
    node_cost = cal.state_held_cost * (s.regions.control == -1)
    by_crossing, by_region = s.routes.flows(node_cost, crossing_cost)
    s.crossing_flow = by_crossing
    # Overloaded crossings lose more loads to inspection (finite capacity).
    overload = np.maximum(0.0, by_crossing / s.routes.base_share - 1.0)
    seizure += cal.overload_seizure * overload
    # Regions carrying more flow than before become contested.
    rise = np.maximum(0.0, by_region - s.route_load_ref) / (s.route_load_ref + cal.new_route_floor)
    s.regions.violence = 1 + cal.new_route_violence * rise
    passing = float(by_crossing @ (1 - np.clip(seizure, 0, 1)))
    capacity = drug_trade_share(s) * c.production * c.throughput
    c.delivered_kg = cal.fentanyl_kg_per_month * upstream_factor(s) * passing * capacity


def recover_capacity(s: ModelState) -> None:
    """Labs (R10/R11) and route throughput (R5) recover towards full capacity."""
    cal, c = s.calibration, s.cartels
    c.production += cal.lab_recovery * (1 - c.production)
    c.throughput += cal.throughput_recovery * (1 - c.throughput)
