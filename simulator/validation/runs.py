"""Runs for the validation checks: monthly traces of what the metrics registry does not keep.

The checks need a few per-month quantities beyond the registry's national metrics:
cartel-related homicides per region (R3) and the share of flow through each crossing
(R8). :class:`Runner` steps a scenario, records them each month, and caches the trace
by (scenario, seed, months), so that several checks share the baseline runs of one
``cartelsim validate``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from simulator.experiment.run import month_labels
from simulator.metrics import METRIC_IDS
from simulator.model import CartelModel
from simulator.resources import scenarios_dir
from simulator.scenario.loader import load_scenario
from simulator.scenario.schema import Scenario

CONTROL = "#control"  # suffix of a scenario name: that scenario without its operations


def default_data_dir() -> Path:
    """Return the default folder of the published 150-cartel network.

    ``../shared/data/cartel_network_2020`` relative to the repository root, else to the
    current directory.
    """
    rel = Path("..") / "shared" / "data" / "cartel_network_2020"
    root = Path(__file__).resolve().parents[2]
    for candidate in (root / rel, Path.cwd() / rel):
        if (candidate / "BACRIM2020_Nodes.csv").exists():
            return candidate.resolve()
    return (root / rel).resolve()


@dataclass
class Trace:
    """One run's monthly metrics plus the per-region and per-crossing series the checks need."""

    scenario: Scenario
    seed: int
    timeseries: pd.DataFrame  # month, date and every registry metric
    cartel_homicides: np.ndarray  # [month, region]: R3 cartel-related homicides
    region_homicides: np.ndarray  # [month, region]: R3 all homicides (cartel, other, civilians)
    crossing_flow: np.ndarray  # [month, crossing]: R8 share of flow through each crossing
    guns_us_sourced: np.ndarray  # [month]: R7 US-sourced part of guns_south
    regions: list[str]
    crossings: list[str]
    events: pd.DataFrame
    model: CartelModel


def trace(scenario: Scenario, seed: int, months: int) -> Trace:
    """Run ``scenario`` with ``seed`` for ``months`` months and record its trace."""
    model = CartelModel(scenario, seed=seed)
    homicides, totals, flows, guns = [], [], [], []
    for _ in range(months):
        model.step()
        homicides.append(np.array(model.state.regions.cartel_homicides, float))
        totals.append(np.array(model.state.regions.homicides, float))
        flows.append(np.array(model.state.crossing_flow, float))
        guns.append(float(model.state.guns_us_sourced))
    ts = model.datacollector.get_model_vars_dataframe().reset_index(drop=True)
    ts.insert(0, "date", month_labels(scenario.start, months))
    ts.insert(0, "month", range(1, months + 1))
    return Trace(
        scenario=scenario,
        seed=seed,
        timeseries=ts[["month", "date", *METRIC_IDS]],
        cartel_homicides=np.array(homicides),
        region_homicides=np.array(totals),
        crossing_flow=np.array(flows),
        guns_us_sourced=np.array(guns),
        regions=list(model.world.regions),
        crossings=[c.id for c in model.world.crossings],
        events=model.events.to_frame(),
        model=model,
    )


class Runner:
    """Loads validation scenarios and caches their traces by (file, seed, months)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or scenarios_dir()
        self._scenarios: dict[str, Scenario] = {}
        self._traces: dict[tuple[str, int, int], Trace] = {}

    def scenario(self, name: str) -> Scenario:
        """Load ``name`` (a path relative to ``scenarios/``, e.g. ``validation/x.yaml``)."""
        if name not in self._scenarios:
            self._scenarios[name] = load_scenario(self.folder / name)
        return self._scenarios[name]

    def control(self, name: str) -> Scenario:
        """Scenario ``name`` without its scheduled operations: the paired control of a backtest."""
        key = name + CONTROL
        if key not in self._scenarios:
            sc = self.scenario(name)
            policy = sc.policy.model_copy(update={"operations": []})
            self._scenarios[key] = sc.model_copy(
                update={"policy": policy, "name": f"{sc.name}_control"}
            )
        return self._scenarios[key]

    def trace(self, name: str, seed: int, months: int | None = None) -> Trace:
        """Return the trace of scenario ``name`` for ``seed``; a longer cached run is reused."""
        if name.endswith(CONTROL):
            sc = self.control(name.removesuffix(CONTROL))
        else:
            sc = self.scenario(name)
        months = sc.months if months is None else months
        for (n, s, m), t in self._traces.items():
            if n == name and s == seed and m >= months:
                return t if m == months else _head(t, months)
        t = trace(sc, seed, months)
        self._traces[(name, seed, months)] = t
        return t


def _head(t: Trace, months: int) -> Trace:
    """The first ``months`` months of a trace (runs are causal, so this equals a shorter run)."""
    return Trace(
        scenario=t.scenario,
        seed=t.seed,
        timeseries=t.timeseries.iloc[:months].copy(),
        cartel_homicides=t.cartel_homicides[:months],
        region_homicides=t.region_homicides[:months],
        crossing_flow=t.crossing_flow[:months],
        guns_us_sourced=t.guns_us_sourced[:months],
        regions=t.regions,
        crossings=t.crossings,
        events=t.events[t.events["month"] <= months],
        model=t.model,
    )
