"""B3: sweep scaling: 2 workers against 1 (local pool), and Dask on 2 local workers against the pool.

The B2 design (``roadmap_levers``: 1,000 runs; ``--quick``: 100, 2 repeats), end to end. Targets:
2 workers at least 1.85x the runs per second of 1; Dask (LocalCluster, 2 worker
processes, started inside the timing) at least 0.9x the local pool with 2 workers.
"""

from __future__ import annotations

import statistics
from typing import Any

from benchmarks.common import row
from benchmarks.sweep_bench import (
    bench_main,
    describe_load,
    export_design,
    measure,
    spread,
    throughput_spec,
    workdir,
)

SCALING_TARGET = 1.85
DASK_TARGET = 0.9


def run(quick: bool, repeats: int | None = None) -> list[dict[str, Any]]:
    """Measure pool x1, pool x2 and Dask x2 ``repeats`` times; two rows."""
    points = 50 if quick else 500
    repeats = repeats or (2 if quick else 3)
    folder = workdir()
    spec = throughput_spec(folder, points)
    export_design(spec, folder / "design.json")
    results: list[dict[str, Any]] = []
    scaling, dask = [], []
    configs = [("ours", 1), ("ours", 2), ("dask", 2)]
    for k in range(repeats):
        rep = {}
        for tool, workers in configs[k % 3 :] + configs[: k % 3]:
            rep[(tool, workers)] = measure(
                tool, workers, spec, folder / "design.json", folder / f"{tool}-{workers}-{k}"
            )
        results += rep.values()
        scaling.append(rep[("ours", 2)]["rate"] / rep[("ours", 1)]["rate"])
        dask.append(rep[("dask", 2)]["rate"] / rep[("ours", 2)]["rate"])
    rate = {
        c: spread([r["rate"] for r in results if (r["tool"], r["workers"]) == c]) for c in configs
    }
    what = f"{2 * points} runs ({'--quick' if quick else 'full'}), {repeats} repeats, {describe_load(results)}"
    shown = "; ".join(
        f"{t if t == 'dask' else 'pool'} x{w} {rate[(t, w)]['median']:.2f} runs/s"
        for t, w in configs
    )
    return [
        row(
            "B3",
            "sweep scaling, 2 workers vs 1 (local pool)",
            scaling,
            "x",
            f">= {SCALING_TARGET}x",
            statistics.median(scaling) >= SCALING_TARGET,
            f"{shown}; {what}",
        ),
        row(
            "B3",
            "Dask LocalCluster 2 workers vs local pool 2 workers",
            dask,
            "x",
            f">= {DASK_TARGET}x",
            statistics.median(dask) >= DASK_TARGET,
            f"{shown}; {what}",
        ),
    ]


if __name__ == "__main__":
    bench_main(run, __doc__)
