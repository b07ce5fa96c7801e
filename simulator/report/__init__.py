"""Report layer: figures, the terminal table and a self-contained HTML report of a comparison."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.report.figures import comparison_figures
from simulator.report.html import render_html
from simulator.report.rules import rule_titles
from simulator.report.table import text_table

if TYPE_CHECKING:
    from simulator.experiment.replicate import Comparison

__all__ = ["comparison_figures", "render_html", "rule_titles", "text_table", "write_report"]


def write_report(
    comparison: Comparison, out: str | Path, figures: bool = True, html: bool = True
) -> dict[str, Path]:
    """Write a comparison's outputs into ``out`` and return their paths by name.

    Files: ``summary.csv`` (one row per metric and scenario), ``replications.parquet``
    (long: scenario, replication, month, metric, value), ``rules.csv`` (events per run by
    rule), ``provenance.json``, ``figures/*.png|svg`` and ``report.html`` (self-contained).
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    titles = rule_titles()

    paths["summary"] = out / "summary.csv"
    comparison.summary().to_csv(paths["summary"], index=False, float_format="%.6g")

    paths["replications"] = out / "replications.parquet"
    comparison.data.to_parquet(paths["replications"], index=False)

    paths["rules"] = out / "rules.csv"
    comparison.rules(titles).to_csv(paths["rules"], index=False, float_format="%.6g")

    paths["provenance"] = out / "provenance.json"
    paths["provenance"].write_text(
        json.dumps(comparison.provenance, indent=2) + "\n", encoding="utf-8"
    )

    rendered = comparison_figures(comparison, out / "figures") if figures or html else []
    for fig in rendered:
        for p in fig.paths:
            paths[f"figure {p.name}"] = p
    if html:
        paths["report"] = out / "report.html"
        paths["report"].write_text(render_html(comparison, rendered, titles), encoding="utf-8")
    return paths
