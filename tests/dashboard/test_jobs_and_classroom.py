"""Background comparisons (caps, progress, same result as compare) and the classroom walk."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from simulator.dashboard import config
from simulator.dashboard.classroom_script import STEPS, Step, direction, outcome
from simulator.dashboard.jobs import CompareJob, CompareRequest, request_problems
from simulator.experiment import compare
from simulator.scenario import load_scenario
from tests.conftest import SCENARIOS

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.fixture
def mine(tmp_path, monkeypatch):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "strikes.yaml").write_text(
        "extends: {}\nname: strikes\npolicy:\n  levers:\n    unilateral_strikes_per_month: 3\n".format(
            config.SHIPPED_SCENARIOS / "classroom.yaml"
        )
    )
    monkeypatch.setenv(config.ENV_SCENARIOS, str(folder))
    return folder


def test_requests_over_the_caps_are_refused_before_running():
    ok = CompareRequest(("classroom", "baseline"), "classroom", 10)
    assert request_problems(ok) == []
    too = {
        "scenarios": CompareRequest(("classroom",), "classroom", 10),
        "replications": CompareRequest(("a", "b"), "a", config.MAX_REPLICATIONS + 1),
        "runs": CompareRequest(("a", "b", "c", "d"), "a", 61),
        "months": CompareRequest(("a", "b"), "a", 2, months=config.MAX_MONTHS + 1),
        "reference": CompareRequest(("a", "b"), "c", 2),
        "once": CompareRequest(("a", "a"), "a", 2),
    }
    for what, req in too.items():
        assert request_problems(req), what


def test_a_job_reports_progress_equals_compare_and_writes_the_report(mine, monkeypatch):
    import simulator.report

    def write_report(comparison, out):  # the report layer's writer, minus its slow figures
        (out / "figures").mkdir()
        (out / "figures" / "timeseries.png").write_bytes(b"\x89PNG")
        paths = {"summary": out / "summary.csv", "report": out / "report.html"}
        comparison.summary().to_csv(paths["summary"], index=False)
        paths["report"].write_text("<html>report</html>")
        return paths

    monkeypatch.setattr(simulator.report, "write_report", write_report)
    job = CompareJob(CompareRequest(("classroom", "mine/strikes"), "classroom", 3, months=8))
    seen: list[tuple[str, int]] = []
    job.subscribe(lambda: seen.append((job.state, job.done)))
    job.run(with_report=True)
    assert job.state == "done", job.message
    assert ("running", 6) in seen and job.done == job.total == 6
    assert ("writing", 6) in seen
    direct = compare(
        [SCENARIOS / "classroom.yaml", mine / "strikes.yaml"], n=3, months=8, workers=1
    )
    pd.testing.assert_frame_equal(job.comparison.summary(), direct.summary())
    files = job.downloads.files
    assert files["summary.csv"].startswith(b"metric,label,scenario")
    assert files["report.html"] == b"<html>report</html>"
    with zipfile.ZipFile(io.BytesIO(files["figures.zip"])) as z:
        assert z.namelist() == ["figures/timeseries.png"]


def test_a_job_can_be_cancelled_and_a_failure_is_a_message(mine):
    job = CompareJob(CompareRequest(("classroom", "mine/strikes"), "classroom", 5, months=6))
    job.subscribe(lambda: job.cancel() if job.done >= 1 else None)
    job.run(with_report=False)
    assert job.state == "cancelled" and job.comparison is None
    bad = CompareJob(CompareRequest(("classroom", "classroom"), "classroom", 2))
    bad.run(with_report=False)
    assert bad.state == "failed" and "names must differ" in bad.message


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds not found")
def test_every_classroom_quote_is_verbatim_in_its_seed_file():
    for step in STEPS:
        for q in step.quotes:
            source = _normal((SEEDS / q.seed).read_text(encoding="utf-8"))
            assert _normal(q.text) in source, f"{q.seed}: {q.text[:50]}"


def test_direction_needs_the_interval_to_exclude_zero_and_a_real_change():
    assert direction(5.0, 1.0, 9.0, 100.0) == "higher"
    assert direction(-5.0, -9.0, -1.0, 100.0) == "lower"
    assert direction(5.0, -1.0, 9.0, 100.0) == "about the same"
    assert direction(0.5, 0.1, 0.9, 100.0) == "about the same"  # under 2%


def test_a_step_outcome_is_the_summary_over_its_months(mine):
    comparison = compare(
        [
            SCENARIOS / "baseline.yaml",
            SCENARIOS / "unilateral_strikes.yaml",
            SCENARIOS / "bilateral_roadmap.yaml",
        ],
        n=3,
        months=12,
        workers=1,
    )
    step = Step("unilateral_strikes", "t", 1, 12, (), "", "homicides", "?")
    result = outcome(comparison, step)
    data = comparison.data
    h = data[data["metric"] == "homicides"].groupby(["scenario", "replication"])["value"].sum()
    diffs = h["unilateral_strikes"] - h["baseline"]
    assert result.diff[0] == pytest.approx(diffs.mean())
    assert result.policy[0] == pytest.approx(h["unilateral_strikes"].mean())
    assert result.how == "total" and result.replications == 3
    assert result.answer == direction(*result.diff, result.status_quo[0])
    level = outcome(comparison, Step("bilateral_roadmap", "t", 1, 6, (), "", "cooperation", "?"))
    coop = data[(data["metric"] == "cooperation") & (data["month"] == 6)]
    assert level.how == "at the end"
    assert level.policy[0] == pytest.approx(
        coop[coop["scenario"] == "bilateral_roadmap"]["value"].mean()
    )


def test_every_step_names_a_shipped_scenario_and_a_window_inside_it():
    for step in STEPS:
        scenario = load_scenario(SCENARIOS / f"{step.scenario}.yaml")
        assert 1 <= step.start <= step.end <= scenario.months
        assert step.quotes and step.question.endswith("?")


SESSION_SCRIPT = """
import threading
import solara.server.app  # applies Solara's patches: threads inherit the page's context
from solara.server import kernel, kernel_context
from simulator.dashboard.jobs import CompareJob, CompareRequest, start_in_background

page = kernel_context.VirtualKernelContext(id="page", session_id="s", kernel=kernel.Kernel())
seen, inside = [], []
with page:
    inherited = threading.Thread(target=lambda: inside.append(kernel_context.has_current_context()))
    inherited.start(); inherited.join()
    job = CompareJob(CompareRequest(("classroom", "baseline"), "classroom", 1, months=3))
    job.subscribe(lambda: seen.append(kernel_context.get_current_context().id))
    thread = start_in_background(
        lambda: (inside.append(kernel_context.has_current_context()), job.run(with_report=False)),
        "job",
    )
thread.join()
before_close = len(seen)
page.close()
again = CompareJob(CompareRequest(("classroom", "baseline"), "classroom", 1, months=3))
with page:
    again.subscribe(lambda: seen.append("after close"))
start_in_background(again.run, "job", with_report=False).join()
import json
print(json.dumps(dict(inside=inside, job=job.state, again=again.state, before_close=before_close, seen=sorted(set(seen)))))
"""


def test_jobs_belong_to_no_page_and_call_each_listener_in_its_own_page():
    """A job's thread has no page; its listeners run in the page that subscribed.

    A closing tab then cannot pull the context away mid-run, and listeners stop once
    their page has closed.
    """
    out = subprocess.run(
        [sys.executable, "-c", SESSION_SCRIPT], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["inside"][0], "Solara's patch did not apply: the test proves nothing"
    assert result["inside"][1] is False  # the job's thread has no page
    assert result["job"] == result["again"] == "done"
    assert result["before_close"] >= 3 and result["seen"] == ["page"]


def test_a_job_with_parameter_uncertainty_splits_luck_from_assumptions(mine, monkeypatch):
    import simulator.dashboard.jobs as jobs
    import simulator.experiment.uncertainty as uncertainty

    ranges = {"noncartel_homicides_per_month": (600.0, 1400.0)}
    monkeypatch.setattr(uncertainty, "ranged_parameters", lambda: ranges)
    monkeypatch.setattr(jobs, "ranged_parameters", lambda: ranges)
    few = CompareRequest(("classroom", "mine/strikes"), "classroom", 3, months=6, uncertainty=True)
    assert any("at least 4 replications" in p for p in request_problems(few))
    req = CompareRequest(("classroom", "mine/strikes"), "classroom", 4, months=6, uncertainty=True)
    assert request_problems(req) == []
    job = CompareJob(req)
    job.run(with_report=False)
    assert job.state == "done", job.message
    assert job.comparison.draws is not None and list(job.comparison.draws.columns) == list(ranges)
    assert len(job.comparison.variance_split(["homicides"])) == 1
