"""The model's state, declared once: per-cartel arrays, per-region arrays and scalars.

Every rule in :mod:`simulator.rules` reads and writes these containers and nothing
else, so a rule's inputs and outputs are visible in its signature and here. Mesa
agents (:mod:`simulator.agents`) are the identity and view layer over them: e.g.
``cartel.members`` reads ``state.cartels.members[cartel.slot]``.

Slot ``i`` of every :class:`CartelState` array is the same group; a split appends a
slot (:meth:`CartelState.append`). Index ``r`` of every :class:`RegionState` array is
region ``world.regions[r]``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from simulator.agents import EnforcementBody, Government
    from simulator.events import EventLog
    from simulator.policy import PolicyTimeline, TriggerState
    from simulator.scenario.schema import Calibration, Operation, Scenario
    from simulator.world import World
    from simulator.world.routes import RouteNetwork

# Kinds of armed group, as stored in ``CartelState.kind``.
MAJOR, LOCAL, FACTION = "major", "local", "faction"


def _floats(n: int = 0) -> np.ndarray:
    return np.zeros(n)


def _ints(n: int = 0) -> np.ndarray:
    return np.zeros(n, dtype=np.int64)


@dataclass
class CartelState:
    """One slot per cartel, faction or local group (R1, R4-R7, R10, R11)."""

    code: list[str] = field(default_factory=list)
    name: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)  # MAJOR, LOCAL or FACTION
    parent: list[str | None] = field(default_factory=list)  # a faction's parent code
    is_local: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))  # kind == LOCAL
    members: np.ndarray = field(default_factory=_floats)  # R1: people
    cohesion: np.ndarray = field(default_factory=_floats)  # R4: 0..1
    cohesion_ref: np.ndarray = field(default_factory=_floats)  # R4: level cohesion recovers to
    cash_usd: np.ndarray = field(default_factory=_floats)  # R6: USD
    firepower: np.ndarray = field(default_factory=_floats)  # R7: guns
    firepower_ref: np.ndarray = field(default_factory=_floats)  # R7: guns per member at start
    corruption_reach: np.ndarray = field(default_factory=_floats)  # R13: 0..1
    production: np.ndarray = field(
        default_factory=_floats
    )  # R10/R11 labs, R4 leadership: capacity 0..1
    throughput: np.ndarray = field(
        default_factory=_floats
    )  # R5 brokers, R4 leadership: routes 0..1
    pending_arrests: np.ndarray = field(default_factory=_floats)  # R11: raid arrests this month
    drug_revenue: np.ndarray = field(default_factory=_floats)  # R20 -> R6: USD this month
    delivered_kg: np.ndarray = field(
        default_factory=_floats
    )  # R8 -> R20: kg/month past the border at the reference price
    cash_factor_ref: np.ndarray = field(default_factory=_floats)  # R6: cash factor at start
    leaders: np.ndarray = field(default_factory=_ints)  # R4
    lieutenants: np.ndarray = field(default_factory=_ints)  # R4
    gatekeepers: np.ndarray = field(default_factory=_ints)  # R5: corridor brokers
    gatekeepers_ref: np.ndarray = field(default_factory=_ints)  # R5: brokers the network needs
    shock_region: np.ndarray = field(default_factory=_ints)  # R4: region of the last removal
    disruption: np.ndarray = field(default_factory=_floats)  # R4: leadership disruption 0..1
    territory: Territory = field(default_factory=lambda: Territory(0))  # [slot, region] 0..1
    # R2: unconvicted arrestees by month of arrest, oldest first: [slot, month in custody].
    custody: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    # R4: a capture's cohesion loss still to come, month by month: [slot, months ahead].
    pending_cohesion_loss: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))

    def __len__(self) -> int:
        return len(self.code)

    @classmethod
    def from_rows(cls, rows: list[dict[str, Any]], n_regions: int) -> CartelState:
        """Build the arrays from one dict of values per slot (missing values are zero)."""
        state = cls(territory=Territory(n_regions))
        for f in fields(cls):
            current = getattr(state, f.name)
            if f.name == "is_local":
                setattr(state, f.name, np.array([r.get("kind") == LOCAL for r in rows], dtype=bool))
            elif isinstance(current, list):
                setattr(state, f.name, [r.get(f.name) for r in rows])
            elif isinstance(current, Territory):
                current.extend([np.asarray(r["territory"], dtype=float) for r in rows])
            elif current.ndim == 1:
                values = [r.get(f.name, 0) for r in rows]
                setattr(state, f.name, np.array(values, dtype=current.dtype))
            else:
                setattr(state, f.name, np.zeros((len(rows), 0)))
        return state

    def append(self, **values: Any) -> int:
        """Add one slot with the given values (zero for the rest); return its index."""
        values["is_local"] = values.get("kind") == LOCAL
        for f in fields(self):
            current = getattr(self, f.name)
            value = values.get(f.name)
            if isinstance(current, list):
                current.append(value)
                continue
            if isinstance(current, Territory):
                current.append_row(np.asarray(value, dtype=float))
                continue
            if current.ndim == 2:
                row = np.zeros((1, current.shape[1])) if value is None else np.asarray(value)[None]
                setattr(self, f.name, np.concatenate([current, row]))
            else:
                new = np.append(current, 0 if value is None else value).astype(current.dtype)
                setattr(self, f.name, new)
        return len(self) - 1

    @property
    def active(self) -> np.ndarray:
        """A group is active while it has at least one member."""
        return self.members >= 1.0

    @property
    def home(self) -> np.ndarray:
        """Index of the region where each group is strongest (the first such, 0 if none)."""
        return self.territory.row_argmax()

    def territory_weights(self) -> np.ndarray:
        """Each group's presence as shares of its own total, per stored entry of ``territory``."""
        t = self.territory
        return t.data / np.maximum(t.row_sums(), 1e-9)[t.rows]


@dataclass(frozen=True)
class CoPresence:
    """Every ordered pair of territory entries (a, b) in the same region, and their groups.

    ``group_pair`` lists the pairs of groups (i, j) that meet somewhere, as flat indices
    ``i * n_groups + j`` of a [group, group] matrix, sorted; ``which[k]`` is the group
    pair of entry pair k, so sums over a group pair's regions are one ``bincount``.
    """

    a: np.ndarray  # entry of group i
    b: np.ndarray  # entry of group j, in the same region
    region: np.ndarray  # that region
    group_pair: np.ndarray
    which: np.ndarray


class Territory:
    """Each group's presence (0..1) in each region, stored sparsely as (row, col, value) entries.

    A group is present in few regions (a local group in one), so every product with
    territory costs the number of entries, not groups x regions: this is what lets a
    world of 2,469 municipalities run about as fast as Mexico's 32 states. Entries are
    ordered by row, then column; a present region stays present (R19 drift keeps it
    above 0), so the pattern changes only when a split appends a row.
    """

    def __init__(self, n_regions: int) -> None:
        self.n_regions = n_regions
        self.n_rows = 0
        self.rows = np.zeros(0, dtype=np.int64)
        self.cols = np.zeros(0, dtype=np.int64)
        self.data = np.zeros(0)
        self._co_presence: CoPresence | None = None
        self._starts: list[int] | None = None
        self._by_region: _ByRegion | None = None

    def append_row(self, presence: np.ndarray) -> None:
        """Add a group with ``presence`` (dense, one value per region)."""
        self.extend([presence])

    def extend(self, presences: list[np.ndarray]) -> None:
        """Add groups, each with its presence (dense, one value per region)."""
        dense = np.array(presences, dtype=float).reshape(len(presences), self.n_regions)
        rows, cols = np.nonzero(dense)  # row by row, columns in order
        self.rows = np.concatenate([self.rows, rows + self.n_rows]).astype(np.int64)
        self.cols = np.concatenate([self.cols, cols]).astype(np.int64)
        self.data = np.concatenate([self.data, dense[rows, cols]])
        self.n_rows += len(presences)
        self._co_presence = self._by_region = self._starts = None

    def _span(self, i: int) -> slice:
        if self._starts is None:  # entry offsets of each row, fixed per pattern
            self._starts = np.searchsorted(self.rows, np.arange(self.n_rows + 1)).tolist()
        return slice(self._starts[i], self._starts[i + 1])

    def entries(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Group ``i``'s regions (in order) and its presence there: its row without the zeros."""
        span = self._span(i)
        return self.cols[span], self.data[span]

    def row(self, i: int) -> np.ndarray:
        """Group ``i``'s presence in every region (dense)."""
        out = np.zeros(self.n_regions)
        span = self._span(i)
        out[self.cols[span]] = self.data[span]
        return out

    def set_row(self, i: int, presence: np.ndarray) -> None:
        """Change group ``i``'s presence in the regions it holds (dense input)."""
        span = self._span(i)
        self.data[span] = presence[self.cols[span]]

    def toarray(self) -> np.ndarray:
        """The dense [group, region] matrix."""
        out = np.zeros((self.n_rows, self.n_regions))
        out[self.rows, self.cols] = self.data
        return out

    def row_sums(self, data: np.ndarray | None = None) -> np.ndarray:
        """Per group: the sum of its entries (of ``data`` if given, one value per entry)."""
        return np.bincount(self.rows, self.data if data is None else data, minlength=self.n_rows)

    def col_sums(self, data: np.ndarray | None = None) -> np.ndarray:
        """Per region: the sum of the entries there."""
        return np.bincount(self.cols, self.data if data is None else data, minlength=self.n_regions)

    def dot(self, by_region: np.ndarray, data: np.ndarray | None = None) -> np.ndarray:
        """Per group: sum over regions of entry x ``by_region`` (the product T @ x)."""
        d = self.data if data is None else data
        return np.bincount(self.rows, d * by_region[self.cols], minlength=self.n_rows)

    def spread(self, by_group: np.ndarray, data: np.ndarray | None = None) -> np.ndarray:
        """Per region: sum over groups of entry x ``by_group`` (the product T.T @ y)."""
        d = self.data if data is None else data
        return np.bincount(self.cols, d * by_group[self.rows], minlength=self.n_regions)

    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """Every ordered pair of entries (a, b) in the same region, as two index arrays."""
        co = self.co_presence()
        return co.a, co.b

    def co_presence(self) -> CoPresence:
        """Which groups share which regions: fixed per pattern, so built once per pattern."""
        if self._co_presence is None:
            order = np.argsort(self.cols, kind="stable")
            counts = np.bincount(self.cols, minlength=self.n_regions)
            starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
            a_parts, b_parts = [], []
            for r in np.flatnonzero(counts):
                members = order[starts[r] : starts[r] + counts[r]]
                a_parts.append(np.repeat(members, len(members)))
                b_parts.append(np.tile(members, len(members)))
            empty = np.zeros(0, dtype=np.int64)
            a = np.concatenate(a_parts) if a_parts else empty
            b = np.concatenate(b_parts) if b_parts else empty
            group_pair, which = np.unique(
                self.rows[a] * self.n_rows + self.rows[b], return_inverse=True
            )
            self._co_presence = CoPresence(a, b, self.cols[a], group_pair, which.ravel())
        return self._co_presence

    def row_argmax(self) -> np.ndarray:
        """Per group: the region of its largest entry (the first such; 0 if it has none)."""
        return _first_max(self.rows, self.cols, self.data, self.n_rows)

    def col_argmax(self, data: np.ndarray) -> np.ndarray:
        """Per region: the group with the largest ``data`` entry there (the first such; -1 if none)."""
        if self._by_region is None:
            self._by_region = _ByRegion(self.rows, self.cols, self.n_regions)
        return self._by_region.argmax(data)


class _ByRegion:
    """The entries of a territory pattern laid out region by region, for per-region maxima.

    Row ``r`` of ``entry`` lists region r's entries in group order, padded with -1 up
    to the most groups any region has; the pattern changes only when a split appends
    a group, so the layout is built once per pattern and each maximum is one
    gather and one ``argmax``.
    """

    def __init__(self, rows: np.ndarray, cols: np.ndarray, n_regions: int) -> None:
        order = np.lexsort((rows, cols))  # by region, then group
        counts = np.bincount(cols, minlength=n_regions)
        width = max(int(counts.max(initial=0)), 1)
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        position = np.arange(len(order)) - np.repeat(starts, counts)
        self.entry = np.full((n_regions, width), -1, dtype=np.int64)
        self.entry[cols[order], position] = order
        self.padding = self.entry < 0
        self.group = np.full_like(self.entry, -1)
        self.group[~self.padding] = rows[self.entry[~self.padding]]
        self.empty = counts == 0
        self._regions = np.arange(n_regions)

    def argmax(self, data: np.ndarray) -> np.ndarray:
        """Per region: the group of the first largest ``data`` entry there, -1 where none."""
        if not len(data):
            return np.full(len(self.empty), -1, dtype=np.int64)
        values = np.where(self.padding, -np.inf, data[self.entry])
        best = self.group[self._regions, np.argmax(values, axis=1)]
        best[self.empty] = -1
        return best


def _first_max(seg: np.ndarray, idx: np.ndarray, data: np.ndarray, n: int) -> np.ndarray:
    """For entries sorted by segment: per segment, the ``idx`` of its first largest value."""
    out = np.zeros(n, dtype=np.int64)
    if not len(seg):
        return out
    starts = np.flatnonzero(np.r_[True, seg[1:] != seg[:-1]])
    top = np.maximum.reduceat(data, starts)
    hits = np.flatnonzero(data == np.repeat(top, np.diff(np.r_[starts, len(seg)])))
    segs, first = np.unique(seg[hits], return_index=True)
    out[segs] = idx[hits[first]]
    return out


@dataclass
class RegionState:
    """One entry per region: its community (R12-R14) and local conditions (R3, R4, R8, R19)."""

    population: np.ndarray
    opportunity: np.ndarray  # R12/R14: 0..1
    fear: np.ndarray  # R12: 0..1
    legitimacy: np.ndarray  # R12: 0..1
    youth_at_risk: np.ndarray  # R12: 0..1
    extortion: np.ndarray  # R12/R19: cartel governance 0..1
    integrity: np.ndarray  # R13: 0..1
    initial_opportunity: np.ndarray
    initial_fear: np.ndarray
    initial_legitimacy: np.ndarray
    initial_integrity: np.ndarray
    initial_extortion: np.ndarray
    grievance_shock: np.ndarray  # R12: grievance from operations (R10 strikes, casualties), decays
    violence: np.ndarray  # R8: conflict multiplier from new routes (1 = status quo)
    instability: np.ndarray  # R4: host-region instability after a removal, 0..1
    homicides: np.ndarray  # R3: this month
    cartel_homicides: np.ndarray  # R3: this month, from cartel conflict
    civilians: np.ndarray  # R10/R11: casualties this month
    control: np.ndarray  # R19: +1 cartel, 0 contested, -1 state
    homicides_ref: np.ndarray  # R3: a status-quo month at the start
    recruit_supply_ref: np.ndarray  # R12: recruit supply at the start

    @property
    def grievance(self) -> np.ndarray:
        """R12 (Epstein 2002): grievance = hardship x (1 - legitimacy).

        Operations' harm (``grievance_shock``) enters once, through legitimacy (R12).
        """
        return (1 - self.opportunity) * (1 - self.legitimacy)

    @property
    def recruit_supply(self) -> np.ndarray:
        """R12: supply of recruits, rising with grievance and youth at risk."""
        return self.youth_at_risk * self.grievance

    @property
    def tips(self) -> np.ndarray:
        """R12: willingness to inform the state: rises with legitimacy, falls with fear."""
        return self.legitimacy * (1 - self.fear)


@dataclass
class ModelState:
    """Everything the rules read and write: containers, scalars and the run's context.

    Context (fixed for a run): the scenario, calibration, world, routes, generator,
    governments and bodies. State (changes month by month): the rest.
    """

    # ---- context
    spec: Scenario
    calibration: Calibration
    world: World
    routes: RouteNetwork
    rng: np.random.Generator
    events: EventLog
    timeline: PolicyTimeline
    governments: Mapping[str, Government]
    bodies: dict[str, EnforcementBody]
    status_quo: dict[str, Any]  # lever values at the status quo
    weights: np.ndarray  # population weights of the regions (sum to 1)
    courts: EnforcementBody | None  # R2: the body that prosecutes, if any
    history: dict[str, list[float]]  # monthly metrics so far (the DataCollector's columns)
    # ---- containers
    cartels: CartelState
    regions: RegionState
    # ---- policy (R16, R17)
    levers: dict[str, Any]
    triggers: list[TriggerState]
    operations: list[Operation]  # scheduled one-off operations, by month
    # ---- between cartels (R1, R4)
    rivalry: np.ndarray
    alliance: np.ndarray
    conflict: np.ndarray  # R1's K, with R4's succession wars
    succession_wars: list[tuple[int, int]] = field(default_factory=list)
    deaths_by_pair: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    succession_deaths: np.ndarray = field(default_factory=_floats)
    # ---- scalars
    month: int = 0
    flows: dict[str, float] = field(default_factory=dict)  # this month's flow metrics
    hostility: float = 0.0  # R10: cartel hostility towards US citizens
    incidents_this_month: float = 0.0  # R9
    conviction_rate: float = 0.0  # R2
    deployment: float = 0.0  # R19: National Guard forces on the ground
    guns_us_sourced: float = 0.0  # R7: this month's US-sourced guns
    closed_crossings: dict[int, int] = field(default_factory=dict)  # R8: crossing -> months left
    crossing_flow: np.ndarray = field(default_factory=_floats)  # R8: share through each crossing
    smart_border_in_force: float = 0.0  # R8: smart-border measures built so far (lever units)
    demand_reduction_in_force: float = (
        0.0  # R20/R15: treatment and prevention reached so far (lever units)
    )
    market_price: float = 0.0  # R20: wholesale fentanyl price this month (USD/kg)
    market_demand: float = 0.0  # R20: US demand at the reference price (kg/month)
    replacement_supply: float = 0.0  # R20: other producers', routes' and precursor sources' supply at the reference price (kg/month)
    # ---- references measured at the start (status quo = 1)
    supply_ref: float = (
        0.0  # R15/R20: fentanyl reaching the US per month (kg), = demand at the reference price
    )
    route_load_ref: np.ndarray = field(default_factory=_floats)  # R8: share passing each region
    tips_ref: float = 0.0  # R12
    density_ref: float = 0.0  # R19: members per 100k, national average
    legitimacy_ref: float = 0.0  # R19: population-weighted mean legitimacy at month 0
    integrity_ref: float = 0.0  # R19: population-weighted mean integrity at month 0
    judicial_ref: float = 0.0  # R2: judicial strength at month 0, status-quo judicial_reform
