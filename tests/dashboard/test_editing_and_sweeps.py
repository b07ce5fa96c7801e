"""The Editor's validation, listing, templates and diff; reading sweep result folders."""

from __future__ import annotations

import json
import os

import pandas as pd
import pytest

from simulator.dashboard import config
from simulator.dashboard.editing import (
    check,
    listing,
    new_scenario_text,
    parent_scenario,
    rebase_extends,
    scenario_diff,
)
from simulator.dashboard.sweep_results import (
    example_sweep,
    read_sweep,
    sobol_indices,
    sweep_folders,
)
from simulator.scenario import load_scenario
from tests.conftest import SCENARIOS


@pytest.fixture
def folder(tmp_path, monkeypatch):
    mine = tmp_path / "mine"
    mine.mkdir()
    monkeypatch.setenv(config.ENV_SCENARIOS, str(mine))
    monkeypatch.setenv(config.ENV_RUNS, str(tmp_path / "runs"))
    return mine


def test_a_new_scenario_is_valid_and_differs_from_its_parent_only_where_written(folder):
    text = new_scenario_text(SCENARIOS / "classroom.yaml", "my_classroom", folder)
    checked = check(text, "my_classroom.yaml", folder)
    assert checked.ok, checked.problems
    ext, parent = parent_scenario(text, folder)
    assert ext == os.path.relpath(SCENARIOS / "classroom.yaml", folder)
    diff = scenario_diff(parent, checked.scenario)
    assert [p for p, _, _ in diff] == ["description", "name", "policy.levers.gun_tracing"]
    assert diff[-1][1:] == (None, 0.6)


def test_problems_sit_on_their_lines_and_the_listing_shows_them_with_context(folder):
    text = new_scenario_text(SCENARIOS / "classroom.yaml", "x", folder).replace(
        "gun_tracing: 0.6", "gun_tracing: 1.6"
    )
    checked = check(text, "x.yaml", folder)
    assert not checked.ok
    by_line = checked.by_line("x.yaml")
    bad_line = next(i for i, t in enumerate(text.splitlines(), 1) if "1.6" in t)
    assert [p.message for p in by_line[bad_line]] == ["must be ≤ 1, got 1.6"]
    rows = listing(text, by_line, context=1)
    kinds = [(r["kind"], r.get("no")) for r in rows]
    assert ("line", bad_line) in kinds and ("msg", None) in kinds
    assert all(abs(r["no"] - bad_line) <= 1 for r in rows if r["kind"] == "line")
    assert next(r for r in rows if r.get("no") == bad_line)["bad"] is True


def test_yaml_syntax_errors_and_unknown_keys_are_problems_not_exceptions(folder):
    for text, expect in (
        ("name: x\npolicy: [\n", "invalid YAML"),
        ("name: x\nmonths: 12\nmonts: 3\n", "unknown key 'monts'"),
        ("", "empty"),
    ):
        checked = check(text, "x.yaml", folder)
        assert not checked.ok and expect in str(checked.problems[0])


def test_a_shipped_file_opened_as_a_copy_still_extends_its_parent(folder):
    text = (SCENARIOS / "unilateral_strikes.yaml").read_text()
    copy = rebase_extends(text, SCENARIOS, folder)
    assert "extends: baseline.yaml" in text and "extends: baseline.yaml" not in copy
    assert check(copy, "copy.yaml", folder).ok
    assert (
        load_scenario(SCENARIOS / "unilateral_strikes.yaml")
        == check(copy, "copy.yaml", folder).scenario
    )


def test_a_sweep_folder_is_read_through_the_sweep_layer(tmp_path):
    runs = tmp_path / "runs"
    example_sweep(runs / "sobol", samples=4, analyse=False)
    assert sweep_folders(runs) == [(runs / "sobol").resolve()]
    result = read_sweep(runs / "sobol", runs)
    assert result.stored_by_layer and result.design_kind == "sobol"
    assert result.total_rows == 4 * (2 + 2) == result.manifest["total_runs"]
    assert result.parameters == ["strikes_per_month", "gun_tracing"]
    assert result.outputs == ["homicides_cumulative", "cooperation_final"]
    assert result.sobol is None and result.influence is None  # not analysed yet
    computed = sobol_indices(runs / "sobol")
    assert not (runs / "sobol" / "analysis").exists(), "computing wrote into the folder"
    assert set(computed["parameter"]) == {"strikes_per_month", "gun_tracing"}
    from simulator.experiment.sweep.analysis import analyze_sweep

    analyze_sweep(runs / "sobol")
    analysed = read_sweep(runs / "sobol", runs)
    pd.testing.assert_frame_equal(
        analysed.sobol[["output", "parameter", "S1", "ST"]].reset_index(drop=True),
        computed[["output", "parameter", "S1", "ST"]].reset_index(drop=True),
        atol=1e-5,
    )
    assert set(analysed.influence["rank"]) == {1, 2}


def test_sweep_columns_are_inferred_without_a_manifest_list_and_sobol_csv_is_read(tmp_path):
    runs = tmp_path / "runs"
    folder = runs / "sobol"
    folder.mkdir(parents=True)
    pd.DataFrame(
        {
            "run_id": [0, 1],
            "seed": [1, 2],
            "calibration.rho": [0.1, 0.2],
            "homicides_total": [3.0, 4.0],
        }
    ).to_parquet(folder / "chunk-0.parquet")
    pd.DataFrame(
        {"run_id": [9], "seed": [9], "calibration.rho": [9.0], "homicides_total": [9.0]}
    ).to_parquet(folder / ".chunk-1.parquet.tmp.parquet")  # a chunk being written: hidden, not read
    (folder / "manifest.json").write_text(json.dumps({"design": "sobol", "total_runs": 2}))
    pd.DataFrame(
        {
            "param": ["calibration.rho"],
            "metric": ["homicides_total"],
            "S1": [0.4],
            "S1_conf": [0.1],
            "ST": [0.6],
            "ST_conf": [0.1],
        }
    ).to_csv(folder / "sobol_indices.csv", index=False)
    result = read_sweep(folder, runs)
    assert result.total_rows == 2
    assert result.parameters == ["calibration.rho"] and result.outputs == ["homicides_total"]
    assert list(result.sobol[["parameter", "output", "S1", "ST"]].iloc[0]) == [
        "calibration.rho",
        "homicides_total",
        0.4,
        0.6,
    ]


def test_sweep_folders_outside_the_runs_folder_are_refused(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "manifest.json").write_text("{}")
    (tmp_path / "runs").mkdir()
    with pytest.raises(ValueError, match="outside the runs folder"):
        read_sweep(tmp_path / "elsewhere", tmp_path / "runs")
    with pytest.raises(ValueError, match="manifest"):
        read_sweep(tmp_path / "runs", tmp_path / "runs")
