"""Classroom mode: a guided walk through the two headline scenarios, phase by phase.

Big type for a projector. Each step quotes its source documents (cited by seed file),
asks the class to predict, then shows what the replicated runs say, with the band
(:mod:`simulator.dashboard.classroom_script`). The runs are made once per server and
shared by every session (they are the same for everyone); predictions are per session.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import cast

import solara

from simulator.dashboard.charts import band_option
from simulator.dashboard.classroom_script import (
    CHOICES,
    STATUS_QUO,
    STEPS,
    Outcome,
    Step,
    ensemble,
    outcome,
)
from simulator.dashboard.components import Data, LiveChart
from simulator.dashboard.jobs import CompareJob
from simulator.experiment.summary import monthly_bands
from simulator.metrics import METRICS
from simulator.report.figures import colours
from simulator.report.format import num, share

SCENARIO_LABEL = {
    "unilateral_strikes": "Unilateral US strikes",
    "bilateral_roadmap": "Bilateral roadmap",
    STATUS_QUO: "Status quo",
}


@solara.component
def Page() -> None:
    """One step at a time: sources, a prediction, then the outcome with its band."""
    index, set_index = solara.use_state(0)
    predictions, set_predictions = solara.use_state(cast(dict[int, str], {}))  # step -> choice
    revealed, set_revealed = solara.use_state(cast(frozenset[int], frozenset()))
    version, set_version = solara.use_state(0)
    job = ensemble()

    def follow() -> Callable[[], None]:
        return job.subscribe(lambda: set_version(lambda v: v + 1))

    solara.use_effect(follow, [job])
    step = STEPS[index]
    with solara.Column(classes=["cs-classroom"], style={"max-width": "1100px"}):
        solara.HTML(tag="h1", unsafe_innerHTML="Two ways to fight the cartels")
        with solara.Row(gap="6px", style={"flex-wrap": "wrap", "align-items": "center"}):
            for i in range(len(STEPS)):
                solara.Button(
                    f"{i + 1}",
                    on_click=lambda i=i: set_index(i),
                    color="primary" if i == index else None,
                    outlined=i != index,
                    small=True,
                    classes=[f"cs-step-{i + 1}"],
                )
            solara.Text(f"step {index + 1} of {len(STEPS)}", classes=["cs-note"])
        StepView(
            step,
            index,
            predictions.get(index),
            lambda c: set_predictions({**predictions, index: c} if c else predictions),
            index in revealed,
            lambda: set_revealed(revealed | {index}),
            job,
            version,
        )
        with solara.Row(gap="12px"):
            solara.Button(
                "← Back", on_click=lambda: set_index(index - 1), disabled=index == 0, outlined=True
            )
            solara.Button(
                "Next step →",
                on_click=lambda: set_index(index + 1),
                disabled=index == len(STEPS) - 1,
                color="primary",
                classes=["cs-next"],
            )


@solara.component
def StepView(
    step: Step,
    index: int,
    prediction: str | None,
    predict: Callable[[str | None], None],
    shown: bool,
    reveal: Callable[[], None],
    job: CompareJob,
    version: int,
) -> None:
    """A step's sources, its question, the class's prediction and (after Run) the outcome.

    ``job`` changes in place on its thread; ``version`` tells reacton to render again.
    """
    quotes = "".join(
        f'<blockquote class="cs-quote">“{escape(q.text)}”'
        f'<div class="cs-cite">— seed {escape(q.seed)}</div></blockquote>'
        for q in step.quotes
    )
    solara.HTML(
        tag="div",
        unsafe_innerHTML=f"<h2>{escape(step.title)}</h2>"
        f"<div><b>{escape(SCENARIO_LABEL[step.scenario])}</b>: {escape(step.explain)}</div>"
        f"{quotes}<p><b>Predict:</b> {escape(step.question)}</p>",
    )
    solara.ToggleButtonsSingle(
        value=prediction,
        values=list(CHOICES),
        on_value=predict,
        mandatory=False,
        classes=["cs-predict"],
    )
    ready = job.comparison is not None
    with solara.Row(gap="12px", style={"align-items": "center"}):
        solara.Button(
            "Run",
            on_click=reveal,
            disabled=prediction is None or not ready,
            color="primary",
            classes=["cs-reveal"],
        )
        if prediction is None:
            solara.Text("Pick a prediction first.", classes=["cs-note"])
        if not ready:
            pct = 100 * job.done / job.total if job.total else 0
            solara.Text(
                f"Preparing the runs ({job.message or 'starting'}; {pct:.0f}%): "
                f"{len(job.request.refs)} scenarios × {job.request.replications} replications.",
                classes=["cs-note", "cs-classroom-progress"],
            )
            if job.state == "failed":
                solara.Error(job.message)
    if shown and ready and prediction is not None:
        assert job.comparison is not None
        OutcomeView(step, outcome(job.comparison, step), prediction, job)


@solara.component
def OutcomeView(step: Step, result: Outcome, prediction: str, job: CompareJob) -> None:
    """The outcome in words, the verdict on the prediction, and the two bands over time."""
    m = METRICS[step.metric]
    unit = m.unit.removesuffix("/month") if result.how == "total" else m.unit
    mean, lo, hi = result.policy
    sq, sq_lo, sq_hi = result.status_quo
    d, d_lo, d_hi = result.diff
    rel = result.relative()
    rel_text = f" ({100 * rel:+.0f}%)" if rel == rel else ""
    right = prediction == result.answer
    better = share(result.share_better)
    solara.HTML(
        tag="div",
        classes=["cs-outcome-block"],
        unsafe_innerHTML=(
            f'<div class="cs-outcome">{escape(m.label)}, months {step.start}-{step.end} '
            f"({result.how}): <b>{escape(result.answer)}</b> than the status quo</div>"
            f"<p>{escape(SCENARIO_LABEL[step.scenario])}: {num(mean)} {escape(unit)} "
            f"[5-95% band {num(lo)}–{num(hi)}]; status quo: {num(sq)} [{num(sq_lo)}–{num(sq_hi)}]. "
            f"Difference, paired run by run: {num(d, True)}{rel_text}, 90% CI "
            f"[{num(d_lo, True)}, {num(d_hi, True)}]; better than the status quo in {better} "
            f"of {result.replications} runs.</p>"
            f'<p class="{"cs-better" if right else "cs-worse"}"><b>Your prediction: '
            f"{escape(prediction)}</b> — {'right' if right else 'not what the model says'}.</p>"
        ),
    )
    comparison = job.comparison
    assert comparison is not None
    names = {s.name: ref for s, ref in zip(comparison.scenarios, job.request.refs, strict=True)}
    pair = [n for n, ref in names.items() if ref in (STATUS_QUO, step.scenario)]
    data = comparison.data
    subset = data[(data["metric"] == step.metric) & (data["scenario"].isin(pair))]
    bands, _ = monthly_bands(subset, pair[0])
    option = band_option(bands, step.metric, pair, colours(pair), comparison.months)
    option["series"][0]["markArea"] = {
        "silent": True,
        "data": [[{"xAxis": str(step.start)}, {"xAxis": str(step.end)}]],
        "itemStyle": {"color": "rgba(255,200,0,0.12)"},
    }
    solara.Text(
        f"{m.label} ({m.unit}) month by month: mean and 5-95% band of {result.replications} "
        f"runs each; the step's months shaded.",
        classes=["cs-note"],
    )
    LiveChart(Data(option), style="height: 300px; width: 100%", classes="cs-classroom-chart")
