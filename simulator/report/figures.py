"""Figures of a comparison (matplotlib, no display needed): PNG and SVG of each.

* ``timeseries``: the roadmap's yardstick plus homicides and fentanyl over time, the
  mean of each scenario with its 5-95% band across replications, each scenario's
  phase windows shown as a labelled strip on top and shaded in the panels;
* ``differences``: scenario minus reference, paired by replication, month by month:
  the mean, the 90% confidence interval of the mean and the 5-95% band of single runs;
* ``small_multiples``: every headline metric, mean and band per scenario;
* ``share_better``: per headline metric, the share of replications in which each
  scenario beats the reference, ties and losses.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from simulator.metrics import HEADLINE, METRICS, Better
from simulator.report.format import num
from simulator.scenario.schema import Scenario

PALETTE = ("#1f5fa8", "#c4421a", "#2a8a4a", "#7b4fa6", "#b8860b", "#17808a", "#8c564b")
YARDSTICK = ("legitimacy", "territory_cartel_share", "fear", "integrity")
TIMESERIES = (*YARDSTICK, "homicides", "fentanyl_to_us_kg")


@dataclass
class FigureFile:
    """A rendered figure: its PNG bytes (for embedding) and the files written."""

    name: str
    title: str
    caption: str
    png: bytes
    paths: list[Path]


def colours(names: Sequence[str]) -> dict[str, str]:
    """Assign each scenario a colour, in order."""
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}


def phase_windows(scenario: Scenario, months: int) -> list[tuple[int, int, str, str]]:
    """Return ``(start, end, name, short name)`` of each phase, clipped to the horizon."""
    out = []
    for phase in scenario.policy.phases:
        start = phase.start
        end = months if phase.end is None else min(phase.end, months)
        if start > months:
            continue
        short = phase.name.split(":")[0].strip() if ":" in phase.name else phase.name
        out.append((start, end, phase.name, short))
    return out


def _yfmt(metric_id: str) -> FuncFormatter:
    unit = METRICS[metric_id].unit if metric_id in METRICS else ""
    if "USD" in unit:
        return FuncFormatter(lambda v, _pos: num(v))
    return FuncFormatter(lambda v, _pos: f"{v:.3g}" if abs(v) < 1000 else f"{v:,.0f}")


def _ylabel(metric_id: str) -> str:
    """The unit, and which way is better: ``index 0-1 (↑ better)``."""
    m = METRICS.get(metric_id)
    if m is None:
        return ""
    if m.better is Better.NEUTRAL:
        return m.unit
    return f"{m.unit} ({'↑' if m.better is Better.HIGHER else '↓'} better)"


def _shade_phases(ax, scenarios: Sequence[Scenario], colour: dict[str, str], months: int) -> None:
    """Shade every other phase window of each scenario lightly; dashed lines at phase starts."""
    for s in scenarios:
        windows = phase_windows(s, months)
        if len(windows) < 2:
            continue
        for i, (start, end, _name, _short) in enumerate(windows):
            if i % 2 == 1:
                ax.axvspan(start - 0.5, end + 0.5, color=colour[s.name], alpha=0.06, lw=0)
            if start > 1:
                ax.axvline(start - 0.5, color=colour[s.name], lw=0.7, ls=":", alpha=0.7)


def _phase_strip(
    ax,
    scenarios: Sequence[Scenario],
    colour: dict[str, str],
    months: int,
    width_in: float,
    names: bool = True,
) -> None:
    """Draw each scenario's phases as a labelled Gantt strip ``width_in`` inches wide."""
    chars_per_month = width_in * 17 / months  # ~17 characters of 7 pt text per inch
    ax.set_xlim(0.5, months + 0.5)
    ax.set_ylim(-0.5, len(scenarios) - 0.5)
    ax.invert_yaxis()
    ax.set_yticks(range(len(scenarios)), [s.name for s in scenarios] if names else [], fontsize=8)
    ax.tick_params(axis="x", labelbottom=False, length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    for row, s in enumerate(scenarios):
        windows = phase_windows(s, months)
        if not windows:
            ax.text(1, row, "no phases (status-quo levers)", va="center", fontsize=7, color="#555")
            continue
        for i, (start, end, name, short) in enumerate(windows):
            width = end - start + 1
            ax.barh(
                row,
                width,
                left=start - 0.5,
                height=0.75,
                color=colour[s.name],
                alpha=0.55 if i % 2 == 0 else 0.3,
                edgecolor="white",
                lw=1,
            )
            fits = int(width * chars_per_month)
            label = name if fits >= len(name) else short
            if fits < len(label):
                label = label[: max(fits - 1, 1)] + "…"
            ax.text(
                start - 0.5 + width / 2,
                row,
                label,
                ha="center",
                va="center",
                fontsize=7,
                color="black",
                clip_on=True,
            )


def _band(ax, bands: pd.DataFrame, metric_id: str, names: Sequence[str], colour, labels=True):
    for name in names:
        d = bands[(bands["scenario"] == name) & (bands["metric"] == metric_id)].sort_values("month")
        if d.empty:
            continue
        ax.fill_between(d["month"], d["p5"], d["p95"], color=colour[name], alpha=0.18, lw=0)
        ax.plot(d["month"], d["mean"], color=colour[name], lw=1.6, label=name if labels else None)


def _style(ax, metric_id: str, months: int, xlabel: bool) -> None:
    m = METRICS.get(metric_id)
    ax.set_title(m.label if m else metric_id, fontsize=9, loc="left")
    ax.set_ylabel(_ylabel(metric_id), fontsize=7)
    ax.yaxis.set_major_formatter(_yfmt(metric_id))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=7))
    ax.tick_params(labelsize=7)
    ax.set_xlim(0.5, months + 0.5)
    ax.grid(alpha=0.25, lw=0.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if xlabel:
        ax.set_xlabel("month", fontsize=7)


def _panel_grid(n: int, row_height: float) -> tuple[Figure, list, list[bool]]:
    """A constrained figure with one panel per metric, 5 columns (3 for 6 or fewer).

    Returns the figure, its first ``n`` axes (the unused ones hidden) and, per panel,
    whether it sits in the bottom row (and so carries the month axis label).
    """
    ncols = 5 if n > 6 else 3
    nrows = max(1, -(-n // ncols))
    fig = Figure(figsize=(13, row_height * nrows + 1.0), layout="constrained")
    grid = fig.subplots(nrows, ncols, squeeze=False).ravel()
    for ax in grid[n:]:
        ax.set_visible(False)
    return fig, list(grid[:n]), [i // ncols == nrows - 1 for i in range(n)]


def timeseries_figure(
    bands: pd.DataFrame, scenarios: Sequence[Scenario], months: int, metrics=TIMESERIES
) -> Figure:
    """Time series of key metrics with 5-95% bands and each scenario's phase windows."""
    names = [s.name for s in scenarios]
    colour = colours(names)
    metrics = [m for m in metrics if m in set(bands["metric"])]
    ncols = 2
    nrows = max(1, -(-len(metrics) // ncols))
    strip_h = 0.32 * len(scenarios) + 0.2
    fig = Figure(figsize=(11, strip_h + 2.3 * nrows + 0.9), layout="constrained")
    gs = fig.add_gridspec(nrows + 1, ncols, height_ratios=[strip_h, *([2.3] * nrows)])
    strips = []
    for c in range(ncols):
        strip = fig.add_subplot(gs[0, c])
        _phase_strip(strip, scenarios, colour, months, width_in=4.3, names=(c == 0))
        strip.set_title("Policy phases", fontsize=9, loc="left")
        strips.append(strip)
    for i, metric_id in enumerate(metrics):
        ax = fig.add_subplot(gs[1 + i // ncols, i % ncols], sharex=strips[i % ncols])
        _shade_phases(ax, scenarios, colour, months)
        _band(ax, bands, metric_id, names, colour, labels=(i == 0))
        _style(ax, metric_id, months, xlabel=(i // ncols == nrows - 1))
        ax.tick_params(axis="x", labelbottom=True)
    fig.suptitle(
        "Key metrics over time: mean of replications, band = 5th–95th percentile", fontsize=11
    )
    fig.legend(loc="outside lower center", ncols=len(names), fontsize=8, frameon=False)
    return fig


def difference_figure(
    diffs: pd.DataFrame,
    scenarios: Sequence[Scenario],
    reference: str,
    months: int,
    metrics: Sequence[str] = HEADLINE,
) -> Figure:
    """Paired difference to the reference over time, per headline metric."""
    names = [s.name for s in scenarios]
    colour = colours(names)
    others = [n for n in names if n != reference]
    metrics = [m for m in metrics if m in set(diffs["metric"])]
    fig, axes, bottom = _panel_grid(len(metrics), 2.4)
    for metric_id, ax, last_row in zip(metrics, axes, bottom, strict=True):
        _shade_phases(ax, scenarios, colour, months)
        ax.axhline(0, color="#333333", lw=0.8)
        for name in others:
            d = diffs[(diffs["scenario"] == name) & (diffs["metric"] == metric_id)].sort_values(
                "month"
            )
            c = colour[name]
            ax.fill_between(d["month"], d["p5"], d["p95"], color=c, alpha=0.12, lw=0)
            ax.fill_between(d["month"], d["ci_low"], d["ci_high"], color=c, alpha=0.35, lw=0)
            ax.plot(d["month"], d["mean"], color=c, lw=1.5, label=f"{name} − {reference}")
        _style(ax, metric_id, months, xlabel=last_row)
    fig.suptitle(
        f"Difference to {reference}, paired by replication (common random numbers): "
        "mean, dark band = 90% CI of the mean, light band = 5th–95th percentile of runs",
        fontsize=10,
    )
    if others:
        fig.legend(
            *axes[0].get_legend_handles_labels(),
            loc="outside lower center",
            ncols=len(others),
            fontsize=8,
            frameon=False,
        )
    return fig


def small_multiples_figure(
    bands: pd.DataFrame, scenarios: Sequence[Scenario], months: int, metrics=HEADLINE
) -> Figure:
    """Every headline metric, mean and 5-95% band per scenario."""
    names = [s.name for s in scenarios]
    colour = colours(names)
    metrics = [m for m in metrics if m in set(bands["metric"])]
    fig, axes, bottom = _panel_grid(len(metrics), 2.3)
    for i, (metric_id, ax, last_row) in enumerate(zip(metrics, axes, bottom, strict=True)):
        _shade_phases(ax, scenarios, colour, months)
        _band(ax, bands, metric_id, names, colour, labels=(i == 0))
        _style(ax, metric_id, months, xlabel=last_row)
    fig.suptitle("Headline metrics: mean and 5th–95th percentile band", fontsize=11)
    fig.legend(loc="outside lower center", ncols=len(names), fontsize=8, frameon=False)
    return fig


def share_better_figure(summary: pd.DataFrame, reference: str, metrics=HEADLINE) -> Figure:
    """Share of replications in which each scenario beats, ties or loses to the reference."""
    rows = summary[(summary["scenario"] != reference) & summary["metric"].isin(metrics)]
    rows = rows[rows["better"] != str(Better.NEUTRAL)]
    others = list(dict.fromkeys(rows["scenario"]))
    labels = []
    better, tie, worse = [], [], []
    for metric_id in [m for m in metrics if m in set(rows["metric"])]:
        for name in others:
            r = rows[(rows["metric"] == metric_id) & (rows["scenario"] == name)].iloc[0]
            labels.append(r["label"] if len(others) == 1 else f"{r['label']} ({name})")
            better.append(r["share_better"])
            worse.append(r["share_worse"])
            tie.append(1 - r["share_better"] - r["share_worse"])
    fig = Figure(figsize=(9, 0.34 * len(labels) + 1.3), layout="constrained")
    ax = fig.subplots()
    y = range(len(labels))
    ax.barh(y, better, color="#2a8a4a", label="better than reference")
    ax.barh(y, tie, left=better, color="#cccccc", label="tie")
    left = [b + t for b, t in zip(better, tie, strict=True)]
    ax.barh(y, worse, left=left, color="#c0392b", label="worse than reference")
    for yi, b in zip(y, better, strict=True):
        ax.text(0.01, yi, f"{100 * b:.0f}%", va="center", fontsize=7, color="white")
    ax.set_yticks(list(y), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.axvline(0.5, color="#333333", lw=0.6, ls=":")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{100 * v:.0f}%"))
    ax.tick_params(labelsize=7)
    who = others[0] if len(others) == 1 else "each scenario"
    ax.set_title(
        f"Share of replications in which {who} does better than {reference}",
        fontsize=10,
        loc="left",
    )
    fig.legend(loc="outside lower center", fontsize=7, ncols=3, frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig


def save(fig: Figure, folder: Path | None, name: str) -> tuple[bytes, list[Path]]:
    """Render ``fig`` to PNG bytes; when ``folder`` is given write ``name.png`` and ``name.svg``."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, metadata={"Software": None})
    png = buf.getvalue()
    paths: list[Path] = []
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.png").write_bytes(png)
        svg = folder / f"{name}.svg"
        fig.savefig(svg, format="svg", metadata={"Date": None})
        paths = [folder / f"{name}.png", svg]
    return png, paths


# Matplotlib is not thread-safe: the dashboard renders reports in background threads,
# one per browser session, so figures are drawn one comparison at a time.
DRAWING = threading.Lock()


def comparison_figures(comparison, folder: Path | None = None) -> list[FigureFile]:
    """Render every figure of a comparison; write PNG and SVG into ``folder`` when given."""
    with DRAWING:
        return _comparison_figures(comparison, folder)


def _comparison_figures(comparison, folder: Path | None) -> list[FigureFile]:
    import matplotlib

    scenarios = comparison.scenarios
    reference = comparison.reference
    months = comparison.months
    bands, diffs = comparison.bands()
    summary = comparison.summary()
    specs = [
        (
            "timeseries",
            "Key metrics over time",
            "Mean of the replications (line) and the 5th–95th percentile across them (band). "
            "The strip on top shows each scenario's policy phases; dotted lines and light "
            "shading mark phase changes in the panels.",
            lambda: timeseries_figure(bands, scenarios, months),
        ),
        (
            "differences",
            f"Difference to {reference}, month by month",
            "Scenario minus reference in the same replication (common random numbers). "
            "Line: mean difference; dark band: 90% confidence interval of the mean; light "
            "band: 5th–95th percentile of single-run differences. The axis label says which "
            "direction is better.",
            lambda: difference_figure(diffs, scenarios, reference, months),
        ),
        (
            "small_multiples",
            "All headline metrics",
            "Each headline metric, in the summary's order: the roadmap's yardstick first.",
            lambda: small_multiples_figure(bands, scenarios, months),
        ),
        (
            "share_better",
            "Share of replications better than the reference",
            "For each headline metric with a better direction, the share of replications in "
            "which the scenario's outcome beats the reference's in the same replication.",
            lambda: share_better_figure(summary, reference),
        ),
    ]
    out = []
    with matplotlib.rc_context({"svg.hashsalt": "cartelsim", "font.size": 8}):
        for name, title, caption, make in specs:
            if name in ("differences", "share_better") and len(scenarios) < 2:
                continue
            png, paths = save(make(), folder, name)
            out.append(FigureFile(name, title, caption, png, paths))
    return out
