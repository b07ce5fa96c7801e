"""Report layer: figures, the terminal table and a self-contained HTML report of a comparison."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.output import result_folder
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
    rule), ``provenance.json``, ``figures/*.png|svg`` and ``report.html`` (self-contained);
    with parameter uncertainty also ``draws.csv`` (the parameter values of each draw) and
    ``variance.csv`` (each difference's variance split into luck and assumptions).
    """
    titles = rule_titles()
    written: dict[str, str] = {}  # name -> path relative to the folder
    with result_folder(out, "comparison") as staging:
        written["summary"] = "summary.csv"
        comparison.summary().to_csv(staging / "summary.csv", index=False, float_format="%.6g")

        written["replications"] = "replications.parquet"
        comparison.data.to_parquet(staging / "replications.parquet", index=False)

        written["rules"] = "rules.csv"
        rules = comparison.rules(titles)
        rules.to_csv(staging / "rules.csv", index=False, float_format="%.6g")

        if comparison.draws is not None:  # parameter uncertainty: the draws and the split
            written["draws"] = "draws.csv"
            comparison.draws.to_csv(staging / "draws.csv", float_format="%.6g")
            written["variance"] = "variance.csv"
            split = comparison.variance_split()
            split.to_csv(staging / "variance.csv", index=False, float_format="%.6g")

        written["provenance"] = "provenance.json"
        text = json.dumps(comparison.provenance, indent=2) + "\n"
        (staging / "provenance.json").write_text(text, encoding="utf-8")

        rendered = comparison_figures(comparison, staging / "figures") if figures or html else []
        for fig in rendered:
            for p in fig.paths:
                written[f"figure {p.name}"] = p.relative_to(staging).as_posix()
        if html:
            written["report"] = "report.html"
            page = render_html(comparison, rendered, titles)
            (staging / "report.html").write_text(page, encoding="utf-8")
    return {name: Path(out) / rel for name, rel in written.items()}
