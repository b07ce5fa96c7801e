"""The validation suite: each check against its published band, and the reports it writes.

The checks run with a few replications to keep CI fast (``pytest -m validation``);
``cartelsim validate`` runs them with more. Every check shares one runner, so the
baseline runs are made once.
"""

from __future__ import annotations

import csv
import re

import numpy as np
import pytest

from simulator.cli import main
from simulator.validation import CHECKS, CheckResult, Context, Measure, run_checks
from simulator.validation.checks import (
    CHECK_BY_ID,
    FAIL,
    PASS,
    SKIPPED,
    exogenous_overdoses,
    in_band,
    select,
)
from simulator.validation.report import CSV_COLUMNS, format_table, render_html, write_report

from ..conftest import SHARED_DATA

REPLICATIONS = 3


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context(replications=REPLICATIONS, seed=42, data=SHARED_DATA / "cartel_network_2020")


@pytest.fixture(scope="module")
def results(ctx) -> dict[str, CheckResult]:
    return {r.check.id: r for r in run_checks(ctx)}


def _explain(r: CheckResult) -> str:
    lines = [f"{r.check.number}. {r.check.title}: {r.status} {r.error}"]
    for m in r.measures:
        lines.append(f"  {m.name}: mean {m.mean:.4g} {m.unit}, band {m.band}, {m.status}")
    return "\n".join(lines)


def _assert_passes(r: CheckResult) -> None:
    if r.skipped:
        pytest.skip(r.note)
    assert r.status == PASS, _explain(r)


# ------------------------------------------------------------------------ one test per check
@pytest.mark.validation
def test_check_1_workforce_2012_2022(results, network_folder):
    r = results["workforce"]
    _assert_passes(r)
    assert len(r.measures) == 4 and all(m.values.size == 1 for m in r.measures)  # deterministic


@pytest.mark.validation
def test_check_2_homicides_and_cartel_share(results):
    r = results["homicides"]
    _assert_passes(r)
    assert r.measures[0].values.size == REPLICATIONS


@pytest.mark.validation
def test_check_3_spike_after_leader_removal(results):
    _assert_passes(results["decapitation"])


@pytest.mark.validation
def test_check_4_fragmentation_under_leadership_targeting(results):
    _assert_passes(results["fragmentation"])


@pytest.mark.validation
def test_check_5_guns(results):
    _assert_passes(results["guns"])


@pytest.mark.validation
def test_check_6_route_displacement(results):
    _assert_passes(results["displacement"])


@pytest.mark.validation
def test_check_7_no_false_credit_for_overdoses(results):
    _assert_passes(results["overdoses"])


# ------------------------------------------------------------------------ machinery
def test_every_check_is_registered_once_with_a_source_and_band():
    assert [c.number for c in CHECKS] == list(range(1, len(CHECKS) + 1))
    assert len({c.id for c in CHECKS}) == len(CHECKS) >= 7
    for c in CHECKS:
        assert c.source and c.how and c.title
        assert c.band[0] is not None or c.band[1] is not None
    assert select(["3", "workforce"]) == [CHECK_BY_ID["workforce"], CHECK_BY_ID["decapitation"]]
    with pytest.raises(KeyError):
        select(["nope"])


def test_measure_statistics_and_band():
    m = Measure("x", "%", np.arange(1, 101), (40, 60))
    assert m.mean == pytest.approx(50.5)
    assert m.interval == pytest.approx((5.95, 95.05))
    assert m.passed and m.status == PASS
    assert Measure("y", "%", [70.0], (None, 60)).status == FAIL
    assert Measure("z", "%", [1.0]).passed is None
    assert in_band(5, (5, None)) and in_band(5, (None, 5)) and not in_band(float("nan"), (0, 1))


def test_exogenous_overdose_trend_is_centred_on_mid_2024():
    series = exogenous_overdoses(["2024-07", "2025-07", "2026-01"], 80_000, -0.05)
    assert series == pytest.approx([80_000 / 12, 80_000 / 12 * 0.95, 80_000 / 12 * 0.95**1.5])


def test_workforce_check_is_skipped_without_data(tmp_path):
    [r] = run_checks(Context(replications=1, data=tmp_path), only=["workforce"])
    assert r.status == SKIPPED and str(tmp_path) in r.note


def _fake_results() -> list[CheckResult]:
    ok = CheckResult(
        CHECK_BY_ID["guns"],
        [
            Measure("guns a year", "guns/year", [2e5, 2.1e5], (1.5e5, 2.5e5)),
            Measure("context", "%", [1.0, 2.0]),
        ],
        figure={
            "yearly": np.full((2, 5), 2e5),
            "band": (1.5e5, 2.5e5),
            "share": np.array([70, 70]),
        },
        replications=2,
    )
    bad = CheckResult(
        CHECK_BY_ID["overdoses"],
        [Measure("error", "%", [9.0, 11.0], (None, 5))],
        figure={"series": np.ones((2, 12)), "exogenous": np.ones(12) * 1.1},
        replications=2,
    )
    skipped = CheckResult(CHECK_BY_ID["workforce"], [], skipped=True, note="no data")
    return [skipped, ok, bad]


def test_reports_have_one_figure_per_check_and_the_csv_columns(tmp_path):
    res = _fake_results()
    csv_path, html_path = write_report(res, tmp_path, {"replications": 2})
    text = html_path.read_text(encoding="utf-8")
    assert text.count("<img ") == len(res)
    assert "data:image/png;base64," in text
    assert not re.search(r"(src|href)=\"(https?:)?//", text)  # self-contained: no external links
    with csv_path.open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames) == CSV_COLUMNS
        rows = list(reader)
    assert [r["check_status"] for r in rows] == [SKIPPED, PASS, PASS, FAIL]
    assert rows[1]["mean"] == "205000" and rows[1]["band_low"] == "150000"
    assert rows[2]["status"] == "info" and rows[3]["status"] == FAIL
    table = format_table(res)
    assert "5. Guns" in table and "[FAIL]" in table and "[SKIPPED]" in table
    assert render_html(res).count("<img ") == 3


def test_cli_validate_writes_the_report_and_exits_0(tmp_path, capsys):
    out = tmp_path / "val"
    status = main(["validate", "-n", "2", "--only", "guns", "overdoses", "--out", str(out)])
    printed = capsys.readouterr().out
    assert status == 0, printed
    assert (out / "validation.csv").exists() and (out / "validation.html").exists()
    assert "2 passed, 0 failed" in printed and "validation.html" in printed


def test_cli_validate_exits_0_when_the_only_check_is_skipped(tmp_path, capsys, monkeypatch):
    # the default data folder may be absent: the check is skipped; an explicit
    # --data that is absent is refused (tests/cli/test_cli_safety.py)
    monkeypatch.setattr("simulator.validation.runs.default_data_dir", lambda: tmp_path / "none")
    args = ["validate", "--only", "1", "--out", str(tmp_path / "o")]
    assert main(args) == 0
    assert "1 skipped" in capsys.readouterr().out


def test_cli_validate_rejects_an_unknown_check(tmp_path, capsys):
    assert main(["validate", "--only", "nope", "--out", str(tmp_path)]) == 2
    assert "unknown check" in capsys.readouterr().err


# ------------------------------------------------------------------------ out-of-sample backtests
@pytest.mark.validation
@pytest.mark.parametrize("check_id", ["backtest_lazcano", "backtest_chapo", "backtest_tuta"])
def test_checks_8_to_10_out_of_sample_backtests(results, check_id):
    r = results[check_id]
    assert r.check.out_of_sample and r.replications == REPLICATIONS
    _assert_passes(r)
