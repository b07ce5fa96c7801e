"""One run of one scenario with one seed: the unit every experiment is built from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from simulator.metrics import METRIC_IDS
from simulator.model import CartelModel
from simulator.output import result_folder
from simulator.provenance import provenance
from simulator.scenario.loader import load_scenario
from simulator.scenario.parameters import run_parameter
from simulator.scenario.schema import Scenario


@dataclass
class RunResult:
    """The outputs of one run: monthly metrics, region metrics, the event log and provenance."""

    scenario: Scenario
    seed: int
    timeseries: pd.DataFrame
    events: pd.DataFrame
    provenance: dict[str, Any]
    model: CartelModel
    regions: pd.DataFrame  # month, region, one column per region metric (metrics.REGION_METRICS)

    def write(self, out: str | Path) -> list[Path]:
        """Write ``timeseries.csv``, ``regions.csv``, ``events.csv`` and ``provenance.json``.

        The folder is replaced whole and atomically (see :mod:`simulator.output`);
        raises :class:`~simulator.output.OutputError` if it cannot be.
        """
        import json

        names = ["timeseries.csv", "regions.csv", "events.csv", "provenance.json"]
        with result_folder(out, "run") as staging:
            self.timeseries.to_csv(staging / names[0], index=False, float_format="%.6g")
            self.regions.to_csv(staging / names[1], index=False, float_format="%.6g")
            self.events.to_csv(staging / names[2], index=False)
            text = json.dumps(self.provenance, indent=2) + "\n"
            (staging / names[3]).write_text(text, encoding="utf-8")
        return [Path(out) / name for name in names]


def month_labels(start: str, months: int) -> list[str]:
    """Return calendar labels ``YYYY-MM`` for months 1..months from ``start``."""
    year, month = (int(x) for x in start.split("-"))
    labels = []
    for k in range(months):
        y, m = divmod(month - 1 + k, 12)
        labels.append(f"{year + y:04d}-{m + 1:02d}")
    return labels


def run(
    scenario: Scenario | str | Path,
    seed: int | None = None,
    months: int | None = None,
    overrides: Sequence[str] = (),
) -> RunResult:
    """Run a scenario (object or YAML path) once and return its outputs.

    Args:
        scenario: a loaded scenario or the path of a scenario file.
        seed: the seed; defaults to the scenario's.
        months: the horizon; defaults to the scenario's.
        overrides: ``dotted.path=value`` overrides, applied when loading from a path.
    """
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario, overrides)
    seed = scenario.seed if seed is None else run_parameter("seed", seed, "run(seed=...)")
    months = (
        scenario.months if months is None else run_parameter("months", months, "run(months=...)")
    )
    model = CartelModel(scenario, seed=seed)  # pins BLAS to one thread itself
    for _ in range(months):
        model.step()
    ts = model.datacollector.get_model_vars_dataframe().reset_index(drop=True)
    ts.insert(0, "date", month_labels(scenario.start, months))
    ts.insert(0, "month", range(1, months + 1))
    ts = ts[["month", "date", *METRIC_IDS]]
    return RunResult(
        scenario=scenario,
        seed=seed,
        timeseries=ts,
        events=model.events.to_frame(),
        provenance=provenance(scenario, [seed], months),
        model=model,
        regions=model.region_timeseries(),
    )
