"""Sweeps: open a sweep result folder, plot each parameter against each output, Sobol indices.

Folders are looked for under the dashboard's runs folder (``--runs``) and read in the
format of ``cartelsim sweep`` (issue 9) by :mod:`simulator.dashboard.sweep_results`.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import cast

import pandas as pd
import solara

from simulator.dashboard import config
from simulator.dashboard.charts import indices_option, scatter_option
from simulator.dashboard.components import Data, LiveChart
from simulator.dashboard.sweep_results import (
    SweepResult,
    read_sweep,
    robustness_folders,
    sobol_indices,
    sweep_folders,
    sweep_layer_available,
)
from simulator.report.format import num


@solara.component
def Page() -> None:
    """Pick a sweep folder and read it."""
    root = config.current().runs
    robust = robustness_folders(root)
    if robust:
        RobustnessPicker(robust, root)
    folders = sweep_folders(root)
    labels = [str(f.relative_to(root.resolve())) for f in folders]
    chosen, set_chosen = solara.use_state(labels[0] if labels else None)
    if not sweep_layer_available():
        solara.Info(
            "The sweep layer (cartelsim sweep and sweep-analyze, issue 9) is not installed: "
            "this page reads folders in its documented format (manifest.json and Parquet "
            "runs) with pandas, and shows Sobol indices only where a CSV of them exists."
        )
    if not folders:
        solara.Warning(
            f"No sweep result folders (with a manifest.json) under {root}. Run one, e.g. "
            f"./run sweep scenarios/sweeps/classroom_sobol.yaml --out {root}/classroom_sobol, "
            "or start the dashboard with --runs pointing at your results."
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
def RobustnessPicker(folders: list[Path], root: Path) -> None:
    """Choose a ``cartelsim robustness`` result and show its verdicts, flips and figures."""
    labels = [str(f.relative_to(root.resolve())) for f in folders]
    chosen, set_chosen = solara.use_state(labels[0])
    solara.Select(
        label=f"Robustness result (under {root})",
        values=labels,
        value=chosen if chosen in labels else labels[0],
        on_value=set_chosen,
    )
    folder = folders[labels.index(chosen)] if chosen in labels else folders[0]
    RobustnessView(folder).key(str(folder))


@solara.component
def RobustnessView(folder: Path) -> None:
    """The report's tables (who wins where, where it flips) and its two figures."""
    report = folder / "report"

    def read() -> tuple[pd.DataFrame, pd.DataFrame] | str:
        try:
            return pd.read_csv(report / "shares.csv"), pd.read_csv(report / "boxes.csv")
        except (OSError, ValueError) as err:
            return f"{report}: {err}"

    tables = solara.use_memo(read, [])
    if isinstance(tables, str):
        solara.Error(tables)
        return
    shares, boxes = tables
    with solara.Card("Who wins where, across the assumptions", classes=["cs-robustness"]):
        solara.HTML(
            tag="div", unsafe_innerHTML=shares.to_html(index=False, float_format="{:.0%}".format)
        )
        solara.Text("Where the verdict flips (scenario discovery):", classes=["cs-note"])
        solara.HTML(
            tag="div", unsafe_innerHTML=boxes.to_html(index=False, float_format="{:.2f}".format)
        )
        for name in ("shares", "influence"):
            png = report / "figures" / f"{name}.png"
            if png.is_file():
                solara.Image(png.read_bytes(), width="100%")
        solara.Text(f"Full report: {report / 'report.html'}", classes=["cs-note"])


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
    sampled = (
        f" (plots use {len(result.runs):,} evenly spaced rows)"
        if len(result.runs) < result.total_rows
        else ""
    )
    planned = result.manifest.get("total_runs", "?")
    how = "written by cartelsim sweep" if result.stored_by_layer else "plain Parquet"
    solara.HTML(
        tag="div",
        classes=["cs-note", "cs-sweep-summary"],
        unsafe_innerHTML=(
            f"<b>{escape(result.folder.name)}</b> ({how}): design "
            f"<b>{escape(result.design_kind)}</b>, {result.total_rows:,} runs of "
            f"{escape(str(planned))} planned{sampled}; scenario {escape(result.scenario)} "
            f"(hash {escape(str(result.manifest.get('scenario_hash', '?')))}).<br>"
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
    if result.influence is not None:
        Influence(result.influence, output)
    Sobol(result, output)


@solara.component
def Influence(table: pd.DataFrame, output: str) -> None:
    """sweep-analyze's ranking of the parameters by influence on one output."""
    rows = table[table["output"].astype(str) == output].sort_values("rank")
    if rows.empty:
        return
    body = "".join(
        f"<tr><td class='n'>{int(r['rank'])}</td><td>{escape(str(r['parameter']))}</td>"
        f"<td class='n'>{escape(num(float(r['influence'])))}</td>"
        f"<td>{escape(str(r['method']))}</td></tr>"
        for _, r in rows.iterrows()
    )
    solara.HTML(
        tag="div",
        unsafe_innerHTML=f'<div class="cs-chart-title">Parameters ranked by influence on '
        f"{escape(output)} (sweep-analyze)</div><table class='cs-table'><tr><th>rank</th>"
        f"<th>parameter</th><th>influence</th><th>measure</th></tr>{body}</table>",
    )


@solara.component
def Sobol(result: SweepResult, output: str) -> None:
    """First-order and total Sobol indices: from sweep-analyze, or computed on request."""
    computed, set_computed = solara.use_state(cast(pd.DataFrame | str | None, None))
    busy, set_busy = solara.use_state(False)
    table = result.sobol if result.sobol is not None else computed

    def compute() -> None:
        set_busy(True)
        try:
            set_computed(sobol_indices(result.folder))
        except ValueError as err:
            set_computed(str(err))
        finally:
            set_busy(False)

    solara.use_thread(compute if busy else (lambda: None), dependencies=[busy])
    if isinstance(table, str):
        solara.Error(table)
        return
    if table is None:
        if result.design_kind == "sobol" and result.stored_by_layer:
            with solara.Row(style={"align-items": "center"}):
                solara.Button(
                    "Compute Sobol indices",
                    on_click=lambda: set_busy(True),
                    disabled=busy,
                    color="primary",
                    classes=["cs-sobol-compute"],
                )
                solara.Text(
                    "with the sweep layer's analysis (SALib); nothing is written to the folder"
                    + (": computing…" if busy else ""),
                    classes=["cs-note"],
                )
        else:
            solara.Info(
                "No Sobol indices: this is not a sobol design. Each parameter against each "
                "output is above; cartelsim sweep-analyze ranks their influence."
            )
        return
    outputs = sorted(set(table["output"].astype(str)))
    chosen = output if output in outputs else outputs[0]
    with solara.Column(classes=["cs-card"]):
        solara.Text(
            f"Sobol indices of {chosen}: first order S1 and total ST (share of the output's "
            "variance; ± its confidence half-width in the table)",
            classes=["cs-chart-title"],
        )
        LiveChart(
            Data(indices_option(table, chosen)),
            style="height: 260px; width: 100%",
            classes="cs-sweep-sobol",
        )
        rows = table[table["output"].astype(str) == chosen]
        cols = [c for c in ("parameter", "S1", "S1_conf", "ST", "ST_conf") if c in rows]
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
            for _, r in rows.iterrows()
        )
        solara.HTML(tag="table", unsafe_innerHTML=f"<tr>{head}</tr>{body}", classes=["cs-table"])
