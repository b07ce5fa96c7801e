"""R8 routes and displacement: drugs move from production regions to US crossings.

Flows follow least-cost paths on the region graph (Dell 2015; Magliocca et al.
2019). Each production region splits its output over crossings by a logit on the
change in route cost relative to the status quo, weighted by the crossing's
status-quo share, so that at the status quo the observed shares are reproduced and
interdiction re-routes flow rather than destroying it. Crossings have finite
capacity: a crossing carrying more than its status-quo share costs more
(congestion), so displaced flow spreads over several crossings.
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from simulator.world.regions import World


class RouteNetwork:
    """Least-cost routing of drug flow from production regions to border crossings."""

    def __init__(self, world: World, sensitivity: float, congestion: float = 0.0) -> None:
        self.world = world
        self.sensitivity = sensitivity
        self.congestion = congestion
        self.producers = [r for r, share in world.production.items() if share > 0]
        self.production = np.array([world.production[r] for r in self.producers])
        self.base_share = np.array([c.base_share for c in world.crossings])
        n_regions = len(world.regions)
        # Results by (node cost, crossing cost): control patterns recur, so do their routes.
        self._cache: dict[tuple[bytes, bytes], tuple[np.ndarray, np.ndarray]] = {}
        self._base_cost = self._costs(np.zeros(n_regions), np.zeros(len(world.crossings)))[0]

    def _costs(self, node_cost: np.ndarray, crossing_cost: np.ndarray) -> tuple[np.ndarray, list]:
        """Return path costs [producer, crossing] and the paths as lists of region indices."""
        w = self.world
        graph = w.graph
        weight = {code: 1.0 + node_cost[w.index(code)] for code in w.regions}

        def edge_cost(_u: str, v: str, _d: dict) -> float:
            return weight[v]

        costs = np.zeros((len(self.producers), len(w.crossings)))
        paths: list[list[list[int]]] = []
        for p, src in enumerate(self.producers):
            dist, route = nx.single_source_dijkstra(graph, src, weight=edge_cost)
            row = []
            for x, crossing in enumerate(w.crossings):
                costs[p, x] = weight[src] + dist[crossing.region] + crossing_cost[x]
                row.append([w.index(code) for code in route[crossing.region]])
            paths.append(row)
        return costs, paths

    @staticmethod
    def _choice(utility: np.ndarray) -> np.ndarray:
        """Logit shares of each producer's flow over crossings."""
        choice = np.exp(utility - utility.max(axis=1, keepdims=True))
        return choice / choice.sum(axis=1, keepdims=True)

    def flows(
        self, node_cost: np.ndarray, crossing_cost: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Split one unit of production over crossings and regions.

        Args:
            node_cost: extra cost of moving through each region (contest, checkpoints).
            crossing_cost: extra cost of each crossing (interdiction, smart border).

        Returns:
            The share of flow through each crossing and the share passing each region.
        """
        key = (node_cost.tobytes(), crossing_cost.tobytes())
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        costs, paths = self._costs(node_cost, crossing_cost)
        base = np.log(self.base_share)[None, :] - self.sensitivity * (costs - self._base_cost)
        choice = self._choice(base)
        # Crossings have finite capacity: overloaded ones cost more, so flow spreads out.
        for _ in range(20 if self.congestion > 0 else 0):
            load = (choice * self.production[:, None]).sum(axis=0) / self.base_share
            extra = self.congestion * np.maximum(0.0, load - 1.0)
            choice = 0.5 * choice + 0.5 * self._choice(base - self.sensitivity * extra[None, :])
        weights = choice * self.production[:, None]
        by_crossing = weights.sum(axis=0)
        by_region = np.zeros(len(self.world.regions))
        for p, row in enumerate(paths):
            for x, path in enumerate(row):
                by_region[path] += weights[p, x]
        if len(self._cache) > 4096:  # bound the memory of a long, varied run
            self._cache.clear()
        self._cache[key] = (by_crossing, by_region)
        return by_crossing, by_region
