"""Running sweeps: outputs equal single runs, every local backend gives identical results."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.dataset as ds
import pytest

from simulator.cli import main
from simulator.experiment import run
from simulator.experiment.sweep import SweepError, load_sweep, run_sweep
from simulator.experiment.sweep.executors import DaskExecutor, LocalPoolExecutor
from simulator.scenario import load_scenario, scenario_hash
from tests.experiment.conftest import CLASSROOM, ROOT, small_spec, stored_runs, write_spec


def test_outputs_are_the_reduced_monthly_metrics_of_a_plain_run(
    small_reference: pd.DataFrame,
) -> None:
    """Row by row, the sweep's outputs equal reducing ``run()``'s timeseries with the same seed."""
    for row in small_reference.iloc[[0, 7, 19]].itertuples():
        scenario = load_scenario(
            CLASSROOM,
            [
                f"policy.phases[1].levers.unilateral_strikes_per_month={row.strikes!r}",
                f"calibration.rho={row.rho!r}",
            ],
        )
        ts = run(scenario, seed=row.seed, months=15).timeseries
        assert row.homicides_cumulative == ts["homicides"].sum()
        assert row.cooperation_final == ts["cooperation"].iloc[-1]
        assert row.legitimacy_mean_m10_15 == ts["legitimacy"].iloc[9:15].mean()
        assert row.us_citizens_harmed_max_m13_15 == ts["us_citizens_harmed"].iloc[12:15].max()
        assert row.fear_min == ts["fear"].min()


def test_every_run_once_with_its_point_replication_and_seed(small_reference: pd.DataFrame) -> None:
    ref = small_reference
    assert ref["run_id"].tolist() == list(range(24))
    assert (ref["point"] == ref["run_id"] // 2).all() and (
        ref["replication"] == ref["run_id"] % 2
    ).all()
    assert ref.groupby("replication")["seed"].nunique().eq(1).all()  # common random numbers
    assert ref.groupby("point")["strikes"].nunique().eq(1).all()


def test_local_pool_gives_identical_results(tmp_path: Path, small_reference: pd.DataFrame) -> None:
    """The reference ran in this process (--workers 1); a pool of 1 and of 2 processes agree."""
    summary = run_sweep(small_spec(tmp_path), tmp_path / "pool", workers=2, chunk_runs=5)
    assert summary.complete and summary.computed == 24 and summary.chunks_written == 5
    pd.testing.assert_frame_equal(stored_runs(tmp_path / "pool"), small_reference)
    one = LocalPoolExecutor(1)
    run_sweep(small_spec(tmp_path), tmp_path / "pool1", executor=one, chunk_runs=7)
    assert one.description == "local pool, 1 process"
    pd.testing.assert_frame_equal(stored_runs(tmp_path / "pool1"), small_reference)


def test_sized_chunks_give_identical_results(tmp_path: Path, small_reference: pd.DataFrame) -> None:
    """Chunks sized to the measured speed (the default) store exactly the runs of fixed chunks."""
    summary = run_sweep(small_spec(tmp_path), tmp_path / "pool", workers=2)
    sizes = sorted(len(pd.read_parquet(f)) for f in (tmp_path / "pool" / "runs").glob("*.parquet"))
    assert summary.chunks_written == len(sizes) and sum(sizes) == 24
    assert sizes[0] == 1 and sizes[-1] > 1  # one-run chunks measure the speed; later ones grow
    pd.testing.assert_frame_equal(stored_runs(tmp_path / "pool"), small_reference)


def test_dask_local_cluster_gives_identical_results(
    tmp_path: Path, small_reference: pd.DataFrame
) -> None:
    executor = DaskExecutor(local_workers=2)
    summary = run_sweep(small_spec(tmp_path), tmp_path / "dask", executor=executor, chunk_runs=3)
    assert summary.complete and "LocalCluster, 2 worker processes" in summary.backend
    pd.testing.assert_frame_equal(stored_runs(tmp_path / "dask"), small_reference)


def test_manifest_records_what_made_the_results(tmp_path: Path) -> None:
    spec = small_spec(tmp_path, samples=3)
    run_sweep(spec, tmp_path / "out", workers=1)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    sweep = load_sweep(spec)
    assert manifest["spec_hash"] == sweep.spec_hash
    assert manifest["scenario_hash"] == scenario_hash(load_scenario(CLASSROOM))
    assert manifest["total_runs"] == manifest["runs_done"] == 6 and manifest["status"] == "complete"
    assert manifest["design"]["kind"] == "lhs" and manifest["design"]["points"] == 3
    assert {"cartelsim", "mesa", "numpy", "pyarrow", "SALib", "dask"} <= set(manifest["versions"])
    assert manifest["sessions"][0]["runs_computed"] == 6 and manifest["sessions"][0]["finished"]
    design = pd.read_parquet(tmp_path / "out" / "design.parquet")
    assert design.columns.tolist() == ["point", "strikes", "rho"] and len(design) == 3


def test_results_are_readable_without_this_package(tmp_path: Path) -> None:
    """The dataset reader of pyarrow and the README's DuckDB query read runs/ as it is."""
    duckdb = pytest.importorskip("duckdb")
    spec = write_spec(
        tmp_path,
        f"name: readme\nscenario: {CLASSROOM}\nparameters:\n"
        "  - {path: 'policy.phases[1].levers.gun_tracing', range: [0.2, 0.9]}\n"
        "design: {kind: lhs, samples: 8, seed: 2}\nreplications: 2\nmonths: 14\n"
        "outputs: [{metric: homicides, reduce: cumulative}]\n",
    )
    out = tmp_path / "roadmap_levers"
    run_sweep(spec, out, workers=1, chunk_runs=3)
    runs = stored_runs(out)
    table = ds.dataset(out / "runs", format="parquet").to_table().to_pandas()
    assert sorted(table["run_id"]) == list(range(16))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    query = readme.split("```sql\n", 1)[1].split("```", 1)[0]
    query = query.replace("runs/roadmap_levers/runs", str(out / "runs"))
    top = duckdb.sql(query).df()
    means = runs.groupby("point").agg(
        gun_tracing=("gun_tracing", "first"), homicides=("homicides_cumulative", "mean")
    )
    expected = means.sort_values("homicides").head(5)
    assert top["point"].tolist() == expected.index.tolist() and (top["runs"] == 2).all()
    assert np.allclose(top["homicides"], expected["homicides"]) and np.allclose(
        top["gun_tracing"], expected["gun_tracing"]
    )


def test_python_function_models_with_seeds_and_choices(tmp_path: Path) -> None:
    spec = write_spec(
        tmp_path,
        "name: lin\nmodel: tests.experiment.toy_models:linear\nparameters:\n"
        "  - {path: a, range: [0, 1], levels: 3}\n  - {path: b, range: [0, 1], levels: 2}\n"
        "  - {path: colour, values: [red, blue]}\n"
        "design: {kind: grid}\nreplications: 3\nseed: 9\noutputs: [{name: y}, {name: seed_echo}]\n",
    )
    run_sweep(spec, tmp_path / "out", workers=2, chunk_runs=4)
    runs = stored_runs(tmp_path / "out")
    assert len(runs) == 3 * 2 * 2 * 3 and runs["colour"].tolist()[:6] == ["red"] * 3 + ["blue"] * 3
    assert (runs["seed_echo"] == runs["seed"]).all()  # the function got each run's seed
    noise = runs["y"] - (3 * runs["a"] + 0.2 * runs["b"] + (runs["colour"] == "blue"))
    assert noise.abs().max() < 0.3 and noise.std() > 0


def test_existing_results_are_never_overwritten(tmp_path: Path) -> None:
    spec = small_spec(tmp_path, samples=2)
    run_sweep(spec, tmp_path / "out", workers=1)
    before = sorted(p.name for p in (tmp_path / "out" / "runs").iterdir())
    with pytest.raises(SweepError, match="already holds sweep results; add --resume"):
        run_sweep(spec, tmp_path / "out", workers=1)
    assert sorted(p.name for p in (tmp_path / "out" / "runs").iterdir()) == before


def test_progress_bar_and_summary_or_quiet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = small_spec(tmp_path, samples=3)
    assert main(["sweep", str(spec), "--out", str(tmp_path / "a"), "--workers", "1"]) == 0
    out, err = capsys.readouterr()
    assert "6/6" in err and "run/s" in err  # tqdm: runs done of total, and the rate
    assert "small: 6 runs in" in out and "stored: 6 of 6 runs" in out
    assert (
        main(["sweep", str(spec), "--out", str(tmp_path / "b"), "--workers", "1", "--quiet"]) == 0
    )
    out, err = capsys.readouterr()
    assert err == "" and "lhs design" not in out and "stored: 6 of 6 runs" in out


def test_region_metric_outputs_equal_the_runs_region_table(tmp_path: Path) -> None:
    spec = write_spec(
        tmp_path,
        f"name: regional\nscenario: {CLASSROOM}\nparameters:\n"
        "  - {path: calibration.rho, range: [0.002, 0.003]}\n"
        "design: {kind: lhs, samples: 3, seed: 1}\nmonths: 14\noutputs:\n"
        "  - {metric: homicide_rate, region: R01, reduce: mean, months: [3, 14]}\n"
        "  - {metric: control, region: R05, reduce: final}\n"
        "  - {metric: legitimacy, region: R09, reduce: min}\n",
    )
    run_sweep(spec, tmp_path / "out", workers=1)
    for row in stored_runs(tmp_path / "out").itertuples():
        regions = run(
            load_scenario(CLASSROOM, [f"calibration.rho={row.rho!r}"]), seed=row.seed, months=14
        ).regions
        by = regions.set_index(["region", "month"])
        assert row.homicide_rate_R01_mean_m3_14 == by.loc["R01"].loc[3:14, "homicide_rate"].mean()
        assert row.control_R05_final == by.loc[("R05", 14), "control"]
        assert row.legitimacy_R09_min == by.loc["R09"]["legitimacy"].min()


def test_text_region_metrics_and_unknown_regions_are_refused(tmp_path: Path) -> None:
    from simulator.scenario.errors import ScenarioError

    spec = write_spec(
        tmp_path,
        f"name: regional\nscenario: {CLASSROOM}\nparameters:\n"
        "  - {path: calibration.rho, range: [0.002, 0.003]}\n"
        "design: {kind: lhs, samples: 3}\noutputs:\n"
        "  - {metric: controlling_cartel, region: R01}\n"
        "  - {metric: fear, region: MIC}\n",
    )
    with pytest.raises(ScenarioError) as err:
        load_sweep(spec)
    found = [str(p) for p in err.value.problems]
    assert (
        f"{spec}:7: outputs[0].metric: controlling_cartel is not a number (it names a group); choose a numeric region metric"
        in found
    )
    assert any(p.startswith(f"{spec}:8: outputs[1].region: unknown region 'MIC'") for p in found)


def test_a_worker_running_other_code_refuses_to_run(tmp_path: Path) -> None:
    """Workers compare the driver's code fingerprint with their own before any run."""
    import dataclasses

    from simulator.experiment.sweep import WorkerMismatch
    from simulator.experiment.sweep.runner import ScenarioRunner, code_fingerprint

    runner = load_sweep(small_spec(tmp_path, samples=2)).runner()
    assert isinstance(runner, ScenarioRunner) and runner.fingerprint == code_fingerprint()
    stale = dataclasses.replace(runner, fingerprint="0123456789abcdef")
    with pytest.raises(
        WorkerMismatch, match="the driver 0123456789abcdef: install the driver's version"
    ):
        stale.prepare()
