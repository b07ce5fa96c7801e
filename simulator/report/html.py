"""A self-contained HTML report of a comparison: one file, figures embedded, no external links."""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Sequence

import pandas as pd

from simulator.experiment.summary import verdict
from simulator.metrics import HEADLINE, METRICS
from simulator.report.figures import FigureFile, colours
from simulator.report.format import band, num, share

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
 margin:0;color:#1d1d1f;background:#fafafa;line-height:1.45}
main{max-width:1180px;margin:0 auto;padding:24px 32px 64px;background:#fff}
h1{font-size:1.7em;margin:.2em 0}h2{margin-top:2em;border-bottom:2px solid #e3e3e3;padding-bottom:.2em}
h3{margin-bottom:.3em}.sub{color:#555;margin-top:0}
table{border-collapse:collapse;font-size:.86em;margin:.6em 0}
th,td{border-bottom:1px solid #e6e6e6;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f4f6;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.split td{border-top:2px solid #999}
.better{background:#e3f4e8}.worse{background:#fbe4e1}.unclear{background:#fff}
.neutral{background:#f5f5f5}.swatch{display:inline-block;width:.8em;height:.8em;border-radius:2px;
 margin-right:.35em;vertical-align:-1px}
figure{margin:1.2em 0}figure img{max-width:100%;border:1px solid #eee}
figcaption{font-size:.88em;color:#444;margin-top:.3em}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
.findings li{margin:.25em 0}.tag{font-size:.78em;padding:1px 6px;border-radius:8px;margin-left:.3em}
.tag.better{background:#2a8a4a;color:#fff}.tag.worse{background:#c0392b;color:#fff}
.tag.unclear{background:#999;color:#fff}.note{color:#555;font-size:.9em}
details{margin:.4em 0}summary{cursor:pointer;color:#1f5fa8}
"""


def escape(x: object) -> str:
    """``x`` as HTML text (quotes escaped too)."""
    return html.escape(str(x), quote=True)


def figure_html(fig: FigureFile) -> str:
    """A figure embedded as PNG, with its title and caption."""
    data = base64.b64encode(fig.png).decode("ascii")
    return (
        f'<figure id="fig-{escape(fig.name)}"><img alt="{escape(fig.title)}" '
        f'src="data:image/png;base64,{data}"><figcaption><b>{escape(fig.title)}.</b> '
        f"{escape(fig.caption)}</figcaption></figure>"
    )


def _diff_text(row: pd.Series) -> str:
    d = num(row["diff_mean"], signed=True)
    if pd.isna(row["diff_ci_low"]):
        return d
    return f"{d} [{num(row['diff_ci_low'], True)}, {num(row['diff_ci_high'], True)}]"


def findings(summary: pd.DataFrame, reference: str, metrics: Sequence[str] = HEADLINE) -> str:
    """One sentence per headline metric and non-reference scenario, tagged better/worse/unclear."""
    items = []
    for metric_id in [m for m in metrics if m in set(summary["metric"])]:
        block = summary[summary["metric"] == metric_id]
        ref = block[block["scenario"] == reference].iloc[0]
        for _, row in block[block["scenario"] != reference].iterrows():
            v = verdict(row)
            tag = (
                f'<span class="tag {v}">{v}</span>'
                if v in ("better", "worse", "unclear")
                else '<span class="tag unclear">no better direction</span>'
            )
            shares = (
                f", better in {escape(share(row['share_better']))} of replications, worse in "
                f"{escape(share(row['share_worse']))}"
                if not pd.isna(row["share_better"])
                else ""
            )
            items.append(
                f"<li><b>{escape(row['label'])}</b> ({escape(row['unit'])}): {escape(row['scenario'])} "
                f"{escape(num(row['mean']))} vs {escape(reference)} {escape(num(ref['mean']))}; difference "
                f"{escape(_diff_text(row))} (90% CI){shares}.{tag}</li>"
            )
    return f'<ul class="findings">{"".join(items)}</ul>'


def results_table(summary: pd.DataFrame, names: Sequence[str], reference: str) -> str:
    """The full summary table: every metric, HEADLINE first."""
    others = [n for n in names if n != reference]
    head = "<tr><th>metric</th><th>outcome unit</th>"
    for n in names:
        head += f"<th>{escape(n)}{' (reference)' if n == reference else ''}<br>mean [p5–p95]</th>"
    for n in others:
        head += f"<th>Δ {escape(n)} − {escape(reference)}<br>mean [90% CI]</th><th>better in</th>"
    head += "</tr>"
    body: list[str] = []
    split_done = False
    for metric_id in dict.fromkeys(summary["metric"]):
        block = summary[summary["metric"] == metric_id].set_index("scenario")
        first = block.iloc[0]
        cls = ""
        if not split_done and metric_id not in HEADLINE and body:
            cls, split_done = ' class="split"', True
        cells = f"<td>{escape(first['label'])}</td><td>{escape(first['unit'])}</td>"
        for n in names:
            r = block.loc[n]
            cells += (
                f'<td class="n">{escape(num(r["mean"]))} {escape(band(r["p5"], r["p95"]))}</td>'
            )
        for n in others:
            r = block.loc[n].copy()
            r["scenario"] = n
            v = verdict(r)
            cells += f'<td class="n {v}">{escape(_diff_text(r))}</td>'
            cells += f'<td class="n">{escape(share(r["share_better"]))}</td>'
        body.append(f"<tr{cls}>{cells}</tr>")
    return f"<table>{head}{''.join(body)}</table>"


def rules_table(rules: pd.DataFrame, names: Sequence[str], reference: str, top: int = 15) -> str:
    """Rules ranked by how much their event counts differ from the reference's."""
    if rules.empty:
        return '<p class="note">No events were logged in any run.</p>'
    others = [n for n in names if n != reference]
    head = "<tr><th>rule</th><th>title</th>"
    head += "".join(f"<th>{escape(n)}<br>events/run</th>" for n in names)
    head += "".join(f"<th>Δ {escape(n)}</th>" for n in others) + "</tr>"
    body = []
    for _, r in rules.head(top).iterrows():
        cells = f"<td><b>{escape(r['rule'])}</b></td><td>{escape(r['title'] or '–')}</td>"
        cells += "".join(f'<td class="n">{escape(num(r[n]))}</td>' for n in names)
        cells += "".join(f'<td class="n">{escape(num(r[f"diff {n}"], True))}</td>' for n in others)
        body.append(f"<tr>{cells}</tr>")
    more = (
        f'<p class="note">{len(rules) - top} more rules in <code>rules.csv</code>.</p>'
        if len(rules) > top
        else ""
    )
    return f"<table>{head}{''.join(body)}</table>{more}"


def _scenarios_section(comparison) -> str:
    colour = colours(comparison.names)
    months = comparison.months
    parts = []
    for s in comparison.scenarios:
        role = " (reference)" if s.name == comparison.reference else ""
        parts.append(
            f'<h3><span class="swatch" style="background:{colour[s.name]}"></span>'
            f"{escape(s.name)}{role}</h3><p>{escape(s.description.strip() or '(no description)')}</p>"
        )
        if not s.policy.phases:
            parts.append('<p class="note">No phases: status-quo levers throughout.</p>')
            continue
        rows = []
        for p in s.policy.phases:
            end = p.end if p.end is not None else f"{months} (end)"
            levers = ", ".join(
                f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}"
                for k, v in p.levers.set_values().items()
            )
            rows.append(
                f"<tr><td>{escape(p.name)}</td><td class='n'>{p.start}–{escape(end)}</td>"
                f"<td>{escape(p.description)}</td><td class='mono'>{escape(levers)}</td></tr>"
            )
        parts.append(
            "<table><tr><th>phase</th><th>months</th><th>what it does</th><th>levers set</th></tr>"
            + "".join(rows)
            + "</table>"
        )
    return "".join(parts)


def _provenance_section(comparison) -> str:
    prov = comparison.provenance
    rows = "".join(
        f"<tr><td>{escape(s['scenario'])}{' (reference)' if s['scenario'] == prov['reference'] else ''}"
        f"</td><td class='mono'>{escape(s['scenario_hash'])}</td><td>{escape(s['start'])}</td>"
        f"<td class='n'>{s['phases']}</td></tr>"
        for s in prov["scenarios"]
    )
    seeds = ", ".join(str(x) for x in prov["seeds"])
    versions = ", ".join(
        f"{k.removesuffix('_version')} {prov[k]}" for k in prov if k.endswith("_version")
    )
    return (
        f"<p>{len(prov['scenarios'])} scenarios, {prov['replications']} replications each, "
        f"{prov['months']} months, reference <b>{escape(prov['reference'])}</b>, base seed "
        f"<code>{prov['base_seed']}</code> (common random numbers: replication k of every "
        f"scenario uses the same seed).</p>"
        "<table><tr><th>scenario</th><th>scenario hash</th><th>start</th><th>phases</th></tr>"
        f"{rows}</table><p>Versions: {escape(versions)}.</p>"
        f"<details><summary>Seeds of the {prov['replications']} replications</summary>"
        f"<p class='mono'>{escape(seeds)}</p><p class='note'>{escape(prov['seed_stream'])}</p></details>"
        f"<details><summary>Full provenance (JSON, also in provenance.json)</summary>"
        f"<pre class='mono'>{escape(json.dumps(prov, indent=2))}</pre></details>"
    )


def _method_notes(comparison, summary: pd.DataFrame) -> str:
    level = int(round(100 * comparison.level))
    spread = summary.groupby("scenario")["sd"].max()
    identical = bool((spread.fillna(0) == 0).all()) and comparison.n > 1
    warn = (
        '<p class="note"><b>Note:</b> every replication gave the same outcome for every '
        "metric: the model's randomness does not yet affect these outputs, so the "
        "intervals have zero width and say nothing about uncertainty.</p>"
        if identical
        else ""
    )
    return (
        f"<ul>"
        f"<li><b>Common random numbers.</b> Replication k of every scenario runs with the same "
        f"seed, so scenarios face the same luck; differences are taken replication by "
        f"replication (paired), which removes most of the noise shared by both runs.</li>"
        f"<li><b>Outcome of a run.</b> Monthly flows are summed over the {comparison.months} "
        f"months (rates such as the homicide rate are averaged); levels are the value at the "
        f"last month.</li>"
        f"<li><b>Spread.</b> “mean [p5–p95]”: the mean across {comparison.n} replications and "
        f"the 5th–95th percentile of single runs.</li>"
        f"<li><b>Difference.</b> “Δ mean [{level}% CI]”: mean paired difference (scenario − "
        f"reference) and its {level}% confidence interval, mean ± t(0.95, n−1)·sd/√n. The CI "
        f"narrows as replications grow; the 5th–95th percentile of single-run differences "
        f"(in summary.csv as diff_p5, diff_p95) does not. Cells are green when the CI lies "
        f"entirely on the better side, red when entirely on the worse side.</li>"
        f"<li><b>Better in.</b> Share of replications in which the scenario's outcome is "
        f"strictly better than the reference's in the same replication, by each metric's "
        f"better direction (for cartel-controlled regions, lower is better: more territory "
        f"reclaimed). Metrics without a better direction have none.</li>"
        f"<li><b>Rules.</b> Event counts by rule id show which mechanisms fired more or less "
        f"often; they point to where a difference comes from, not how large it is.</li>"
        f"</ul>{warn}"
    )


def variance_section(comparison) -> str:
    """With parameter uncertainty: how much of each headline difference is luck, how much assumptions."""
    if comparison.draws is None or len(comparison.names) < 2:
        return ""
    split = comparison.variance_split(HEADLINE)
    label = {m: METRICS[m].label for m in HEADLINE if m in METRICS}
    rows = "".join(
        f"<tr><td>{escape(r.scenario)}</td><td>{escape(label.get(r.metric, r.metric))}</td>"
        f"<td>{share(1 - r.assumptions_share) if r.total > 0 else '–'}</td>"
        f"<td>{share(r.assumptions_share) if r.total > 0 else '–'}</td></tr>"
        for r in split.itertuples()
    )
    n_draws = len(comparison.draws)
    return (
        "<h2 id='uncertainty'>Luck or assumptions?</h2>"
        f"<p class='sub'>Every ranged calibration parameter was drawn from its plausible range "
        f"({n_draws} Latin-hypercube draws of {comparison.draws.shape[1]} parameters, each run "
        f"with {comparison.n // max(n_draws, 1)} seeds; the same draws for every scenario), so the "
        f"bands above include what we do not know. The variance of each paired difference "
        f"splits into luck (seeds, within a draw) and assumptions (between draws); "
        f"<code>variance.csv</code> has the figures, <code>draws.csv</code> the draws.</p>"
        "<table><tr><th>scenario</th><th>metric</th><th>luck</th><th>assumptions</th></tr>"
        f"{rows}</table>"
    )


def render_html(
    comparison, figures: Sequence[FigureFile], titles: dict[str, str] | None = None
) -> str:
    """Return the complete HTML report of a comparison.

    Args:
        comparison: a :class:`simulator.experiment.Comparison`.
        figures: rendered figures, embedded as PNG.
        titles: rule id -> title (from ``docs/RULES.md``); ids alone when empty.
    """
    summary = comparison.summary()
    rules = comparison.rules(titles)
    return _render(comparison, summary, rules, figures, bool(titles))


def _render(comparison, summary, rules, figures, rule_titles_found: bool) -> str:
    names = comparison.names
    ref = comparison.reference
    others = [n for n in names if n != ref]
    title = f"{' vs '.join(names)}"
    colour = colours(names)
    legend = " ".join(
        f'<span class="swatch" style="background:{colour[n]}"></span>{escape(n)}' for n in names
    )
    rules_note = (
        ""
        if rule_titles_found
        else '<p class="note">Rule titles appear here once <code>docs/RULES.md</code> exists.</p>'
    )
    figs = "".join(figure_html(f) for f in figures)
    findings_html = (
        f"<h2>Key findings</h2><p class='sub'>Headline metrics, the roadmap's own yardstick "
        f"first; difference = scenario − {escape(ref)}.</p>{findings(summary, ref)}"
        if others
        else ""
    )
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>CartelSim comparison: {escape(title)}</title><style>{CSS}</style></head><body><main>"
        f"<h1>CartelSim comparison: {escape(title)}</h1>"
        f"<p class='sub'>{legend} · {comparison.n} replications · {comparison.months} months · "
        f"reference: <b>{escape(ref)}</b></p>"
        f"{findings_html}"
        f"<h2 id='compared'>What was compared</h2>{_provenance_section(comparison)}"
        f"<h2 id='scenarios'>Scenarios and their phases</h2>{_scenarios_section(comparison)}"
        f"<h2 id='table'>Results</h2><p class='sub'>All metrics; the headline metrics first, "
        f"the rest below the line.</p>{results_table(summary, names, ref)}"
        f"{variance_section(comparison)}"
        f"<h2 id='figures'>Figures</h2>{figs}"
        f"<h2 id='rules'>Rules most responsible for the difference</h2>"
        f"<p class='sub'>Mean events per replication by rule (event log), sorted by the "
        f"largest difference to {escape(ref)}.</p>{rules_table(rules, names, ref)}{rules_note}"
        f"<h2 id='method'>Method notes</h2>{_method_notes(comparison, summary)}"
        "</main></body></html>\n"
    )
