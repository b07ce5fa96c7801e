"""B6: the sweep driver's peak memory does not grow with the number of runs.

Peak resident memory of the driver process (its own ``getrusage``, recorded in the
manifest; workers excluded) for a 10,000-run sweep against a 1,000-run one, on the
local pool with 2 workers. The runs are cheap (classroom country, 12 months) because
the driver's memory, not the model's, is measured. Target: at most 1.2x.
``--quick``: 2,000 against 200 runs, 2 repeats, said so in the row.
"""

from __future__ import annotations

import statistics
from typing import Any

from benchmarks.common import row
from benchmarks.sweep_bench import bench_main, describe_load, measure, memory_spec, spread, workdir

TARGET = 1.2


def run(quick: bool, repeats: int | None = None) -> list[dict[str, Any]]:
    """Peak driver memory of the large and the small sweep, ``repeats`` times; one row."""
    repeats = repeats or (2 if quick else 3)
    small, large = (200, 2000) if quick else (1000, 10000)
    folder = workdir()
    results, ratios, peaks = [], [], {small: [], large: []}
    for k in range(repeats):
        rep = {}
        for runs in (small, large) if k % 2 == 0 else (large, small):
            rep[runs] = measure(
                "ours", 2, memory_spec(folder, runs), folder / "none.json", folder / f"m{runs}-{k}"
            )
            peaks[runs].append(rep[runs]["driver_peak_memory_mb"])
        results += rep.values()
        ratios.append(rep[large]["driver_peak_memory_mb"] / rep[small]["driver_peak_memory_mb"])
    detail = (
        f"driver peak MB, median: {spread(peaks[large])['median']:.1f} for {large} runs, "
        f"{spread(peaks[small])['median']:.1f} for {small} runs"
        f"{' (--quick)' if quick else ''}; classroom, 12 months, local pool x2, {repeats} repeats; "
        f"{describe_load(results)}"
    )
    name = f"sweep driver peak memory, {large} vs {small} runs"
    return [
        row("B6", name, ratios, "x", f"<= {TARGET}x", statistics.median(ratios) <= TARGET, detail)
    ]


if __name__ == "__main__":
    bench_main(run, __doc__)
