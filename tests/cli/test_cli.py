"""The cartelsim command: run writes reproducible outputs; check reports bad input with exit 2."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from simulator.cli import main
from simulator.metrics import METRIC_IDS

from ..conftest import SCENARIOS


def test_run_writes_three_files_and_is_byte_identical(tmp_path, capsys):
    a, b = tmp_path / "a", tmp_path / "b"
    args = ["run", str(SCENARIOS / "baseline.yaml"), "--months", "12"]
    assert main([*args, "--out", str(a)]) == 0
    assert main([*args, "--out", str(b)]) == 0
    for name in ("timeseries.csv", "events.csv", "provenance.json"):
        assert (a / name).exists()
    assert (a / "timeseries.csv").read_bytes() == (b / "timeseries.csv").read_bytes()
    ts = pd.read_csv(a / "timeseries.csv")
    assert list(ts.columns) == ["month", "date", *METRIC_IDS]
    assert ts["month"].tolist() == list(range(1, 13))
    assert ts["date"].iloc[0] == "2026-01" and ts["date"].iloc[-1] == "2026-12"
    prov = json.loads((a / "provenance.json").read_text())
    assert prov["seeds"] == [42] and prov["scenario"] == "baseline"
    assert {"scenario_hash", "cartelsim_version", "mesa_version"} <= set(prov)
    assert "baseline: 12 months" in capsys.readouterr().out


def test_seed_is_used_and_recorded():
    from simulator.model import CartelModel
    from simulator.scenario import load_scenario

    scenario = load_scenario(SCENARIOS / "baseline.yaml")
    homes = [[c.home for c in CartelModel(scenario, seed=s).cartels] for s in (1, 1, 2)]
    assert homes[0] == homes[1] != homes[2]


def test_set_override_changes_the_run(tmp_path):
    out = tmp_path / "o"
    assert (
        main(
            [
                "run",
                str(SCENARIOS / "baseline.yaml"),
                "--months",
                "3",
                "--set",
                "calibration.rho=0",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert pd.read_csv(out / "timeseries.csv")["recruits"].sum() == 0


def test_check_accepts_shipped_scenarios(capsys):
    files = sorted(SCENARIOS.glob("*.yaml"))
    assert main(["check", *map(str, files)]) == 0
    assert capsys.readouterr().out.count(": ok") == len(files)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "name: x\nmonths: 12\npolicy:\n  levers:\n    gun_tracing: 1.5\n",
            ":5: policy.levers.gun_tracing: must be ≤ 1, got 1.5",
        ),
        ("name: x\nmonthz: 12\n", ":2: monthz: unknown key 'monthz' (did you mean 'months'?)"),
        (
            "name: x\ncartels:\n  - {id: CJNG, members: 10, territory: {ATLANTIS: 0.5}}\n",
            "cartels[0].territory.ATLANTIS: unknown region 'ATLANTIS'",
        ),
    ],
)
def test_check_reports_bad_input_with_exit_2(tmp_path, capsys, text, expected):
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err


def test_run_on_invalid_file_exits_2_without_traceback(tmp_path, capsys):
    assert main(["run", str(tmp_path / "missing.yaml")]) == 2
    assert "missing.yaml" in capsys.readouterr().err
