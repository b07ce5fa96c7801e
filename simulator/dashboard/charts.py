"""ECharts options for the dashboard's charts: plain dicts, rebuilt each frame, animation off.

``solara.FigureEcharts`` keeps one chart per widget and hands it a new option on
every update (``setOption``), so charts are updated in place; with animation off a
frame costs a few milliseconds (``../shared/notes/dashboard-offline.md``: 9.5 ms for
a full frame against 148-367 ms with matplotlib). Colours, phase windows and number
formats are the report layer's, so the dashboard and the HTML report agree.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape
from typing import Any

import numpy as np
import pandas as pd

from simulator.metrics import METRICS, Better
from simulator.report.figures import PALETTE
from simulator.report.format import num

Option = dict[str, Any]

PHASE_FILL = ("rgba(31,95,168,0.07)", "rgba(196,66,26,0.07)")
STATE_BLUE, CONTESTED_GREY, NO_DATA = "#4a78b5", "#b9b9b9", "#eeeeee"
SEQUENTIAL = ("#fff5eb", "#fdbe85", "#fd8d3c", "#d94701", "#8c2d04")  # homicide rate
DIVERGING = ("#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac")  # 0 -> 1
CARTEL_COLOURS = (
    "#d62728", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#bcbd22",
    "#17becf", "#7f7f7f", "#aec7e8", "#ffbb78", "#98df8a", "#c5b0d5",
)  # fmt: skip


def clean(x: float) -> float | None:
    """A JSON-safe number (None for NaN and infinities)."""
    return float(x) if x is not None and math.isfinite(x) else None


def axis_label(metric_id: str) -> str:
    """A metric's unit and which way is better, e.g. ``deaths/month (lower is better)``."""
    m = METRICS[metric_id]
    if m.better is Better.NEUTRAL:
        return m.unit
    return f"{m.unit} ({m.better} is better)"


def _phase_areas(phases: Sequence[tuple[int, int, str, str]]) -> list[list[dict[str, Any]]]:
    return [
        [
            {
                "name": short,
                "xAxis": start - 0.5,
                "itemStyle": {"color": PHASE_FILL[i % 2]},
                "label": {"color": "#555", "fontSize": 10},
            },
            {"xAxis": end + 0.5},
        ]
        for i, (start, end, _name, short) in enumerate(phases)
    ]


def timeseries_option(
    metric_id: str,
    values: Sequence[float],
    baseline: Sequence[float] | None,
    months: int,
    phases: Sequence[tuple[int, int, str, str]] = (),
    selected_month: int | None = None,
) -> Option:
    """A metric over months 1..n so far, its status-quo baseline dashed, phases shaded.

    The x axis spans the whole horizon from the start, so the chart does not rescale
    as months are added; points are clickable (the page shows that month's events).
    """
    data = [[i + 1, clean(v)] for i, v in enumerate(values)]
    series: list[dict[str, Any]] = [
        {
            "name": "this scenario",
            "type": "line",
            "data": data,
            "showSymbol": True,
            "symbolSize": 5,
            "lineStyle": {"width": 2, "color": PALETTE[0]},
            "itemStyle": {"color": PALETTE[0]},
            "markArea": {"silent": True, "data": _phase_areas(phases)},
        }
    ]
    if baseline is not None:
        series.append(
            {
                "name": "status quo",
                "type": "line",
                "data": [[i + 1, clean(v)] for i, v in enumerate(baseline)],
                "showSymbol": False,
                "lineStyle": {"width": 1.5, "type": "dashed", "color": "#888"},
                "itemStyle": {"color": "#888"},
                "silent": True,
            }
        )
    if selected_month is not None:
        series[0]["markLine"] = {
            "silent": True,
            "symbol": "none",
            "data": [{"xAxis": selected_month}],
            "lineStyle": {"color": "#333", "type": "solid", "width": 1},
            "label": {"show": False},
        }
    return {
        "animation": False,
        "grid": {"left": 58, "right": 14, "top": 26, "bottom": 24},
        "legend": {
            "show": baseline is not None,
            "right": 8,
            "top": 0,
            "textStyle": {"fontSize": 10},
        },
        "tooltip": {"trigger": "axis"},
        "xAxis": {
            "type": "value",
            "min": 0,
            "max": months,
            "minInterval": 1,
            "axisLabel": {"fontSize": 10},
            "splitLine": {"show": False},
        },
        "yAxis": {"type": "value", "scale": True, "axisLabel": {"fontSize": 10}},
        "series": series,
    }


def _ramp(colours: Sequence[str], t: float) -> str:
    """Colour at ``t`` in [0, 1] along a ramp of hex colours (linear in RGB)."""
    t = min(1.0, max(0.0, t))
    pos = t * (len(colours) - 1)
    i = min(int(pos), len(colours) - 2)
    f = pos - i
    a, b = (tuple(int(c[k : k + 2], 16) for k in (1, 3, 5)) for c in colours[i : i + 2])
    return "#" + "".join(f"{round(x + (y - x) * f):02x}" for x, y in zip(a, b, strict=True))


MAP_MODES: dict[str, str] = {
    "controlling_cartel": "Controlling cartel",
    "homicide_rate": "Homicide rate",
    "legitimacy": "State legitimacy",
}
HOMICIDE_RATE_TOP = 100.0  # per 100k a year: the colour scale's end (higher rates share its colour)


LOCAL_GROUPS = "local armed groups"
LOCAL_COLOUR = "#c9a66b"


def cartel_colours(majors: Sequence[str], local: Sequence[str] = ()) -> dict[str, str]:
    """A stable colour for each major cartel id (in the order given); local groups share one."""
    out = {n: CARTEL_COLOURS[i % len(CARTEL_COLOURS)] for i, n in enumerate(majors)}
    return out | dict.fromkeys(local, LOCAL_COLOUR)


def tile_colour(
    mode: str,
    control: float,
    cartel: str,
    rate: float,
    legitimacy: float,
    cartel_colour: dict[str, str],
) -> str:
    """The colour of one region's tile for a map mode.

    By controlling cartel: the strongest group's colour where cartels control the
    region, else state blue or contested grey.
    """
    if mode == "controlling_cartel":
        if int(control) == 1 and cartel:
            return cartel_colour.get(cartel, CARTEL_COLOURS[-1])
        return STATE_BLUE if int(control) == -1 else CONTESTED_GREY
    if mode == "homicide_rate":
        return _ramp(SEQUENTIAL, float(rate) / HOMICIDE_RATE_TOP)
    if mode == "legitimacy":
        return _ramp(DIVERGING, float(legitimacy))
    raise ValueError(f"unknown map mode {mode!r}; valid: {', '.join(MAP_MODES)}")


CONTROL_TEXT = {1: "cartel-controlled", 0: "contested", -1: "state-controlled"}


def tilemap_option(
    frame: pd.DataFrame,
    positions: dict[str, tuple[int, int]],
    names: dict[str, str],
    mode: str,
    cartel_colour: dict[str, str],
    tile: int = 40,
    cartel_names: dict[str, str] | None = None,
) -> Option:
    """A tile-grid map: one square per region, coloured by ``mode``, details on hover.

    ``frame`` is ``CartelModel.region_frame()``: indexed by region code, one column per
    region metric (``controlling_cartel`` holds the strongest group's id, named through
    ``cartel_names``); ``tile`` is the square's size in pixels (the chart needs about
    ``tile + 5`` pixels per grid column and row).
    """
    cartel_names = cartel_names or {}
    cols = max(c for c, _ in positions.values()) + 1
    rows = max(r for _, r in positions.values()) + 1
    col = {c: frame[c].tolist() for c in frame.columns}  # plain lists: fast to walk
    data = []
    for i, code in enumerate(map(str, frame.index)):
        x, y = positions[code]
        control, cartel = col["control"][i], col["controlling_cartel"][i] or ""
        rate, homicides = col["homicide_rate"][i], col["homicides"][i]
        legitimacy, fear, integrity = col["legitimacy"][i], col["fear"][i], col["integrity"][i]
        strongest = cartel_names.get(cartel, cartel) or "none"
        details = (
            f"<b>{escape(names.get(code, code))}</b> ({escape(code)})<br/>"
            f"{CONTROL_TEXT.get(int(control), '?')}; strongest group: {escape(strongest)}<br/>"
            f"homicides this month: {num(float(homicides))} "
            f"({num(float(rate))} per 100k a year)<br/>"
            f"legitimacy {float(legitimacy):.2f}, fear {float(fear):.2f}, "
            f"integrity {float(integrity):.2f}"
        )
        colour = tile_colour(mode, control, cartel, rate, legitimacy, cartel_colour)
        data.append(
            {
                "name": code,
                "value": [x, y],
                "itemStyle": {"color": colour},
                "tooltip": {"formatter": details},
            }
        )
    return {
        "animation": False,
        "tooltip": {"trigger": "item", "confine": True},
        "grid": {"left": 2, "right": 2, "top": 2, "bottom": 2},
        "xAxis": {"type": "value", "min": -0.5, "max": cols - 0.5, "show": False},
        "yAxis": {"type": "value", "min": -0.5, "max": rows - 0.5, "show": False, "inverse": True},
        "series": [
            {
                "type": "scatter",
                "symbol": "roundRect",
                "symbolSize": tile,
                "label": {"show": True, "formatter": "{b}", "fontSize": 10, "color": "#111"},
                "emphasis": {"scale": 1.08},
                "data": data,
            }
        ],
    }


def map_legend(
    mode: str,
    cartel_colour: dict[str, str],
    frame: pd.DataFrame,
    cartel_names: dict[str, str] | None = None,
) -> list[tuple[str, str]]:
    """(label, colour) of each legend entry of a map mode (drawn by the page, not the chart)."""
    cartel_names = cartel_names or {}
    if mode == "controlling_cartel":
        shown = set(frame.loc[frame["control"] == 1, "controlling_cartel"])
        items = [
            (cartel_names.get(c, c), colour)
            for c, colour in cartel_colour.items()
            if c in shown and colour != LOCAL_COLOUR
        ]
        if any(cartel_colour.get(c) == LOCAL_COLOUR for c in shown):
            items.append((LOCAL_GROUPS, LOCAL_COLOUR))
        return items + [("contested", CONTESTED_GREY), ("state-controlled", STATE_BLUE)]
    if mode == "homicide_rate":
        steps = np.linspace(0, HOMICIDE_RATE_TOP, len(SEQUENTIAL))
        return [
            (
                f"{v:.0f}{'+' if i == len(steps) - 1 else ''}",
                _ramp(SEQUENTIAL, v / HOMICIDE_RATE_TOP),
            )
            for i, v in enumerate(steps)
        ]
    return [(f"{v:.1f}", _ramp(DIVERGING, v)) for v in np.linspace(0, 1, 6)]


def _by_month(months: int, x: Sequence[int], values: Sequence[float]) -> list[float | None]:
    """Values placed on months 1..``months`` (None where a month has none)."""
    out: list[float | None] = [None] * months
    for m, v in zip(x, values, strict=True):
        if 1 <= m <= months:
            out[m - 1] = clean(v)
    return out


def _band_series(
    name: str, colour: str, low: list[float | None], high: list[float | None], stack: str
) -> list[dict[str, Any]]:
    """Two stacked line series that fill the band between ``low`` and ``high`` (category axis)."""
    width = [
        None if lo is None or hi is None else hi - lo for lo, hi in zip(low, high, strict=True)
    ]
    common = {
        "type": "line",
        "stack": stack,
        "stackStrategy": "all",  # stack across signs: bands below zero
        "showSymbol": False,
        "silent": True,
        "lineStyle": {"opacity": 0},
    }
    return [
        {**common, "name": f"{name} 5%", "data": low, "tooltip": {"show": False}},
        {
            **common,
            "name": f"{name} band",
            "data": width,
            "areaStyle": {"color": colour, "opacity": 0.18},
            "tooltip": {"show": False},
        },
    ]


def _mean_series(name: str, colour: str, values: list[float | None]) -> dict[str, Any]:
    return {
        "name": name,
        "type": "line",
        "data": values,
        "showSymbol": False,
        "lineStyle": {"width": 2, "color": colour},
        "itemStyle": {"color": colour},
    }


def band_option(
    bands: pd.DataFrame, metric_id: str, names: Sequence[str], colour: dict[str, str], months: int
) -> Option:
    """Each scenario's monthly mean with its 5-95% band across replications.

    ``bands`` is the first table of :func:`simulator.experiment.summary.monthly_bands`.
    """
    series: list[dict[str, Any]] = []
    block = bands[bands["metric"] == metric_id]
    for i, name in enumerate(names):
        b = block[block["scenario"] == name].sort_values("month")
        x = b["month"].astype(int).tolist()
        series += _band_series(
            name,
            colour[name],
            _by_month(months, x, b["p5"]),
            _by_month(months, x, b["p95"]),
            f"s{i}",
        )
        series.append(_mean_series(name, colour[name], _by_month(months, x, b["mean"])))
    return _xy_option(series, months, list(names))


def difference_option(
    diffs: pd.DataFrame, metric_id: str, names: Sequence[str], colour: dict[str, str], months: int
) -> Option:
    """Paired difference to the reference, month by month: mean and 90% CI of the mean, zero dashed."""
    series: list[dict[str, Any]] = []
    block = diffs[diffs["metric"] == metric_id]
    for i, name in enumerate(names):
        d = block[block["scenario"] == name].sort_values("month")
        x = d["month"].astype(int).tolist()
        low = _by_month(months, x, d["ci_low"].fillna(d["mean"]))
        high = _by_month(months, x, d["ci_high"].fillna(d["mean"]))
        series += _band_series(name, colour[name], low, high, f"d{i}")
        mean = _mean_series(name, colour[name], _by_month(months, x, d["mean"]))
        mean["markLine"] = {
            "silent": True,
            "symbol": "none",
            "data": [{"yAxis": 0}],
            "lineStyle": {"color": "#555", "type": "dashed"},
            "label": {"show": False},
        }
        series.append(mean)
    return _xy_option(series, months, list(names))


def _xy_option(series: list[dict[str, Any]], months: int, legend: list[str]) -> Option:
    return {
        "animation": False,
        "grid": {"left": 64, "right": 14, "top": 28, "bottom": 28},
        "legend": {"data": legend, "top": 0, "textStyle": {"fontSize": 11}},
        "tooltip": {"trigger": "axis"},
        "xAxis": {
            "type": "category",
            "data": [str(m) for m in range(1, months + 1)],
            "boundaryGap": False,
            "axisLabel": {"fontSize": 10},
        },
        "yAxis": {"type": "value", "scale": True, "axisLabel": {"fontSize": 10}},
        "series": series,
    }


def scatter_option(
    x: Sequence[float], y: Sequence[float], x_name: str, y_name: str, colour: str = PALETTE[0]
) -> Option:
    """Points of one parameter against one output, with a least-squares trend line."""
    xs = np.asarray(x, float)
    ys = np.asarray(y, float)
    ok = np.isfinite(xs) & np.isfinite(ys)
    xs, ys = xs[ok], ys[ok]
    series: list[dict[str, Any]] = [
        {
            "name": "runs",
            "type": "scatter",
            "symbolSize": 5,
            "data": [[float(a), float(b)] for a, b in zip(xs, ys, strict=True)],
            "itemStyle": {"color": colour, "opacity": 0.55},
        }
    ]
    if len(xs) >= 2 and np.ptp(xs) > 0:
        slope, intercept = np.polyfit(xs, ys, 1)
        lo, hi = float(xs.min()), float(xs.max())
        series.append(
            {
                "name": "trend",
                "type": "line",
                "data": [[lo, float(intercept + slope * lo)], [hi, float(intercept + slope * hi)]],
                "showSymbol": False,
                "lineStyle": {"color": "#c4421a", "width": 2},
                "silent": True,
            }
        )
    return {
        "animation": False,
        "grid": {"left": 64, "right": 16, "top": 16, "bottom": 40},
        "tooltip": {"trigger": "item"},
        "xAxis": {
            "type": "value",
            "scale": True,
            "name": x_name,
            "nameLocation": "middle",
            "nameGap": 26,
        },
        "yAxis": {"type": "value", "scale": True},  # y_name is in the page's title
        "series": series,
    }


def indices_option(table: pd.DataFrame, output: str) -> Option:
    """First-order and total Sobol indices of one output (their confidence is in the page's table).

    ``table`` has columns ``parameter, output, S1, ST`` (and ``S1_conf``, ``ST_conf``).
    """
    t = table[table["output"] == output].sort_values("ST", ascending=True)
    params = t["parameter"].astype(str).tolist()

    def bars(col: str, colour: str) -> dict[str, Any]:
        return {
            "name": col,
            "type": "bar",
            "data": [clean(v) for v in t[col]],
            "itemStyle": {"color": colour},
            "label": {"show": False},
        }

    return {
        "animation": False,
        "grid": {"left": 150, "right": 20, "top": 28, "bottom": 28},
        "legend": {"data": ["S1", "ST"], "top": 0},
        "tooltip": {"trigger": "axis"},
        "xAxis": {"type": "value", "min": 0},  # share of the output's variance (in the title)
        "yAxis": {"type": "category", "data": params},
        "series": [bars("S1", PALETTE[0]), bars("ST", PALETTE[1])],
    }
