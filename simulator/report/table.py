"""The comparison table as plain aligned text, for the terminal."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from simulator.metrics import HEADLINE
from simulator.report.format import band, num, share


def _cell_mean(row: pd.Series) -> str:
    return f"{num(row['mean'])} {band(row['p5'], row['p95'])}"


def _cell_diff(row: pd.Series) -> str:
    if pd.isna(row["diff_mean"]):
        return "–"
    ci = (
        ""
        if pd.isna(row["diff_ci_low"])
        else f" [{num(row['diff_ci_low'], True)}, {num(row['diff_ci_high'], True)}]"
    )
    return f"{num(row['diff_mean'], True)}{ci}"


def text_table(summary: pd.DataFrame, names: Sequence[str], reference: str) -> str:
    """Render a summary as aligned text: metric, unit, each scenario's mean [p5–p95], Δ, share better.

    Args:
        summary: the output of :func:`simulator.experiment.summarize`.
        names: scenario names, in column order.
        reference: the reference scenario.
    """
    others = [n for n in names if n != reference]
    header = ["metric", "unit"]
    header += [f"{n}{' (ref)' if n == reference else ''} mean [p5–p95]" for n in names]
    for n in others:
        header += [f"Δ {n} [90% CI]", "better"]
    rows: list[list[str]] = []
    metrics = list(dict.fromkeys(summary["metric"]))
    split = None
    for i, metric_id in enumerate(metrics):
        block = summary[summary["metric"] == metric_id].set_index("scenario")
        first = block.iloc[0]
        unit = str(first["unit"])
        row = [str(first["label"]), unit]
        row += [_cell_mean(block.loc[n]) for n in names]
        for n in others:
            row += [_cell_diff(block.loc[n]), share(block.loc[n]["share_better"])]
        rows.append(row)
        if split is None and metric_id not in HEADLINE and i > 0:
            split = i
    widths = [max(len(r[c]) for r in [header, *rows]) for c in range(len(header))]

    def line(cells: list[str]) -> str:
        out = [cells[0].ljust(widths[0]), cells[1].ljust(widths[1])]
        out += [c.rjust(w) for c, w in zip(cells[2:], widths[2:], strict=True)]
        return "  ".join(out).rstrip()

    rule = "  ".join("─" * w for w in widths)
    lines = [line(header), rule]
    for i, r in enumerate(rows):
        if i == split:
            lines.append(rule)
        lines.append(line(r))
    return "\n".join(lines)
