"""``cartelsim compare``: files, terminal table, JSON, progress and bad input."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from simulator.cli import main
from simulator.metrics import HEADLINE, METRIC_IDS

from ..conftest import SCENARIOS

STRIKES = str(SCENARIOS / "unilateral_strikes.yaml")
ROADMAP = str(SCENARIOS / "bilateral_roadmap.yaml")
FAST = ["--replications", "2", "--months", "3", "--workers", "1"]
TABLES_ONLY = [*FAST, "--no-report"]


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    """One quiet comparison written to a fresh folder, with its captured output."""
    import contextlib
    import io

    out = tmp_path_factory.mktemp("compare")
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(["compare", STRIKES, ROADMAP, *FAST, "--out", str(out), "--quiet"])
    return code, out, stdout.getvalue(), stderr.getvalue()


def test_compare_writes_all_files_and_prints_the_table(compared):
    code, out, stdout, stderr = compared
    assert code == 0
    for name in (
        "summary.csv",
        "replications.parquet",
        "rules.csv",
        "provenance.json",
        "report.html",
    ):
        assert (out / name).exists(), name
    for fig in ("timeseries", "differences", "small_multiples", "share_better"):
        assert (out / "figures" / f"{fig}.png").exists() and (
            out / "figures" / f"{fig}.svg"
        ).exists()
    long = pd.read_parquet(out / "replications.parquet")
    assert list(long.columns) == ["scenario", "replication", "month", "metric", "value"]
    assert len(long) == 2 * 2 * 3 * len(METRIC_IDS)
    prov = json.loads((out / "provenance.json").read_text())
    assert prov["reference"] == "unilateral_strikes" and prov["replications"] == 2
    assert "State legitimacy" in stdout and "Δ bilateral_roadmap [90% CI]" in stdout
    assert f"report: {out / 'report.html'}" in stdout
    assert stderr == ""  # --quiet: no progress bar


def test_compare_json_prints_only_json(tmp_path, capsys):
    args = ["compare", STRIKES, ROADMAP, *TABLES_ONLY, "--out", str(tmp_path), "--json", "-q"]
    code = main(args)
    assert code == 0
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert captured.err == ""
    assert doc["reference"] == "unilateral_strikes" and doc["months"] == 3
    rows = doc["summary"]
    assert len(rows) == 2 * len(METRIC_IDS)
    assert [r["metric"] for r in rows[: 2 * len(HEADLINE) : 2]] == list(HEADLINE)
    ref_row = next(r for r in rows if r["scenario"] == "unilateral_strikes")
    assert ref_row["diff_mean"] is None  # NaN becomes null
    assert doc["provenance"]["seeds"] and len(doc["provenance"]["scenarios"]) == 2
    assert doc["files"]["summary"].endswith("summary.csv") and "report" not in doc["files"]
    assert not (tmp_path / "figures").exists()


def test_progress_bar_goes_to_stderr_unless_quiet(tmp_path, capsys):
    assert main(["compare", STRIKES, ROADMAP, *TABLES_ONLY, "--out", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "replications:" in captured.err and "/4 [" in captured.err
    assert captured.out.startswith("comparing 2 scenarios x 2 replications x 3 months")


def test_reference_by_path_or_name(tmp_path, capsys):
    args = ["compare", STRIKES, ROADMAP, "-n", "1", "--months", "2", "-q", "--json", "--no-report"]
    assert main([*args, "--reference", ROADMAP, "--out", str(tmp_path / "a")]) == 0
    assert json.loads(capsys.readouterr().out)["reference"] == "bilateral_roadmap"
    assert main([*args, "--reference", "bilateral_roadmap", "--out", str(tmp_path / "b")]) == 0
    assert json.loads(capsys.readouterr().out)["reference"] == "bilateral_roadmap"


def test_bad_input_exits_2_with_a_message(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("extends: " + str(SCENARIOS / "baseline.yaml") + "\nname: bad\nmonths: -4\n")
    assert main(["compare", STRIKES, str(bad), *FAST, "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml:3: months" in err and "Traceback" not in err
    assert main(["compare", STRIKES, ROADMAP, *FAST, "--reference", "nope"]) == 2
    assert "--reference 'nope'" in capsys.readouterr().err
    assert main(["compare", STRIKES, STRIKES, *FAST]) == 2
    assert "repeated: unilateral_strikes" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["compare", STRIKES, "--replications", "0"])
    assert exc.value.code == 2
