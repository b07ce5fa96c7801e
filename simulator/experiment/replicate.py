"""Replications with common random numbers, and comparisons of scenarios, on local processes.

``replicate(scenario, n)`` runs one scenario ``n`` times; ``compare(scenarios, n)`` runs
every scenario ``n`` times with the *same* seed stream (common random numbers, see
:mod:`simulator.experiment.seeds`): replication ``k`` of every scenario uses seed
``replication_seeds(base_seed, n)[k]`` and equals ``run(scenario, seed=seeds[k])``
exactly. The reference's runs are therefore identical in every comparison that
shares its base seed, and paired differences come from policy, not luck.

Runs go to a :class:`concurrent.futures.ProcessPoolExecutor` (``workers=None``: one
process per CPU, at most one per run; ``workers=1``: in this process). Scenarios are
sent to workers as objects, and results are put back in replication order, so the
output is identical whatever the number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simulator.experiment.run import month_labels, run
from simulator.experiment.seeds import replication_seeds
from simulator.experiment.summary import LEVEL, monthly_bands, rule_table, summarize
from simulator.experiment.uncertainty import (
    DESIGN,
    ParameterUncertainty,
    variance_split,
    with_parameters,
)
from simulator.metrics import METRIC_IDS
from simulator.provenance import package_version, provenance
from simulator.scenario.loader import load_scenario, scenario_hash
from simulator.scenario.parameters import check_workers, check_workload, run_parameter
from simulator.scenario.schema import Scenario

SEED_STREAM = (
    "numpy SeedSequence(base_seed).spawn(n); seed of replication k = "
    "child[k].generate_state(1, uint32)[0]"
)

Task = tuple[Scenario, int, int]  # scenario, seed, months
TaskResult = tuple[np.ndarray, dict[str, int]]  # (months x metrics) values, events per rule


def _run_task(task: Task) -> TaskResult:
    """Run one (scenario, seed, months) and return its metric values and event counts by rule."""
    scenario, seed, months = task
    result = run(scenario, seed=seed, months=months)
    values = result.timeseries[list(METRIC_IDS)].to_numpy(dtype=float)
    rules = result.events["rule"].astype(str).value_counts(sort=False)
    return values, {str(k): int(v) for k, v in rules.items()}


def _mp_context() -> multiprocessing.context.BaseContext:
    """A start method that is safe with threads: forkserver with the model preloaded, else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["simulator.experiment.replicate"])
        return ctx
    return multiprocessing.get_context("spawn")


def default_workers(tasks: int) -> int:
    """One process per CPU, but no more than there are runs."""
    return max(1, min(os.cpu_count() or 1, tasks))


Progress = bool | Callable[[int, int], None]  # a bar on stderr, or a callback (done, total)


def execute(
    tasks: Sequence[Task],
    workers: int | None = None,
    progress: Progress = False,
    desc: str = "runs",
) -> list[TaskResult]:
    """Run tasks, in parallel unless ``workers == 1``, and return their results in task order.

    Args:
        tasks: ``(scenario, seed, months)`` triples.
        workers: processes (``None``: :func:`default_workers`; ``1``: in this process).
        progress: show a progress bar on stderr, or a callable called with
            ``(runs done, total)`` after each run (e.g. the dashboard's progress bar; an
            exception it raises stops the remaining runs).
        desc: the progress bar's label.
    """
    from tqdm import tqdm

    report = progress if callable(progress) else None
    workers = default_workers(len(tasks)) if workers is None else workers
    if workers < 1:
        raise ValueError(f"workers must be >= 1, got {workers}")
    results: list[TaskResult | None] = [None] * len(tasks)
    with tqdm(
        total=len(tasks),
        disable=report is not None or not progress,
        desc=desc,
        unit="run",
        file=sys.stderr,
        dynamic_ncols=True,
        leave=False,
    ) as bar:
        if workers == 1 or len(tasks) <= 1:
            for i, task in enumerate(tasks):
                results[i] = _run_task(task)
                bar.update()
                if report is not None:
                    report(i + 1, len(tasks))
        else:
            pool = ProcessPoolExecutor(
                max_workers=min(workers, len(tasks)), mp_context=_mp_context()
            )
            try:
                futures: dict[Future[TaskResult], int] = {
                    pool.submit(_run_task, task): i for i, task in enumerate(tasks)
                }
                for done, future in enumerate(as_completed(futures), 1):
                    results[futures[future]] = future.result()
                    bar.update()
                    if report is not None:
                        report(done, len(tasks))
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
    return [r for r in results if r is not None]


@dataclass
class Replications:
    """``n`` runs of one scenario with the seeds of a common-random-numbers stream.

    Attributes:
        scenario: the scenario.
        base_seed: the seed the stream was drawn from.
        seeds: seed of each replication (``seeds[k]`` for replication ``k``).
        months: the horizon.
        values: array ``(replication, month, metric)`` of monthly values, metrics in
            ``metric_ids`` order.
        rule_counts: ``replication, rule, count``: events each rule caused in each run.
        metric_ids: the metric ids of the last axis of ``values``.
        draws: with parameter uncertainty, the parameter values of each draw (rows) and
            ``draw_of[k]``, the draw replication ``k`` ran; else ``None`` and ``[]``.
    """

    scenario: Scenario
    base_seed: int
    seeds: list[int]
    months: int
    values: np.ndarray
    rule_counts: pd.DataFrame
    metric_ids: tuple[str, ...] = field(default=METRIC_IDS)
    draws: pd.DataFrame | None = None
    draw_of: list[int] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The scenario's name."""
        return self.scenario.name

    @property
    def n(self) -> int:
        """Number of replications."""
        return len(self.seeds)

    @cached_property
    def data(self) -> pd.DataFrame:
        """Long table ``scenario, replication, month, metric, value`` (replication, month, metric order)."""
        n, months, k = self.values.shape
        return pd.DataFrame(
            {
                "scenario": np.full(n * months * k, self.name, dtype=object),
                "replication": np.repeat(np.arange(n, dtype=np.int64), months * k),
                "month": np.tile(np.repeat(np.arange(1, months + 1, dtype=np.int64), k), n),
                "metric": np.tile(np.asarray(self.metric_ids, dtype=object), n * months),
                "value": self.values.reshape(-1),
            }
        ).astype({"scenario": "str", "metric": "str"})

    def timeseries(self, replication: int) -> pd.DataFrame:
        """Return replication ``k`` as the wide table of :class:`RunResult` ``timeseries``."""
        ts = pd.DataFrame(self.values[replication], columns=list(self.metric_ids))
        ts.insert(0, "date", month_labels(self.scenario.start, self.months))
        ts.insert(0, "month", range(1, self.months + 1))
        return ts

    @property
    def provenance(self) -> dict[str, Any]:
        """Provenance of these runs (scenario hash, seeds, versions)."""
        return provenance(
            self.scenario,
            list(self.seeds),
            self.months,
            base_seed=self.base_seed,
            seed_stream=SEED_STREAM,
        )

    def summary(self, level: float = LEVEL) -> pd.DataFrame:
        """Mean, median and 5-95% band of each metric's outcome (see :mod:`.summary`)."""
        return summarize(self.data, reference=self.name, level=level)


def _load(scenario: Scenario | str | Path) -> Scenario:
    return scenario if isinstance(scenario, Scenario) else load_scenario(scenario)


def _runs(
    scenarios: Sequence[Scenario],
    n: int,
    base_seed: int,
    months: int,
    workers: int | None,
    progress: Progress,
    uncertainty: ParameterUncertainty | None = None,
) -> list[Replications]:
    # The same bounds as the scenario fields, checked before anything is allocated.
    n = run_parameter("replications", n, "replications")
    base_seed = run_parameter("seed", base_seed, "seed")
    months = run_parameter("months", months, "months")
    if workers is not None:
        check_workers(workers, "workers")
    check_workload(n * len(scenarios), months, "replications x months")
    seeds = replication_seeds(base_seed, n)
    draws, draw_of = None, []
    if uncertainty is None:
        tasks = [(s, seed, months) for s in scenarios for seed in seeds]
    else:  # the same draws, in the same replications, for every scenario
        draws = uncertainty.draws(uncertainty.n_draws(n), seed=base_seed)
        draw_of = uncertainty.draw_of(n)
        rows = draws.to_dict("records")
        tasks = [
            (with_parameters(s, rows[d]), seed, months)
            for s in scenarios
            for seed, d in zip(seeds, draw_of, strict=True)
        ]
    results = execute(tasks, workers=workers, progress=progress, desc="replications")
    out = []
    for i, scenario in enumerate(scenarios):
        chunk = results[i * n : (i + 1) * n]
        values = (
            np.stack([v for v, _ in chunk])
            if chunk
            else np.empty((0, months, len(METRIC_IDS)), dtype=float)
        )
        counts = pd.DataFrame(
            [
                (k, rule, c)
                for k, (_, rules) in enumerate(chunk)
                for rule, c in sorted(rules.items())
            ],
            columns=["replication", "rule", "count"],
        ).astype({"replication": "int64", "rule": "str", "count": "int64"})
        out.append(
            Replications(
                scenario,
                base_seed,
                list(seeds),
                months,
                values,
                counts,
                draws=draws,
                draw_of=list(draw_of),
            )
        )
    return out


def replicate(
    scenario: Scenario | str | Path,
    n: int | None = None,
    seed: int | None = None,
    months: int | None = None,
    workers: int | None = None,
    progress: Progress = False,
    uncertainty: ParameterUncertainty | None = None,
) -> Replications:
    """Run a scenario ``n`` times with the common-random-numbers seed stream of ``seed``.

    Args:
        scenario: a loaded scenario or a scenario file.
        n: replications (default: the scenario's ``replications``).
        seed: base seed of the stream (default: the scenario's ``seed``).
        months: horizon (default: the scenario's).
        workers: processes (``None``: one per CPU; ``1``: in this process).
        progress: show a progress bar on stderr, or a callback ``(runs done, total)``.
        uncertainty: also draw the ranged calibration parameters (``None``: seeds only).
    """
    scenario = _load(scenario)
    n = scenario.replications if n is None else n
    seed = scenario.seed if seed is None else seed
    months = scenario.months if months is None else months
    return _runs([scenario], n, seed, months, workers, progress, uncertainty)[0]


@dataclass
class Comparison:
    """Scenarios replicated with common random numbers, and their comparison to a reference.

    Attributes:
        runs: one :class:`Replications` per scenario, in the order given.
        reference: name of the reference scenario.
        level: level of every interval (0.90).
    """

    runs: list[Replications]
    reference: str
    level: float = LEVEL

    @property
    def scenarios(self) -> list[Scenario]:
        """The scenarios, in order."""
        return [r.scenario for r in self.runs]

    @property
    def names(self) -> list[str]:
        """The scenarios' names, in order."""
        return [r.name for r in self.runs]

    @property
    def seeds(self) -> list[int]:
        """Seed of each replication, shared by every scenario."""
        return self.runs[0].seeds

    @property
    def base_seed(self) -> int:
        """The seed the stream was drawn from."""
        return self.runs[0].base_seed

    @property
    def n(self) -> int:
        """Replications per scenario."""
        return len(self.seeds)

    @property
    def months(self) -> int:
        """The horizon."""
        return self.runs[0].months

    def __getitem__(self, name: str) -> Replications:
        """Return the replications of the scenario called ``name``."""
        for r in self.runs:
            if r.name == name:
                return r
        raise KeyError(f"no scenario {name!r}; have {self.names}")

    @cached_property
    def data(self) -> pd.DataFrame:
        """Long table ``scenario, replication, month, metric, value`` of every run."""
        return pd.concat([r.data for r in self.runs], ignore_index=True)

    @cached_property
    def rule_counts(self) -> pd.DataFrame:
        """``scenario, replication, rule, count``: events per rule in every run."""
        frames = [r.rule_counts.assign(scenario=r.name) for r in self.runs]
        return pd.concat(frames, ignore_index=True)[["scenario", "replication", "rule", "count"]]

    def summary(self, metrics: Sequence[str] | None = None) -> pd.DataFrame:
        """Per scenario and metric: mean, median, 5-95% band, paired difference, share better."""
        if metrics is None:
            return self._summary.copy()
        return summarize(
            self.data, self.reference, scenarios=self.names, metrics=metrics, level=self.level
        )

    @cached_property
    def _summary(self) -> pd.DataFrame:
        return summarize(self.data, self.reference, scenarios=self.names, level=self.level)

    @property
    def draws(self) -> pd.DataFrame | None:
        """The parameter draws shared by every scenario (``None``: seeds only)."""
        return self.runs[0].draws

    def variance_split(self, metrics: Sequence[str] | None = None) -> pd.DataFrame:
        """Variance of each paired difference split into luck and assumptions.

        Needs parameter uncertainty (``compare(..., uncertainty=...)``); see
        :func:`simulator.experiment.uncertainty.variance_split`.
        """
        if self.draws is None:
            raise ValueError("a comparison without parameter uncertainty has only luck to split")
        return variance_split(self.data, self.reference, self.runs[0].draw_of, metrics)

    def bands(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Monthly bands per scenario and of paired differences (see :func:`monthly_bands`)."""
        return monthly_bands(self.data, self.reference, level=self.level)

    def rules(self, titles: dict[str, str] | None = None) -> pd.DataFrame:
        """Events per replication by rule, with differences to the reference (largest first)."""
        return rule_table(self.rule_counts, self.reference, self.names, self.n, titles)

    @property
    def provenance(self) -> dict[str, Any]:
        """What made this comparison: scenarios and their hashes, seeds, horizon, versions."""
        import mesa

        return {
            "kind": "comparison",
            "reference": self.reference,
            "replications": self.n,
            "months": self.months,
            "base_seed": self.base_seed,
            "seed_stream": SEED_STREAM,
            "seeds": list(self.seeds),
            "interval_level": self.level,
            "parameter_uncertainty": None
            if self.draws is None
            else {
                "design": DESIGN,
                "draws": len(self.draws),
                "seeds_per_draw": self.runs[0].draw_of.count(0),
                "parameters": {
                    name: [float(self.draws[name].min()), float(self.draws[name].max())]
                    for name in self.draws.columns
                },
            },
            "scenarios": [
                {
                    "scenario": s.name,
                    "scenario_hash": scenario_hash(s),
                    "start": s.start,
                    "phases": len(s.policy.phases),
                }
                for s in self.scenarios
            ],
            "cartelsim_version": package_version(),
            "mesa_version": mesa.__version__,
            "numpy_version": np.__version__,
            "pandas_version": pd.__version__,
            "python_version": sys.version.split()[0],
        }


def _resolve_reference(
    scenarios: Sequence[Scenario], reference: str | int | Scenario | None
) -> str:
    names = [s.name for s in scenarios]
    if reference is None:
        return names[0]
    if isinstance(reference, Scenario):
        reference = reference.name
    if isinstance(reference, int) and not isinstance(reference, bool):
        return names[reference]
    if reference in names:
        return str(reference)
    raise ValueError(f"reference {reference!r} is not one of the scenarios: {', '.join(names)}")


def compare(
    scenarios: Sequence[Scenario | str | Path],
    n: int | None = None,
    reference: str | int | Scenario | None = None,
    seed: int | None = None,
    months: int | None = None,
    workers: int | None = None,
    progress: Progress = False,
    on_loaded: Callable[[list[Scenario]], None] | None = None,
    uncertainty: ParameterUncertainty | None = None,
) -> Comparison:
    """Replicate every scenario with common random numbers and compare them with a reference.

    Args:
        scenarios: loaded scenarios or scenario files (names must differ).
        n: replications per scenario (default: the first scenario's ``replications``).
        reference: the reference: a scenario name, index or object (default: the first).
        seed: base seed of the shared stream (default: the reference scenario's ``seed``).
        months: common horizon (default: the reference scenario's).
        workers: processes (``None``: one per CPU; ``1``: in this process).
        progress: show a progress bar on stderr, or a callback ``(runs done, total)``.
        on_loaded: called with the loaded scenarios before running (e.g. to print a plan).
        uncertainty: also draw the ranged calibration parameters, the same draws for
            every scenario (see :mod:`simulator.experiment.uncertainty`); ``None``:
            seeds only.

    Raises:
        ValueError: no scenarios, duplicate names or an unknown reference.
    """
    loaded = [_load(s) for s in scenarios]
    if not loaded:
        raise ValueError("compare needs at least one scenario")
    names = [s.name for s in loaded]
    dupes = sorted({x for x in names if names.count(x) > 1})
    if dupes:
        raise ValueError(f"scenario names must differ to be compared; repeated: {', '.join(dupes)}")
    ref = _resolve_reference(loaded, reference)
    ref_scenario = loaded[names.index(ref)]
    n = loaded[0].replications if n is None else n
    seed = ref_scenario.seed if seed is None else seed
    months = ref_scenario.months if months is None else months
    if on_loaded is not None:
        on_loaded(loaded)
    return Comparison(_runs(loaded, n, seed, months, workers, progress, uncertainty), ref)
