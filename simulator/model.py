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
from simulator.agents.cartel import conflict_matrix, workforce_step
from simulator.events import EventLog
from simulator.metrics import METRIC_IDS, METRICS, Kind
from simulator.policy import PolicyTimeline
from simulator.scenario.errors import ScenarioError
from simulator.scenario.loader import problem_at
from simulator.scenario.schema import Scenario
from simulator.world import World, build_world


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
        self.conflict = conflict_matrix(self.rivalry, self.alliance)

    # ------------------------------------------------------------------ stepping
    def _reset_flows(self) -> None:
        self.flows = {mid: 0.0 for mid, m in METRICS.items() if m.kind is Kind.FLOW}

    def step(self) -> None:
        """Advance one month: policy, then the rules in order, then measure."""
        self.month += 1
        self._reset_flows()
        self.apply_policy()
        self.workforce()
        self.datacollector.collect(self)

    def apply_policy(self) -> None:
        """R16: set the levers of a phase that begins this month; unset levers carry over."""
        phase = self.timeline.starting_at(self.month)
        if phase is None:
            return
        changes = {k: v for k, v in phase.levers.set_values().items() if self.levers.get(k) != v}
        self.levers.update(changes)
        summary = ", ".join(f"{k}={v}" for k, v in changes.items()) or "no lever changes"
        self.events.add(self.month, "R16", "policy", "", f"{phase.name} begins: {summary}")

    def workforce(self) -> None:
        """R1: recruitment, incapacitation, conflict deaths and saturation for every group."""
        cal = self.calibration
        members = np.array([c.members for c in self.cartels])
        new, flows = workforce_step(
            members,
            self.conflict,
            rho=cal.rho,
            eta=cal.eta,
            theta=cal.theta,
            omega=cal.omega,
            substeps=cal.substeps_per_month,
        )
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
        self.flows["arrests"] += flows.arrests.sum()
        self.flows["cartel_deaths"] += flows.deaths.sum()

    # ------------------------------------------------------------------ measuring
    def metric(self, metric_id: str) -> float:
        """Return the current value of a registry metric (flows: this month's total)."""
        if metric_id in self.flows:
            if metric_id == "homicide_rate":
                return self.flows["homicides"] * 12 / self.population.sum() * 1e5
            return self.flows[metric_id]
        return self._level(metric_id)

    def _level(self, metric_id: str) -> float:
        weights = self.population / self.population.sum()
        match metric_id:
            case "cartel_members":
                return float(sum(c.members for c in self.cartels))
            case "active_groups":
                return float(sum(c.active for c in self.cartels))
            case "cartel_cash_usd":
                return float(sum(c.cash_usd for c in self.cartels))
            case "legitimacy" | "fear":
                return float(
                    sum(
                        getattr(c, metric_id) * w
                        for c, w in zip(self.communities, weights, strict=True)
                    )
                )
            case "integrity":
                mx = [b.integrity for b in self.bodies.values() if b.government == "MX"]
                return float(np.mean(mx)) if mx else 0.0
            case "cooperation":
                mx = self.governments.get("MX")
                return mx.cooperation if mx else 0.0
            case "territory_cartel_share" | "territory_contested_share":
                return 0.0  # R19 arrives with the territory rule
        raise KeyError(metric_id)


def _reporter(metric_id: str):
    """Return a DataCollector reporter reading one metric."""
    return lambda model: model.metric(metric_id)
