"""B2: sweep throughput against mesa.batch_run and EMA Workbench, at 1 and 2 workers.

The same 1,000-run design (the example ``roadmap_levers`` spec: LHS over four
parameters of the bilateral roadmap, 500 points x 2 replications, 36 months), the
same seeds and outputs for every tool, timed end to end including storing the
results; each tool's results are checked equal to ours, run by run. Target: ours at
least 1.2x the runs per second of the faster peer, at 1 and at 2 workers.
``--quick``: 50 points x 2 replications (100 runs), 2 repeats, said so in the rows.
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
    same_results,
    spread,
    throughput_spec,
    workdir,
)

TARGET = 1.2
TOOLS = ("ours", "mesa", "ema")
PEER_NAMES = {"mesa": "mesa.batch_run", "ema": "EMA MultiprocessingEvaluator/SequentialEvaluator"}


def run(quick: bool, repeats: int | None = None) -> list[dict[str, Any]]:
    """Measure every tool ``repeats`` times at 1 and 2 workers; one row per worker count."""
    points = 50 if quick else 500
    repeats = repeats or (2 if quick else 3)
    folder = workdir()
    spec = throughput_spec(folder, points)
    design = export_design(spec, folder / "design.json")
    names = [o["name"] for o in design["outputs"]]
    rows = []
    for workers in (1, 2):
        results: list[dict[str, Any]] = []
        ratios, identical = [], []
        for k in range(repeats):
            order = TOOLS[k % 3 :] + TOOLS[: k % 3]  # rotate, so no tool always runs first
            rep = {
                t: measure(t, workers, spec, folder / "design.json", folder / f"{t}-{workers}-{k}")
                for t in order
            }
            results += rep.values()
            ratios.append(rep["ours"]["rate"] / max(rep["mesa"]["rate"], rep["ema"]["rate"]))
            identical += [
                same_results(rep["ours"]["results"], rep[t], names, 2) for t in ("mesa", "ema")
            ]
        rates = {t: spread([r["rate"] for r in results if r["tool"] == t]) for t in TOOLS}
        detail = (
            f"{2 * points} runs ({f'--quick: {points}' if quick else points} LHS points x 2 replications, "
            f"bilateral_roadmap, 36 months), {repeats} repeats; runs/s median [min-max]: "
            + "; ".join(
                f"{'ours' if t == 'ours' else PEER_NAMES[t].split()[0]} {rates[t]['median']:.2f} "
                f"[{rates[t]['min']:.2f}-{rates[t]['max']:.2f}]"
                for t in TOOLS
            )
            + f"; peers' results equal ours run by run (max |diff| {max(identical):.3g}); {describe_load(results)}"
        )
        name = f"sweep runs/s vs faster peer, {workers} worker{'s' if workers > 1 else ''}"
        passed = statistics.median(ratios) >= TARGET
        rows.append(row("B2", name, ratios, "x", f">= {TARGET}x", passed, detail))
    return rows


if __name__ == "__main__":
    bench_main(run, __doc__)
