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

from heapq import heappop, heappush

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from simulator.world.regions import World

EXACT_TIES_MAX_REGIONS = 100  # the largest world before 2,469-region worlds existed
CONGESTION_ITERATIONS = 20  # damped fixed-point steps of the crossings' congestion (numerics)


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
        # The region graph as a directed sparse matrix; moving u -> v costs v's weight.
        index = {code: i for i, code in enumerate(world.regions)}
        edges = [(index[u], index[v]) for u, v in world.graph.edges()]
        heads = np.array([a for a, b in edges] + [b for a, b in edges], dtype=np.int64)
        tails = np.array([b for a, b in edges] + [a for a, b in edges], dtype=np.int64)
        self._adjacency = sp.csr_array(
            (np.ones(len(heads)), (heads, tails)), shape=(n_regions, n_regions)
        )
        self._neighbours = [[index[u] for u in world.graph.adj[code]] for code in world.regions]
        self._sources = np.array([index[r] for r in self.producers], dtype=np.int64)
        self._targets = np.array([index[c.region] for c in world.crossings], dtype=np.int64)
        # Results by (node cost, crossing cost): control patterns recur, so do their routes.
        self._cache: dict[tuple[bytes, bytes], tuple[np.ndarray, np.ndarray]] = {}
        self._base_cost = self._costs(np.zeros(n_regions), np.zeros(len(world.crossings)))[0]

    def _costs(
        self, node_cost: np.ndarray, crossing_cost: np.ndarray
    ) -> tuple[np.ndarray, sp.csc_array]:
        """Return path costs [producer, crossing] and which regions each path passes.

        The second is the route incidence [region, path]: column ``p * n_crossings + x``
        is 1 on the regions of the least-cost path from producer p to crossing x.

        Among routes of equal cost, small worlds (up to ``EXACT_TIES_MAX_REGIONS``, which
        includes Mexico's 32 states) take the one networkx's Dijkstra finds first, as
        the model always has; larger worlds use scipy's compiled Dijkstra, whose choice
        between equal-cost routes may differ. Either way every route is least-cost.
        """
        weight = 1.0 + node_cost
        if len(weight) <= EXACT_TIES_MAX_REGIONS:
            dist, pred = self._dijkstra_networkx(weight)
        else:
            graph = self._adjacency.copy()
            graph.data = weight[graph.indices]  # entering a region costs its weight
            dist, pred = dijkstra(
                graph, directed=True, indices=self._sources, return_predecessors=True
            )
        costs = weight[self._sources][:, None] + dist[:, self._targets] + crossing_cost[None, :]
        return costs, self._incidence(pred)

    def _incidence(self, pred: np.ndarray) -> sp.csc_array:
        """Walk every producer-to-crossing path back along the predecessors at once.

        Sparse, one column per path (``p * n_crossings + x``) and a 1 on each region it
        passes: a path is short, a large world has thousands of regions.
        """
        n_p, n_x = len(self._sources), len(self._targets)
        producer = np.repeat(np.arange(n_p), n_x)
        node = np.tile(self._targets, n_p)  # each path's current region, from its crossing
        source = self._sources[producer]
        walking = np.arange(n_p * n_x)
        paths, regions = [], []
        while len(walking):
            paths.append(walking)
            regions.append(node)
            going = node != source
            walking, node = walking[going], pred[producer[walking[going]], node[going]]
            source = source[going]
        path, region = np.concatenate(paths), np.concatenate(regions)
        order = np.argsort(path, kind="stable")  # column by column, as CSC stores them
        starts = np.concatenate([[0], np.cumsum(np.bincount(path, minlength=n_p * n_x))])
        return sp.csc_array(
            (np.ones(len(path)), region[order], starts), shape=(pred.shape[1], n_p * n_x)
        )

    def _dijkstra_networkx(self, weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Distances and predecessors from each producer, choosing among ties as networkx does.

        The same algorithm as ``networkx.single_source_dijkstra`` (a heap ordered by
        distance, then by push order; a region's route is set when a strictly shorter
        one is found; neighbours in the graph's adjacency order), on integer lists.
        """
        n = len(weight)
        w = weight.tolist()
        dist = np.full((len(self._sources), n), np.inf)
        pred = np.full((len(self._sources), n), -1, dtype=np.int64)
        for p, src in enumerate(self._sources.tolist()):
            done = [False] * n
            best = [np.inf] * n  # shortest distance found so far (networkx's "seen")
            came = [-1] * n
            best[src] = 0.0
            fringe = [(0.0, 0, src)]
            pushes = 1
            while fringe:
                d, _, v = heappop(fringe)
                if done[v]:
                    continue
                done[v] = True  # d is best[v]; neither changes once v is done
                for u in self._neighbours[v]:
                    if done[u]:
                        continue
                    du = d + w[u]
                    if du < best[u]:
                        best[u] = du
                        heappush(fringe, (du, pushes, u))
                        pushes += 1
                        came[u] = v
            dist[p], pred[p] = best, came
        return dist, pred

    @staticmethod
    def _choice(utility: np.ndarray) -> np.ndarray:
        """Logit shares of each producer's flow over crossings (ufunc reductions: no wrappers)."""
        choice = np.exp(utility - np.maximum.reduce(utility, axis=1, keepdims=True))
        return choice / np.add.reduce(choice, axis=1, keepdims=True)

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
        costs, incidence = self._costs(node_cost, crossing_cost)
        base = np.log(self.base_share)[None, :] - self.sensitivity * (costs - self._base_cost)
        choice = self._choice(base)
        # Crossings have finite capacity: overloaded ones cost more, so flow spreads out.
        production = self.production[:, None]
        for _ in range(CONGESTION_ITERATIONS if self.congestion > 0 else 0):
            load = np.add.reduce(choice * production, axis=0) / self.base_share
            extra = self.congestion * np.maximum(0.0, load - 1.0)
            choice = 0.5 * choice + 0.5 * self._choice(base - self.sensitivity * extra)
        weights = choice * production
        by_crossing = weights.sum(axis=0)
        # Path by path in order (a CSC product walks the columns in turn): the same sum as
        # adding each path's weight to its regions one path after another.
        by_region = incidence @ weights.ravel()
        if len(self._cache) > 4096:  # bound the memory of a long, varied run
            self._cache.clear()
        self._cache[key] = (by_crossing, by_region)
        return by_crossing, by_region
