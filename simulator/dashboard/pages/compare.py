"""Compare: 2-4 scenarios replicated with common random numbers, in the background.

The comparison is :func:`simulator.experiment.compare` (as ``cartelsim compare``): the
table is the report layer's (mean and 5-95% band per scenario, paired difference to
the reference with its 90% CI, share of replications better), the charts show the
monthly bands and paired differences of :func:`simulator.experiment.summary.monthly_bands`,
and the downloads are the files ``cartelsim compare`` writes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import solara
from solara.alias import rv

from simulator.dashboard import config
from simulator.dashboard.charts import axis_label, band_option, difference_option
from simulator.dashboard.components import Data, LiveChart, use_guard
from simulator.dashboard.jobs import (
    CompareJob,
    CompareRequest,
    request_problems,
    start_in_background,
)
from simulator.dashboard.scenario_files import list_scenarios
from simulator.experiment.summary import monthly_bands
from simulator.metrics import HEADLINE, METRIC_IDS, METRICS
from simulator.report.figures import colours
from simulator.report.html import findings, results_table, variance_section

DEFAULT_REFS = ("unilateral_strikes", "bilateral_roadmap")

current_job = solara.reactive(cast(CompareJob | None, None))  # per browser tab


@solara.component
def Page() -> None:
    """Choose scenarios and replications, run, read the table, charts and downloads."""
    entries = list_scenarios()
    refs = [e.ref for e in entries]
    chosen, set_chosen = solara.use_state([r for r in DEFAULT_REFS if r in refs])
    reference, set_reference = solara.use_state(chosen[0] if chosen else "")
    replications, set_replications = solara.use_state(10)
    months, set_months = solara.use_state(cast(int | None, None))
    seed, set_seed = solara.use_state(cast(int | None, None))
    uncertainty, set_uncertainty = solara.use_state(False)
    version, set_version = solara.use_state(0)
    guard = use_guard()
    job = current_job.value

    if reference not in chosen and chosen:
        reference = chosen[0]
    request = CompareRequest(tuple(chosen), reference, replications, months, seed, uncertainty)
    problems = request_problems(request)

    def follow() -> Callable[[], None] | None:  # re-render on the job's progress
        if job is None:
            return None
        return job.subscribe(lambda: set_version(lambda v: v + 1))

    solara.use_effect(follow, [job])

    def start() -> None:
        if problems:
            return
        new = CompareJob(request)
        current_job.set(new)
        start_in_background(new.run, "cartelsim-compare")

    solara.Text(
        "Replicate 2 to 4 scenarios with common random numbers (replication k of every "
        "scenario uses the same seed) and compare them with a reference.",
        classes=["cs-note"],
    )
    with solara.Row(gap="16px", style={"flex-wrap": "wrap", "align-items": "flex-end"}):
        rv.Select(
            label=f"Scenarios ({config.MIN_COMPARE_SCENARIOS}-{config.MAX_COMPARE_SCENARIOS})",
            items=refs,
            v_model=chosen,
            on_v_model=lambda v: set_chosen(list(v)),
            multiple=True,
            chips=True,
            style_="min-width: 420px; max-width: 640px",
            class_="cs-compare-scenarios",
        )
        solara.Select(
            label="Reference", values=chosen or [""], value=reference, on_value=set_reference
        )
        solara.InputInt(
            f"Replications (max {config.MAX_REPLICATIONS})",
            value=replications,
            on_value=lambda v: set_replications(int(v)),
        )
        solara.InputInt(
            f"Months (max {config.MAX_MONTHS}; blank: the reference's)",
            value=months,
            optional=True,
            on_value=set_months,
        )
        solara.InputInt(
            "Seed (blank: the reference's)", value=seed, optional=True, on_value=set_seed
        )
        solara.Checkbox(
            label="Parameter uncertainty (draw every ranged assumption; 2 seeds a draw)",
            value=uncertainty,
            on_value=set_uncertainty,
        )
    for p in problems:
        solara.Warning(p, dense=True)
    running = job is not None and job.state in ("waiting", "running", "writing")
    with solara.Row(gap="8px", style={"align-items": "center"}):
        solara.Button(
            "Run comparison",
            on_click=guard(start),
            color="primary",
            disabled=bool(problems) or running,
            classes=["cs-run-compare"],
        )
        if running and job is not None:
            solara.Button("Cancel", on_click=job.cancel, outlined=True)
    if job is not None:
        JobView(job, version)


@solara.component
def JobView(job: CompareJob, version: int) -> None:
    """Progress while it runs; then the table, charts and downloads.

    ``job`` changes in place on its thread; ``version`` (bumped on each change) is what
    tells reacton to render this again.
    """
    if job.state in ("waiting", "running"):
        share = job.done / job.total if job.total else 0.0
        solara.ProgressLinear(value=100 * share, color="primary")
        solara.Text(job.message, classes=["cs-note", "cs-progress"])
    elif job.state == "failed":
        solara.Error(f"The comparison failed: {job.message}", classes=["cs-compare-error"])
    elif job.state == "cancelled":
        solara.Info("Cancelled.")
    comparison = job.comparison
    if comparison is None:
        return
    Results(job, job.downloads is not None)


@solara.component
def Results(job: CompareJob, downloads_ready: bool) -> None:
    """The summary table, the findings, bands and differences by metric, downloads."""
    comparison = job.comparison
    assert comparison is not None
    metric, set_metric = solara.use_state("homicides")
    show_all, set_show_all = solara.use_state(False)
    summary = solara.use_memo(comparison.summary, [comparison])
    bands, diffs = solara.use_memo(
        lambda: monthly_bands(comparison.data, comparison.reference), [comparison]
    )
    names, reference = comparison.names, comparison.reference
    colour = colours(names)
    shown = summary if show_all else summary[summary["metric"].isin(HEADLINE)]
    solara.Text(
        f"{comparison.n} replications × {len(names)} scenarios, {comparison.months} months, "
        f"base seed {comparison.base_seed}; reference {reference}. Outcomes: flows summed "
        "over the horizon, levels at its end; Δ paired by replication with its 90% CI; "
        "'better in' = share of replications better than the reference.",
        classes=["cs-note"],
    )
    solara.HTML(
        tag="div",
        unsafe_innerHTML=results_table(shown, names, reference),
        classes=["cs-results"],
    )
    solara.Checkbox(label="all metrics", value=show_all, on_value=set_show_all)
    # with parameter uncertainty: how much is luck, how much assumptions ("" without)
    split = solara.use_memo(lambda: variance_section(comparison), [comparison])
    if split:
        solara.HTML(tag="div", unsafe_innerHTML=split, classes=["cs-results", "cs-variance"])
    with solara.Details("Findings, headline metric by headline metric"):
        solara.HTML(
            tag="ul",
            unsafe_innerHTML=findings(summary, reference),
            classes=["cs-results", "findings"],
        )
    with solara.Row(gap="12px", style={"align-items": "center"}):
        solara.Select(
            label="Chart metric",
            values=list(METRIC_IDS),
            value=metric,
            on_value=set_metric,
        )
        solara.Text(f"{METRICS[metric].label}: {axis_label(metric)}", classes=["cs-note"])
    with solara.Row(gap="8px", style={"flex-wrap": "wrap"}):
        with solara.Column(classes=["cs-card"], style={"flex": "1 1 460px"}):
            solara.Text("Mean and 5-95% band across replications", classes=["cs-chart-title"])
            LiveChart(
                Data(band_option(bands, metric, names, colour, comparison.months)),
                style="height: 280px; width: 100%",
                classes="cs-compare-bands",
            )
        with solara.Column(classes=["cs-card"], style={"flex": "1 1 460px"}):
            solara.Text(
                f"Paired difference to {reference}: mean and 90% CI", classes=["cs-chart-title"]
            )
            LiveChart(
                Data(
                    difference_option(
                        diffs,
                        metric,
                        [n for n in names if n != reference],
                        colour,
                        comparison.months,
                    )
                ),  # fmt: skip
                style="height: 280px; width: 100%",
                classes="cs-compare-diffs",
            )
    if job.downloads is None:
        solara.Text("Writing the report and figures for download…", classes=["cs-note"])
        return
    with solara.Row(gap="8px"):
        for name, mime in (
            ("summary.csv", "text/csv"),
            ("report.html", "text/html"),
            ("figures.zip", "application/zip"),
            ("variance.csv", "text/csv"),
        ):
            if name not in job.downloads.files:
                continue
            solara.FileDownload(
                job.downloads.files[name],
                filename=name,
                label=f"Download {name}",
                mime_type=mime,
            )
