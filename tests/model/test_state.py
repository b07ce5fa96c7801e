"""The state containers: sparse territory products equal their dense versions; region outputs."""

from __future__ import annotations

import numpy as np
import pytest

from simulator.experiment import run
from simulator.metrics import REGION_METRIC_IDS
from simulator.model import CartelModel
from simulator.scenario import load_scenario
from simulator.state import Territory

from ..conftest import SCENARIOS


@pytest.fixture
def territory() -> tuple[Territory, np.ndarray]:
    rng = np.random.default_rng(3)
    dense = rng.random((7, 11)) * (rng.random((7, 11)) < 0.3)
    dense[2] = 0.0  # a group with no presence
    t = Territory(11)
    t.extend(list(dense))
    return t, dense


def test_products_equal_the_dense_ones(territory):
    t, dense = territory
    x, y = np.arange(11.0), np.arange(7.0)
    assert np.allclose(t.dot(x), dense @ x)
    assert np.allclose(t.spread(y), dense.T @ y)
    assert np.allclose(t.row_sums(), dense.sum(axis=1))
    assert np.allclose(t.col_sums(), dense.sum(axis=0))
    assert np.array_equal(t.toarray(), dense)
    a, b = t.pairs()
    overlap = np.zeros((7, 7))
    np.add.at(overlap, (t.rows[a], t.rows[b]), t.data[a] * t.data[b])
    assert np.allclose(overlap, dense @ dense.T)


def test_rows_and_argmax_match_numpy(territory):
    t, dense = territory
    assert np.array_equal(t.row_argmax(), np.argmax(dense, axis=1))
    strongest = t.col_argmax(t.data)
    present = dense.sum(axis=0) > 0
    assert np.array_equal(strongest[present], np.argmax(dense, axis=0)[present])
    assert np.all(strongest[~present] == -1)
    for i in range(7):
        assert np.array_equal(t.row(i), dense[i])
    t.set_row(0, dense[0] * 0.5)
    assert np.allclose(t.row(0), dense[0] * 0.5)
    t.append_row(np.eye(11)[4])
    assert t.n_rows == 8 and np.array_equal(t.row(7), np.eye(11)[4])


def test_col_argmax_takes_the_first_of_tied_groups_and_follows_new_groups():
    """Ties go to the lowest slot (as np.argmax over the dense matrix); a split's row counts at once."""
    rng = np.random.default_rng(3)
    for _ in range(50):
        dense = rng.integers(0, 3, size=(9, 6)) * (rng.random((9, 6)) < 0.5)
        t = Territory(6)
        t.extend([row.astype(float) for row in dense])
        present = dense.sum(axis=0) > 0
        strongest = t.col_argmax(t.data)
        assert np.array_equal(strongest[present], np.argmax(dense, axis=0)[present])
        assert np.all(strongest[~present] == -1)
    t.append_row(np.full(6, 5.0))  # a new group stronger everywhere
    assert np.all(t.col_argmax(t.data) == 9)
    assert np.all(Territory(4).col_argmax(np.zeros(0)) == -1)


def test_agents_view_their_slot():
    m = CartelModel(load_scenario(SCENARIOS / "classroom.yaml"), seed=1)
    c = m.cartels[0]
    assert c.members == m.state.cartels.members[0]
    m.state.cartels.members[0] = 1234.0
    assert c.members == 1234.0  # a view, not a copy
    assert m.communities[3].legitimacy == m.state.regions.legitimacy[3]


def test_region_outputs_cover_every_region_and_month():
    r = run(SCENARIOS / "classroom.yaml", seed=2, months=5)
    assert list(r.regions.columns) == ["month", "region", *REGION_METRIC_IDS]
    assert len(r.regions) == 5 * len(r.model.world.regions)
    by_month = r.regions.groupby("month")["homicides"].sum().to_numpy()
    assert np.allclose(by_month, r.timeseries["homicides"].to_numpy())  # regions add up
    share = (r.regions[r.regions.month == 5]["control"] == 1).mean()
    assert share == pytest.approx(r.timeseries["territory_cartel_share"].iloc[-1])
    frame = r.model.region_frame()
    assert list(frame.index) == r.model.world.regions
    assert set(frame["controlling_cartel"]) <= {*(c.code for c in r.model.cartels), ""}
