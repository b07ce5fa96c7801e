"""The robustness report: tables, figures and a self-contained HTML page of a :class:`Robustness`.

Files: ``shares.csv`` (share of the parameter space each policy wins, per headline
metric), ``sobol.csv`` (first-order and total indices of each paired difference),
``boxes.csv`` (where the verdict flips), ``differences.csv`` (every design point's
parameter values and paired differences), ``figures/`` and ``report.html``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from matplotlib.figure import Figure

from simulator.metrics import METRICS
from simulator.output import result_folder
from simulator.report.figures import DRAWING, PALETTE, FigureFile, save
from simulator.report.format import share
from simulator.report.html import CSS, escape, figure_html

if TYPE_CHECKING:
    from simulator.experiment.robustness import Robustness

TOP = 8  # parameters shown per metric in the influence figure


def _label(metric: str) -> str:
    return METRICS[metric].label if metric in METRICS else metric


def shares_figure(result: Robustness) -> Figure:
    """Per headline metric: the share of the parameter space each policy wins."""
    shares = result.shares
    fig = Figure(figsize=(8.5, 0.45 * len(shares) + 1.2), layout="constrained")
    ax = fig.subplots()
    y = range(len(shares))
    ax.barh(y, shares["a_better"], color=PALETTE[0], label=f"{result.a} better")
    ax.barh(y, shares["tie"], left=shares["a_better"], color="#cccccc", label="tie")
    ax.barh(
        y,
        shares["b_better"],
        left=shares["a_better"] + shares["tie"],
        color=PALETTE[1],
        label=f"{result.b} better",
    )
    ax.set_yticks(list(y), [_label(m) for m in shares["metric"]], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the parameter space (design points)", fontsize=8)
    ax.set_title("Which policy is better, across the assumptions", fontsize=10, loc="left")
    fig.legend(loc="outside lower center", ncols=3, fontsize=7, frameon=False)
    return fig


def influence_figure(result: Robustness) -> Figure:
    """Per headline metric: the largest total Sobol indices of the paired difference."""
    metrics = list(result.shares["metric"])
    cols = 3
    rows = max(1, -(-len(metrics) // cols))
    fig = Figure(figsize=(11, 2.6 * rows), layout="constrained")
    axes = fig.subplots(rows, cols, squeeze=False).ravel()
    for ax, metric in zip(axes, metrics, strict=False):
        rows_m = result.indices[result.indices["metric"] == metric].dropna(subset=["ST"])
        rows_m = rows_m.sort_values("ST", ascending=False).head(TOP)[::-1]
        ax.barh(rows_m["parameter"], rows_m["ST"], color=PALETTE[2], label="total (ST)")
        ax.barh(
            rows_m["parameter"],
            rows_m["S1"].clip(lower=0),
            color=PALETTE[3],
            height=0.4,
            label="first-order (S1)",
        )
        ax.set_title(_label(metric), fontsize=9, loc="left")
        ax.tick_params(labelsize=7)
        ax.set_xlim(0, max(1.0, float(rows_m["ST"].max()) if len(rows_m) else 1.0))
    for ax in axes[len(metrics) :]:
        ax.set_visible(False)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=2, fontsize=7, frameon=False)
    fig.suptitle(
        "Which assumptions the verdict hinges on: Sobol indices of the paired difference",
        fontsize=10,
    )
    return fig


def write_robustness_report(
    result: Robustness, out: str | Path, about: dict | None = None
) -> dict[str, Path]:
    """Write the tables, figures and ``report.html`` into ``out/report``; return their paths."""
    target = Path(out) / "report"
    written: dict[str, str] = {}
    with result_folder(target, "robustness report") as staging:
        for name, frame in (
            ("shares", result.shares),
            ("sobol", result.indices),
            ("boxes", result.boxes),
        ):
            frame.to_csv(staging / f"{name}.csv", index=False, float_format="%.6g")
            written[name] = f"{name}.csv"
        result.points.merge(result.differences, on="point").to_csv(
            staging / "differences.csv", index=False, float_format="%.6g"
        )
        written["differences"] = "differences.csv"
        with DRAWING:
            figures = []
            for name, title, caption, fig in (
                (
                    "shares",
                    "Share of the parameter space each policy wins",
                    "Each design point draws every ranged parameter from its plausible range; "
                    "a policy wins a point when its paired outcome is better.",
                    shares_figure(result),
                ),
                (
                    "influence",
                    "Sobol indices of the paired difference",
                    "Total (ST) and first-order (S1) indices, SALib; the parameters with the "
                    f"largest total index, at most {TOP} per metric.",
                    influence_figure(result),
                ),
            ):
                png, paths = save(fig, staging / "figures", name)
                figures.append(FigureFile(name, title, caption, png, paths))
        (staging / "report.html").write_text(
            render_robustness_html(result, figures, about), encoding="utf-8"
        )
        written["report"] = "report.html"
    return {name: target / rel for name, rel in written.items()}


def render_robustness_html(
    result: Robustness, figures: list[FigureFile], about: dict | None = None
) -> str:
    """The complete HTML page."""
    shares = "".join(
        f"<tr><td>{escape(_label(r.metric))}</td><td class='n'>{share(r.a_better)}</td>"
        f"<td class='n'>{share(r.b_better)}</td><td class='n'>{share(r.tie)}</td>"
        f"<td>{escape(', '.join(result.top_parameters(r.metric)))}</td></tr>"
        for r in result.shares.itertuples()
    )
    boxes = (
        "".join(
            f"<tr><td>{escape(_label(r.metric))}</td><td>{escape(r.winner)}</td><td>{escape(r.box)}</td>"
            f"<td class='n'>{share(r.coverage)}</td><td class='n'>{share(r.density)}</td>"
            f"<td class='n'>{r.samples}</td></tr>"
            for r in result.boxes.itertuples()
        )
        or "<tr><td colspan='6'>The verdict does not flip anywhere in the sampled space.</td></tr>"
    )
    n_points = len(result.points)
    settings = f"<pre>{escape(json.dumps(about, indent=2))}</pre>" if about else ""
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>CartelSim robustness: {escape(result.b)} vs {escape(result.a)}</title><style>{CSS}</style>"
        "</head><body><main>"
        f"<h1>Robustness: {escape(result.b)} vs {escape(result.a)}</h1>"
        f"<p class='sub'>{n_points} design points (Saltelli) over {len(result.parameters)} "
        "ranged calibration parameters, both policies at every point with the same seeds. "
        "A policy is better at a point when its paired outcome is better by the metric's "
        "direction (flows summed over the horizon, levels at its end).</p>"
        "<h2>Who wins where</h2><table><tr><th>metric</th>"
        f"<th>{escape(result.a)} better</th><th>{escape(result.b)} better</th><th>tie</th>"
        "<th>the verdict hinges on (largest total Sobol index)</th></tr>"
        f"{shares}</table>"
        "<h2>Where the verdict flips</h2><p class='sub'>Boxes where the policy that loses on "
        "most of the space wins, found by a shallow decision tree (scenario discovery). "
        "Coverage: share of its wins inside the box; density: share of the box it wins.</p>"
        "<table><tr><th>metric</th><th>wins in the box</th><th>box</th><th>coverage</th>"
        f"<th>density</th><th>points</th></tr>{boxes}</table>"
        f"<h2>Figures</h2>{''.join(figure_html(f) for f in figures)}"
        "<h2>Settings</h2><p class='sub'>Every range and its source: docs/RULES.md and "
        "docs/SCENARIO.md. Tables: shares.csv, sobol.csv, boxes.csv, differences.csv.</p>"
        f"{settings}</main></body></html>\n"
    )
