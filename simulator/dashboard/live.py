"""One scenario run month by month for the Explore page, beside its status-quo baseline.

A :class:`LiveRun` owns a :class:`~simulator.model.CartelModel` (each browser session
makes its own) and the monthly values of every registry metric so far. The baseline
is the same scenario, world and seed with no policy (``policy: {}``, the status quo
levers, as ``scenarios/baseline.yaml``), run once with
:func:`simulator.experiment.run` and cached: it is data, shared safely between
sessions, and it is what KPI cards compare with.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

import pandas as pd
from threadpoolctl import ThreadpoolController

from simulator.dashboard import config
from simulator.events import Event
from simulator.experiment import run
from simulator.experiment.run import month_labels
from simulator.experiment.summary import outcome_kind
from simulator.metrics import METRIC_IDS, METRICS
from simulator.model import CartelModel
from simulator.report.figures import phase_windows
from simulator.scenario import Scenario, scenario_hash
from simulator.scenario.schema import Policy

_blas: ThreadpoolController | None = None  # made once: finding the libraries takes ~6 ms
_baseline_lock = threading.Lock()
_baselines: OrderedDict[tuple[str, int, int], pd.DataFrame] = OrderedDict()
_BASELINES_KEPT = 32


def status_quo(scenario: Scenario) -> Scenario:
    """The scenario with its policy removed: same world, actors and horizon, status-quo levers."""
    return scenario.model_copy(update={"policy": Policy(), "name": f"{scenario.name} (status quo)"})


def baseline_timeseries(scenario: Scenario, seed: int, months: int) -> pd.DataFrame:
    """Monthly metrics of the scenario's status quo with the same seed (cached, read-only)."""
    sq = status_quo(scenario)
    key = (scenario_hash(sq), seed, months)
    with _baseline_lock:  # two tabs asking at once compute it once
        if key not in _baselines:
            _baselines[key] = run(sq, seed=seed, months=months).timeseries
            while len(_baselines) > _BASELINES_KEPT:
                _baselines.popitem(last=False)
        _baselines.move_to_end(key)
        return _baselines[key]


def blas() -> ThreadpoolController:
    """The process's BLAS controller: one thread per model step, as in experiment runs."""
    global _blas
    if _blas is None:
        _blas = ThreadpoolController()
    return _blas


class LiveRun:
    """A model stepped on demand, with its history of metrics and its baseline."""

    def __init__(self, scenario: Scenario, seed: int | None = None, months: int | None = None):
        self.scenario = scenario
        self.seed = scenario.seed if seed is None else seed
        self.months = scenario.months if months is None else months
        if not 1 <= self.months <= config.MAX_MONTHS:
            raise ValueError(f"months must be between 1 and {config.MAX_MONTHS}, got {self.months}")
        self.model = CartelModel(scenario, seed=self.seed)
        self.baseline = baseline_timeseries(scenario, self.seed, self.months)
        self.baseline_values = {m: self.baseline[m].tolist() for m in METRIC_IDS}
        self.history: dict[str, list[float]] = {m: [] for m in METRIC_IDS}
        self.labels = month_labels(scenario.start, self.months)
        self.phases = phase_windows(scenario, self.months)
        self.lock = threading.Lock()  # the play thread and button clicks step the same model

    @property
    def month(self) -> int:
        """Months simulated so far (0 before the first step)."""
        return int(self.model.month)

    @property
    def done(self) -> bool:
        """True when the horizon is reached."""
        return self.month >= self.months

    def step(self) -> bool:
        """Simulate one month; False (and nothing done) at the horizon."""
        with self.lock:
            if self.done:
                return False
            with blas().limit(limits=1, user_api="blas"):
                self.model.step()
            for m in METRIC_IDS:
                self.history[m].append(float(self.model.metric(m)))
            return True

    def run_to(self, month: int, should_stop: Callable[[], bool] = lambda: False) -> None:
        """Step until ``month`` (or the horizon), unless ``should_stop`` says otherwise."""
        while self.month < min(month, self.months) and not should_stop():
            self.step()

    def events(self) -> list[Event]:
        """The event log so far."""
        return list(self.model.events.events)

    def events_in(self, month: int) -> list[Event]:
        """The events of one month."""
        return [e for e in self.model.events.events if e.month == month]

    def kpi(self, metric_id: str) -> tuple[float, float, str]:
        """Outcome so far, the baseline's over the same months, and how it is measured.

        As in comparisons (:func:`simulator.experiment.summary.outcome_kind`): monthly
        flows are summed since month 1, rates averaged, levels taken this month.
        """
        values = self.history[metric_id]
        if not values:
            return float("nan"), float("nan"), ""
        n = len(values)
        base = self.baseline[metric_id].iloc[:n]
        kind = outcome_kind(METRICS[metric_id])
        if kind == "total":
            return sum(values), float(base.sum()), f"total, months 1-{n}"
        if kind == "mean":
            return sum(values) / n, float(base.mean()), f"average, months 1-{n}"
        return values[-1], float(base.iloc[-1]), f"in {self.labels[n - 1]}"
