"""Shared measurement code of the sweep benchmarks (B2 throughput, B3 scaling, B6 memory).

Every measurement runs in a fresh Python process (``python -m benchmarks.sweep_bench
measure ...``) and times the experiment end to end inside it, after the imports: from
the call that starts the experiment to its results stored on disk. Three tools run
the same design (the same points, the same seeds, the same outputs):

- ours: ``simulator.experiment.sweep`` (spec validated, every point checked, runs
  streamed to the Parquet store);
- ``mesa.batch_run``: a ``CartelModel`` subclass taking the design point as its one
  parameter (batch_run only does full factorials), ``rng`` = the seeds of the
  replications, ``data_collection_period=-1``, the outputs as model reporters; the
  returned rows stored as Parquet;
- EMA Workbench 3.0: a function model (``simulator.experiment.run``), one ``Sample``
  per run, ``ScalarOutcome`` per output, ``SequentialEvaluator`` (1 process) or
  ``MultiprocessingEvaluator``; experiments and outcomes stored as Parquet.

The peers build each run's scenario with the public API (``load_scenario(base,
overrides)``) and get BLAS pinned to one thread like ours, so the comparison is of
the sweep layers, not of the model.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from simulator.model import CartelModel
from simulator.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "scenarios" / "sweeps" / "roadmap_levers.yaml"
DESIGN_ENV = "CARTELSIM_BENCH_DESIGN"


# --- specs -----------------------------------------------------------------------------------------


def throughput_spec(folder: Path, points: int) -> Path:
    """The example roadmap sweep (LHS, 4 parameters, 2 replications, 36 months), ``points`` points."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace(
        "scenario: ../bilateral_roadmap.yaml",
        f"scenario: {ROOT / 'scenarios' / 'bilateral_roadmap.yaml'}",
    )
    text = text.replace("samples: 32 ", f"samples: {points} ")
    assert f"samples: {points}" in text, "the example spec changed: update the benchmark"
    path = folder / f"throughput_{points}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def memory_spec(folder: Path, runs: int) -> Path:
    """A cheap sweep with many runs (classroom, 12 months): the driver's memory, not the model's."""
    path = folder / f"memory_{runs}.yaml"
    path.write_text(
        f"name: memory_{runs}\nscenario: {ROOT / 'scenarios' / 'classroom.yaml'}\n"
        "parameters:\n"
        "  - {path: 'policy.phases[1].levers.unilateral_strikes_per_month', range: [0, 4]}  # assumption\n"
        "  - {path: calibration.rho, range: [2.0e-3, 3.0e-3]}  # assumption: about ±20% of the fit\n"
        f"design: {{kind: lhs, samples: {runs // 2}, seed: 1}}\nreplications: 2\nmonths: 12\n"
        "outputs: [{metric: homicides, reduce: cumulative}, {metric: legitimacy}]\n",
        encoding="utf-8",
    )
    return path


def export_design(spec: Path, target: Path) -> dict[str, Any]:
    """Write the points, seeds and outputs of a spec as JSON, for the peers' adapters."""
    from simulator.experiment.sweep import load_sweep
    from simulator.experiment.sweep.points import override

    sweep = load_sweep(spec)
    assert sweep.scenario is not None and sweep.builder is not None
    runs = np.arange(sweep.total_runs)
    design = {
        "base": sweep.builder.top,
        "months": sweep.months,
        "replications": sweep.replications,
        "seeds": sweep.seeds(runs[: sweep.replications]).tolist(),
        "overrides": [
            [override(p.path, sweep.design.values(i)[p.name]) for p in sweep.parameters]
            for i in range(sweep.design.n_points)
        ],
        "outputs": [o.describe() for o in sweep.outputs],
    }
    target.write_text(json.dumps(design), encoding="utf-8")
    return design


# --- the peers' adapters (imported by their worker processes) --------------------------------------

_DESIGN: dict[str, Any] | None = None
_PINNED: Any = None


def _design() -> dict[str, Any]:
    """The exported design, read once per process; BLAS pinned to one thread, as in ours."""
    global _DESIGN, _PINNED
    if _DESIGN is None:
        from threadpoolctl import threadpool_limits

        _PINNED = threadpool_limits(limits=1, user_api="blas")
        _DESIGN = json.loads(Path(os.environ[DESIGN_ENV]).read_text(encoding="utf-8"))
    return _DESIGN


def _reduce(output: dict[str, Any], monthly: list[float]) -> float:
    first, last = output["months"]
    x = np.asarray(monthly[first - 1 : last], dtype=float)
    if not len(x):
        return float("nan")  # batch_run's reporters run every month: the window is still ahead
    reduce = output["reduce"]
    if reduce == "final":
        return float(x[-1])
    if reduce == "cumulative":
        return float(np.sum(x))
    return float({"mean": np.mean, "min": np.min, "max": np.max}[reduce](x))


class BatchRunCartelModel(CartelModel):
    """CartelModel for mesa.batch_run: one parameter, the design point; outputs as columns.

    batch_run reads ``model.datacollector.model_vars``. The model's own collector stays
    (its columns are the history rules read, e.g. R9's US overdose deaths); each month
    the outputs, reduced over the months so far, are appended as columns beside them.
    """

    def __init__(self, point: int = 0, seed: int | None = None) -> None:
        d = _design()
        super().__init__(load_scenario(d["base"], d["overrides"][point]), seed=seed)
        self._outputs = d["outputs"]
        for o in self._outputs:
            self.datacollector.model_vars[o["name"]] = []

    def step(self) -> None:
        """A month of the model, then this month's reduced outputs."""
        super().step()
        columns = self.datacollector.model_vars
        for o in self._outputs:
            columns[o["name"]].append(_reduce(o, columns[o["metric"]]))


def ema_cartelsim(point: int = 0, replication: int = 0) -> dict[str, float]:
    """The EMA function model: one run through the public API, its outputs reduced."""
    from simulator.experiment import run

    d = _design()
    result = run(
        d["base"], seed=d["seeds"][replication], months=d["months"], overrides=d["overrides"][point]
    )
    ts = result.timeseries
    return {o["name"]: _reduce(o, ts[o["metric"]].tolist()) for o in d["outputs"]}


# --- one measurement, in this (fresh) process ------------------------------------------------------


def _measure(tool: str, workers: int, spec: Path, out: Path) -> dict[str, Any]:
    """Run the design with one tool; return its wall time and where its results are."""
    import pandas as pd

    if tool in ("ours", "dask"):
        from simulator.experiment.sweep import load_sweep, run_sweep

        start = time.perf_counter()
        sweep = load_sweep(spec)
        summary = run_sweep(
            sweep,
            out,
            workers=workers if tool == "ours" else None,
            dask_local=workers if tool == "dask" else None,
        )
        seconds = time.perf_counter() - start
        return {
            "seconds": seconds,
            "runs": summary.computed,
            "results": str(out / "runs"),
            "driver_peak_memory_mb": summary.driver_peak_memory_mb,
        }
    d = json.loads(Path(os.environ[DESIGN_ENV]).read_text(encoding="utf-8"))
    names = [o["name"] for o in d["outputs"]]
    out.mkdir(parents=True, exist_ok=True)
    if tool == "mesa":
        from mesa.batchrunner import batch_run

        start = time.perf_counter()
        rows = batch_run(
            BatchRunCartelModel,
            parameters={"point": range(len(d["overrides"]))},
            rng=d["seeds"],
            max_steps=d["months"],
            number_processes=workers,
            data_collection_period=-1,
            display_progress=False,
        )
        frame = pd.DataFrame(rows)[["RunId", "iteration", "point", *names]]
        frame.to_parquet(out / "results.parquet")
        seconds = time.perf_counter() - start
        return {"seconds": seconds, "runs": len(frame), "results": str(out / "results.parquet")}
    if tool == "ema":
        from ema_workbench import (
            IntegerParameter,
            Model,
            MultiprocessingEvaluator,
            Sample,
            ScalarOutcome,
            SequentialEvaluator,
            perform_experiments,
        )

        start = time.perf_counter()
        model = Model("cartelsim", function=ema_cartelsim)
        model.uncertainties = [
            IntegerParameter("point", 0, len(d["overrides"]) - 1),
            IntegerParameter("replication", 0, d["replications"] - 1),
        ]
        model.outcomes = [ScalarOutcome(n) for n in names]
        samples = [
            Sample(point=p, replication=k)
            for k in range(d["replications"])
            for p in range(len(d["overrides"]))
        ]
        evaluator = (
            SequentialEvaluator(model)
            if workers == 1
            else MultiprocessingEvaluator(model, n_processes=workers)
        )
        with evaluator:
            experiments, outcomes = perform_experiments(
                model, scenarios=samples, evaluator=evaluator
            )
        frame = experiments[["point", "replication"]].assign(**{n: outcomes[n] for n in names})
        frame.to_parquet(out / "results.parquet")
        seconds = time.perf_counter() - start
        return {"seconds": seconds, "runs": len(frame), "results": str(out / "results.parquet")}
    raise ValueError(f"unknown tool {tool!r}")


def measure(tool: str, workers: int, spec: Path, design: Path, out: Path) -> dict[str, Any]:
    """One measurement in a fresh process (imports not timed); adds the machine's load."""
    env = {**os.environ, DESIGN_ENV: str(design), "PYTHONPATH": str(ROOT)}
    load_before = os.getloadavg()[0]
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.sweep_bench",
            "measure",
            tool,
            str(workers),
            str(spec),
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{tool} x{workers} failed:\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    result.update(
        tool=tool,
        workers=workers,
        rate=result["runs"] / result["seconds"],
        load=(load_before, os.getloadavg()[0]),
    )
    return result


def same_results(ours: str, peer: dict[str, Any], names: list[str], replications: int) -> float:
    """Largest absolute difference between a peer's outputs and ours, run by run (0 = identical)."""
    import pandas as pd

    mine = pd.read_parquet(ours).sort_values("run_id")
    theirs = pd.read_parquet(peer["results"])
    if peer["tool"] == "mesa":
        theirs = theirs.assign(replication=theirs["iteration"])
    theirs = theirs.assign(
        run_id=theirs["point"].astype(int) * replications + theirs["replication"].astype(int)
    )
    theirs = theirs.sort_values("run_id")
    assert theirs["run_id"].tolist() == mine["run_id"].tolist(), "the peer ran other runs"
    return float(max(np.max(np.abs(mine[n].to_numpy() - theirs[n].to_numpy())) for n in names))


def spread(values: list[float]) -> dict[str, float]:
    """Median, min and max of repeated measurements."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def workdir() -> Path:
    """A scratch folder for the benchmark's results (kept until the process ends)."""
    return Path(tempfile.mkdtemp(prefix="cartelsim-bench-"))


def describe_load(results: list[dict[str, Any]]) -> str:
    """The 1-minute load average seen over the measurements (2 cores: 2.0 = fully busy)."""
    loads = [x for r in results for x in r["load"]]
    return f"load average {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} CPUs"


def bench_main(run: Callable[..., list[dict[str, Any]]], doc: str) -> None:
    """The command line of a sweep benchmark module: ``[--quick] [--repeats N]``, rows as JSON."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (said so in the rows)")
    parser.add_argument("--repeats", type=int, help="measurements of each (default 3; --quick 2)")
    args = parser.parse_args()
    for row in run(args.quick, args.repeats):
        print(json.dumps(row))


def _main() -> None:
    parser = argparse.ArgumentParser(description="one sweep-benchmark measurement (internal)")
    parser.add_argument("command", choices=["measure"])
    parser.add_argument("tool")
    parser.add_argument("workers", type=int)
    parser.add_argument("spec", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    print(json.dumps(_measure(args.tool, args.workers, args.spec, args.out)))


if __name__ == "__main__":
    _main()
