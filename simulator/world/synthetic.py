"""Seeded generator of synthetic worlds, from a teaching country to Mexico's 2,469 municipalities.

Regions are laid on a rough grid (row 0 is the north, where the border crossings
are), with a few random diagonal edges. Production sits in the south, and each
cartel has a home region from which its
presence spreads to neighbours with decreasing strength.
"""

from __future__ import annotations

import math
import string

import networkx as nx
import numpy as np

from .regions import Crossing, World, pair_key, region_graph

MIN_REGIONS = 4
MAX_REGIONS = 2469  # Mexico's municipalities (INEGI Marco Geoestadístico 2020): the largest world

_CARTEL_LABELS = (
    "North",
    "South",
    "East",
    "West",
    "Coast",
    "Highland",
    "Valley",
    "Delta",
    "Desert",
    "Sierra",
    "Port",
    "Plains",
)


def _letters(i: int) -> str:
    """Spreadsheet-style label: 0 -> A, 25 -> Z, 26 -> AA, ..."""
    label = ""
    i += 1
    while i > 0:
        i, rem = divmod(i - 1, 26)
        label = string.ascii_uppercase[rem] + label
    return label


def synthetic_world(
    n_regions: int = 9, n_cartels: int = 3, n_crossings: int = 2, seed: int = 0
) -> World:
    """Generate a deterministic synthetic world.

    Args:
        n_regions: Number of regions (4..100), laid on a grid of
            ``ceil(sqrt(n_regions))`` columns.
        n_cartels: Number of cartels (1..n_regions), ids ``"C1"``, ``"C2"``, ...
        n_crossings: Number of border crossings (>= 1), placed in the northernmost
            row; if there are more crossings than regions in that row, regions host
            several.
        seed: Seed for ``numpy.random.default_rng``; the same arguments always give
            the same world.

    Returns:
        A validated :class:`World`.

    Raises:
        ValueError: If an argument is out of range.
    """
    if not MIN_REGIONS <= n_regions <= MAX_REGIONS:
        raise ValueError(f"n_regions must be in [{MIN_REGIONS}, {MAX_REGIONS}], got {n_regions}")
    if not 1 <= n_cartels <= n_regions:
        raise ValueError(f"n_cartels must be in [1, n_regions={n_regions}], got {n_cartels}")
    if n_crossings < 1:
        raise ValueError(f"n_crossings must be >= 1, got {n_crossings}")

    rng = np.random.default_rng(seed)
    cols = math.ceil(math.sqrt(n_regions))
    regions = [f"R{i + 1:02d}" for i in range(n_regions)]
    pos = {code: divmod(i, cols) for i, code in enumerate(regions)}  # (row, col)
    at = {rc: code for code, rc in pos.items()}
    names = {code: f"Region {_letters(i)}" for i, code in enumerate(regions)}

    # Grid edges (connected: every node in row r > 0 links up to row r-1, row 0 is a path).
    edges: list[tuple[str, str]] = []
    diagonals: list[tuple[str, str]] = []
    for code, (r, c) in pos.items():
        for dr, dc, bucket in ((0, 1, edges), (1, 0, edges), (1, 1, diagonals), (1, -1, diagonals)):
            other = at.get((r + dr, c + dc))
            if other is not None:
                bucket.append((code, other))
    n_diag = min(len(diagonals), max(1, n_regions // 5))
    if n_diag:
        for k in sorted(rng.choice(len(diagonals), size=n_diag, replace=False)):
            edges.append(diagonals[int(k)])

    population = {
        code: int(p)
        for code, p in zip(regions, rng.integers(500_000, 5_000_001, n_regions), strict=True)
    }

    # Crossings in the northernmost row.
    north = [code for code in regions if pos[code][0] == 0]
    hosts = [
        north[int(k)]
        for k in sorted(rng.choice(len(north), size=min(n_crossings, len(north)), replace=False))
    ]
    raw = rng.uniform(0.5, 1.5, n_crossings)
    shares = raw / raw.sum()
    crossings = [
        Crossing(
            id=f"X{k + 1}",
            name=f"Crossing {k + 1}",
            region=hosts[k % len(hosts)],
            us_port=f"US Port {k + 1}",
            base_share=float(shares[k]),
        )
        for k in range(n_crossings)
    ]
    border = {c.region for c in crossings}

    # Production in 1-2 southern regions (bottom row, then the row above if needed).
    n_prod = 1 if n_regions < 6 else 2
    last_row = pos[regions[-1]][0]
    south = [code for code in regions if pos[code][0] == last_row and code not in border]
    if len(south) < n_prod:
        south += [code for code in regions if pos[code][0] == last_row - 1 and code not in border]
    prod_regions = [
        south[int(k)] for k in sorted(rng.choice(len(south), size=n_prod, replace=False))
    ]
    prod_raw = rng.uniform(0.5, 1.5, n_prod)
    production = {
        code: float(v) for code, v in zip(prod_regions, prod_raw / prod_raw.sum(), strict=True)
    }

    # Worlds once had a precursor entry port drawn here; the draw stays so that a seed
    # keeps giving the same world (cartel homes below come from the same stream).
    coast = [code for code in regions if pos[code][1] == 0 and pos[code][0] > 0]
    rng.integers(len(coast))

    graph = region_graph(regions, names, population, edges, border=border, production=production)

    # Cartels: distinct home regions, presence decays with graph distance.
    homes = [regions[int(k)] for k in rng.choice(n_regions, size=n_cartels, replace=False)]
    cartel_names: dict[str, str] = {}
    cartel_presence: dict[str, dict[str, float]] = {}
    for k, home in enumerate(homes):
        cid = f"C{k + 1}"
        label = _CARTEL_LABELS[k] if k < len(_CARTEL_LABELS) else str(k + 1)
        cartel_names[cid] = f"Cartel {label}"
        base = float(rng.uniform(0.7, 1.0))
        decay = float(rng.uniform(0.35, 0.6))
        dist = nx.single_source_shortest_path_length(graph, home)
        presence = {}
        for code in regions:
            if code in dist:
                strength = base * decay ** dist[code]
                if strength >= 0.05:
                    presence[code] = round(strength, 3)
        cartel_presence[cid] = presence

    rivalries: dict[tuple[str, str], float] = {}
    alliances: dict[tuple[str, str], float] = {}
    if n_cartels >= 2:
        by_size = sorted(cartel_presence, key=lambda c: (-sum(cartel_presence[c].values()), c))
        rival = pair_key(by_size[0], by_size[1])
        rivalries[rival] = float(round(rng.uniform(5.0, 9.0), 2))
        if n_cartels >= 3 and rng.random() < 0.5:
            candidates = [
                pair_key(a, b)
                for i, a in enumerate(by_size)
                for b in by_size[i + 1 :]
                if pair_key(a, b) != rival
            ]
            pick = candidates[int(rng.integers(len(candidates)))]
            alliances[pick] = float(round(rng.uniform(1.0, 4.0), 2))

    return World(
        name=f"Synthetic (n={n_regions}, seed={seed})",
        graph=graph,
        regions=regions,
        population=population,
        crossings=crossings,
        production=production,
        cartel_presence=cartel_presence,
        cartel_names=cartel_names,
        rivalries=rivalries,
        alliances=alliances,
    )
