"""The state and society: R9 cooperation, R12 communities, R13 integrity, R14 programmes, R19 territory.

A mixin of :class:`simulator.model.CartelModel`: the model orchestrates the step
order; these methods hold the rules and read and write the model's agents and state.
"""

from __future__ import annotations

import numpy as np


class SocietyRules:
    """The state and society: R9 cooperation, R12 communities, R13 integrity, R14 programmes, R19 territory."""

    def cooperation(self) -> None:
        """R9: Mexico's cooperation responds to reciprocity, aid and sovereignty incidents."""
        mx = self.governments.get("MX")
        if mx is None:
            return
        lv, sq = self.levers, self.sq
        keys = ("gun_tracing", "financial_ops", "demand_reduction", "smart_border")
        reciprocity = float(np.mean([lv[k] - sq[k] for k in keys]))
        aid = (lv["us_aid_usd_per_year"] - sq["us_aid_usd_per_year"]) / 1e9
        cal = self.calibration
        before = mx.cooperation
        mx.update_cooperation(
            self.incidents_this_month,
            reciprocity,
            aid,
            rate=cal.cooperation_rate,
            backlash_per_incident=cal.incident_backlash,
            backlash_decay=cal.backlash_decay,
        )
        if self.incidents_this_month and before - mx.cooperation > 0.01:
            self.events.add(
                self.month,
                "R9",
                "MX",
                "",
                f"public backlash: cooperation {before:.2f} → {mx.cooperation:.2f}",
            )
        us = self.governments.get("US")
        if us is not None:  # reciprocity the US sees: extraditions and Mexican-led operations
            extraditions = self.rng.poisson(self.levers["extraditions_per_month"] * self._gate())
            us.cooperation += 0.05 * (
                min(1.0, us.cooperation_ref + 0.03 * extraditions) - us.cooperation
            )

    def communities_update(self) -> None:
        """R12 fear, legitimacy and extortion, R13 integrity, R14 opportunity, region by region."""
        cal, lv, sq = self.calibration, self.levers, self.sq
        territory = np.array([c.territory for c in self.cartels])
        reach = np.array([c.corruption_reach * self._cash_factor(c) for c in self.cartels])
        presence = territory.sum(axis=0)
        bribes = (territory.T @ reach) / np.maximum(presence, 1e-9)
        justice = self.conviction_rate / cal.conviction_base - 1
        reclaimed = self.control == -1
        reclaimed_pop = max(float(self.population[reclaimed].sum()), 1.0)
        invest = lv["investment_usd_per_year"] / 1e9
        for r, com in enumerate(self.communities):
            ratio = self.region_homicides[r] / max(self.region_homicides_ref[r], 1e-9)
            com.update_fear(ratio, cal.fear_rate)
            boost = cal.program_effect * (lv["community_programs"] - sq["community_programs"])
            if reclaimed[r]:  # R14: investment goes only to reclaimed regions (seed 000, Phase 4)
                boost += (
                    cal.investment_effect
                    * invest
                    * min(1.0, self.population.sum() / reclaimed_pop / 10)
                )
            com.update_opportunity(boost, cal.program_lag_months)
            services = (lv["community_programs"] - sq["community_programs"]) + 0.2 * reclaimed[
                r
            ] * min(invest, 1)
            abuses = self.civilians_by_region[r] / (com.population / 1e5)
            com.update_legitimacy(justice, services, abuses, cal.legitimacy_rate)
            com.update_integrity(lv["vetting"], bribes[r], cal.vetting_rate, cal.bribe_erosion)
            com.update_extortion(int(self.control[r]), cal.extortion_rate)
            com.grievance_shock *= (
                0.95  # assumption: grievance from a strike fades over about 1.5 years
            )

    def _classify_regions(self) -> np.ndarray:
        """R19: +1 cartel-controlled, -1 state-controlled, 0 contested, region by region.

        Cartel strength is members per 100k inhabitants relative to the national
        average; state presence grows with forces deployed, legitimacy and integrity.
        """
        cal = self.calibration
        territory = np.array([c.territory for c in self.cartels])
        members = np.array([c.members for c in self.cartels])
        weights = territory / np.maximum(territory.sum(axis=1, keepdims=True), 1e-9)
        density = (weights.T @ members) / (self.population / 1e5)
        cartel_strength = density / self.density_ref
        legit = np.array([c.legitimacy for c in self.communities])
        integ = np.array([c.integrity for c in self.communities])
        state = cal.state_presence * (1 + self.deployment) * (legit / 0.45) * (integ / 0.45)
        return np.where(
            cartel_strength > cal.control_ratio * state,
            1,
            np.where(state > cal.control_ratio * cartel_strength, -1, 0),
        )

    def territory(self) -> None:
        """R19: the state reclaims regions it dominates; cartels gain ground where they dominate.

        National Guard units arrive over months, not at once (``deployment_months``).
        """
        cal = self.calibration
        self.deployment += (
            self.effective("national_guard_deployment") - self.deployment
        ) / cal.deployment_months
        control = self._classify_regions()
        for r in np.flatnonzero((control == -1) & (self.control != -1)):
            self.events.add(
                self.month,
                "R19",
                "MX",
                self.world.regions[r],
                f"state reclaims {self.world.region_name(self.world.regions[r])}",
            )
        for r in np.flatnonzero((control == 1) & (self.control != 1)):
            self.events.add(
                self.month,
                "R19",
                "cartels",
                self.world.regions[r],
                f"cartels take control of {self.world.region_name(self.world.regions[r])}",
            )
        self.control = control
        # Cartels slowly lose ground where the state dominates and gain it where they do.
        drift = np.where(control == -1, -0.02, np.where(control == 1, 0.01, 0.0))
        for c in self.cartels:
            held = c.territory > 0
            c.territory = np.where(held, np.clip(c.territory + drift, 0.01, 1.0), 0.0)
