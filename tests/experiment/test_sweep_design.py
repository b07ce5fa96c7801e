"""Designs and seeds: what points a spec gives, and which seed each run gets."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from simulator.experiment.seeds import replication_seeds
from simulator.experiment.sweep import load_sweep
from simulator.experiment.sweep.design import Parameter, make_design
from tests.experiment.conftest import CLASSROOM, SMALL, small_spec, write_spec


def test_grid_is_every_combination_first_parameter_slowest() -> None:
    a = Parameter("a", "a", "float", 0.0, 1.0, levels=3)
    b = Parameter("b", "b", "choice", values=("x", "y"))
    c = Parameter(
        "c", "c", "int", 1, 3, levels=5
    )  # 5 levels over 1..3 are the whole numbers 1, 2, 3
    d = make_design("grid", [a, b, c])
    assert d.n_points == 3 * 2 * 3
    assert list(d.columns["a"][:6]) == [0.0] * 6 and d.columns["a"][6] == 0.5
    assert list(d.columns["b"][:3]) == ["x"] * 3 and list(d.columns["c"][:3]) == [1, 2, 3]
    assert d.columns["c"].dtype == np.int64


def test_log_scale_and_whole_numbers() -> None:
    log = Parameter("t", "t", "float", 1e-9, 1e-7, scale="log", levels=3)
    assert np.allclose(make_design("grid", [log]).columns["t"], [1e-9, 1e-8, 1e-7])
    whole = Parameter("n", "n", "int", 2, 5)
    values = whole.from_unit(np.linspace(0, 0.999999, 1000))
    assert set(values) == {2, 3, 4, 5} and np.all(np.bincount(values)[2:] == 250)


def test_lhs_puts_one_point_in_each_stratum_of_each_parameter() -> None:
    params = [Parameter(n, n, "float", 10.0, 20.0) for n in ("a", "b", "c")]
    d = make_design("lhs", params, samples=40, seed=5)
    for name in ("a", "b", "c"):
        strata = np.floor((d.columns[name] - 10.0) / 10.0 * 40).astype(int)
        assert sorted(strata) == list(range(40))


def test_sobol_has_saltelli_size_and_is_reproducible() -> None:
    params = [Parameter(n, n, "float", 0.0, 1.0) for n in ("a", "b", "c")]
    first = make_design("sobol", params, samples=16, seed=2)
    assert first.n_points == 16 * (3 + 2)
    assert make_design("sobol", params, samples=16, second_order=True, seed=2).n_points == 16 * (
        2 * 3 + 2
    )
    again = make_design("sobol", params, samples=16, seed=2)
    assert all(np.array_equal(first.columns[n], again.columns[n]) for n in ("a", "b", "c"))
    other = make_design("sobol", params, samples=16, seed=3)
    assert not np.array_equal(first.columns["a"], other.columns["a"])


def test_common_random_numbers_share_seeds_across_points(tmp_path: Path) -> None:
    sweep = load_sweep(small_spec(tmp_path, samples=5))
    runs = np.arange(sweep.total_runs)
    seeds = sweep.seeds(runs).reshape(5, 2)
    assert (seeds == seeds[0]).all()  # replication k of every point: the same seed
    assert list(seeds[0]) == replication_seeds(sweep.spec.seed, 2)  # the stream of compare()


def test_without_common_random_numbers_every_run_has_its_own_seed(tmp_path: Path) -> None:
    text = SMALL.format(scenario=CLASSROOM, samples=5) + "common_random_numbers: false\n"
    sweep = load_sweep(write_spec(tmp_path, text))
    seeds = sweep.seeds(np.arange(sweep.total_runs))
    assert len(set(seeds.tolist())) == sweep.total_runs
    assert np.array_equal(seeds[3:], sweep.seeds(np.arange(3, sweep.total_runs)))  # by index only


def test_chunks_cover_missing_runs_in_consecutive_blocks(tmp_path: Path) -> None:
    sweep = load_sweep(small_spec(tmp_path, samples=5))
    todo = np.ones(sweep.total_runs, dtype=bool)
    todo[[2, 3, 7]] = False
    chunks = list(sweep.chunks(todo, sweep.chunk_sizer(1.0, lambda: 1, fixed=3)))
    assert [c.run_ids.tolist() for c in chunks] == [[0, 1], [4, 5, 6], [8, 9]]
    assert chunks[1].points.tolist() == [2, 2, 3] and chunks[1].replications.tolist() == [0, 1, 0]
