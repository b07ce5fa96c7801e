"""Operations against cartels: R4 removals, R5 brokers, R10 strikes, R11 raids, R6 seizures.

Also how levers reach the world through enforcement bodies, and R9's sovereignty
incidents, which the operations cause.

A mixin of :class:`simulator.model.CartelModel`: the model orchestrates the step
order; these methods hold the rules and read and write the model's agents and state.
"""

from __future__ import annotations

import numpy as np

from simulator.agents import Cartel, EnforcementBody
from simulator.agents.cartel import remove_leader
from simulator.scenario.errors import ScenarioError
from simulator.scenario.loader import problem_at

# Which enforcement mandate (and whose government) carries out a change of each lever.
# A lever change takes effect in proportion to those bodies' delivery (capacity x
# integrity); levers not listed act directly.
LEVER_BODIES: dict[str, tuple[str, str | None]] = {
    "gun_tracing": ("trace_guns", "US"),  # ATF (seed 000, Phase 1)
    "smart_border": ("interdict", "US"),  # CBP (seed 000, Phase 2)
    "mexican_checkpoints": ("interdict", "MX"),  # Guardia Nacional checkpoints
    "financial_ops": ("finance", None),  # Treasury/FinCEN and the UIF together
    "intel_sharing": ("intelligence", "US"),  # DEA, FBI, DHS
    "fusion_cells": ("intelligence", "US"),
    "national_guard_deployment": ("arrest", "MX"),
}


class OperationRules:
    """Operations against cartels: R4 removals, R5 brokers, R10 strikes, R11 raids, R6 seizures."""

    def _majors(self) -> list[Cartel]:
        return [c for c in self.cartels if c.kind != "local" and c.active]

    def _pick_target(self, cartels: list[Cartel], weights: np.ndarray | None = None) -> Cartel:
        w = np.array([c.members for c in cartels]) if weights is None else weights
        return cartels[int(self.rng.choice(len(cartels), p=w / w.sum()))]

    def _region_of(self, cartel: Cartel) -> int:
        t = cartel.territory
        return int(self.rng.choice(len(t), p=t / t.sum())) if t.sum() > 0 else 0

    def effective(self, lever: str) -> float:
        """A lever as delivered: the status quo plus the change, scaled by the bodies carrying it out.

        With no body holding the mandate, a lever change has no one to carry it out
        and the status quo holds.
        """
        value, sq = self.levers[lever], self.sq[lever]
        if lever not in LEVER_BODIES:
            return value
        return sq + (value - sq) * self._delivery(*LEVER_BODIES[lever])

    def _delivery(self, action: str, government: str | None) -> float:
        bodies = [
            b
            for b in self.bodies.values()
            if b.can(action) and (government is None or b.government == government)
        ]
        if not bodies:
            return 0.0
        delivery = np.mean([b.delivery() for b in bodies])
        return float(min(1.5, delivery / self.calibration.delivery_reference))

    def _gate(self) -> float:
        """R9: Mexico's cooperation, which gates intelligence sharing, extraditions and fusion cells."""
        mx = self.governments.get("MX")
        return mx.cooperation if mx else 0.0

    def _mx_intel(self, body: EnforcementBody) -> float:
        """R9/R11/R12: Mexican intelligence: own quality, boosted by shared US intelligence and tips.

        What the US shares also depends on its trust in Mexico (R9: extraditions build it).
        """
        g = self._gate()
        us = self.governments.get("US")
        trust = min(1.5, max(0.5, us.cooperation / us.cooperation_ref)) if us else 1.0
        shared = 0.6 * self.effective("fusion_cells") + 0.4 * self.effective("intel_sharing")
        boost = 1 + shared * g * trust
        tips = np.mean([c.tips for c in self.communities]) / max(self.tips_ref, 1e-6)
        return min(1.0, body.intel_quality * boost * tips)

    def _remove_leader(
        self, cartel: Cartel, killed: bool, region: int, actor: str, rule: str
    ) -> None:
        """R4: decapitation. Killing lowers cohesion now; a capture's loss unfolds over months."""
        cal = self.calibration
        before, after = remove_leader(cartel, killed, cal.cohesion_drop_kill)
        cartel.shock_region = region
        if killed:
            self._destabilise(region)
        else:  # the capture's loss arrives over the following months (Calderón et al. 2015)
            lag = cal.capture_lag_months
            schedule = [0.0] + [cal.cohesion_drop_capture / lag] * lag
            pending = cartel.pending_cohesion_loss + [0.0] * (
                len(schedule) - len(cartel.pending_cohesion_loss)
            )
            cartel.pending_cohesion_loss = [
                a + b
                for a, b in zip(
                    pending, schedule + [0.0] * (len(pending) - len(schedule)), strict=True
                )
            ]
        self.flows["leaders_removed"] += 1
        verb = "killed" if killed else "captured"
        effect = (
            f"cohesion {before:.2f} → {after:.2f}"
            if killed
            else f"cohesion to fall by {cal.cohesion_drop_capture:.2f} over {cal.capture_lag_months} months"
        )
        self.events.add(
            self.month,
            rule,
            actor,
            self.world.regions[region],
            f"{cartel.name} leader {verb} in {self.world.region_name(self.world.regions[region])}; {effect}",
        )

    def _destabilise(self, region: int) -> None:
        """R4: violence centres on the host region and spills to its neighbours."""
        self.instability[region] = 1.0
        for nb in self.world.neighbours(self.world.regions[region]):
            i = self.world.index(nb)
            self.instability[i] = max(self.instability[i], 0.5)

    def _damage_labs(self, cartel: Cartel, region: int, actor: str, rule: str) -> None:
        before = cartel.production
        cartel.production *= 1 - self.calibration.lab_damage
        self.events.add(
            self.month,
            rule,
            actor,
            self.world.regions[region],
            f"{cartel.name} lab destroyed; production capacity {before:.2f} → {cartel.production:.2f}",
        )

    def _remove_gatekeeper(self, cartel: Cartel, region: int, actor: str) -> None:
        """R5: a corridor broker removed: throughput falls for months, no succession war."""
        before = cartel.throughput
        cartel.throughput *= 1 - self.calibration.gatekeeper_cut
        cartel.gatekeepers = max(0, cartel.gatekeepers - 1)
        self.events.add(
            self.month,
            "R5",
            actor,
            self.world.regions[region],
            f"{cartel.name} corridor broker removed; route throughput {before:.2f} → {cartel.throughput:.2f}",
        )

    def _incident(self, region: int, actor: str, what: str) -> None:
        """R9: a unilateral operation on Mexican soil."""
        self.incidents_this_month += 1
        self.flows["sovereignty_incidents"] += 1
        self.events.add(
            self.month,
            "R9",
            actor,
            self.world.regions[region],
            f"sovereignty incident: {what} without consent",
        )

    def _casualties(self, expected: float, region: int) -> None:
        n = float(self.rng.poisson(expected)) if expected > 0 else 0.0
        self.flows["civilian_casualties"] += n
        self.civilians_by_region[region] += n

    def scheduled_operations(self) -> None:
        """One-off operations from the scenario (narrow actions and validation experiments)."""
        for op in self.operations:
            if op.month != self.month:
                continue
            body = self.bodies[op.actor]
            if op.kind == "interdict_crossing":
                ids = [c.id for c in self.world.crossings]
                if op.target not in ids:
                    raise ScenarioError(
                        [
                            problem_at(
                                self.spec,
                                ("policy", "operations", self.operations.index(op), "target"),
                                f"unknown crossing {op.target!r}; valid: {', '.join(ids)}",
                            )
                        ]
                    )
                x = ids.index(op.target)
                self.closed_crossings[x] = op.duration_months
                region = self.world.index(self.world.crossings[x].region)
                self.events.add(
                    self.month,
                    "R8",
                    op.actor,
                    self.world.regions[region],
                    f"crossing {op.target} interdicted for {op.duration_months} months",
                )
                continue
            cartel = next(c for c in self.cartels if c.code == op.target)
            region = self.world.index(op.region) if op.region else cartel.home
            unilateral = body.government == "US" and body.on_mexican_soil == "unilateral"
            if op.kind in ("capture_leader", "kill_leader"):
                self._remove_leader(cartel, op.kind == "kill_leader", region, op.actor, "R4")
            elif op.kind == "raid_lab":
                self._damage_labs(cartel, region, op.actor, "R10" if unilateral else "R11")
            elif op.kind == "remove_gatekeeper":
                self._remove_gatekeeper(cartel, region, op.actor)
            if unilateral:
                self._incident(region, op.actor, op.kind.replace("_", " "))

    def unilateral_strikes(self) -> None:
        """R10: US strikes on leaders or labs without consent: kill, not capture; casualties; backlash."""
        cal = self.calibration
        rate = self.levers["unilateral_strikes_per_month"]
        force = next((b for b in self.bodies.values() if b.can("strike")), None)
        self.hostility *= 0.8  # assumption: retaliation risk fades over a few months
        if rate <= 0 or force is None:
            return
        # Intelligence is worse without Mexican help (seed 004; assumption on the size).
        intel = force.intel_quality * (0.6 + 0.4 * self.effective("intel_sharing") * self._gate())
        majors = self._majors()
        for _ in range(int(self.rng.poisson(rate))):
            target = self._pick_target(majors)
            region = self._region_of(target)
            aim = self.levers["strike_target"]
            if aim == "mixed":
                aim = "leaders" if self.rng.random() < 0.5 else "labs"
            if self.rng.random() < force.success_probability(cal.strike_success_base, intel):
                if aim == "leaders":
                    self._remove_leader(target, True, region, force.code, "R10")
                else:
                    self._damage_labs(target, region, force.code, "R10")
            self._casualties(cal.civilians_per_strike, region)
            self.communities[region].grievance_shock = min(
                1.0, self.communities[region].grievance_shock + cal.strike_grievance
            )
            self.hostility += 1.0
            self._incident(region, force.code, f"strike on {target.name} ({aim})")

    def mexican_operations(self) -> None:
        """R11 precision raids, R5 gatekeeper targeting and extraditions, all led by Mexico."""
        cal = self.calibration
        raider = next(
            (b for b in self.bodies.values() if b.government == "MX" and b.can("raid")), None
        )
        if raider is None:
            return
        intel = self._mx_intel(raider)
        majors = self._majors()
        for _ in range(int(self.rng.poisson(self.levers["precision_raids_per_month"]))):
            target = self._pick_target(majors)
            region = self._region_of(target)
            p = raider.success_probability(
                cal.raid_success_base, intel, self.communities[region].integrity
            )
            aim = self.rng.choice(["leaders", "labs", "finance"], p=[0.4, 0.3, 0.3])
            if self.rng.random() < p:
                if aim == "leaders":
                    self._remove_leader(target, False, region, raider.code, "R11")
                elif aim == "labs":
                    self._damage_labs(target, region, raider.code, "R11")
                else:
                    seized = target.cash_usd * 0.05
                    target.cash_usd -= seized
                    self.events.add(
                        self.month,
                        "R11",
                        raider.code,
                        self.world.regions[region],
                        f"{target.name} finance node raided; ${seized / 1e6:,.0f}M seized",
                    )
                target.pending_arrests += cal.arrests_per_raid
            self._casualties(cal.civilians_per_raid * (1 - raider.human_rights), region)
        # R5: fusion cells find corridor brokers.
        effort = 2.0 * self.effective("fusion_cells") * self.levers["gatekeeper_targeting"] * intel
        for _ in range(int(self.rng.poisson(effort))):
            candidates = [c for c in majors if c.gatekeepers > 0]
            if candidates:
                target = self._pick_target(candidates)
                self._remove_gatekeeper(target, self._region_of(target), raider.code)
        # Human-rights conditions on aid raise compliance over time (R11).
        if self.levers["us_aid_usd_per_year"] > 0:
            goal = 0.5 + 0.5 * self.levers["human_rights_conditions"]
            for b in self.bodies.values():
                if b.government == "MX":
                    b.human_rights += 0.05 * (goal - b.human_rights)

    def financial_operations(self) -> None:
        """R6: sanctions, seizures and anti-money-laundering take cash, more with cooperation."""
        rate = (
            self.calibration.financial_seizure_rate
            * self.effective("financial_ops")
            * (0.5 + 0.5 * self._gate())
        )
        for c in self.cartels:
            c.cash_usd *= 1 - rate
