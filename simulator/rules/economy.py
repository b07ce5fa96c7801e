"""The illicit economy: R6 money, R7 guns, R8 routes, R15 US overdoses, R18 upstream supply.

A mixin of :class:`simulator.model.CartelModel`: the model orchestrates the step
order; these methods hold the rules and read and write the model's agents and state.
"""

from __future__ import annotations

import numpy as np

from simulator.agents import Cartel


class EconomyRules:
    """The illicit economy: R6 money, R7 guns, R8 routes, R15 US overdoses, R18 upstream supply."""

    def guns(self) -> None:
        """R7: guns flow south; US measures act on the US-sourced share, Mexican checkpoints on the rest."""
        cal, sq = self.calibration, self.sq
        base = cal.guns_south_per_year / 12
        us = (
            base
            * cal.us_gun_share
            * (1 - cal.gun_tracing_effect * self.effective("gun_tracing"))
            / (1 - cal.gun_tracing_effect * sq["gun_tracing"])
        )
        other = (
            base
            * (1 - cal.us_gun_share)
            * (1 - cal.checkpoint_effect * self.effective("mexican_checkpoints"))
            / (1 - cal.checkpoint_effect * sq["mexican_checkpoints"])
        )
        inflow = us + other
        self.flows["guns_south"] = inflow
        self.guns_us_sourced = us
        # Cartels buy guns with cash: inflow shared by purchasing power (members x cash factor).
        buyers = np.array([c.members * self._cash_factor(c) for c in self.cartels])
        shares = buyers / max(buyers.sum(), 1e-9)
        loss = cal.gun_wear_per_year / 12
        for c, share in zip(self.cartels, shares, strict=True):
            bought = min(inflow * share, c.cash_usd / cal.gun_price_usd)  # R6: guns cost cash
            c.cash_usd -= bought * cal.gun_price_usd
            c.firepower = c.firepower * (1 - loss) + bought

    def _drug_trade_share(self) -> np.ndarray:
        """Share of the drug trade each group controls: members x presence on production and route regions."""
        prod = np.array([self.world.production.get(r, 0.0) for r in self.world.regions])
        corridor = prod + 0.5 * self.route_load_ref
        w = np.array([c.members * (c.territory @ corridor) for c in self.cartels])
        return w / max(w.sum(), 1e-9)

    def _partner_factor(self) -> float:
        """R18: how far Colombia and Guatemala, where modelled, take up regional cooperation.

        Partners' cooperation moves towards the lever (US engagement) at the R9 rate;
        their effect is their mean cooperation relative to 0.5 (assumption). Without
        partner governments in the scenario the lever acts alone (factor 1).
        """
        partners = [g for code, g in self.governments.items() if code in ("CO", "GT")]
        if not partners:
            return 1.0
        rate = self.calibration.cooperation_rate
        for g in partners:
            g.cooperation += rate * (self.levers["regional_cooperation"] - g.cooperation)
        return float(np.mean([g.cooperation for g in partners])) / 0.5

    def drugs(self) -> None:
        """R8 routes and seizures, R18 upstream supply, R15 US overdoses."""
        cal, lv, sq = self.calibration, self.levers, self.sq
        n_x = len(self.world.crossings)
        crossing_cost = np.zeros(n_x)
        seizure = np.full(
            n_x,
            cal.border_seizure_base
            + cal.smart_border_effect * (self.effective("smart_border") - sq["smart_border"]),
        )
        for x in list(self.closed_crossings):
            crossing_cost[x] += cal.interdiction_cost
            seizure[x] = min(0.95, seizure[x] + 0.5)
            self.closed_crossings[x] -= 1
            if self.closed_crossings[x] <= 0:
                del self.closed_crossings[x]
        # State-held regions are costlier to cross (R19 feeds R8).
        node_cost = 0.5 * (self.control == -1)
        by_crossing, by_region = self.routes.flows(node_cost, crossing_cost)
        self.crossing_flow = by_crossing
        # Overloaded crossings lose more loads to inspection (finite capacity).
        overload = np.maximum(0.0, by_crossing / self.routes.base_share - 1.0)
        seizure += cal.overload_seizure * overload
        # R8: regions carrying more flow than before become contested.
        rise = np.maximum(0.0, by_region - self.route_load_ref) / (self.route_load_ref + 0.05)
        self.region_violence = 1 + cal.new_route_violence * rise
        share = self._drug_trade_share()
        capacity = np.array([c.production * c.throughput for c in self.cartels])
        upstream = 1 - cal.upstream_effect * self._partner_factor() * max(
            0.0, lv["regional_cooperation"] - sq["regional_cooperation"]
        )
        produced = cal.fentanyl_kg_per_month * float(share @ capacity) * upstream
        reaching = produced * float(by_crossing @ (1 - np.clip(seizure, 0, 1)))
        self.flows["fentanyl_to_us_kg"] = reaching
        revenue = (
            reaching
            * cal.revenue_usd_per_kg
            * share
            * capacity
            / max(float(share @ capacity), 1e-9)
        )
        for c, r in zip(self.cartels, revenue, strict=True):
            c.drug_revenue = float(r)
        # R15: exogenous CDC trend, adjusted by supply relative to the status quo and by treatment.
        years = (self._months_since_2024_07() + self.month) / 12
        trend = cal.overdose_deaths_2024 / 12 * (1 + cal.overdose_trend) ** years
        supply = (reaching / self.supply_ref) ** cal.supply_elasticity
        treatment = 1 - cal.treatment_effect * max(
            0.0, lv["demand_reduction"] - sq["demand_reduction"]
        )
        self.flows["us_overdose_deaths"] = trend * supply * treatment
        for c in self.cartels:
            c.production += cal.lab_recovery * (1 - c.production)
            c.throughput += cal.throughput_recovery * (1 - c.throughput)
            # R5: new brokers step in for removed ones, one at a time.
            if (
                c.gatekeepers < c.gatekeepers_ref
                and self.rng.random() < 1 / cal.broker_replacement_months
            ):
                c.gatekeepers += 1

    def _months_since_2024_07(self) -> int:
        year, month = (int(x) for x in self.spec.start.split("-"))
        return (year - 2024) * 12 + (month - 7) - 1

    def _cash_factor(self, c: Cartel) -> float:
        """R6: a cartel short of cash recruits and buys less ('hitmen without pay', seed 000)."""
        need = 6 * max(c.members, 1) * self.calibration.wage_usd_per_member_month
        return 0.4 + 0.6 * min(1.0, c.cash_usd / need)

    def money(self) -> None:
        """R6: drug revenue and extortion in; wages and bribes out."""
        cal = self.calibration
        # R6: anti-money-laundering takes a share of what cartels try to launder.
        laundering_loss = 0.5 * self.effective("financial_ops") * (0.5 + 0.5 * self._gate())
        extortion_by_region = np.array([com.extortion for com in self.communities])
        for c in self.cartels:
            extortion = (
                c.members
                * cal.extortion_usd_per_member_month
                * float(c.territory @ extortion_by_region / max(c.territory.sum(), 1e-9))
            )
            revenue = (c.drug_revenue + extortion) * (1 - laundering_loss)
            bribes = revenue * cal.bribe_share * c.corruption_reach
            wages = c.members * cal.wage_usd_per_member_month
            c.cash_usd = max(0.0, c.cash_usd + revenue - bribes - wages)
