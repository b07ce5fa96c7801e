"""Sweeps: open a sweep result folder, plot each parameter against each output, Sobol indices.

Folders are looked for under the dashboard's runs folder (``--runs``) and read in the
format of ``cartelsim sweep`` (issue 9) by :mod:`simulator.dashboard.sweep_results`.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import solara

from simulator.dashboard import config
from simulator.dashboard.charts import indices_option, scatter_option
from simulator.dashboard.components import Data, LiveChart
from simulator.dashboard.sweep_results import (
    SweepResult,
    read_sweep,
    sweep_folders,
    sweep_layer_available,
)
from simulator.report.format import num


@solara.component
def Page() -> None:
    """Pick a sweep folder and read it."""
    root = config.current().runs
    folders = sweep_folders(root)
    labels = [str(f.relative_to(root.resolve())) for f in folders]
    chosen, set_chosen = solara.use_state(labels[0] if labels else None)
    if not sweep_layer_available():
        solara.Info(
            "The sweep layer (cartelsim sweep and sweep-analyze, issue 9) is not installed "
            "in this version yet. This page reads sweep result folders in its documented "
            "format (manifest.json and a Parquet dataset of one row per run) wherever they "
            "come from; Sobol indices appear once sweep-analyze has written them."
        )
    if not folders:
        solara.Warning(
            f"No sweep result folders (with a manifest.json) under {root}. Run a sweep with "
            "--out inside it, or start the dashboard with --runs pointing at your results."
        )
        return
    solara.Select(
        label=f"Sweep folder (under {root})",
        values=labels,
        value=chosen if chosen in labels else labels[0],
        on_value=set_chosen,
    )
    folder = folders[labels.index(chosen)] if chosen in labels else folders[0]
    SweepFolder(folder, root).key(str(folder))


@solara.component
def SweepFolder(folder: Path, root: Path) -> None:
    """One folder, read once; its problem (no manifest, no results, bad Parquet) shown plainly."""
    result = solara.use_memo(lambda: _read(folder, root), [])
    if isinstance(result, str):
        solara.Error(result)
        return
    SweepView(result)


def _read(folder: Path, root: Path) -> SweepResult | str:
    try:
        return read_sweep(folder, root)
    except ValueError as err:
        return str(err)


@solara.component
def SweepView(result: SweepResult) -> None:
    """Manifest summary, parameter-output scatter with trend, Sobol indices."""
    param, set_param = solara.use_state(result.parameters[0] if result.parameters else "")
    output, set_output = solara.use_state(result.outputs[0] if result.outputs else "")
    m = result.manifest
    sampled = (
        f" (plots use {len(result.runs):,} evenly spaced rows)"
        if len(result.runs) < result.total_rows
        else ""
    )
    solara.HTML(
        tag="div",
        classes=["cs-note"],
        unsafe_innerHTML=(
            f"<b>{escape(result.folder.name)}</b>: design <b>{escape(str(m.get('design', '?')))}</b>, "
            f"{result.total_rows:,} runs read of {escape(str(m.get('total_runs', '?')))} planned{sampled}; "
            f"scenario {escape(str(m.get('scenario', '?')))} "
            f"(hash {escape(str(m.get('scenario_hash', '?')))}).<br>"
            f"Parameters: {escape(', '.join(result.parameters) or 'none found')}<br>"
            f"Outputs: {escape(', '.join(result.outputs) or 'none found')}"
        ),
    )
    if not result.parameters or not result.outputs:
        solara.Warning("This folder's runs have no parameter or output columns to plot.")
        return
    param = param if param in result.parameters else result.parameters[0]
    output = output if output in result.outputs else result.outputs[0]
    with solara.Row(gap="16px"):
        solara.Select(label="Parameter", values=result.parameters, value=param, on_value=set_param)
        solara.Select(label="Output", values=result.outputs, value=output, on_value=set_output)
    x, y = result.runs[param], result.runs[output]
    corr = x.corr(y, method="spearman") if len(x) > 2 else float("nan")
    with solara.Column(classes=["cs-card"]):
        solara.Text(
            f"{output} against {param}: {len(x):,} runs, least-squares trend in red; "
            f"Spearman rank correlation {num(corr)}",
            classes=["cs-chart-title"],
        )
        LiveChart(
            Data(scatter_option(x.tolist(), y.tolist(), param, output)),
            style="height: 340px; width: 100%",
            classes="cs-sweep-scatter",
        )
    if result.sobol is None:
        solara.Info(
            "No Sobol indices in this folder: run cartelsim sweep-analyze on a sobol design "
            "(its CSV of first-order and total indices is shown here)."
        )
        return
    outputs = sorted(set(result.sobol["output"].astype(str)))
    chosen = output if output in outputs else outputs[0]
    with solara.Column(classes=["cs-card"]):
        solara.Text(
            f"Sobol indices of {chosen} (first order S1, total ST)", classes=["cs-chart-title"]
        )
        LiveChart(
            Data(indices_option(result.sobol, chosen)),
            style="height: 300px; width: 100%",
            classes="cs-sweep-sobol",
        )
        table = result.sobol[result.sobol["output"].astype(str) == chosen]
        cols = [c for c in ("parameter", "S1", "S1_conf", "ST", "ST_conf") if c in table]
        head = "".join(f"<th>{escape(c)}</th>" for c in cols)
        body = "".join(
            "<tr>"
            + "".join(
                f'<td class="n">{escape(num(float(r[c])))}</td>'
                if c != "parameter"
                else f"<td>{escape(str(r[c]))}</td>"
                for c in cols
            )
            + "</tr>"
            for _, r in table.iterrows()
        )
        solara.HTML(tag="table", unsafe_innerHTML=f"<tr>{head}</tr>{body}", classes=["cs-table"])
