"""Core world types: the region graph, border crossings and cartel geography.

A :class:`World` bundles everything the model needs to know about the map: the
regions (with a fixed order so per-region arrays can be indexed by position), the
land adjacency graph, population, the US border crossings, where drugs are produced,
and where each cartel is present and how cartels
relate to each other (rivalries and alliances).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx

SHARE_TOLERANCE = 1e-6
"""Allowed deviation from 1.0 when checking that shares sum to one."""


@dataclass(frozen=True)
class Crossing:
    """A US–Mexico (or synthetic) border crossing used by northbound drug flow.

    Attributes:
        id: Short identifier, e.g. ``"TIJ"``.
        name: Display name, e.g. ``"Tijuana–San Ysidro/Otay Mesa"``.
        region: Code of the region (Mexican state) where the crossing is.
        us_port: The US port of entry on the other side, e.g. ``"San Diego, CA"``.
        base_share: Share (0..1) of northbound drug flow using this crossing in the
            status quo. The shares of all crossings in a world sum to 1.
    """

    id: str
    name: str
    region: str
    us_port: str
    base_share: float


def pair_key(a: str, b: str) -> tuple[str, str]:
    """Return the canonical (sorted) key for an unordered pair of cartel ids.

    Args:
        a: First cartel id.
        b: Second cartel id.

    Returns:
        The pair as a tuple with the ids in sorted order.
    """
    return (a, b) if a <= b else (b, a)


def region_graph(
    regions: Iterable[str],
    names: Mapping[str, str],
    population: Mapping[str, int],
    edges: Iterable[tuple[str, str]],
    border: Iterable[str] = (),
    production: Mapping[str, float] | None = None,
) -> nx.Graph:
    """Build a region graph with the node attributes a :class:`World` expects.

    Args:
        regions: Region codes; each becomes a node.
        names: Region code -> display name.
        population: Region code -> population.
        edges: Pairs of adjacent region codes.
        border: Region codes that have at least one border crossing.
        production: Region code -> production share (missing codes get 0.0).

    Returns:
        An undirected graph whose nodes carry ``name``, ``population``, ``border``
        and ``production`` attributes.
    """
    production = production or {}
    border_set = set(border)
    graph: nx.Graph = nx.Graph()
    for code in regions:
        graph.add_node(
            code,
            name=names[code],
            population=int(population[code]),
            border=code in border_set,
            production=float(production.get(code, 0.0)),
        )
    graph.add_edges_from(edges)
    return graph


def _check_shares(label: str, shares: Mapping[str, float] | Iterable[float]) -> None:
    values = list(shares.values()) if isinstance(shares, Mapping) else list(shares)
    if any(v < 0 or v > 1 for v in values):
        raise ValueError(f"{label}: every share must be in [0, 1], got {values}")
    total = sum(values)
    if abs(total - 1.0) > SHARE_TOLERANCE:
        raise ValueError(f"{label}: shares must sum to 1 (±{SHARE_TOLERANCE}), got {total:.9f}")


@dataclass
class World:
    """A map of regions with population, border crossings and cartel geography.

    Validation runs in ``__post_init__``; an inconsistent world raises ``ValueError``.

    Attributes:
        name: Display name of the world (e.g. ``"Mexico"``).
        graph: Land adjacency graph; nodes are region codes with attributes
            ``name`` (str), ``population`` (int), ``border`` (bool) and
            ``production`` (float).
        regions: Region codes in a fixed order; index ``i`` is row ``i`` of any
            per-region array.
        population: Region code -> population.
        crossings: Border crossings; their ``base_share`` values sum to 1.
        production: Region code -> share (0..1, sums to 1) of drug production.
        cartel_presence: Cartel id -> {region code: strength in [0, 1]}.
        cartel_names: Cartel id -> display name.
        rivalries: Sorted pair of cartel ids -> rivalry weight (> 0).
        alliances: Sorted pair of cartel ids -> alliance weight (> 0).
    """

    name: str
    graph: nx.Graph
    regions: list[str]
    population: dict[str, int]
    crossings: list[Crossing]
    production: dict[str, float]
    cartel_presence: dict[str, dict[str, float]]
    cartel_names: dict[str, str]
    rivalries: dict[tuple[str, str], float] = field(default_factory=dict)
    alliances: dict[tuple[str, str], float] = field(default_factory=dict)
    _index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index = {code: i for i, code in enumerate(self.regions)}
        self.validate()

    # ------------------------------------------------------------------ checks
    def validate(self) -> None:
        """Check the world for internal consistency.

        Raises:
            ValueError: If regions are duplicated or differ from the graph's nodes,
                the graph is not connected, a referenced region or cartel does not
                exist, shares do not sum to 1, or a strength or weight is out of range.
        """
        if not self.regions:
            raise ValueError(f"World {self.name!r}: no regions")
        if len(self._index) != len(self.regions):
            dupes = sorted({r for r in self.regions if self.regions.count(r) > 1})
            raise ValueError(f"World {self.name!r}: duplicate region codes {dupes}")
        known = set(self.regions)
        nodes = set(self.graph.nodes)
        if nodes != known:
            raise ValueError(
                f"World {self.name!r}: graph nodes differ from regions; "
                f"only in graph: {sorted(nodes - known)}, only in regions: "
                f"{sorted(known - nodes)}"
            )
        if not nx.is_connected(self.graph):
            parts = [sorted(c) for c in nx.connected_components(self.graph)]
            raise ValueError(f"World {self.name!r}: region graph is not connected: {parts}")
        if set(self.population) != known:
            raise ValueError(
                f"World {self.name!r}: population keys differ from regions: "
                f"missing {sorted(known - set(self.population))}, "
                f"unknown {sorted(set(self.population) - known)}"
            )
        if any(p < 0 for p in self.population.values()):
            raise ValueError(f"World {self.name!r}: negative population")

        if not self.crossings:
            raise ValueError(f"World {self.name!r}: no border crossings")
        ids = [c.id for c in self.crossings]
        if len(set(ids)) != len(ids):
            raise ValueError(f"World {self.name!r}: duplicate crossing ids {ids}")
        for c in self.crossings:
            if c.region not in known:
                raise ValueError(f"Crossing {c.id!r}: unknown region {c.region!r}")
        _check_shares(
            f"World {self.name!r} crossings base_share", [c.base_share for c in self.crossings]
        )

        for label, shares in (("production", self.production),):
            unknown = sorted(set(shares) - known)
            if unknown:
                raise ValueError(f"World {self.name!r} {label}: unknown regions {unknown}")
            _check_shares(f"World {self.name!r} {label}", shares)

        if set(self.cartel_presence) != set(self.cartel_names):
            raise ValueError(
                f"World {self.name!r}: cartel_presence ids {sorted(self.cartel_presence)} "
                f"differ from cartel_names ids {sorted(self.cartel_names)}"
            )
        for cartel, presence in self.cartel_presence.items():
            unknown = sorted(set(presence) - known)
            if unknown:
                raise ValueError(f"Cartel {cartel!r} presence: unknown regions {unknown}")
            bad = {r: s for r, s in presence.items() if not 0.0 <= s <= 1.0}
            if bad:
                raise ValueError(f"Cartel {cartel!r} presence: strengths outside [0, 1]: {bad}")

        for label, pairs in (("rivalries", self.rivalries), ("alliances", self.alliances)):
            for (a, b), weight in pairs.items():
                if a not in self.cartel_names or b not in self.cartel_names:
                    raise ValueError(f"World {self.name!r} {label}: unknown cartel in {(a, b)}")
                if a == b:
                    raise ValueError(f"World {self.name!r} {label}: self-pair {(a, b)}")
                if (a, b) != pair_key(a, b):
                    raise ValueError(
                        f"World {self.name!r} {label}: pair {(a, b)} must be stored sorted "
                        f"as {pair_key(a, b)}"
                    )
                if not weight > 0:
                    raise ValueError(
                        f"World {self.name!r} {label}: weight of {(a, b)} must be > 0, got {weight}"
                    )

    # ----------------------------------------------------------------- queries
    def index(self, code: str) -> int:
        """Return the position of a region in :attr:`regions`.

        Args:
            code: Region code.

        Returns:
            The index of ``code`` in ``self.regions``.

        Raises:
            KeyError: If the region does not exist.
        """
        try:
            return self._index[code]
        except KeyError:
            raise KeyError(f"unknown region {code!r} in world {self.name!r}") from None

    def neighbours(self, code: str) -> list[str]:
        """Return the regions adjacent to ``code``, in :attr:`regions` order.

        Args:
            code: Region code.

        Returns:
            Codes of the regions sharing a land border with ``code``.
        """
        return sorted(self.graph.neighbors(code), key=self.index)

    def border_regions(self) -> list[str]:
        """Return the regions with at least one border crossing, in :attr:`regions` order.

        Returns:
            Region codes that host a crossing.
        """
        hosts = {c.region for c in self.crossings}
        return [r for r in self.regions if r in hosts]

    def total_population(self) -> int:
        """Return the total population over all regions.

        Returns:
            Sum of :attr:`population`.
        """
        return sum(self.population.values())

    def region_name(self, code: str) -> str:
        """Return the display name of a region.

        Args:
            code: Region code.

        Returns:
            The ``name`` attribute of the region's graph node.
        """
        return self.graph.nodes[code]["name"]
