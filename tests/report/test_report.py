"""The report layer: figures (PNG and SVG), the terminal table and the self-contained HTML."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from simulator.experiment.replicate import Comparison, Replications
from simulator.metrics import HEADLINE, METRIC_IDS, METRICS
from simulator.report import text_table, write_report
from simulator.report.figures import phase_windows
from simulator.report.format import num, share
from simulator.report.html import render_html
from simulator.scenario import load_scenario

from ..conftest import SCENARIOS

FIGURES = ("timeseries", "differences", "small_multiples", "share_better")


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    """A comparison built from synthetic numbers, so report tests do not depend on the model."""
    rng = np.random.default_rng(0)
    n, months, k = 8, 24, len(METRIC_IDS)
    shared = rng.normal(size=(n, months, k)).cumsum(axis=1) * 0.01
    runs = []
    for j, name in enumerate(("unilateral_strikes", "bilateral_roadmap")):
        scenario = load_scenario(SCENARIOS / f"{name}.yaml")
        t = np.arange(1, months + 1)[None, :, None]
        values = 1 + 0.003 * (j + 1) * t + shared + rng.normal(size=(n, months, k)) * 0.005
        values *= np.linspace(0.3, 3000, k)[None, None, :]
        counts = pd.DataFrame(
            [(r, "R10", 10 - 9 * j) for r in range(n)] + [(r, "R16", 1 + 3 * j) for r in range(n)],
            columns=["replication", "rule", "count"],
        )
        runs.append(Replications(scenario, 42, list(range(n)), months, values, counts))
    return Comparison(runs, "unilateral_strikes")


@pytest.fixture(scope="module")
def written(comparison, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    return out, write_report(comparison, out)


def test_write_report_writes_every_output(written):
    out, paths = written
    for name in (
        "summary.csv",
        "replications.parquet",
        "rules.csv",
        "provenance.json",
        "report.html",
    ):
        assert (out / name).stat().st_size > 0
    for fig in FIGURES:
        assert (out / "figures" / f"{fig}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert "<svg" in (out / "figures" / f"{fig}.svg").read_text()
    assert paths["report"] == out / "report.html"
    long = pd.read_parquet(out / "replications.parquet")
    assert list(long.columns) == ["scenario", "replication", "month", "metric", "value"]
    assert len(long) == 2 * 8 * 24 * len(METRIC_IDS)
    summary = pd.read_csv(out / "summary.csv")
    assert tuple(summary["metric"].drop_duplicates())[: len(HEADLINE)] == HEADLINE
    assert {
        "mean",
        "median",
        "p5",
        "p95",
        "diff_mean",
        "diff_ci_low",
        "diff_ci_high",
        "diff_p5",
        "diff_p95",
        "share_better",
    } <= set(summary.columns)
    rules = pd.read_csv(out / "rules.csv")
    assert rules["rule"].tolist() == ["R10", "R16"]


def test_report_html_is_self_contained_with_all_sections(comparison, written):
    page = (written[0] / "report.html").read_text(encoding="utf-8")
    for section in ("compared", "scenarios", "table", "figures", "rules", "method"):
        assert f"id='{section}'" in page
    assert page.count('src="data:image/png;base64,') == len(FIGURES)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page)
    assert "url(" not in page and "<script" not in page and "<link" not in page
    assert "@import" not in page
    # scenario descriptions, phases, provenance and the method are there
    assert "Phase 3: reclaiming territory and institutions" in page
    assert "19–36" in page and "Strike campaign" in page
    for s in comparison.scenarios:
        assert s.description.split()[0] in page
    assert comparison.provenance["scenarios"][0]["scenario_hash"] in page
    assert "Common random numbers" in page and "90% CI" in page
    assert "State legitimacy" in page


def test_rule_titles_appear_when_known_and_degrade_when_not(comparison):
    with_titles = render_html(comparison, [], {"R10": "Unilateral strikes"})
    assert "Unilateral strikes</td>" in with_titles
    without = render_html(comparison, [], {})
    assert "docs/RULES.md" in without and "<b>R10</b>" in without


def test_text_table_lists_every_metric_with_intervals(comparison):
    table = text_table(comparison.summary(), comparison.names, comparison.reference)
    lines = table.splitlines()
    assert "unilateral_strikes (ref) mean [p5–p95]" in lines[0]
    assert "Δ bilateral_roadmap [90% CI]" in lines[0] and "better" in lines[0]
    assert lines[2].startswith(METRICS[HEADLINE[0]].label)
    body = [x for x in lines[2:] if not x.startswith("─")]
    assert len(body) == len(METRIC_IDS)
    assert len({len(x) for x in lines[:2]}) == 1  # aligned header and rule


def test_phase_windows_clip_open_ended_phases():
    roadmap = load_scenario(SCENARIOS / "bilateral_roadmap.yaml")
    windows = phase_windows(roadmap, 24)
    assert [(a, b) for a, b, *_ in windows] == [(1, 6), (7, 18), (19, 24)]
    assert windows[0][3] == "Phase 1"


def test_number_formatting():
    assert num(17.3e9) == "17.3B" and num(999.9e6) == "1.00B" and num(1e6) == "1.00M"
    assert num(12345.6) == "12,346" and num(0.0948) == "0.0948" and num(-3, signed=True) == "-3"
    assert num(2.5, signed=True) == "+2.5" and num(float("nan")) == "–"
    assert share(0.754) == "75%" and share(float("nan")) == "–"
