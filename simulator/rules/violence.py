"""Cartel workforce and violence: R1 workforce, R2 courts, R3 homicides, R4 succession and splits.

A mixin of :class:`simulator.model.CartelModel`: the model orchestrates the step
order; these methods hold the rules and read and write the model's agents and state.
"""

from __future__ import annotations

import numpy as np

from simulator.agents import Cartel
from simulator.agents.cartel import workforce_step


class ViolenceRules:
    """Cartel workforce and violence: R1 workforce, R2 courts, R3 homicides, R4 succession and splits."""

    def _judicial_strength(self) -> float:
        """R2: judicial capacity x integrity; judicial reform raises capacity."""
        if self.courts is None:
            return 0.0
        capacity = (
            self.courts.capacity + (1 - self.courts.capacity) * 0.7 * self.levers["judicial_reform"]
        )
        integrity = float(np.dot([c.integrity for c in self.communities], self.weights))
        return capacity * (0.5 * self.courts.integrity + 0.5 * integrity)

    def workforce(self) -> None:
        """R1 with R12 recruitment, R6 cash, R2/R11 arrests, R7/R8 lethality; R2 courts and releases."""
        cal, sq = self.calibration, self.sq
        members = np.array([c.members for c in self.cartels])
        territory = np.array([c.territory for c in self.cartels])
        weights = territory / np.maximum(territory.sum(axis=1, keepdims=True), 1e-9)
        supply = np.array([c.recruit_supply for c in self.communities])
        community = weights @ ((supply / self.supply_ref_by_region) ** cal.recruitment_elasticity)
        cash = np.array([self._cash_factor(c) / c.cash_factor_ref for c in self.cartels])
        rho = cal.rho * community * np.minimum(cash, 1.0)
        # R2/R11: arrests rise with National Guard presence and tips; convictions with the courts.
        tips = np.mean([c.tips for c in self.communities]) / max(self.tips_ref, 1e-6)
        enforcement = (1 + 0.5 * (self.deployment - sq["national_guard_deployment"])) * tips
        conviction = min(
            0.95, cal.conviction_base * self._judicial_strength() / cal.judicial_reference
        )
        gross_eta = cal.eta * enforcement / cal.conviction_base
        # R7: guns per member raise lethality; R8/R4: contested routes and succession instability.
        guns = np.array(
            [c.firepower / max(c.members, 1) / max(c.firepower_ref, 1e-9) for c in self.cartels]
        )
        theta = cal.theta * (weights @ (self.region_violence * (1 + self.instability)))
        lethality = np.clip(guns, 0.1, 10) ** cal.firepower_elasticity  # the attacker's guns
        new, flows = workforce_step(
            members,
            self.conflict,
            rho=rho,
            eta=gross_eta,
            theta=theta,
            omega=cal.omega,
            lethality=lethality,
            substeps=cal.substeps_per_month,
        )
        raid = np.minimum([c.pending_arrests for c in self.cartels], new)
        new -= raid
        arrested = flows.arrests + raid
        # R7: members who are arrested, killed or leave take their guns out of the arsenal.
        gone = (arrested + flows.deaths + flows.exits) / np.maximum(members + flows.recruits, 1e-9)
        for cartel, share in zip(self.cartels, np.clip(gone, 0.0, 1.0), strict=True):
            cartel.firepower *= 1 - share
        convicted = arrested * conviction
        for cartel, m, held in zip(self.cartels, new, arrested - convicted, strict=True):
            cartel.pending_arrests = 0.0
            cartel.custody.append(held)
            released = (
                cartel.custody.pop(0) if len(cartel.custody) > cal.release_lag_months else 0.0
            )
            was_active = cartel.active
            cartel.members = max(m + released, 0.0)  # R2: the unconvicted return
            if was_active and not cartel.active:
                self.events.add(
                    self.month,
                    "R1",
                    cartel.code,
                    self.world.regions[cartel.home],
                    f"{cartel.name} dissolved",
                )
        self.flows["recruits"] += flows.recruits.sum()
        self.flows["arrests"] += arrested.sum()
        self.flows["convictions"] += convicted.sum()
        self.flows["cartel_deaths"] += flows.deaths.sum()
        self.deaths_by_pair = flows.deaths_by_pair
        self.conviction_rate = conviction

    def succession(self) -> None:
        """R4: destabilised cartels kill from within, may split into rival factions, then settle."""
        cal = self.calibration
        deaths_by_cartel: dict[int, float] = {}
        for i, c in enumerate(list(self.cartels)):
            if c.pending_cohesion_loss:
                loss = c.pending_cohesion_loss.pop(0)
                c.cohesion = max(0.0, c.cohesion - loss)
                if loss > 0:
                    self._destabilise(c.shock_region)
            gap = max(0.0, c.cohesion_ref - c.cohesion)
            if gap > 0 and c.active:
                deaths = min(c.members, cal.succession_violence / 12 * gap * c.members)
                c.members -= deaths
                deaths_by_cartel[i] = deaths
                if (
                    c.cohesion < cal.split_threshold
                    and c.members > 500
                    and self.rng.random() < cal.split_probability
                ):
                    self._split(c)
                c.cohesion += cal.cohesion_recovery * (c.cohesion_ref - c.cohesion)
        self.succession_deaths = np.zeros(len(self.cartels))  # factions split off this month: 0
        for i, deaths in deaths_by_cartel.items():
            self.succession_deaths[i] = deaths
        self.flows["cartel_deaths"] += self.succession_deaths.sum()
        self.instability *= 0.7  # assumption: host-region instability halves in about two months

    def _split(self, parent: Cartel) -> None:
        """R4: a low-cohesion cartel splits; the faction inherits members, territory and enmity."""
        frac = float(self.rng.uniform(0.3, 0.5))
        keep = self.rng.random(len(parent.territory)) < 0.5
        faction_territory = np.where(keep, parent.territory * 0.5, parent.territory)
        n_factions = sum(1 for c in self.cartels if c.parent == parent.code)
        faction = Cartel(
            self,
            f"{parent.code}_F{n_factions + 1}",
            f"{parent.name} faction {n_factions + 1}",
            parent.members * frac,
            faction_territory,
            kind="faction",
            cohesion=0.6,
            cash_usd=parent.cash_usd * frac,
            firepower=parent.firepower * frac,
            leaders=1,  # a lieutenant breaks away and leads the faction
            lieutenants=parent.lieutenants // 3,
            gatekeepers=parent.gatekeepers // 2,
            corruption_reach=parent.corruption_reach,
            parent=parent.code,
        )
        faction.firepower_ref = parent.firepower_ref
        parent.members -= faction.members
        parent.cash_usd -= faction.cash_usd
        parent.firepower -= faction.firepower
        parent.lieutenants = max(0, parent.lieutenants - faction.lieutenants - 1)
        parent.gatekeepers -= faction.gatekeepers
        parent.gatekeepers_ref = max(0, parent.gatekeepers_ref - faction.gatekeepers)
        parent.territory = np.where(keep, parent.territory, parent.territory * 0.5)
        before = parent.cohesion
        parent.cohesion = parent.cohesion_ref = max(parent.cohesion, 0.6)
        self.cartels.append(faction)
        i, n = self.cartels.index(parent), len(self.cartels)
        rivalry, alliance = np.zeros((n, n)), np.zeros((n, n))
        rivalry[:-1, :-1], alliance[:-1, :-1] = self.rivalry, self.alliance
        rivalry[-1, :-1] = rivalry[:-1, -1] = self.rivalry[i]  # inherits the parent's enemies
        alliance[-1, :-1] = alliance[:-1, -1] = 0.5 * self.alliance[i]  # allies hedge between both
        self.rivalry, self.alliance = rivalry, alliance
        self.succession_wars.append((i, n - 1))
        self.conflict = self._conflict()
        self.deaths_by_pair = np.pad(self.deaths_by_pair, ((0, 1), (0, 1)))  # it had no deaths
        faction.custody = [0.0] * len(parent.custody)
        faction.cash_factor_ref = parent.cash_factor_ref
        self.events.add(
            self.month,
            "R4",
            parent.code,
            self.world.regions[parent.home],
            f"{parent.name} split into 2 factions (cohesion {before:.2f}); {faction.name} takes {faction.members:,.0f} members",
        )

    def _locate_deaths(self, pair: np.ndarray, succession: np.ndarray) -> np.ndarray:
        """R3: place conflict deaths where rivals' territories overlap, succession deaths at home.

        Deaths of i at the hands of j go to the regions where both are present, in
        proportion to T_ir·T_jr·v_r (v: R8 route violence); with no overlap, over i's
        own territory in proportion to T_ir·v_r.
        """
        t = np.array([c.territory for c in self.cartels])
        v = self.region_violence
        tv = t * v
        overlap = tv @ t.T  # [i, j]: sum over regions of T_ir T_jr v_r
        meets = overlap > 0
        q = np.divide(pair, overlap, out=np.zeros_like(pair), where=meets)
        located = (t * (q @ t)).sum(axis=0) * v
        alone = np.where(meets, 0.0, pair).sum(axis=1)  # deaths with rivals met nowhere
        own = tv.sum(axis=1)
        located += (alone / np.maximum(own, 1e-12)) @ tv
        where = t * (1 + 4 * self.instability)  # succession deaths centred on the host region
        located += (succession / np.maximum(where.sum(axis=1), 1e-12)) @ where
        return located

    def _reference_homicides(self) -> np.ndarray:
        """Homicides by region in a status-quo month at the start: the yardstick for fear and harm.

        Computed from the initial state before any policy acts, so a scenario's own
        first month (e.g. a strike's casualties) does not move its reference.
        """
        cal = self.calibration
        members = np.array([c.members for c in self.cartels])
        _, flows = workforce_step(
            members,
            self.conflict,
            rho=0.0,
            eta=0.0,
            theta=cal.theta,
            omega=0.0,
            substeps=cal.substeps_per_month,
        )
        located = self._locate_deaths(flows.deaths_by_pair, np.zeros(len(members)))
        return (
            located * cal.homicides_per_cartel_death
            + cal.noncartel_homicides_per_month * self.weights
        )

    def homicides(self) -> None:
        """R3: conflict deaths located where rivals' territories overlap, plus non-cartel homicides."""
        cal = self.calibration
        located = self._locate_deaths(self.deaths_by_pair, self.succession_deaths)
        cartel_homicides = located * cal.homicides_per_cartel_death
        noncartel = cal.noncartel_homicides_per_month * self.weights
        civilians = 0.5 * self.civilians_by_region  # assumption: half of casualties are deaths
        self.region_homicides = cartel_homicides + noncartel + civilians
        self.region_cartel_homicides = cartel_homicides
        self.flows["homicides"] = float(self.region_homicides.sum())
        # US citizens harmed (R10): general violence plus retaliation after strikes (seed 004).
        violence = self.flows["homicides"] / max(float(self.region_homicides_ref.sum()), 1e-9)
        exposure = cal.us_citizens_in_mexico / 1.6e6  # seed 004: 1.6 million US citizens live there
        lam = (
            cal.us_harm_base_per_month * violence + cal.retaliation_per_strike * self.hostility
        ) * exposure
        self.flows["us_citizens_harmed"] = float(self.rng.poisson(lam))
