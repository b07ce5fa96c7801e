"""Statistics of replicated runs: outcomes, spread, paired differences, share better.

All functions take the long table every experiment produces, with columns
``scenario, replication, month, metric, value`` (one row per month and metric of
each run).

**Outcome of a run.** Each metric is reduced to one number per run:

* a *flow* counted per month (unit ``.../month``) is summed over the horizon
  (``outcome = "total"``); its yearly average is ``total / (months / 12)``;
* a *flow* that is already a rate (e.g. the homicide rate, ``per 100k/year``) is
  averaged over the horizon (``outcome = "mean"``);
* a *level* is its end-of-horizon value (``outcome = "end"``).

**Intervals.** For each scenario and metric the table gives the mean, the median and
the 5th-95th percentile band across replications (how much runs vary). Against the
reference scenario it gives, replication by replication (common random numbers pair
replication ``k`` of both), the paired difference ``scenario - reference`` and:

* ``diff_p5, diff_p95``: the 5th-95th percentile of the paired differences, the range
  in which 90% of single-run differences fall (does not shrink with more runs);
* ``diff_ci_low, diff_ci_high``: the 90% confidence interval of the *mean* difference,
  ``mean ± t(0.95, n-1) · sd / sqrt(n)`` (Student t), which shrinks as ``1/sqrt(n)``.
  Tables and reports show this one as "Δ vs reference (90% CI)".

**Share better** is the share of replications in which the scenario's outcome is
strictly better than the reference's in the same replication, using each metric's
better-direction (:class:`simulator.metrics.Better`); ``share_worse`` likewise, ties
count as neither. For ``territory_cartel_share`` lower is better: fewer regions under
cartel control means more territory reclaimed. Neutral metrics have no share.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from simulator.metrics import HEADLINE, METRIC_IDS, METRICS, Better, Kind, Metric

LONG_COLUMNS: tuple[str, ...] = ("scenario", "replication", "month", "metric", "value")
LEVEL = 0.90  # every interval in summaries is a 90% interval (DESIGN.md §5)


def metric_order(metric_ids: Iterable[str] | None = None) -> list[str]:
    """Return metric ids in summary order: ``metrics.HEADLINE`` first, then the rest as registered."""
    ids = list(METRIC_IDS if metric_ids is None else metric_ids)
    wanted = set(ids)
    head = [m for m in HEADLINE if m in wanted]
    rest = [m for m in METRIC_IDS if m in wanted and m not in head]
    extra = [m for m in ids if m not in METRICS]
    return head + rest + extra


def outcome_kind(metric: Metric) -> str:
    """Return how a run reduces this metric to one number: ``total``, ``mean`` or ``end``."""
    if metric.kind is Kind.LEVEL:
        return "end"
    return "total" if metric.unit.endswith("/month") else "mean"


def outcome_unit(metric: Metric) -> str:
    """Return the unit of a metric's outcome, e.g. ``deaths, total`` or ``index 0-1, at end``."""
    kind = outcome_kind(metric)
    if kind == "total":
        return f"{metric.unit.removesuffix('/month')}, total"
    if kind == "mean":
        return f"{metric.unit}, average"
    return f"{metric.unit}, at end"


def per_year_unit(metric: Metric) -> str:
    """Return the unit of the yearly average of a summed flow (empty for other metrics)."""
    return f"{metric.unit.removesuffix('/month')}/year" if outcome_kind(metric) == "total" else ""


def _scenario_order(data: pd.DataFrame, scenarios: Sequence[str] | None) -> list[str]:
    if scenarios is not None:
        return list(scenarios)
    return list(dict.fromkeys(data["scenario"].astype(str)))


def outcomes(data: pd.DataFrame) -> pd.DataFrame:
    """Reduce each run's monthly series to one outcome per metric (see the module notes).

    Args:
        data: long table ``scenario, replication, month, metric, value``.

    Returns:
        Columns ``scenario, replication, metric, value``.
    """
    last = data["month"].max()
    rows = []
    for metric_id, group in data.groupby("metric", sort=False, observed=True):
        metric = METRICS.get(str(metric_id))
        kind = outcome_kind(metric) if metric else "end"
        by_run = group.groupby(["scenario", "replication"], sort=False, observed=True)
        if kind == "total":
            out = by_run["value"].sum()
        elif kind == "mean":
            out = by_run["value"].mean()
        else:
            out = group[group["month"] == last].set_index(["scenario", "replication"])["value"]
        out = out.reset_index()
        out.insert(2, "metric", str(metric_id))
        rows.append(out)
    result = pd.concat(rows, ignore_index=True)
    result["scenario"] = result["scenario"].astype(str)
    return result[["scenario", "replication", "metric", "value"]]


@functools.lru_cache(maxsize=1024)
def t_quantile(level: float, dof: int) -> float:
    """Return the two-sided Student-t critical value for ``level`` with ``dof`` degrees of freedom."""
    from scipy.special import stdtrit  # scipy is a dependency of Mesa

    return float(stdtrit(dof, 0.5 + level / 2))


def mean_ci(values: np.ndarray, level: float = LEVEL) -> tuple[float, float]:
    """Return the ``level`` confidence interval of the mean of ``values`` (Student t).

    NaN when fewer than two values; a zero-width interval when all values are equal.
    """
    values = np.asarray(values, dtype=float)
    n = len(values)
    if n < 2:
        return math.nan, math.nan
    mean = float(values.mean())
    half = t_quantile(level, n - 1) * float(values.std(ddof=1)) / math.sqrt(n)
    return mean - half, mean + half


def _shares(metric: Metric | None, x: np.ndarray, ref: np.ndarray) -> tuple[float, float]:
    if metric is None or metric.better is Better.NEUTRAL or len(x) == 0:
        return math.nan, math.nan
    if metric.better is Better.LOWER:
        return float(np.mean(x < ref)), float(np.mean(x > ref))
    return float(np.mean(x > ref)), float(np.mean(x < ref))


def summarize(
    data: pd.DataFrame,
    reference: str | None = None,
    scenarios: Sequence[str] | None = None,
    metrics: Sequence[str] | None = None,
    level: float = LEVEL,
) -> pd.DataFrame:
    """Summarise replicated runs per scenario and metric (see the module notes).

    Args:
        data: long table ``scenario, replication, month, metric, value``.
        reference: the scenario differences are taken against (default: the first).
        scenarios: scenario order (default: order of appearance).
        metrics: metric ids to include (default: all present), ordered HEADLINE first.
        level: interval level (0.90).

    Returns:
        One row per metric and scenario (metric-major, HEADLINE order) with columns
        ``metric, label, scenario, reference, outcome, unit, kind, better, n, mean,
        median, p5, p95, sd, mean_per_year, per_year_unit, diff_mean, diff_p5, diff_p95,
        diff_ci_low, diff_ci_high, diff_mean_per_year, share_better, share_worse``.
        Difference and share columns are NaN on the reference's own rows.

    Raises:
        ValueError: if the reference is unknown or scenarios have different replications.
    """
    order = _scenario_order(data, scenarios)
    reference = order[0] if reference is None else reference
    if reference not in order:
        raise ValueError(f"reference {reference!r} is not among the scenarios {order}")
    months = int(data["month"].max())
    years = months / 12
    lo_q, hi_q = 100 * (1 - level) / 2, 100 * (1 + level) / 2
    out = outcomes(data)
    wide = out.pivot_table(
        index=["metric", "replication"], columns="scenario", values="value", aggfunc="first"
    )
    present = list(dict.fromkeys(out["metric"]))
    ids = metric_order(present if metrics is None else [m for m in metrics if m in present])
    rows = []
    for metric_id in ids:
        metric = METRICS.get(metric_id)
        table = wide.loc[metric_id]
        ref = table[reference].to_numpy(dtype=float)
        kind = outcome_kind(metric) if metric else "end"
        for name in order:
            x = table[name].to_numpy(dtype=float)
            if np.isnan(x).any() or np.isnan(ref).any():
                raise ValueError(
                    f"scenario {name!r} and reference {reference!r} do not share the same "
                    f"replications for metric {metric_id!r}"
                )
            row = {
                "metric": metric_id,
                "label": metric.label if metric else metric_id,
                "scenario": name,
                "reference": reference,
                "outcome": kind,
                "unit": outcome_unit(metric) if metric else "",
                "kind": str(metric.kind) if metric else "",
                "better": str(metric.better) if metric else "",
                "n": len(x),
                "mean": float(np.mean(x)),
                "median": float(np.median(x)),
                "p5": float(np.percentile(x, lo_q)),
                "p95": float(np.percentile(x, hi_q)),
                "sd": float(np.std(x, ddof=1)) if len(x) > 1 else math.nan,
                "mean_per_year": float(np.mean(x)) / years if kind == "total" else math.nan,
                "per_year_unit": per_year_unit(metric) if metric else "",
            }
            if name == reference:
                row |= dict.fromkeys(
                    (
                        "diff_mean",
                        "diff_p5",
                        "diff_p95",
                        "diff_ci_low",
                        "diff_ci_high",
                        "diff_mean_per_year",
                        "share_better",
                        "share_worse",
                    ),
                    math.nan,
                )
            else:
                d = x - ref
                ci_low, ci_high = mean_ci(d, level)
                better, worse = _shares(metric, x, ref)
                row |= {
                    "diff_mean": float(np.mean(d)),
                    "diff_p5": float(np.percentile(d, lo_q)),
                    "diff_p95": float(np.percentile(d, hi_q)),
                    "diff_ci_low": ci_low,
                    "diff_ci_high": ci_high,
                    "diff_mean_per_year": float(np.mean(d)) / years
                    if kind == "total"
                    else math.nan,
                    "share_better": better,
                    "share_worse": worse,
                }
            rows.append(row)
    return pd.DataFrame(rows)


def verdict(row: pd.Series | dict) -> str:
    """Classify a summary row: ``better``/``worse`` when the 90% CI of the difference excludes zero in that direction, else ``unclear`` (``neutral`` for neutral metrics, ``reference`` for the reference)."""
    if row["scenario"] == row["reference"]:
        return "reference"
    if row["better"] == Better.NEUTRAL:
        return "neutral"
    low, high = row["diff_ci_low"], row["diff_ci_high"]
    if low is None or high is None or math.isnan(low) or math.isnan(high):
        low = high = row["diff_mean"]
    sign = 1 if row["better"] == Better.HIGHER else -1
    if low == high == 0:
        return "unclear"
    if sign * low > 0 and sign * high > 0:
        return "better"
    if sign * low < 0 and sign * high < 0:
        return "worse"
    return "unclear"


def monthly_bands(
    data: pd.DataFrame, reference: str | None = None, level: float = LEVEL
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the monthly spread of each scenario and of its paired difference to the reference.

    Returns:
        ``(bands, diffs)``. ``bands``: ``scenario, metric, month, mean, p5, p95``.
        ``diffs``: ``scenario, metric, month, mean, p5, p95, ci_low, ci_high`` of the
        paired difference ``scenario - reference`` per month (reference excluded).
    """
    lo, hi = (1 - level) / 2, (1 + level) / 2
    order = _scenario_order(data, None)
    reference = order[0] if reference is None else reference
    keys = ["scenario", "metric", "month"]
    g = data.groupby(keys, sort=False, observed=True)["value"]
    bands = pd.concat(
        {"mean": g.mean(), "p5": g.quantile(lo), "p95": g.quantile(hi)}, axis=1
    ).reset_index()
    bands["scenario"] = bands["scenario"].astype(str)
    bands["metric"] = bands["metric"].astype(str)
    wide = data.pivot_table(
        index=["metric", "month", "replication"],
        columns="scenario",
        values="value",
        aggfunc="first",
        observed=True,
    )
    frames = []
    for name in order:
        if name == reference:
            continue
        d = (wide[name] - wide[reference]).rename("value").reset_index()
        gd = d.groupby(["metric", "month"], sort=False, observed=True)["value"]
        n = gd.count()
        sem = gd.std(ddof=1) / np.sqrt(n)
        tq = n.map(lambda k: t_quantile(level, k - 1) if k > 1 else math.nan)
        mean = gd.mean()
        f = pd.concat(
            {
                "mean": mean,
                "p5": gd.quantile(lo),
                "p95": gd.quantile(hi),
                "ci_low": mean - tq * sem,
                "ci_high": mean + tq * sem,
            },
            axis=1,
        ).reset_index()
        f.insert(0, "scenario", name)
        frames.append(f)
    cols = ["scenario", "metric", "month", "mean", "p5", "p95", "ci_low", "ci_high"]
    diffs = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=cols)
    diffs["metric"] = diffs["metric"].astype(str)
    return bands, diffs[cols]


def rule_table(
    rule_counts: pd.DataFrame,
    reference: str,
    scenarios: Sequence[str],
    replications: int,
    titles: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Mean events per replication by rule and scenario, with differences to the reference.

    Args:
        rule_counts: ``scenario, replication, rule, count`` (missing rows count as zero).
        reference: the reference scenario.
        scenarios: all scenarios, in order.
        replications: replications per scenario (the divisor of the means).
        titles: rule id -> title, when known.

    Returns:
        One row per rule: ``rule, title``, one column per scenario (mean events per
        replication), ``diff <scenario>`` per non-reference scenario, and ``max_abs_diff``;
        sorted by ``max_abs_diff`` (largest first) then rule number.
    """
    titles = titles or {}
    diff_names = [f"diff {s}" for s in scenarios if s != reference]
    if not len(rule_counts):
        return pd.DataFrame(columns=["rule", "title", *scenarios, *diff_names, "max_abs_diff"])
    total = rule_counts.pivot_table(
        index="rule", columns="scenario", values="count", aggfunc="sum", fill_value=0
    )
    table = pd.DataFrame(index=total.index)
    for s in scenarios:
        table[s] = (total[s] / max(replications, 1)) if s in total else 0.0
    diff_cols = []
    for s in scenarios:
        if s != reference:
            col = f"diff {s}"
            table[col] = table[s] - table[reference]
            diff_cols.append(col)
    table["max_abs_diff"] = table[diff_cols].abs().max(axis=1) if diff_cols else 0.0
    table = table.reset_index()
    table.insert(1, "title", table["rule"].map(lambda r: titles.get(r, "")))
    key = table["rule"].str.extract(r"(\d+)")[0].astype(float).fillna(1e9)
    table = table.assign(_k=key).sort_values(["max_abs_diff", "_k"], ascending=[False, True])
    return table.drop(columns="_k").reset_index(drop=True)


@dataclass(frozen=True)
class Escalation:
    """Whether and when conditional escalation happened across replications (R17).

    Attributes:
        scenario: the scenario's name.
        first_months: per replication, the month its first trigger fired (None: never).
    """

    scenario: str
    first_months: tuple[int | None, ...]

    @property
    def n(self) -> int:
        """Replications."""
        return len(self.first_months)

    @property
    def fired(self) -> list[int]:
        """First-firing months of the replications in which a trigger fired, sorted."""
        return sorted(m for m in self.first_months if m is not None)

    @property
    def share(self) -> float:
        """Share of replications in which a trigger fired."""
        return len(self.fired) / self.n if self.n else 0.0

    def line(self) -> str:
        """One sentence: 'escalation fired in k of n replications, median month m (range a-b)'."""
        fired = self.fired
        text = f"{self.scenario}: escalation (R17 triggers) fired in {len(fired)} of {self.n} replications"
        if fired:
            text += f", first in median month {np.median(fired):g} (range {fired[0]}–{fired[-1]})"
        return text


def escalation(scenario: str, values: np.ndarray, metric_ids: Sequence[str]) -> Escalation:
    """The first month each replication's ``triggers_fired`` flow was positive.

    Args:
        scenario: the scenario's name.
        values: array ``(replication, month, metric)``.
        metric_ids: the metric ids of the last axis.
    """
    fired = values[:, :, list(metric_ids).index("triggers_fired")] > 0
    first = tuple(int(np.argmax(row)) + 1 if row.any() else None for row in fired)
    return Escalation(scenario, first)
