"""CartelModel: builds the state from a scenario, runs the rules month by month, measures.

The model's state is declared once in :mod:`simulator.state` (per-cartel arrays,
per-region arrays, scalars); each rule is a function in :mod:`simulator.rules`, in a
module named by its id, that reads and writes that state. :meth:`CartelModel.step`
lists the rules in the order they run. Mesa agents (:mod:`simulator.agents`) are the
identity and view layer over the state. All randomness is seeded from the scenario
(or an explicit seed), so a (scenario, seed) pair reproduces exactly: building the
world and the agents draws from ``self.rng``, and each rule draws from its own
stream (:func:`rule_streams`), so a mechanism switched off changes nothing else, not
even the random numbers the other rules see.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

import mesa
import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from simulator.agents import Cartel, Community, EnforcementBody, Government
from simulator.events import EventLog
from simulator.metrics import METRIC_IDS, METRICS, REGION_METRIC_IDS, Kind
from simulator.policy import PolicyTimeline, TriggerState
from simulator.rules import (
    costs,
    r01_workforce,
    r02_courts,
    r03_homicides,
    r04_succession,
    r05_gatekeepers,
    r06_money,
    r07_guns,
    r08_routes,
    r09_cooperation,
    r10_strikes,
    r11_raids,
    r12_communities,
    r15_overdoses,
    r16_phases,
    r17_triggers,
    r19_territory,
    r20_market,
    scheduled,
)
from simulator.rules.levers import cooperation_gate
from simulator.scenario.schema import STATUS_QUO, Scenario
from simulator.state import LOCAL, MAJOR, CartelState, ModelState, RegionState
from simulator.units import MONTHS_PER_YEAR, PER_100K
from simulator.world import World, build_world
from simulator.world.routes import RouteNetwork

Rule = Callable[[ModelState], None]

# One month, in order. Each entry is the rule (by id) that the function implements.
STEP: tuple[tuple[str, Rule], ...] = (
    ("R16", r16_phases.phases),
    ("R17", r17_triggers.triggers),
    ("R4/R5/R8", scheduled.scheduled_operations),
    ("R10", r10_strikes.unilateral_strikes),
    ("R11", r11_raids.mexican_operations),
    ("R5", r05_gatekeepers.broker_operations),
    ("R6", r06_money.financial_operations),
    ("R9", r09_cooperation.cooperation),
    ("R7", r07_guns.guns),
    ("R8/R18", r08_routes.traffic),
    ("R20", r20_market.market),
    ("R15", r15_overdoses.overdoses),
    ("R8", r08_routes.recover_capacity),
    ("R5", r05_gatekeepers.replace_gatekeepers),
    ("R6", r06_money.money),
    ("R1/R2", r01_workforce.workforce),
    ("R4", r04_succession.succession),
    ("R3", r03_homicides.homicides),
    ("R12-R14", r12_communities.communities),
    ("R19", r19_territory.territory),
    ("costs", costs.programme_cost),
)


def rule_streams(seed: int) -> list[np.random.Generator]:
    """One random stream per entry of ``STEP``, keyed by the rule function's name.

    A rule's draws never shift another rule's: setting a mechanism's coefficient to 0
    removes its effect entirely (issue 11), and adding a rule leaves the others'
    streams as they were.
    """
    return [
        np.random.default_rng(
            np.random.SeedSequence(seed, spawn_key=(zlib.crc32(_key(apply).encode()),))
        )
        for _rule, apply in STEP
    ]


def _key(apply: Rule) -> str:
    return f"{apply.__module__}.{apply.__qualname__}"


@cache
def pin_blas_to_one_thread() -> None:
    """Use one BLAS thread in this process (once).

    The model's matrices are small: BLAS threads only contend with each other and,
    in a process pool (``mesa.batch_run``, sweeps), with the other workers (about
    2.5-3.6x slower on 2 cores).
    """
    threadpool_limits(limits=1, user_api="blas")


def build_scenario_world(scenario: Scenario) -> World:
    """The region graph a scenario asks for (built once per process and shared: never mutated)."""
    w = scenario.world
    return _world(w.kind, w.regions, w.cartels, w.crossings, w.seed)


@lru_cache(maxsize=8)
def _world(kind: str, regions: int, cartels: int, crossings: int, seed: int) -> World:
    if kind == "synthetic":
        return build_world(
            "synthetic", n_regions=regions, n_cartels=cartels, n_crossings=crossings, seed=seed
        )
    return build_world(kind)


class CartelModel(mesa.Model):
    """The CartelSim model: governments, cartels, enforcement bodies and communities on a region graph."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int | None = None,
        world: World | None = None,
        record_regions: bool = True,
    ) -> None:
        """Build the model.

        Args:
            scenario: the validated scenario.
            seed: the seed (default: the scenario's).
            world: a prebuilt world (default: the one the scenario names).
            record_regions: keep the region metrics of every month (``region_history``);
                sweeps that need only national outputs turn it off.
        """
        pin_blas_to_one_thread()
        self.seed_used = scenario.seed if seed is None else seed
        super().__init__(rng=self.seed_used)
        self.spec = scenario
        self.world = world if world is not None else build_scenario_world(scenario)
        self.calibration = scenario.calibration
        self.events = EventLog()
        self.governments: dict[str, Government] = {
            g.id: Government(self, g) for g in scenario.governments
        }
        self.bodies = {
            b.id: EnforcementBody(self, b, self.calibration) for b in scenario.enforcement
        }
        self.datacollector = MetricCollector()
        self.state = self._build_state()
        self._streams = rule_streams(self.seed_used)
        self.record_regions = record_regions
        self.region_history: list[dict[str, np.ndarray]] = []
        self.cartels: list[Cartel] = []
        self.communities = [
            Community(self, self.state.regions, r, code)
            for r, code in enumerate(self.world.regions)
        ]
        self._sync_cartel_views()

    # ------------------------------------------------------------------ building
    def _build_state(self) -> ModelState:
        scenario, world, cal = self.spec, self.world, self.calibration
        regions = _region_state(scenario, world)
        cartels = self._cartel_state(regions.population)
        rivalry, alliance = _relations(scenario, world, cartels, cal.local_alliance_weight)
        timeline = PolicyTimeline(scenario.policy)
        s = ModelState(
            spec=scenario,
            calibration=cal,
            world=world,
            routes=RouteNetwork(world, cal.route_sensitivity, cal.crossing_congestion),
            rng=self.rng,
            events=self.events,
            timeline=timeline,
            governments=self.governments,
            bodies=self.bodies,
            status_quo=dict(STATUS_QUO),
            weights=regions.population / regions.population.sum(),
            courts=next((b for b in self.bodies.values() if b.can("prosecute")), None),
            history=self.datacollector.model_vars,
            cartels=cartels,
            regions=regions,
            levers=dict(timeline.initial),
            triggers=[TriggerState(t) for t in scenario.policy.triggers],
            operations=sorted(scenario.policy.operations, key=lambda op: op.month),
            rivalry=rivalry,
            alliance=alliance,
            conflict=np.zeros((0, 0)),
        )
        s.conflict = r04_succession.conflict(s)
        self._init_references(s)
        return s

    def _cartel_state(self, population: np.ndarray) -> CartelState:
        """The major cartels from the scenario, then the pool of local groups."""
        world, cal = self.world, self.calibration
        rows: list[dict[str, Any]] = []
        for spec in self.spec.cartels:
            # The loader has checked that the presence exists and names known regions.
            presence = (
                spec.territory if spec.territory is not None else world.cartel_presence[spec.id]
            )
            territory = np.zeros(len(world.regions))
            for code, strength in presence.items():
                territory[world.index(code)] = strength
            rows.append(
                dict(
                    code=spec.id,
                    name=spec.name or world.cartel_names.get(spec.id, spec.id),
                    kind=MAJOR,
                    members=float(spec.members),
                    cohesion=spec.cohesion,
                    cohesion_ref=spec.cohesion,
                    cash_usd=spec.cash_usd,
                    firepower=spec.firepower,
                    corruption_reach=spec.corruption_reach,
                    production=1.0,
                    throughput=1.0,
                    leaders=spec.leaders,
                    lieutenants=spec.lieutenants,
                    gatekeepers=spec.gatekeepers,
                    gatekeepers_ref=spec.gatekeepers,
                    territory=territory,
                )
            )
        rows += self._local_groups(len(rows), population)
        c = CartelState.from_rows(rows, len(world.regions))
        # R7: local groups arm like the majors; every group starts at the same guns per member.
        majors = ~c.is_local
        guns_per_member = sum(c.firepower[majors].tolist()) / max(
            sum(c.members[majors].tolist()), 1
        )
        local = c.is_local
        c.firepower[local] = c.members[local] * guns_per_member
        months = self.spec.local_groups.cash_months
        c.cash_usd[local] = months * c.members[local] * cal.wage_usd_per_member_month
        c.firepower_ref[:] = guns_per_member
        lag = cal.capture_lag_months
        c.pending_cohesion_loss = np.zeros((len(c), lag + 1))
        c.custody = np.zeros((len(c), 0))
        return c

    def _local_groups(self, n_majors: int, population: np.ndarray) -> list[dict[str, Any]]:
        """Spread the pool of local armed groups over regions by population, sizes by 1/rank.

        Prieto-Curiel et al. (2023) give cartel sizes a power law with exponent -1;
        local groups continue the ranks after the major cartels.
        """
        spec, n_regions = self.spec.local_groups, len(self.world.regions)
        if spec.count == 0:
            return []
        first_rank = n_majors + 1
        ranks = np.arange(first_rank, first_rank + spec.count)
        sizes = (1.0 / ranks) / (1.0 / ranks).sum() * spec.members
        homes = self.rng.choice(n_regions, size=spec.count, p=population / population.sum())
        rows = []
        for k, (size, home) in enumerate(zip(sizes, homes, strict=True)):
            territory = np.zeros(n_regions)
            territory[home] = spec.presence
            rows.append(
                dict(
                    code=f"LOCAL{k + 1:03d}",
                    name=f"Local group {k + 1} ({self.world.regions[home]})",
                    kind=LOCAL,
                    members=float(size),
                    cohesion=spec.cohesion,
                    cohesion_ref=spec.cohesion,
                    corruption_reach=spec.corruption_reach,
                    production=1.0,
                    throughput=1.0,
                    leaders=spec.leaders,
                    lieutenants=spec.lieutenants,
                    gatekeepers=spec.gatekeepers,
                    gatekeepers_ref=spec.gatekeepers,
                    territory=territory,
                )
            )
        return rows

    @staticmethod
    def _init_references(s: ModelState) -> None:
        """Record the starting values the rules measure change against (status quo = 1)."""
        cal, n = s.calibration, len(s.cartels)
        n_regions = len(s.world.regions)
        s.deaths_by_pair = np.zeros((n, n))
        s.succession_deaths = np.zeros(n)
        s.conviction_rate = cal.conviction_base
        s.supply_ref = cal.fentanyl_kg_per_month * (1 - cal.border_seizure_base)
        s.smart_border_in_force = s.status_quo["smart_border"]  # R8: what is built in 2026-01
        s.demand_reduction_in_force = s.status_quo["demand_reduction"]  # R20/R15
        s.market_price = cal.fentanyl_price_usd_per_kg  # R20: the status quo clears here
        s.market_demand = s.supply_ref
        s.route_load_ref = s.routes.flows(np.zeros(n_regions), np.zeros(len(s.world.crossings)))[1]
        s.regions.recruit_supply_ref = np.maximum(s.regions.recruit_supply, 1e-9)
        s.tips_ref = float(np.mean(s.regions.tips))
        s.cartels.cash_factor_ref = r06_money.cash_factor(s)
        density = r19_territory.cartel_density(s)
        s.density_ref = float(np.average(density, weights=s.regions.population))
        s.regions.homicides_ref = r03_homicides.reference_homicides(s)
        s.deployment = s.status_quo["national_guard_deployment"]
        s.legitimacy_ref = float(np.dot(s.regions.legitimacy, s.weights))
        s.integrity_ref = float(np.dot(s.regions.integrity, s.weights))
        s.judicial_ref = r02_courts.judicial_strength(s, s.status_quo["judicial_reform"])
        s.regions.control = r19_territory.classify_regions(s)

    def _sync_cartel_views(self) -> None:
        """One Cartel agent per slot: splits (R4) add slots, so add their agents."""
        for slot in range(len(self.cartels), len(self.state.cartels)):
            self.cartels.append(Cartel(self, self.state.cartels, slot))

    # ------------------------------------------------------------------ stepping
    @property
    def month(self) -> int:
        """Months simulated so far (0 before the first step)."""
        return self.state.month

    @property
    def levers(self) -> dict:
        """The lever values in force."""
        return self.state.levers

    def step(self) -> None:
        """Advance one month: the rules of ``STEP`` in order, then measure."""
        s = self.state
        s.month += 1
        s.flows = {mid: 0.0 for mid, m in METRICS.items() if m.kind is Kind.FLOW}
        s.incidents_this_month = 0.0
        s.regions.civilians[:] = 0.0
        for (_rule, apply), stream in zip(STEP, self._streams, strict=True):
            s.rng = stream
            apply(s)
        self._sync_cartel_views()
        self.datacollector.collect(self)
        if self.record_regions:
            self.region_history.append(self.region_values())

    # ------------------------------------------------------------------ measuring
    def metric(self, metric_id: str) -> float:
        """Return the current value of a registry metric (flows: this month's total)."""
        s = self.state
        derived = DERIVED_METRICS.get(metric_id)
        if derived is not None:
            return derived(s)
        if metric_id in s.flows:
            return s.flows[metric_id]
        raise KeyError(metric_id)

    def metric_values(self) -> list[float]:
        """Every registry metric now, in :data:`~simulator.metrics.METRIC_IDS` order."""
        s, flows, derived = self.state, self.state.flows, DERIVED_METRICS
        return [derived[m](s) if m in derived else flows[m] for m in METRIC_IDS]

    def region_values(self) -> dict[str, np.ndarray]:
        """The region metrics (:data:`simulator.metrics.REGION_METRICS`) now, one array each."""
        s = self.state
        reg, c = s.regions, s.cartels
        members_there = c.territory_weights() * c.members[c.territory.rows]
        strongest = c.territory.col_argmax(members_there)
        codes = np.array([*c.code, ""], dtype=object)[strongest]  # -1: nobody there
        return {
            "homicides": reg.homicides.copy(),
            "homicide_rate": reg.homicides * 12 / reg.population * 1e5,
            "control": reg.control.astype(float),
            "controlling_cartel": codes,
            "legitimacy": reg.legitimacy.copy(),
            "fear": reg.fear.copy(),
            "integrity": reg.integrity.copy(),
        }

    def region_timeseries(self) -> pd.DataFrame:
        """Every recorded month's region metrics, long: month, region, one column per metric."""
        regions = self.world.regions
        months = len(self.region_history)
        frame = pd.DataFrame(
            {
                "month": np.repeat(np.arange(1, months + 1), len(regions)),
                "region": np.tile(np.array(regions, dtype=object), months),
            }
        )
        for mid in REGION_METRIC_IDS:
            values = [h[mid] for h in self.region_history]
            frame[mid] = np.concatenate(values) if values else np.zeros(0)
        return frame

    def region_frame(self) -> pd.DataFrame:
        """The region metrics now: one row per region (index: region code), a column each."""
        values = self.region_values()
        frame = pd.DataFrame({mid: values[mid] for mid in REGION_METRIC_IDS})
        frame.index = pd.Index(self.world.regions, name="region")
        return frame


def _region_state(scenario: Scenario, world: World) -> RegionState:
    """Per-region arrays from the scenario's community defaults and per-region overrides."""
    base = scenario.communities.defaults
    overrides = scenario.communities.overrides

    def column(name: str) -> np.ndarray:
        """One condition in every region: the region's override where given, else the default."""
        default = getattr(base, name)
        values = []
        for code in world.regions:
            patch = overrides.get(code)
            value = None if patch is None else getattr(patch, name)
            values.append(default if value is None else value)
        return np.array(values, dtype=float)

    n = len(world.regions)
    return RegionState(
        population=np.array([world.population[r] for r in world.regions], dtype=float),
        opportunity=column("opportunity"),
        fear=column("fear"),
        legitimacy=column("legitimacy"),
        youth_at_risk=column("youth_at_risk"),
        extortion=column("extortion"),
        integrity=column("integrity"),
        initial_opportunity=column("opportunity"),
        initial_fear=column("fear"),
        initial_legitimacy=column("legitimacy"),
        initial_integrity=column("integrity"),
        initial_extortion=column("extortion"),
        grievance_shock=np.zeros(n),
        violence=np.ones(n),
        instability=np.zeros(n),
        homicides=np.zeros(n),
        cartel_homicides=np.zeros(n),
        civilians=np.zeros(n),
        control=np.zeros(n, dtype=np.int64),
        homicides_ref=np.zeros(n),
        recruit_supply_ref=np.ones(n),
    )


def _relations(
    scenario: Scenario, world: World, cartels: CartelState, local_alliance_weight: float
) -> tuple[np.ndarray, np.ndarray]:
    """Rivalry and alliance matrices between all groups (R1), local groups tied to a major."""
    pos = {cid: i for i, cid in enumerate(cartels.code)}
    n = len(cartels)
    rivalry, alliance = np.zeros((n, n)), np.zeros((n, n))
    for relations, world_pairs, matrix in (
        (scenario.rivalries, world.rivalries, rivalry),
        (scenario.alliances, world.alliances, alliance),
    ):
        pairs = (
            [(r.between, r.weight) for r in relations]
            if relations is not None
            else list(world_pairs.items())
        )
        for (a, b), weight in pairs:
            if a in pos and b in pos:
                i, j = pos[a], pos[b]
                matrix[i, j] = matrix[j, i] = max(matrix[i, j], weight)
    _ally_local_groups(cartels, alliance, local_alliance_weight)
    return rivalry, alliance


def _ally_local_groups(cartels: CartelState, alliance: np.ndarray, weight: float) -> None:
    """Tie each local group to the strongest major cartel in its home region.

    Most local groups work as cells or franchises of a major cartel, so, as in
    Prieto-Curiel et al.'s network, the large cartels carry many alliances, which
    lowers their conflict exposure in R1. The weight is a calibration assumption
    (``local_alliance_weight``).
    """
    local = cartels.is_local
    majors = np.flatnonzero(~local)
    if weight <= 0 or not len(majors):
        return
    locals_ = np.flatnonzero(local)
    strength = cartels.territory.toarray()[np.ix_(majors, cartels.home[locals_])]  # [major, local]
    if not strength.size:
        return
    strongest = majors[np.argmax(strength, axis=0)]  # at each local group's home
    allied = strength.max(axis=0) > 0
    alliance[locals_[allied], strongest[allied]] = weight
    alliance[strongest[allied], locals_[allied]] = weight


def _reporter(metric_id: str) -> Callable[[CartelModel], float]:
    """Return a DataCollector reporter reading one metric."""
    return lambda model: model.metric(metric_id)


def _homicide_rate(s: ModelState) -> float:
    return s.flows["homicides"] * MONTHS_PER_YEAR / s.regions.population.sum() * PER_100K


def _weighted(name: str) -> Callable[[ModelState], float]:
    return lambda s: float(np.dot(getattr(s.regions, name), s.weights))


def _us_pressure(s: ModelState) -> float:
    us = s.governments.get("US")
    return us.pressure if us else 1.0


# The registry's metrics read from the state rather than summed by the rules as they act
# (``state.flows``): the levels, and the homicide rate. One place for each.
DERIVED_METRICS: dict[str, Callable[[ModelState], float]] = {
    "homicide_rate": _homicide_rate,
    "cartel_members": lambda s: float(sum(s.cartels.members.tolist())),
    "active_groups": lambda s: float(np.count_nonzero(s.cartels.active)),
    "cartel_cash_usd": lambda s: float(sum(s.cartels.cash_usd.tolist())),
    "fentanyl_price_usd_per_kg": lambda s: s.market_price,
    "replacement_supply_kg": lambda s: s.replacement_supply,
    "legitimacy": _weighted("legitimacy"),
    "fear": _weighted("fear"),
    "integrity": _weighted("integrity"),
    "cooperation": cooperation_gate,
    "us_pressure": _us_pressure,
    "territory_cartel_share": lambda s: float(np.mean(s.regions.control == 1)),
    "territory_contested_share": lambda s: float(np.mean(s.regions.control == 0)),
}


class MetricCollector(mesa.DataCollector):
    """Mesa's DataCollector over every registry metric, reading them in one pass.

    The same ``model_vars`` columns and DataFrames as a DataCollector with one reporter
    per metric; its ``collect`` deep-copies each reporter's value, and the metrics
    are floats, so this one appends them as they are (about a tenth of a month's
    cost before).
    """

    def __init__(self) -> None:
        super().__init__(model_reporters={mid: _reporter(mid) for mid in METRIC_IDS})

    def collect(self, model: CartelModel) -> None:
        """Append this month's value of every metric (and Mesa's time)."""
        if hasattr(self, "_collection_steps"):  # Mesa's record of when it collected
            self._collection_steps.append(model.time)
        for column, value in zip(
            (self.model_vars[m] for m in METRIC_IDS), model.metric_values(), strict=True
        ):
            column.append(value)
