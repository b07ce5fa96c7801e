"""Reports of the validation suite: a terminal table, ``validation.csv`` and ``validation.html``.

The HTML report is one self-contained file: CSS inline, one matplotlib figure per
check embedded as a base64 PNG, no external links or scripts.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # headless: the report never needs a display

import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from simulator.output import result_folder  # noqa: E402
from simulator.report.format import num  # noqa: E402
from simulator.validation.checks import (  # noqa: E402
    ERROR,
    FAIL,
    PASS,
    SKIPPED,
    Band,
    CheckResult,
    Measure,
)

CSV_COLUMNS = (
    "check",
    "id",
    "title",
    "measure",
    "unit",
    "source",
    "band_low",
    "band_high",
    "mean",
    "p05",
    "p95",
    "replications",
    "status",
    "check_status",
)

BLUE, RED, GREEN, GREY, BAND = "#1f5fa8", "#c4421a", "#2a8a4a", "#888888", "#2a8a4a"


# ------------------------------------------------------------------------ text
def band_text(band: Band | None, unit: str = "") -> str:
    """Format a band: ``[a–b]``, ``≥ a``, ``≤ b``; empty for a measure without one."""
    if band is None:
        return ""
    low, high = band
    if low is not None and high is not None:
        return f"{_n(low, unit)}–{_n(high, unit)}"
    if low is not None:
        return f"≥ {_n(low, unit)}"
    return f"≤ {_n(high, unit)}"


def _n(x: float | None, unit: str = "") -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if unit in ("%", "pp") or abs(x) < 1e4:
        if math.isinf(x):
            return "∞" if x > 0 else "-∞"
        return f"{x:,.3g}" if abs(x) < 100 else f"{x:,.0f}"
    return num(x)


def interval_text(m: Measure) -> str:
    """The 90% interval, or ``(deterministic)`` when every replication agrees."""
    low, high = m.interval
    if m.values.size <= 1 or math.isclose(low, high, rel_tol=1e-9, abs_tol=1e-9):
        return "(deterministic)" if m.values.size <= 1 else "(no spread)"
    return f"[{_n(low, m.unit)}, {_n(high, m.unit)}]"


def rows(results: Sequence[CheckResult]) -> list[dict[str, Any]]:
    """One row per measure (a skipped or failed-to-run check gets one row)."""
    out = []
    for r in results:
        c = r.check
        base = {
            "check": c.number,
            "id": c.id,
            "title": c.title,
            "source": c.source,
            "replications": r.replications,
            "check_status": r.status,
        }
        if not r.measures:
            out.append(
                {
                    **base,
                    "measure": r.error or r.note,
                    "unit": c.unit,
                    "band_low": c.band[0],
                    "band_high": c.band[1],
                    "mean": math.nan,
                    "p05": math.nan,
                    "p95": math.nan,
                    "status": r.status,
                }
            )
            continue
        for m in r.measures:
            low, high = m.interval
            out.append(
                {
                    **base,
                    "measure": m.name,
                    "unit": m.unit,
                    "band_low": None if m.band is None else m.band[0],
                    "band_high": None if m.band is None else m.band[1],
                    "mean": m.mean,
                    "p05": low,
                    "p95": high,
                    "status": m.status,
                }
            )
    return out


def format_table(results: Sequence[CheckResult]) -> str:
    """A plain-text table: per check a header line (number, title, source, status), then its measures."""
    head = ("measure", "band", "mean", "90% interval", "unit", "status")
    limits = (58, 16, 12, 24, 15, 7)
    blocks: list[tuple[str, list[tuple[str, ...]]]] = []
    for r in results:
        c = r.check
        title = f"{c.number}. {c.title} [{r.status}]  source: {c.source}"
        lines: list[tuple[str, ...]] = []
        if not r.measures:
            lines.append((f"  {r.error or r.note}", "", "", "", "", ""))
        for m in r.measures:
            pct = m.unit in ("%", "pp")
            lines.append(
                (
                    f"  {m.name}",
                    band_text(m.band, m.unit) + (m.unit if m.band and pct else ""),
                    _n(m.mean, m.unit) + (m.unit if pct else ""),
                    interval_text(m),
                    "" if pct else m.unit,
                    "" if m.band is None else m.status,
                )
            )
        blocks.append((title, lines))
    cells = [
        [tuple(_clip(x, w) for x, w in zip(line, limits, strict=True)) for line in lines]
        for _, lines in blocks
    ]
    every = [row for block in cells for row in block]
    widths = [max(len(h), *(len(row[i]) for row in every)) for i, h in enumerate(head)]
    fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    out = [fmt.format(*head), "  ".join("-" * w for w in widths)]
    for (title, _), block in zip(blocks, cells, strict=True):
        out.append(title)
        out.extend(fmt.format(*row).rstrip() for row in block)
    return "\n".join(out)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def summary_line(results: Sequence[CheckResult]) -> str:
    """``5 passed, 1 failed, 1 skipped`` style summary."""
    counts = {s: sum(r.status == s for r in results) for s in (PASS, FAIL, ERROR, SKIPPED)}
    parts = [f"{counts[PASS]} passed", f"{counts[FAIL]} failed"]
    if counts[ERROR]:
        parts.append(f"{counts[ERROR]} errors")
    if counts[SKIPPED]:
        parts.append(f"{counts[SKIPPED]} skipped")
    return ", ".join(parts)


def write_csv(results: Sequence[CheckResult], path: str | Path) -> Path:
    """Write one row per measure with CSV_COLUMNS."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(CSV_COLUMNS))
        w.writeheader()
        for row in rows(results):
            w.writerow({k: _csv(row[k]) for k in CSV_COLUMNS})
    return path


def _csv(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, float):
        return "" if math.isnan(v) else f"{v:.6g}"
    return v


# ------------------------------------------------------------------------ figures
def figure_png(result: CheckResult) -> bytes:
    """Render the check's figure (a placeholder when it was skipped or failed to run)."""
    draw = FIGURES.get(result.check.id)
    fig = Figure(figsize=(11, 3.6), dpi=100, layout="constrained")
    if result.skipped or result.error or draw is None or not result.figure:
        ax = fig.add_subplot()
        ax.axis("off")
        text = result.error or result.note or "no figure"
        ax.text(0.5, 0.5, f"{result.status}: {text}", ha="center", va="center", wrap=True)
        fig.set_size_inches(11, 1.4)
    else:
        draw(fig, result.figure)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _mean_band(ax, x, ys: np.ndarray, colour: str, label: str) -> None:
    ys = np.atleast_2d(ys)
    ax.plot(x, ys.mean(axis=0), color=colour, lw=2, label=label)
    if ys.shape[0] > 1:
        lo, hi = np.percentile(ys, [5, 95], axis=0)
        ax.fill_between(x, lo, hi, color=colour, alpha=0.2, lw=0)


def _workforce(fig: Figure, d: dict[str, Any]) -> None:
    a, b, c = fig.subplots(1, 3)
    start = d["start_year"]
    t = start + np.arange(len(d["members"])) / 12
    a.plot(t, d["members"] / 1e3, color=BLUE, lw=2, label="R1 replay, 150 cartels")
    a.add_patch(
        Rectangle((t[-1] - 0.4, 160), 0.8, 25, color=BAND, alpha=0.35, label="band: 160–185k")
    )
    a.set(title="Cartel members", ylabel="thousand members", xlabel="year")
    a.legend(loc="upper left", fontsize=8)
    yrs = d["years"]
    b.bar(yrs - 0.2, d["deaths_per_year"] / 1e3, 0.4, color=RED, label="killed (conflict)")
    b.bar(yrs + 0.2, d["arrests_per_year"] / 1e3, 0.4, color=GREY, label="incapacitated")
    last = yrs[-1]
    b.add_patch(
        Rectangle(
            (last - 0.45, 5.8), 0.45, 1.4, color=RED, alpha=0.25, label="band: killed 5.8–7.2k"
        )
    )
    b.add_patch(
        Rectangle(
            (last, 5.4), 0.45, 0.6, color="k", alpha=0.25, label="band: incapacitated 5.4–6.0k"
        )
    )
    b.set(title="R1 losses a year", ylabel="thousand people/year", xlabel="year", ylim=(0, 9))
    b.legend(loc="upper left", fontsize=8)
    c.plot(d["trend_years"], d["trend_homicides"] / 1e3, "ks-", label="recorded homicides")
    c.plot(yrs, d["deaths_per_year"] / 1e3, "o-", color=RED, label="R1 members killed")
    c.set(
        title="Context, not banded",
        ylabel="thousand/year",
        xlabel="year",
        ylim=(0, 40),
    )
    c.legend(loc="lower right", fontsize=8)


def _homicides(fig: Figure, d: dict[str, Any]) -> None:
    a, b = fig.subplots(1, 2)
    years = d["start_year"] + np.arange(d["yearly"].shape[1])
    inegi = d["inegi"]
    a.plot(list(inegi), np.array(list(inegi.values())) / 1e3, "ks-", label="INEGI (recorded)")
    for row in d["yearly"]:
        a.plot(years, row / 1e3, color=BLUE, alpha=0.25, lw=1)
    a.plot(years, d["yearly"].mean(axis=0) / 1e3, "o-", color=BLUE, lw=2, label="model baseline")
    lo, hi = d["band"]
    a.axhspan(lo / 1e3, hi / 1e3, color=BAND, alpha=0.13, label="band (first year)")
    a.axvline(years[0], color=GREY, ls=":", lw=1)
    a.set(title="Homicides a year", ylabel="thousand", xlabel="year")
    a.legend(fontsize=8, loc="lower left")
    b.boxplot(d["shares"], positions=years, widths=0.5)
    lo, hi = d["share_band"]
    b.axhspan(lo, hi, color=BAND, alpha=0.13, label="band 50–75%")
    b.set(title="Cartel-conflict share of homicides", ylabel="% of homicides", ylim=(0, 100))
    b.legend(fontsize=8, loc="lower right")


def _decapitation(fig: Figure, d: dict[str, Any]) -> None:
    a, b = fig.subplots(1, 2, gridspec_kw={"width_ratios": [2.2, 1]})
    x, op = d["months"], d["op_month"]
    a.axvspan(op - 0.5, op + 5.5, color=GREY, alpha=0.12, label="six-month window")
    _mean_band(a, x, d["kill"], RED, "leader killed")
    _mean_band(a, x, d["capture"], BLUE, "leader captured")
    a.axhline(0, color="k", lw=0.8)
    a.axhline(36.5, color=GREEN, ls="--", lw=1, label="Calderón et al.: +36.5% (6-month mean)")
    a.set(
        title=f"Cartel homicides in {d['region']} vs paired baseline",
        xlabel="month",
        ylabel="% change vs baseline",
    )
    a.legend(fontsize=8)
    data = [d["spike_kill"], d["spike_capture"], (d["spike_kill"] + d["spike_capture"]) / 2]
    b.boxplot(data, tick_labels=["kill", "capture", "pooled"])
    lo, hi = d["band"]
    b.axhspan(lo, hi, color=BAND, alpha=0.13, label="band +20% to +60%")
    b.set(title="Six-month spike per replication", ylabel="%")
    b.legend(fontsize=8)


def _fragmentation(fig: Figure, d: dict[str, Any]) -> None:
    a = fig.subplots()
    x = np.arange(d["targeting"].shape[1])
    _mean_band(a, x, d["targeting"], RED, "leadership targeting (60 months)")
    _mean_band(a, x, d["baseline"], BLUE, "baseline")
    if d["low"] is not None:
        a.axhspan(d["low"], d["high"], color=BAND, alpha=0.13, label="band at the end: +5% to 250")
    a.axhline(d["high"], color=GREEN, ls="--", lw=1)
    a.set(title="Active armed groups", xlabel="month", ylabel="groups")
    a.legend(fontsize=8, loc="upper left")


def _guns(fig: Figure, d: dict[str, Any]) -> None:
    a, b = fig.subplots(1, 2)
    years = np.arange(1, d["yearly"].shape[1] + 1)
    for row in d["yearly"]:
        a.plot(years, row / 1e3, "o-", color=BLUE, alpha=0.4)
    lo, hi = d["band"]
    a.axhspan(lo / 1e3, hi / 1e3, color=BAND, alpha=0.13, label="band 150–250k")
    a.axhline(200, color=GREEN, ls="--", lw=1, label="GAO-21-322: about 200k")
    a.set(
        title="Guns trafficked south", xlabel="year of run", ylabel="thousand/year", ylim=(0, 300)
    )
    a.set_xticks(years)
    a.legend(fontsize=8)
    b.boxplot([d["share"]], tick_labels=["US-sourced share"])
    b.axhspan(65, 75, color=BAND, alpha=0.13, label="band 65–75%")
    b.set(title="US-sourced share of trafficked guns", ylabel="%", ylim=(50, 90))
    b.legend(fontsize=8)


def _displacement(fig: Figure, d: dict[str, Any]) -> None:
    a, b = fig.subplots(1, 2, gridspec_kw={"width_ratios": [2, 1]})
    x, op, dur = d["months"], d["op_month"], d["duration"]
    a.axvspan(op - 0.5, op + dur - 0.5, color=GREY, alpha=0.12, label=f"{d['target']} interdicted")
    _mean_band(a, x, 100 * d["share_rel"], RED, f"{d['target']} flow share")
    _mean_band(a, x, 100 * d["total_rel"], BLUE, "fentanyl reaching the US")
    a.axhline(100, color="k", lw=0.8)
    a.set(
        title="Relative to the paired baseline",
        xlabel="month",
        ylabel="% of baseline",
        ylim=(0, 115),
    )
    a.legend(fontsize=8, loc="lower left")
    gain = 100 * d["gain"]
    colours = [RED if g < 0 else BLUE for g in gain]
    b.barh(d["crossings"], gain, color=colours)
    b.axvline(0, color="k", lw=0.8)
    b.set(title="Change of flow share while interdicted", xlabel="percentage points")
    b.invert_yaxis()


def _overdoses(fig: Figure, d: dict[str, Any]) -> None:
    a, b = fig.subplots(1, 2)
    exo = d["exogenous"]
    x = np.arange(1, len(exo) + 1)
    a.fill_between(x, exo * 0.95 / 1e3, exo * 1.05 / 1e3, color=BAND, alpha=0.15, label="trend ±5%")
    a.plot(x, exo / 1e3, "k--", lw=1.5, label="exogenous CDC trend")
    _mean_band(a, x, d["series"] / 1e3, BLUE, "model baseline")
    a.set(title="US overdose deaths", xlabel="month", ylabel="thousand/month")
    a.legend(fontsize=8)
    rel = 100 * (d["series"] - exo) / exo
    _mean_band(b, x, rel, BLUE, "model − trend")
    b.axhspan(-5, 5, color=BAND, alpha=0.13, label="±5%")
    b.axhline(0, color="k", lw=0.8)
    b.set(title="Deviation from the trend", xlabel="month", ylabel="%", ylim=(-8, 8))
    b.legend(fontsize=8)


def _backtest(fig: Figure, d: dict[str, Any]) -> None:
    """Out-of-sample backtest: monthly % change vs the paired control, and the banded windows."""
    a, b = fig.subplots(1, 2, gridspec_kw={"width_ratios": [2.2, 1]})
    x, op = d["months"], d["op_month"]
    a.axvspan(op - 0.5, op + d["window"] - 0.5, color=GREY, alpha=0.12, label="12-month window")
    for (label, ys), colour in zip(d["series"].items(), (RED, BLUE, GREEN), strict=False):
        _mean_band(a, x, ys, colour, label)
    a.axhline(0, color="k", lw=0.8)
    a.set(title=f"{d['what']} vs the same scenario without the removal", xlabel="month")
    a.set(ylabel="% change vs control")
    a.legend(fontsize=8)
    b.boxplot(d["values"], tick_labels=d["labels"])
    top = max(float(np.max(v)) for v in d["values"])
    for k, (lo, hi) in enumerate(d["bands"], start=1):  # each window's own band, over its box
        low, high = lo if lo is not None else 0, hi if hi is not None else top
        b.add_patch(Rectangle((k - 0.4, low), 0.8, high - low, color=BAND, alpha=0.2, lw=0))
    b.axhline(0, color="k", lw=0.8)
    b.set(title="Change per replication (green: band)", ylabel="%")


FIGURES: dict[str, Callable[[Figure, dict[str, Any]], None]] = {
    "workforce": _workforce,
    "homicides": _homicides,
    "decapitation": _decapitation,
    "fragmentation": _fragmentation,
    "guns": _guns,
    "displacement": _displacement,
    "overdoses": _overdoses,
    "backtest_lazcano": _backtest,
    "backtest_chapo": _backtest,
    "backtest_tuta": _backtest,
}

CAPTIONS: dict[str, str] = {
    "workforce": "Left: members of all 150 cartels under R1 alone, 2012-2021, with the band for 2022. "
    "Middle: people killed in conflict and incapacitated each year, with the bands for the last year. "
    "Right, for context only: recorded homicides (Trends2012_2021.csv) against R1's conflict deaths; "
    "the paper's dynamics keep rising while recorded homicides fell after 2020.",
    "homicides": "Left: yearly homicides, INEGI 2018-2024 (squares) and the baseline 2026-2030 (thin "
    "lines: replications; thick: mean), with the band for the first year. Right: the cartel-conflict "
    "share of homicides per year across replications, with its band.",
    "decapitation": "Left: cartel-related homicides in the host region, % change against the baseline "
    "run with the same seed, month by month (mean and 5-95% band across replications); the six-month "
    "window is shaded. Right: the six-month spike per replication after a killing, a capture and "
    "both pooled, against the band.",
    "fragmentation": "Active armed groups month by month under the leaders-only strike campaign and "
    "in the baseline (mean and 5-95% band across replications); shaded: the band for the end of "
    "the run (at least +5%, at most 250).",
    "guns": "Left: guns trafficked south each year of each replication, with the band and GAO's "
    "estimate. Right: the US-sourced share across replications, with its band.",
    "displacement": "Left: the interdicted crossing's flow share and the fentanyl reaching the US, "
    "as % of the paired baseline (mean and 5-95% band), interdiction window shaded. Right: where "
    "the flow went: change of each crossing's share while interdicted (mean of replications).",
    "overdoses": "Left: monthly US overdose deaths in the baseline (mean and 5-95% band) against the "
    "exogenous CDC trend computed independently, with ±5%. Right: the deviation in %.",
    **{
        cid: "Out of sample. Left: the state's homicides month by month, % change against the same "
        "scenario without the removal under the same seed (mean and 5-95% band across "
        "replications); the 12-month window from the removal is shaded. Right: the banded "
        "window changes per replication, against the source's band."
        for cid in ("backtest_lazcano", "backtest_chapo", "backtest_tuta")
    },
}


# ------------------------------------------------------------------------ HTML
CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
 margin:0;color:#1d1d1f;background:#fafafa;line-height:1.45}
main{max-width:1180px;margin:0 auto;padding:24px 32px 64px;background:#fff}
h1{font-size:1.7em;margin:.2em 0}h2{margin-top:1.8em;border-bottom:2px solid #e3e3e3;padding-bottom:.2em}
.sub{color:#555;margin-top:0}
table{border-collapse:collapse;font-size:.86em;margin:.6em 0;width:100%}
th,td{border-bottom:1px solid #e6e6e6;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f4f6;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.PASS{background:#e3f4e8}.FAIL,.ERROR{background:#fbe4e1}.SKIPPED{background:#f1f1f1}
.tag{font-size:.8em;padding:1px 7px;border-radius:8px;color:#fff;font-weight:600}
.tag.PASS{background:#2a8a4a}.tag.FAIL,.tag.ERROR{background:#c0392b}.tag.SKIPPED{background:#999}
.tag.info{background:#bbb}
figure{margin:1em 0}figure img{max-width:100%;border:1px solid #eee}
figcaption{font-size:.88em;color:#444}.note{color:#444;font-size:.9em}
pre{background:#f6f6f6;padding:8px;font-size:.8em;overflow:auto}
"""


def _e(x: object) -> str:
    return html.escape(str(x), quote=True)


def _tag(status: str) -> str:
    return f'<span class="tag {_e(status)}">{_e(status)}</span>'


def _measure_cells(m: Measure) -> str:
    unit = m.unit
    return (
        f"<td>{_e(m.name)}</td><td>{_e(unit)}</td>"
        f'<td class="n">{_e(band_text(m.band, unit))}</td>'
        f'<td class="n">{_e(_n(m.mean, unit))}</td>'
        f'<td class="n">{_e(interval_text(m))}</td>'
        f"<td>{_tag(m.status)}</td>"
    )


def render_html(results: Sequence[CheckResult], meta: dict[str, Any] | None = None) -> str:
    """The whole report as one self-contained HTML string (one <img> per check)."""
    meta = meta or {}
    summary = []
    for r in results:
        h = r.headline
        c = r.check
        cells = (
            _measure_cells(h) if h is not None else f'<td colspan="6">{_e(r.error or r.note)}</td>'
        )
        summary.append(
            f'<tr class="{_e(r.status)}"><td>{c.number}</td><td><a href="#check-{_e(c.id)}">'
            f"{_e(c.title)}</a></td><td>{_e(c.source)}</td>{cells}<td>{_tag(r.status)}</td></tr>"
        )
    sections = []
    for r in results:
        c = r.check
        measures = "".join(f"<tr>{_measure_cells(m)}</tr>" for m in r.measures)
        table = (
            "<table><tr><th>measure</th><th>unit</th><th>band</th><th>mean</th>"
            f"<th>90% interval</th><th>status</th></tr>{measures}</table>"
            if r.measures
            else ""
        )
        png = base64.b64encode(figure_png(r)).decode("ascii")
        error = f"<pre>{_e(r.note)}</pre>" if r.error else f'<p class="note">{_e(r.note)}</p>'
        sections.append(
            f'<section id="check-{_e(c.id)}"><h2>{c.number}. {_e(c.title)} {_tag(r.status)}</h2>'
            f"<p><b>Source:</b> {_e(c.source)}. <b>Measured:</b> {_e(c.how)} "
            f"<b>Replications:</b> {r.replications}.</p>{table}"
            f'<figure><img alt="{_e(c.title)}" src="data:image/png;base64,{png}">'
            f"<figcaption><b>Figure {c.number}.</b> {_e(CAPTIONS.get(c.id, c.title))} "
            "Green: the band from the source.</figcaption></figure>"
            f"{error}</section>"
        )
    info = ", ".join(f"{_e(k)} {_e(v)}" for k, v in meta.items())
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>CartelSim validation</title>"
        f"<style>{CSS}</style></head><body><main>"
        "<h1>CartelSim validation</h1>"
        f'<p class="sub">The model against published findings and real data: {_e(summary_line(results))}. '
        f"{info}. A check passes when the mean of each banded measure across replications lies in "
        "its band; bands come from the sources, not from the model.</p>"
        "<table><tr><th>#</th><th>check</th><th>source</th><th>headline measure</th><th>unit</th>"
        "<th>band</th><th>mean</th><th>90% interval</th><th>measure</th><th>check</th></tr>"
        f"{''.join(summary)}</table>{''.join(sections)}</main></body></html>\n"
    )


def write_html(
    results: Sequence[CheckResult], path: str | Path, meta: dict[str, Any] | None = None
) -> Path:
    """Write ``validation.html``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(results, meta), encoding="utf-8")
    return path


def write_report(
    results: Sequence[CheckResult], out: str | Path, meta: dict[str, Any] | None = None
) -> tuple[Path, Path]:
    """Write ``validation.csv`` and ``validation.html`` into ``out``."""
    with result_folder(out, "validation") as staging:
        write_csv(results, staging / "validation.csv")
        write_html(results, staging / "validation.html", meta)
    return Path(out) / "validation.csv", Path(out) / "validation.html"
