"""Analysis of a stored sweep: Sobol indices (SALib), influence rankings, parameter-output figures.

Works on the results folder alone (manifest, design, runs), so it analyses a sweep
run anywhere. Outputs are first averaged over each point's replications (common
random numbers make those averages comparable across points); how much of an
output's variance is replication noise rather than parameters is reported too.

- every design: each parameter's influence on each output, ranked: Spearman's rank
  correlation for numbers, the correlation ratio (eta) for choices;
- ``sobol`` designs: first-order and total indices with their confidence intervals
  (and second-order ones if the design has them), from SALib's Saltelli estimator;
  the ranking then follows the total index.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simulator.experiment.sweep.errors import SweepError
from simulator.experiment.sweep.store import Store
from simulator.output import result_folder

CONF_LEVEL = 0.95  # SALib's default confidence level for the bootstrap intervals
RESAMPLES = 1000  # bootstrap resamples of the Sobol intervals


@dataclass
class Analysis:
    """The tables of a sweep's analysis and the files written.

    Attributes:
        name: the sweep's name.
        outputs: per output: runs, mean, sd, min, max and the replication-noise share.
        influence: per output and parameter: influence measure, method and rank (1 = most).
        point_means: per design point: parameter values and each output's mean.
        sobol: per output and parameter: S1, S1_conf, ST, ST_conf (sobol designs).
        second_order: per output and parameter pair: S2, S2_conf (sobol, second order).
        notes: caveats worth telling (incomplete sweep, constant outputs).
        files: what was written, by name.
    """

    name: str
    outputs: pd.DataFrame
    influence: pd.DataFrame
    point_means: pd.DataFrame
    sobol: pd.DataFrame | None = None
    second_order: pd.DataFrame | None = None
    notes: list[str] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)


Drawer = Callable[["Analysis", Path, dict[str, Any]], dict[str, Path]]
"""Draws an analysis's figures into a folder and returns them by name (the report layer's
:func:`simulator.report.sweep_figures.draw_figures`)."""


def analyze_sweep(
    folder: str | os.PathLike[str],
    out: str | os.PathLike[str] | None = None,
    draw: Drawer | None = None,
    seed: int | None = None,
) -> Analysis:
    """Analyse a stored sweep and write CSV files (and, with ``draw``, figures) into ``out``.

    Args:
        folder: the sweep's results folder.
        out: where to write (default: ``folder/analysis``).
        draw: draws the figures into ``out/figures`` inside the same atomic write, e.g.
            :func:`simulator.report.sweep_figures.draw_figures` (this layer draws nothing).
        seed: seed of the bootstrap (default: the design's seed).

    Raises:
        SweepError: not a sweep folder, no runs, or a Sobol sweep with runs missing.
        OutputError: ``out`` cannot receive the results (nothing half-written is left).
    """
    store = Store(folder)
    manifest = store.read_manifest()
    design = store.read_design()
    parameters = [p["name"] for p in manifest["design"]["parameters"]]
    kinds = {p["name"]: p["kind"] for p in manifest["design"]["parameters"]}
    outputs = [o["name"] for o in manifest["outputs"]]
    runs = store.read_runs()
    if runs.empty:
        raise SweepError(f"{folder} holds no runs yet; run the sweep first")
    total = int(manifest["total_runs"])
    notes = []
    complete = len(runs) == total
    if not complete:
        notes.append(f"incomplete sweep: {len(runs)} of {total} runs stored (resume it to finish)")
    means = runs.groupby("point")[outputs].mean()
    point_means = design.merge(means, left_on="point", right_index=True, how="inner")
    result = Analysis(
        name=manifest["name"],
        outputs=_output_table(runs, outputs, notes),
        influence=_influence(point_means, parameters, kinds, outputs),
        point_means=point_means,
        notes=notes,
    )
    if manifest["design"]["kind"] == "sobol":
        if not complete:
            raise SweepError(
                f"Sobol indices need every run of the design: {len(runs)} of {total} are stored; "
                "finish the sweep with --resume first"
            )
        boot_seed = manifest["design"]["seed"] if seed is None else seed
        result.sobol, result.second_order = sobol_indices(
            point_means, parameters, outputs, bool(manifest["design"]["second_order"]), boot_seed
        )
        result.influence = _rank_by_total_index(result.influence, result.sobol)
    target = Path(out) if out is not None else store.root / "analysis"
    with result_folder(target, "sweep-analysis") as staging:  # whole, or not at all
        _write(result, staging, draw, manifest)
    result.files = {name: target / path.relative_to(staging) for name, path in result.files.items()}
    return result


def _output_table(runs: pd.DataFrame, outputs: list[str], notes: list[str]) -> pd.DataFrame:
    rows = []
    for name in outputs:
        y = runs[name].to_numpy(dtype=float)
        total_var = float(np.var(y))
        within = (
            runs.groupby("point")[name].var(ddof=0).mean()
            if runs["replication"].max() > 0
            else np.nan
        )
        if total_var == 0:
            notes.append(f"{name} is the same in every run: it has no sensitivity to analyse")
        rows.append(
            {
                "output": name,
                "runs": len(y),
                "mean": float(np.mean(y)),
                "sd": float(np.std(y)),
                "min": float(np.min(y)),
                "max": float(np.max(y)),
                "replication_noise_share": float(within / total_var) if total_var > 0 else np.nan,
            }
        )
    return pd.DataFrame(rows)


def _influence(
    point_means: pd.DataFrame, parameters: list[str], kinds: dict[str, str], outputs: list[str]
) -> pd.DataFrame:
    from scipy.stats import spearmanr

    rows = []
    for out in outputs:
        y = point_means[out].to_numpy(dtype=float)
        for name in parameters:
            x = point_means[name]
            numeric = (
                kinds[name] != "choice" or pd.api.types.is_numeric_dtype(x) and x.dtype != bool
            )
            if numeric:
                xs = x.to_numpy(dtype=float)
                rho = (
                    float(spearmanr(xs, y).statistic)
                    if np.ptp(xs) > 0 and np.ptp(y) > 0
                    else np.nan
                )
                rows.append((out, name, abs(rho), rho, "spearman"))
            else:
                rows.append(
                    (out, name, _correlation_ratio(x.astype(str).to_numpy(), y), np.nan, "eta")
                )
    table = pd.DataFrame(rows, columns=["output", "parameter", "influence", "spearman", "method"])
    table["rank"] = (
        table.groupby("output")["influence"]
        .rank(ascending=False, method="min", na_option="bottom")
        .astype(int)
    )
    return table.sort_values(["output", "rank", "parameter"], ignore_index=True)


def _correlation_ratio(groups: np.ndarray, y: np.ndarray) -> float:
    """eta: the share of y's standard deviation explained by the groups (0..1)."""
    total = float(np.var(y))
    if total == 0:
        return float("nan")
    frame = pd.DataFrame({"g": groups, "y": y})
    stats = frame.groupby("g")["y"].agg(["mean", "size"])
    between = float(np.sum(stats["size"] * (stats["mean"] - y.mean()) ** 2) / len(y))
    return float(np.sqrt(between / total))


def sobol_indices(
    point_means: pd.DataFrame, parameters: list[str], outputs: list[str], second: bool, seed: int
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """First-order and total Sobol indices (SALib) of each output over a Saltelli design.

    ``point_means`` has a ``point`` column (the design's order) and one column per
    output; an output that never varies gets NaN indices.
    """
    from SALib.analyze import sobol

    problem = {
        "num_vars": len(parameters),
        "names": parameters,
        "bounds": [[0.0, 1.0]] * len(parameters),
    }
    ordered = point_means.sort_values("point")
    first_rows: list[dict[str, Any]] = []
    pair_rows: list[dict[str, Any]] = []
    for out in outputs:
        y = ordered[out].to_numpy(dtype=float)
        if np.ptp(y) == 0:
            nan = {"S1": np.nan, "S1_conf": np.nan, "ST": np.nan, "ST_conf": np.nan}
            first_rows += [{"output": out, "parameter": p, **nan} for p in parameters]
            continue
        si = sobol.analyze(
            problem,
            y,
            calc_second_order=second,
            num_resamples=RESAMPLES,
            conf_level=CONF_LEVEL,
            seed=seed,
        )
        for j, p in enumerate(parameters):
            first_rows.append(
                {
                    "output": out,
                    "parameter": p,
                    "S1": float(si["S1"][j]),
                    "S1_conf": float(si["S1_conf"][j]),
                    "ST": float(si["ST"][j]),
                    "ST_conf": float(si["ST_conf"][j]),
                }
            )
        if second:
            for a in range(len(parameters)):
                for b in range(a + 1, len(parameters)):
                    pair_rows.append(
                        {
                            "output": out,
                            "parameter_a": parameters[a],
                            "parameter_b": parameters[b],
                            "S2": float(si["S2"][a, b]),
                            "S2_conf": float(si["S2_conf"][a, b]),
                        }
                    )
    first = pd.DataFrame(first_rows)
    first.insert(2, "conf_level", CONF_LEVEL)
    pairs = pd.DataFrame(pair_rows) if second else None
    return first, pairs


def _rank_by_total_index(influence: pd.DataFrame, indices: pd.DataFrame) -> pd.DataFrame:
    """With Sobol indices, influence is the total index ST (rank 1 = largest)."""
    merged = influence.drop(columns=["influence", "method", "rank"]).merge(
        indices[["output", "parameter", "ST"]], on=["output", "parameter"]
    )
    merged = merged.rename(columns={"ST": "influence"}).assign(method="sobol total index")
    merged["rank"] = (
        merged.groupby("output")["influence"]
        .rank(ascending=False, method="min", na_option="bottom")
        .astype(int)
    )
    cols = ["output", "parameter", "influence", "spearman", "method", "rank"]
    return merged[cols].sort_values(["output", "rank", "parameter"], ignore_index=True)


def _write(result: Analysis, out: Path, draw: Drawer | None, manifest: dict[str, Any]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    tables = {
        "outputs": result.outputs,
        "influence": result.influence,
        "point_means": result.point_means,
        "sobol_indices": result.sobol,
        "sobol_second_order": result.second_order,
    }
    for name, table in tables.items():
        if table is not None:
            path = out / f"{name}.csv"
            table.to_csv(path, index=False, float_format="%.6g")
            result.files[name] = path
    if draw is not None:
        result.files.update(draw(result, out / "figures", manifest))
