"""CartelModel: builds the agents from a scenario, steps them monthly, logs events, collects metrics.

The model orchestrates; agents hold state and behaviour. One step is one month. All
randomness comes from ``self.rng``, seeded from the scenario (or an explicit seed),
so a (scenario, seed) pair reproduces exactly.
"""

from __future__ import annotations

from typing import Any

import mesa
import numpy as np

from simulator.agents import Cartel, Community, EnforcementBody, Government
from simulator.agents.cartel import conflict_matrix, remove_leader, workforce_step
from simulator.events import EventLog
from simulator.metrics import METRIC_IDS, METRICS, Kind
from simulator.policy import PolicyTimeline, TriggerState, annual_review
from simulator.scenario.errors import ScenarioError
from simulator.scenario.loader import problem_at
from simulator.scenario.schema import STATUS_QUO, Scenario
from simulator.world import World, build_world
from simulator.world.routes import RouteNetwork

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


def build_scenario_world(scenario: Scenario) -> World:
    """Build the region graph a scenario asks for."""
    w = scenario.world
    if w.kind == "synthetic":
        return build_world(
            "synthetic",
            n_regions=w.regions,
            n_cartels=w.cartels,
            n_crossings=w.crossings,
            seed=w.seed,
        )
    return build_world(w.kind)


class CartelModel(mesa.Model):
    """The CartelSim model: governments, cartels, enforcement bodies and communities on a region graph."""

    def __init__(
        self, scenario: Scenario, seed: int | None = None, world: World | None = None
    ) -> None:
        self.seed_used = scenario.seed if seed is None else seed
        super().__init__(rng=self.seed_used)
        self.spec = scenario
        self.world = world if world is not None else build_scenario_world(scenario)
        self.calibration = scenario.calibration
        self.timeline = PolicyTimeline(scenario.policy)
        self.levers: dict[str, Any] = dict(self.timeline.initial)
        self.events = EventLog()
        self.month = 0
        self.population = np.array([self.world.population[r] for r in self.world.regions], float)

        self.governments = {g.id: Government(self, g) for g in scenario.governments}
        self.bodies = {b.id: EnforcementBody(self, b) for b in scenario.enforcement}
        self.communities = [self._community(code) for code in self.world.regions]
        self.cartels: list[Cartel] = []
        self._build_cartels()
        self._build_conflict()
        self.weights = self.population / self.population.sum()
        self._init_dynamics()
        self._init_references()

        self.flows: dict[str, float] = {}
        self._reset_flows()
        self.datacollector = mesa.DataCollector(
            model_reporters={mid: _reporter(mid) for mid in METRIC_IDS}
        )

    # ------------------------------------------------------------------ building
    def _community(self, code: str) -> Community:
        base = self.spec.communities.defaults
        patch = self.spec.communities.overrides.get(code)
        state = base.model_copy(update=patch.model_dump(exclude_none=True)) if patch else base
        return Community(self, code, self.world.population[code], state)

    def _territory(self, presence: dict[str, float], path: tuple[str | int, ...]) -> np.ndarray:
        t = np.zeros(len(self.world.regions))
        for code, strength in presence.items():
            if code not in self.world.population:
                raise ScenarioError(
                    [
                        problem_at(
                            self.spec,
                            (*path, code),
                            f"unknown region {code!r} in world {self.world.name!r}",
                        )
                    ]
                )
            t[self.world.index(code)] = strength
        return t

    def _build_cartels(self) -> None:
        for i, c in enumerate(self.spec.cartels):
            presence = (
                c.territory if c.territory is not None else self.world.cartel_presence.get(c.id)
            )
            if presence is None:
                raise ScenarioError(
                    [
                        problem_at(
                            self.spec,
                            ("cartels", i, "territory"),
                            f"cartel {c.id!r} has no presence data in world {self.world.name!r}; give its territory",
                        )
                    ]
                )
            self.cartels.append(
                Cartel(
                    self,
                    c.id,
                    c.name or self.world.cartel_names.get(c.id, c.id),
                    c.members,
                    self._territory(presence, ("cartels", i, "territory")),
                    cohesion=c.cohesion,
                    cash_usd=c.cash_usd,
                    firepower=c.firepower,
                    leaders=c.leaders,
                    lieutenants=c.lieutenants,
                    gatekeepers=c.gatekeepers,
                    corruption_reach=c.corruption_reach,
                )
            )
        self._build_local_groups()

    def _build_local_groups(self) -> None:
        """Spread the pool of local armed groups over regions by population, sizes by 1/rank.

        Prieto-Curiel et al. (2023) give cartel sizes a power law with exponent -1;
        local groups continue the ranks after the major cartels.
        """
        spec = self.spec.local_groups
        if spec.count == 0:
            return
        first_rank = len(self.cartels) + 1
        ranks = np.arange(first_rank, first_rank + spec.count)
        sizes = (1.0 / ranks) / (1.0 / ranks).sum() * spec.members
        homes = self.rng.choice(
            len(self.world.regions), size=spec.count, p=self.population / self.population.sum()
        )
        for k, (size, home) in enumerate(zip(sizes, homes, strict=True)):
            territory = np.zeros(len(self.world.regions))
            territory[home] = 0.3  # assumption: a local group is a modest local presence
            self.cartels.append(
                Cartel(
                    self,
                    f"LOCAL{k + 1:03d}",
                    f"Local group {k + 1} ({self.world.regions[home]})",
                    size,
                    territory,
                    kind="local",
                    leaders=1,
                    lieutenants=2,
                    gatekeepers=0,
                    cohesion=0.6,
                )
            )

    def _build_conflict(self) -> None:
        """Build rivalry and alliance matrices and R1's conflict matrix K."""
        ids = [c.code for c in self.cartels]
        pos = {cid: i for i, cid in enumerate(ids)}
        n = len(ids)
        self.rivalry = np.zeros((n, n))
        self.alliance = np.zeros((n, n))
        for attr, matrix in (("rivalries", self.rivalry), ("alliances", self.alliance)):
            relations = getattr(self.spec, attr)
            pairs = (
                [(r.between, r.weight) for r in relations]
                if relations is not None
                else list(getattr(self.world, attr).items())
            )
            for (a, b), weight in pairs:
                if a in pos and b in pos:
                    i, j = pos[a], pos[b]
                    matrix[i, j] = matrix[j, i] = max(matrix[i, j], weight)
        self._ally_local_groups(pos)
        self.succession_wars: list[tuple[int, int]] = []  # R4: (parent, faction) index pairs
        self.conflict = self._conflict()

    def _conflict(self) -> np.ndarray:
        """R1's conflict matrix, with R4's succession wars fought at K = faction_conflict.

        Factions keep part of the parent's alliances (which shield them from everyone
        else, as in R1), but a split is a war between the two sides themselves.
        """
        k = conflict_matrix(self.rivalry, self.alliance)
        for i, j in self.succession_wars:
            k[i, j] = k[j, i] = self.calibration.faction_conflict
        return k

    def _ally_local_groups(self, pos: dict[str, int]) -> None:
        """Tie each local group to the strongest major cartel in its home region.

        Most local groups work as cells or franchises of a major cartel, so, as in
        Prieto-Curiel et al.'s network, the large cartels carry many alliances, which
        lowers their conflict exposure in R1. The weight is a calibration assumption
        (``local_alliance_weight``).
        """
        weight = self.calibration.local_alliance_weight
        majors = [c for c in self.cartels if c.kind != "local"]
        if weight <= 0 or not majors:
            return
        for c in self.cartels:
            if c.kind != "local":
                continue
            strongest = max(majors, key=lambda m: m.territory[c.home])
            if strongest.territory[c.home] > 0:
                i, j = pos[c.code], pos[strongest.code]
                self.alliance[i, j] = self.alliance[j, i] = weight

    # ------------------------------------------------------------------ state built once
    def _init_dynamics(self) -> None:
        """Set up the state the rules R2-R19 carry from month to month."""
        cal = self.calibration
        n_regions = len(self.world.regions)
        self.routes = RouteNetwork(self.world, cal.route_sensitivity, cal.crossing_congestion)
        self.region_violence = np.ones(n_regions)  # R8: conflict multiplier from new routes
        self.instability = np.zeros(n_regions)  # R4: host-region instability after a removal
        self.region_homicides = np.zeros(n_regions)
        self.closed_crossings: dict[int, int] = {}  # R8: crossing index -> months left
        self.custody: list[np.ndarray] = []  # R2: unconvicted arrestees awaiting release
        self.hostility = 0.0  # R10: cartel hostility towards US citizens
        self.incidents_this_month = 0.0
        self.civilians_by_region = np.zeros(n_regions)
        self.triggers = [TriggerState(t) for t in self.spec.policy.triggers]
        self.operations = sorted(self.spec.policy.operations, key=lambda op: op.month)
        majors = [c for c in self.cartels if c.kind != "local"]
        guns_per_member = sum(c.firepower for c in majors) / max(sum(c.members for c in majors), 1)
        for c in self.cartels:
            if c.kind == "local":
                c.firepower = c.members * guns_per_member
                c.cash_usd = 6 * c.members * cal.wage_usd_per_member_month
            c.firepower_ref = guns_per_member
        self.supply_ref = cal.fentanyl_kg_per_month * (1 - cal.border_seizure_base)
        self.route_load_ref = self.routes.flows(
            np.zeros(n_regions), np.zeros(len(self.world.crossings))
        )[1]
        self.courts = next((b for b in self.bodies.values() if b.can("prosecute")), None)
        self.sq = dict(STATUS_QUO)

    def _init_references(self) -> None:
        """Record the starting values the rules measure change against (status quo = 1)."""
        n = len(self.cartels)
        self.raid_arrests = np.zeros(n)
        self.drug_revenue = np.zeros(n)
        self.deaths_by_pair = np.zeros((n, n))
        self.succession_deaths = np.zeros(n)
        self.conviction_rate = self.calibration.conviction_base
        self.supply_ref_by_region = np.array(
            [max(c.recruit_supply, 1e-9) for c in self.communities]
        )
        self.tips_ref = float(np.mean([c.tips for c in self.communities]))
        self.extortion_by_region = np.array([c.extortion for c in self.communities])
        self.cash_factor_ref = np.array([self._cash_factor(c) for c in self.cartels])
        territory = np.array([c.territory for c in self.cartels])
        weights = territory / np.maximum(territory.sum(axis=1, keepdims=True), 1e-9)
        members = np.array([c.members for c in self.cartels])
        density = (weights.T @ members) / (self.population / 1e5)
        self.density_ref = float(np.average(density, weights=self.population))
        self.region_homicides_ref = self._reference_homicides()
        self.deployment = self.sq["national_guard_deployment"]  # R19: forces on the ground
        self.control = self._classify_regions()

    # ------------------------------------------------------------------ stepping
    def _reset_flows(self) -> None:
        self.flows = {mid: 0.0 for mid, m in METRICS.items() if m.kind is Kind.FLOW}

    def step(self) -> None:
        """Advance one month: policy, operations, cooperation, guns, drugs, money, workforce, people."""
        self.month += 1
        self._reset_flows()
        self.incidents_this_month = 0.0
        self.civilians_by_region[:] = 0.0
        self.apply_policy()
        self.scheduled_operations()
        self.unilateral_strikes()
        self.mexican_operations()
        self.financial_operations()
        self.cooperation()
        self.guns()
        self.drugs()
        self.money()
        self.workforce()
        self.succession()
        self.homicides()
        self.communities_update()
        self.territory()
        self.costs()
        self.datacollector.collect(self)

    # ------------------------------------------------------------------ R16, R17: policy
    def apply_policy(self) -> None:
        """R16 phases and annual reviews, then R17 triggers on last month's metrics."""
        phase = self.timeline.starting_at(self.month)
        if phase is not None:
            self._set_levers(phase.levers.set_values(), "R16", f"{phase.name} begins")
        current = self.timeline.phase_at(self.month)
        if current is not None and current.annual_review:
            since = self.month - current.start
            if since > 0 and since % 12 == 0 and self.month > 24:
                self._review()
        if self.month == 1:
            return
        history = self.datacollector.model_vars
        for state in self.triggers:
            value = history[state.trigger.when.metric][-1]
            levers = state.check(self.month, value)
            if levers:
                w = state.trigger.when
                self._set_levers(
                    levers,
                    "R17",
                    f"trigger '{state.trigger.name}': {w.metric} {value:.3g} {w.op} {w.value} for {w.for_months} months",
                )

    def _review(self) -> None:
        """R16: annual review in Phase 4, and Mexican forces gain autonomy."""
        hist = self.datacollector.model_vars
        last, before = sum(hist["homicides"][-12:]), sum(hist["homicides"][-24:-12])
        changes = annual_review(
            self.levers,
            homicides_change=last / max(before, 1) - 1,
            cartel_share_change=hist["territory_cartel_share"][-1]
            - hist["territory_cartel_share"][-13],
            integrity=hist["integrity"][-1],
        )
        for body in self.bodies.values():
            if body.government == "MX":  # seed 000: US support shifts from tactical to strategic
                body.capacity = min(1.0, body.capacity + 0.05)
                body.intel_quality = min(1.0, body.intel_quality + 0.05)
        self._set_levers(
            changes, "R16", f"annual review: homicides {last:,.0f} vs {before:,.0f} a year before"
        )

    def _set_levers(self, levers: dict[str, Any], rule: str, why: str) -> None:
        changes = {k: v for k, v in levers.items() if self.levers.get(k) != v}
        self.levers.update(changes)
        summary = ", ".join(f"{k}={_fmt(v)}" for k, v in changes.items()) or "no lever changes"
        self.events.add(self.month, rule, "policy", "", f"{why}: {summary}")

    # ------------------------------------------------------------------ helpers
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
        """R9/R11/R12: Mexican intelligence: own quality, boosted by shared US intelligence and tips."""
        g = self._gate()
        boost = (
            1 + 0.6 * self.effective("fusion_cells") * g + 0.4 * self.effective("intel_sharing") * g
        )
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

    # ------------------------------------------------------------------ operations
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
                self.raid_arrests[self.cartels.index(target)] += cal.arrests_per_raid
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

    # ------------------------------------------------------------------ R9
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

    # ------------------------------------------------------------------ R7
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

    # ------------------------------------------------------------------ R8, R15, R18
    def _drug_trade_share(self) -> np.ndarray:
        """Share of the drug trade each group controls: members x presence on production and route regions."""
        prod = np.array([self.world.production.get(r, 0.0) for r in self.world.regions])
        corridor = prod + 0.5 * self.route_load_ref
        w = np.array([c.members * (c.territory @ corridor) for c in self.cartels])
        return w / max(w.sum(), 1e-9)

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
        upstream = 1 - cal.upstream_effect * max(
            0.0, lv["regional_cooperation"] - sq["regional_cooperation"]
        )
        produced = cal.fentanyl_kg_per_month * float(share @ capacity) * upstream
        reaching = produced * float(by_crossing @ (1 - np.clip(seizure, 0, 1)))
        self.flows["fentanyl_to_us_kg"] = reaching
        self.drug_revenue = (
            reaching
            * cal.revenue_usd_per_kg
            * share
            * capacity
            / max(float(share @ capacity), 1e-9)
        )
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

    # ------------------------------------------------------------------ R6
    def _cash_factor(self, c: Cartel) -> float:
        """R6: a cartel short of cash recruits and buys less ('hitmen without pay', seed 000)."""
        need = 6 * max(c.members, 1) * self.calibration.wage_usd_per_member_month
        return 0.4 + 0.6 * min(1.0, c.cash_usd / need)

    def money(self) -> None:
        """R6: drug revenue and extortion in; wages and bribes out."""
        cal = self.calibration
        # R6: anti-money-laundering takes a share of what cartels try to launder.
        laundering_loss = 0.5 * self.effective("financial_ops") * (0.5 + 0.5 * self._gate())
        for i, c in enumerate(self.cartels):
            extortion = (
                c.members
                * cal.extortion_usd_per_member_month
                * float(c.territory @ self.extortion_by_region / max(c.territory.sum(), 1e-9))
            )
            revenue = (self.drug_revenue[i] + extortion) * (1 - laundering_loss)
            bribes = revenue * cal.bribe_share * c.corruption_reach
            wages = c.members * cal.wage_usd_per_member_month
            c.cash_usd = max(0.0, c.cash_usd + revenue - bribes - wages)

    # ------------------------------------------------------------------ R1, R2
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
        cash = np.array([self._cash_factor(c) for c in self.cartels]) / self.cash_factor_ref
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
        raid = np.minimum(self.raid_arrests, new)
        new -= raid
        arrested = flows.arrests + raid
        # R7: members who are arrested, killed or leave take their guns out of the arsenal.
        gone = (arrested + flows.deaths + flows.exits) / np.maximum(members + flows.recruits, 1e-9)
        for cartel, share in zip(self.cartels, np.clip(gone, 0.0, 1.0), strict=True):
            cartel.firepower *= 1 - share
        convicted = arrested * conviction
        self.custody.append(arrested - convicted)
        released = (
            self.custody.pop(0)
            if len(self.custody) > cal.release_lag_months
            else np.zeros(len(new))
        )
        new += released  # R2: the unconvicted return (custody is padded when a cartel splits)
        self.raid_arrests = np.zeros(len(self.cartels))
        for cartel, m in zip(self.cartels, new, strict=True):
            was_active = cartel.active
            cartel.members = max(m, 0.0)
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

    # ------------------------------------------------------------------ R4
    def succession(self) -> None:
        """R4: destabilised cartels kill from within, may split into rival factions, then settle."""
        cal = self.calibration
        self.succession_deaths = np.zeros(len(self.cartels))
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
                self.succession_deaths[i] = deaths
                if (
                    c.cohesion < cal.split_threshold
                    and c.members > 500
                    and self.rng.random() < cal.split_probability
                ):
                    self._split(c)
                c.cohesion += cal.cohesion_recovery * (c.cohesion_ref - c.cohesion)
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
        self.raid_arrests = np.append(self.raid_arrests, 0.0)
        self.deaths_by_pair = np.pad(self.deaths_by_pair, ((0, 1), (0, 1)))
        self.succession_deaths = np.append(self.succession_deaths, 0.0)
        self.custody = [np.append(x, 0.0) for x in self.custody]
        self.drug_revenue = np.append(self.drug_revenue, 0.0)
        self.cash_factor_ref = np.append(self.cash_factor_ref, self.cash_factor_ref[i])
        self.events.add(
            self.month,
            "R4",
            parent.code,
            self.world.regions[parent.home],
            f"{parent.name} split into 2 factions (cohesion {before:.2f}); {faction.name} takes {faction.members:,.0f} members",
        )

    # ------------------------------------------------------------------ R3
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

    # ------------------------------------------------------------------ R12, R13, R14
    def communities_update(self) -> None:
        """R12 fear and legitimacy, R13 integrity, R14 opportunity, region by region."""
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
            com.grievance_shock *= (
                0.95  # assumption: grievance from a strike fades over about 1.5 years
            )

    # ------------------------------------------------------------------ R19
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

    def costs(self) -> None:
        """Programme cost: aid and investment at face value, levers at their annual cost, operations."""
        cal, lv = self.calibration, self.levers
        yearly = lv["us_aid_usd_per_year"] + lv["investment_usd_per_year"]
        yearly += sum(cost * lv[k] for k, cost in cal.lever_cost_usd_per_year.items())
        ops = (
            lv["unilateral_strikes_per_month"] * cal.cost_per_strike_usd
            + lv["precision_raids_per_month"] * cal.cost_per_raid_usd
        )
        self.flows["program_cost_usd"] = yearly / 12 + ops

    # ------------------------------------------------------------------ measuring
    def metric(self, metric_id: str) -> float:
        """Return the current value of a registry metric (flows: this month's total)."""
        if metric_id == "homicide_rate":
            return self.flows["homicides"] * 12 / self.population.sum() * 1e5
        if metric_id in self.flows:
            return self.flows[metric_id]
        return self._level(metric_id)

    def _level(self, metric_id: str) -> float:
        match metric_id:
            case "cartel_members":
                return float(sum(c.members for c in self.cartels))
            case "active_groups":
                return float(sum(c.active for c in self.cartels))
            case "cartel_cash_usd":
                return float(sum(c.cash_usd for c in self.cartels))
            case "legitimacy" | "fear" | "integrity":
                return float(
                    np.dot([getattr(c, metric_id) for c in self.communities], self.weights)
                )
            case "cooperation":
                return self._gate()
            case "territory_cartel_share":
                return float(np.mean(self.control == 1))
            case "territory_contested_share":
                return float(np.mean(self.control == 0))
        raise KeyError(metric_id)


def _fmt(v: Any) -> str:
    return f"{v:.3g}" if isinstance(v, float) else str(v)


def _reporter(metric_id: str):
    """Return a DataCollector reporter reading one metric."""
    return lambda model: model.metric(metric_id)
