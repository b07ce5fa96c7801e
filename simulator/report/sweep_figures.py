"""Figures of a sweep's analysis (matplotlib, no display needed), PNG.

* ``scatter_<output>``: each parameter against the output, one panel per parameter:
  design points (means over replications) and a trend (means in bins of the parameter,
  or per value of a choice), with the parameter's influence in the title;
* ``sobol_<output>``: first-order and total Sobol indices with their confidence intervals;
* ``influence``: parameters by outputs, shaded by influence, with the rank.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

if TYPE_CHECKING:
    from simulator.experiment.sweep.analysis import Analysis

POINTS, TREND, FIRST, TOTAL = "#1f5fa8", "#c4421a", "#7ea6d8", "#1f5fa8"
TREND_BINS = 10  # quantile bins of the trend line for parameters with many values


def draw_figures(result: Analysis, out: Path, manifest: dict[str, Any]) -> dict[str, Path]:
    """Draw every figure of the analysis into ``out``; return the files by name."""
    out.mkdir(parents=True, exist_ok=True)
    units = {o["name"]: o.get("unit", "") for o in manifest["outputs"]}
    kinds = {p["name"]: p["kind"] for p in manifest["design"]["parameters"]}
    params = list(kinds)
    files: dict[str, Path] = {}
    for output in units:
        files[f"scatter_{output}"] = _scatter(result, output, units[output], params, out)
        if result.sobol is not None:
            files[f"sobol_{output}"] = _sobol_bars(result.sobol, output, out)
    files["influence"] = _influence_map(result.influence, params, list(units), out)
    return files


def _scatter(result: Analysis, output: str, unit: str, params: list[str], out: Path) -> Path:
    cols = min(4, len(params))
    rows = math.ceil(len(params) / cols)
    fig = Figure(figsize=(3.4 * cols, 2.9 * rows), layout="constrained")
    data = result.point_means
    y = data[output].to_numpy(dtype=float)
    influence = result.influence[result.influence["output"] == output].set_index("parameter")
    for k, name in enumerate(params):
        ax = fig.add_subplot(rows, cols, k + 1)
        x = data[name]
        if pd.api.types.is_numeric_dtype(x) and x.dtype != bool:
            xs = x.to_numpy(dtype=float)
            ax.scatter(xs, y, s=9, alpha=0.45, color=POINTS, linewidths=0)
            tx, ty = _trend(xs, y)
            ax.plot(tx, ty, color=TREND, lw=2)
        else:
            labels = sorted(x.astype(str).unique())
            pos = {v: i for i, v in enumerate(labels)}
            xi = np.array([pos[v] for v in x.astype(str)], dtype=float)
            jitter = np.random.default_rng(0).uniform(-0.15, 0.15, len(xi))
            ax.scatter(xi + jitter, y, s=9, alpha=0.45, color=POINTS, linewidths=0)
            means = [y[xi == i].mean() for i in range(len(labels))]
            ax.plot(range(len(labels)), means, color=TREND, lw=2, marker="o")
            ax.set_xticks(range(len(labels)), labels, rotation=30, ha="right")
        row = influence.loc[name] if name in influence.index else None
        title = name
        if row is not None and np.isfinite(row["influence"]):
            what = {"spearman": "|ρ|", "eta": "η", "sobol total index": "ST"}.get(row["method"], "")
            title += f"  ({what} {row['influence']:.2f}, rank {int(row['rank'])})"
        ax.set_title(title, fontsize=9)
        ax.set_xlabel(name, fontsize=8)
        if k % cols == 0:
            ax.set_ylabel(f"{output}" + (f" ({unit})" if unit else ""), fontsize=8)
        ax.tick_params(labelsize=7)
        ax.grid(alpha=0.25)
    fig.suptitle(
        f"{result.name}: {output} against each parameter (points: means over replications)",
        fontsize=10,
    )
    return _save(fig, out / f"scatter_{output}.png")


def _trend(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Means of y per value of x (few values) or per quantile bin of x (many)."""
    values = np.unique(x)
    if len(values) <= 12:
        return values, np.array([y[x == v].mean() for v in values])
    edges = np.unique(np.quantile(x, np.linspace(0, 1, TREND_BINS + 1)))
    which = np.clip(np.searchsorted(edges, x, side="right") - 1, 0, len(edges) - 2)
    keep = [b for b in range(len(edges) - 1) if np.any(which == b)]
    return (
        np.array([x[which == b].mean() for b in keep]),
        np.array([y[which == b].mean() for b in keep]),
    )


def _sobol_bars(indices: pd.DataFrame, output: str, out: Path) -> Path:
    rows = indices[indices["output"] == output]
    n = len(rows)
    fig = Figure(figsize=(6.4, 0.5 * n + 1.6), layout="constrained")
    ax = fig.add_subplot()
    pos = np.arange(n)
    ax.barh(
        pos - 0.2,
        rows["S1"],
        0.4,
        xerr=rows["S1_conf"],
        color=FIRST,
        label="first order S1",
        capsize=2,
    )
    ax.barh(
        pos + 0.2, rows["ST"], 0.4, xerr=rows["ST_conf"], color=TOTAL, label="total ST", capsize=2
    )
    ax.set_yticks(pos, rows["parameter"])
    ax.invert_yaxis()
    ax.axvline(0, color="black", lw=0.6)
    level = rows["conf_level"].iloc[0] if "conf_level" in rows and n else 0.95
    ax.set_xlabel(f"Sobol index (bars: {level:.0%} confidence interval)")
    ax.set_title(f"Sobol indices of {output}", fontsize=10)
    ax.legend(fontsize=8, loc="lower right")
    ax.grid(axis="x", alpha=0.25)
    return _save(fig, out / f"sobol_{output}.png")


def _influence_map(
    influence: pd.DataFrame, params: list[str], outputs: list[str], out: Path
) -> Path:
    grid = influence.pivot(index="parameter", columns="output", values="influence").reindex(
        index=params, columns=outputs
    )
    ranks = influence.pivot(index="parameter", columns="output", values="rank").reindex(
        index=params, columns=outputs
    )
    fig = Figure(figsize=(1.3 * len(outputs) + 2.8, 0.45 * len(params) + 1.8), layout="constrained")
    ax = fig.add_subplot()
    image = ax.imshow(grid.to_numpy(dtype=float), cmap="Blues", vmin=0, vmax=1, aspect="auto")
    for i in range(len(params)):
        for j in range(len(outputs)):
            v = grid.iat[i, j]
            if np.isfinite(v):
                ax.text(
                    j,
                    i,
                    f"{v:.2f}\n#{int(ranks.iat[i, j])}",
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if v > 0.6 else "black",
                )
    ax.set_xticks(range(len(outputs)), outputs, rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(len(params)), params, fontsize=8)
    method = ", ".join(sorted(influence["method"].unique()))
    ax.set_title(f"Influence of each parameter on each output ({method}; #rank)", fontsize=9)
    fig.colorbar(image, ax=ax, shrink=0.8)
    return _save(fig, out / "influence.png")


def _save(fig: Figure, path: Path) -> Path:
    fig.savefig(path, dpi=110)
    return path
