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
from simulator.agents.cartel import conflict_matrix
from simulator.events import EventLog
from simulator.metrics import METRIC_IDS, METRICS, Kind
from simulator.policy import PolicyTimeline, TriggerState, annual_review
from simulator.rules import EconomyRules, OperationRules, SocietyRules, ViolenceRules
from simulator.scenario.errors import ScenarioError
from simulator.scenario.loader import problem_at
from simulator.scenario.schema import STATUS_QUO, Scenario
from simulator.world import World, build_world
from simulator.world.routes import RouteNetwork


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


class CartelModel(ViolenceRules, OperationRules, EconomyRules, SocietyRules, mesa.Model):
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
        self.deaths_by_pair = np.zeros((n, n))
        self.succession_deaths = np.zeros(n)
        self.conviction_rate = self.calibration.conviction_base
        self.supply_ref_by_region = np.array(
            [max(c.recruit_supply, 1e-9) for c in self.communities]
        )
        self.tips_ref = float(np.mean([c.tips for c in self.communities]))
        for c in self.cartels:
            c.cash_factor_ref = self._cash_factor(c)
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
