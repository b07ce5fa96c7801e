"""Tests for simulator.world: embedded Mexico data and synthetic worlds."""

from __future__ import annotations

import dataclasses

import networkx as nx
import pytest

from simulator.world import Crossing, World, build_world, mexico_world, synthetic_world
from simulator.world.mexico import ADJACENCY, CENSUS_2020_TOTAL, STATES

MEXICO_CODES = {
    "AGS", "BC", "BCS", "CAMP", "CHIS", "CHIH", "CDMX", "COAH", "COL", "DGO", "GTO",
    "GRO", "HGO", "JAL", "MEX", "MICH", "MOR", "NAY", "NL", "OAX", "PUE", "QRO",
    "QROO", "SLP", "SIN", "SON", "TAB", "TAMPS", "TLAX", "VER", "YUC", "ZAC",
}  # fmt: skip


@pytest.fixture(scope="module")
def mx() -> World:
    return mexico_world()


def _edge_set(world: World) -> set[frozenset[str]]:
    return {frozenset(e) for e in world.graph.edges}


# ---------------------------------------------------------------- Mexico data
def test_mexico_has_32_states(mx: World) -> None:
    assert len(mx.regions) == 32
    assert set(mx.regions) == MEXICO_CODES
    assert mx.graph.number_of_nodes() == 32


def test_mexico_population_matches_census(mx: World) -> None:
    assert mx.total_population() == 126_014_024 == CENSUS_2020_TOTAL
    assert sum(p for _, _, p in STATES) == 126_014_024
    assert mx.population["MEX"] == 16_992_418
    assert mx.population["CDMX"] == 9_209_944
    assert mx.population["JAL"] == 8_348_151
    assert mx.graph.nodes["JAL"]["population"] == 8_348_151
    assert mx.graph.nodes["JAL"]["name"] == "Jalisco"


def test_adjacency_listed_once_and_symmetric(mx: World) -> None:
    keys = [frozenset(e) for e in ADJACENCY]
    assert len(keys) == len(set(keys)), "duplicate adjacency pair"
    assert all(len(k) == 2 for k in keys), "self-loop in adjacency"
    for a in mx.regions:
        for b in mx.neighbours(a):
            assert a in mx.neighbours(b)
    assert nx.is_connected(mx.graph)


@pytest.mark.parametrize(
    ("a", "b"),
    [("JAL", "MICH"), ("SIN", "DGO"), ("CHIH", "SON"), ("BC", "BCS"), ("CDMX", "MEX"),
     ("CDMX", "MOR"), ("YUC", "CAMP"), ("YUC", "QROO"), ("NL", "TAMPS"), ("COL", "MICH")],
)  # fmt: skip
def test_known_adjacent_pairs(mx: World, a: str, b: str) -> None:
    assert mx.graph.has_edge(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("BCS", "SON"), ("BCS", "SIN"), ("CDMX", "PUE"), ("YUC", "TAB"), ("COAH", "SLP"),
     ("SON", "DGO"), ("JAL", "DGO"), ("AGS", "GTO")],
)  # fmt: skip
def test_known_non_adjacent_pairs(mx: World, a: str, b: str) -> None:
    assert not mx.graph.has_edge(a, b)


def test_small_neighbourhoods_exact(mx: World) -> None:
    assert mx.neighbours("BCS") == ["BC"]
    assert set(mx.neighbours("YUC")) == {"CAMP", "QROO"}
    assert set(mx.neighbours("CDMX")) == {"MEX", "MOR"}
    assert set(mx.neighbours("AGS")) == {"JAL", "ZAC"}
    assert set(mx.neighbours("COL")) == {"JAL", "MICH"}
    assert set(mx.neighbours("TLAX")) == {"HGO", "PUE", "MEX"}


def test_border_regions_are_the_six_border_states(mx: World) -> None:
    assert set(mx.border_regions()) == {"BC", "SON", "CHIH", "COAH", "NL", "TAMPS"}
    border_nodes = {n for n, d in mx.graph.nodes(data=True) if d["border"]}
    assert border_nodes == set(mx.border_regions())


def test_mexico_shares_sum_to_one(mx: World) -> None:
    assert sum(c.base_share for c in mx.crossings) == pytest.approx(1.0, abs=1e-9)
    assert sum(mx.production.values()) == pytest.approx(1.0, abs=1e-9)
    # San Diego + Tucson field offices dominate fentanyl seizures (~80-90%).
    west = sum(c.base_share for c in mx.crossings if c.region in {"BC", "SON"})
    assert 0.8 <= west <= 0.92
    assert mx.graph.nodes["SIN"]["production"] == mx.production["SIN"] > 0
    assert mx.graph.nodes["YUC"]["production"] == 0.0


def test_mexico_cartels(mx: World) -> None:
    expected = {"CJNG", "SIN_CH", "SIN_MZ", "CDN", "CDG", "CDJ", "LNFM", "CU", "BLO"}
    assert set(mx.cartel_names) == expected == set(mx.cartel_presence)
    for cid, presence in mx.cartel_presence.items():
        assert presence, cid
        assert set(presence) <= set(mx.regions), cid
        assert all(0.0 <= s <= 1.0 for s in presence.values()), cid
    assert max(mx.cartel_presence["CJNG"], key=mx.cartel_presence["CJNG"].get) == "JAL"
    assert "CHIH" in mx.cartel_presence["CDJ"]
    assert "MICH" in mx.cartel_presence["CU"]
    for pairs in (mx.rivalries, mx.alliances):
        for (a, b), w in pairs.items():
            assert a < b and a in expected and b in expected
            assert 1 <= w <= 10
    assert ("SIN_CH", "SIN_MZ") in mx.rivalries
    assert ("CJNG", "SIN_CH") in mx.rivalries


def test_mexico_world_is_fresh_and_index_consistent(mx: World) -> None:
    other = mexico_world()
    assert other is not mx
    other.population["JAL"] = 0
    assert mexico_world().population["JAL"] == 8_348_151
    for i, code in enumerate(mx.regions):
        assert mx.index(code) == i
    with pytest.raises(KeyError):
        mx.index("NOPE")


# ---------------------------------------------------------------- validation
def _kwargs(world: World) -> dict:
    return {f.name: getattr(world, f.name) for f in dataclasses.fields(world) if f.init}


def test_validation_rejects_bad_crossing_share_sum(mx: World) -> None:
    kw = _kwargs(mx)
    bad = list(kw["crossings"])
    bad[0] = dataclasses.replace(bad[0], base_share=bad[0].base_share + 0.1)
    kw["crossings"] = bad
    with pytest.raises(ValueError, match="sum to 1"):
        World(**kw)


def test_validation_rejects_bad_production_sum(mx: World) -> None:
    kw = _kwargs(mx) | {"production": {"SIN": 0.5, "JAL": 0.4}}
    with pytest.raises(ValueError, match="production"):
        World(**kw)


def test_validation_rejects_unknown_regions_and_strengths(mx: World) -> None:
    kw = _kwargs(mx)
    with pytest.raises(ValueError, match="unknown region"):
        World(**kw | {"crossings": [Crossing("X", "X", "TEXAS", "Somewhere", 1.0)]})
    with pytest.raises(ValueError, match="unknown regions"):
        World(**kw | {"production": {"ATLANTIS": 1.0}})
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        World(**kw | {"cartel_presence": kw["cartel_presence"] | {"CU": {"MICH": 1.5}}})
    with pytest.raises(ValueError, match="sorted"):
        World(**kw | {"rivalries": {("SIN_MZ", "SIN_CH"): 5.0}})


def test_validation_rejects_graph_mismatch_and_disconnected(mx: World) -> None:
    kw = _kwargs(mx)
    g = kw["graph"].copy()
    g.add_node("EXTRA")
    with pytest.raises(ValueError, match="graph nodes"):
        World(**kw | {"graph": g})
    g2 = kw["graph"].copy()
    g2.remove_edge("BC", "BCS")
    with pytest.raises(ValueError, match="not connected"):
        World(**kw | {"graph": g2})


# ---------------------------------------------------------------- synthetic
def test_synthetic_deterministic() -> None:
    a = synthetic_world(n_regions=16, n_cartels=4, n_crossings=3, seed=7)
    b = synthetic_world(n_regions=16, n_cartels=4, n_crossings=3, seed=7)
    assert _edge_set(a) == _edge_set(b)
    assert a.population == b.population
    assert a.cartel_presence == b.cartel_presence
    assert a.crossings == b.crossings
    assert a.rivalries == b.rivalries and a.alliances == b.alliances


def test_synthetic_seed_changes_world() -> None:
    a = synthetic_world(n_regions=16, seed=1)
    b = synthetic_world(n_regions=16, seed=2)
    assert a.population != b.population
    assert (_edge_set(a), a.cartel_presence) != (_edge_set(b), b.cartel_presence)


@pytest.mark.parametrize("n", [4, 5, 9, 10, 37, 100, 2469])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_synthetic_valid_for_sizes(n: int, seed: int) -> None:
    w = synthetic_world(n_regions=n, n_cartels=min(3, n), n_crossings=2, seed=seed)
    assert len(w.regions) == n == w.graph.number_of_nodes()
    assert nx.is_connected(w.graph)
    assert all(500_000 <= p <= 5_000_000 for p in w.population.values())
    assert w.regions[0] == "R01" and w.region_name("R01") == "Region A"
    assert len(w.crossings) == 2
    assert sum(c.base_share for c in w.crossings) == pytest.approx(1.0)
    assert 1 <= len(w.production) <= 2
    assert not set(w.production) & set(w.border_regions())
    assert len(w.rivalries) == 1
    for presence in w.cartel_presence.values():
        assert max(presence.values()) >= 0.7


def test_synthetic_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError):
        synthetic_world(n_regions=3)
    with pytest.raises(ValueError):
        synthetic_world(n_regions=2470)
    with pytest.raises(ValueError):
        synthetic_world(n_regions=4, n_cartels=5)
    with pytest.raises(ValueError):
        synthetic_world(n_crossings=0)


def test_synthetic_more_crossings_than_north_row() -> None:
    w = synthetic_world(n_regions=4, n_crossings=5, seed=3)
    assert len(w.crossings) == 5
    assert len(w.border_regions()) == 2


# ---------------------------------------------------------------- build_world
def test_build_world() -> None:
    assert build_world("mexico").name == "Mexico"
    assert len(build_world("synthetic", n_regions=12, seed=5).regions) == 12
    with pytest.raises(ValueError, match="mexico.*synthetic"):
        build_world("atlantis")
