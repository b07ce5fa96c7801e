"""Sweep outputs: a metric (national or per region) reduced over a window of months to one number.

National metrics are read from the model's own monthly record
(``model.datacollector.model_vars``), so a run costs no DataFrame; region metrics
from ``model.region_frame()`` in the months their windows cover.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

REDUCERS = ("final", "mean", "cumulative", "min", "max")


@dataclass(frozen=True)
class Output:
    """One output column.

    Attributes:
        name: column name.
        metric: metric id, region metric id, or None for a Python model's output.
        region: region code of a region metric.
        reduce: ``final`` (value in the window's last month), ``mean``, ``cumulative``
            (sum), ``min`` or ``max``.
        first: first month of the window (1-based, included).
        last: last month of the window (included).
        unit: the metric's unit (after reduction: a flow summed over months loses "/month").
    """

    name: str
    metric: str | None
    region: str | None
    reduce: str
    first: int
    last: int
    unit: str = ""

    def of(self, series: np.ndarray) -> float:
        """Reduce the window's monthly values (``series[0]`` is month ``first``)."""
        if self.reduce == "final":
            return float(series[-1])
        if self.reduce == "mean":
            return float(np.mean(series))
        if self.reduce == "cumulative":
            return float(np.sum(series))
        if self.reduce == "min":
            return float(np.min(series))
        if self.reduce == "max":
            return float(np.max(series))
        raise ValueError(f"unknown reducer {self.reduce!r}; use one of {', '.join(REDUCERS)}")

    def describe(self) -> dict[str, Any]:
        """A JSON-ready description, for the manifest."""
        return {
            "name": self.name,
            "metric": self.metric,
            "region": self.region,
            "reduce": self.reduce,
            "months": [self.first, self.last],
            "unit": self.unit,
        }


def reduced_unit(unit: str, reduce: str) -> str:
    """The unit of a reduced metric: a cumulative flow is a total, not a rate per month."""
    if reduce == "cumulative":
        return (
            unit.removesuffix("/month") + " (total)"
            if unit.endswith("/month")
            else unit + "·months"
        )
    return unit


class RegionRecorder:
    """Collects region metrics month by month for the region outputs of a run."""

    def __init__(self, outputs: Sequence[Output]) -> None:
        self.outputs = [o for o in outputs if o.region is not None]
        self.months = {m for o in self.outputs for m in range(o.first, o.last + 1)}
        self.series: dict[str, list[float]] = {o.name: [] for o in self.outputs}

    def after_step(self, model: Any, month: int) -> None:
        """Record this month's values, if any region output's window covers it."""
        if month not in self.months:
            return
        frame = model.region_frame()
        for o in self.outputs:
            if o.first <= month <= o.last:
                self.series[o.name].append(float(frame.at[o.region, o.metric]))


def reduce_run(model: Any, outputs: Sequence[Output], regions: RegionRecorder) -> list[float]:
    """Every output of a finished run, in order."""
    history = model.datacollector.model_vars
    values = []
    for o in outputs:
        if o.region is not None:
            series = np.asarray(regions.series[o.name], dtype=float)
        else:
            series = np.asarray(history[o.metric][o.first - 1 : o.last], dtype=float)
        values.append(o.of(series))
    return values
