"""Speed and memory of the model and the experiment layer, measured (never asserted in tests).

Usage: ``.venv/bin/python benchmarks/bench_model.py [--repeat 5] [--replications 20] [--json]``

Measures:
- one 60-month run of each shipped scenario (median of ``--repeat`` runs, seconds);
- the classroom scenario (the teaching target: well under a second);
- throughput of ``replicate`` on a local process pool (runs per second, all cores);
- peak resident memory of this process.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import time
from pathlib import Path

from simulator.experiment import replicate, run
from simulator.provenance import package_version
from simulator.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))


def time_run(path: Path, repeat: int) -> float:
    """Median wall time of one full-horizon run of a scenario."""
    scenario = load_scenario(path)
    times = []
    for k in range(repeat):
        start = time.perf_counter()
        run(scenario, seed=k)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--replications", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()

    results: dict[str, object] = {
        "cartelsim_version": package_version(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "single_run_seconds": {p.stem: round(time_run(p, args.repeat), 3) for p in SCENARIOS},
    }
    start = time.perf_counter()
    replicate(ROOT / "scenarios" / "baseline.yaml", n=args.replications, seed=1)
    elapsed = time.perf_counter() - start
    results["replicate_baseline"] = {
        "runs": args.replications,
        "seconds": round(elapsed, 2),
        "runs_per_second": round(args.replications / elapsed, 2),
    }
    results["peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)

    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(
        f"cartelsim {results['cartelsim_version']}, Python {results['python']}, {results['cpus']} CPUs"
    )
    for name, seconds in results["single_run_seconds"].items():
        print(f"  one run  {name:<24} {seconds:7.3f} s")
    rep = results["replicate_baseline"]
    print(
        f"  replicate baseline x{rep['runs']}: {rep['seconds']} s ({rep['runs_per_second']} runs/s)"
    )
    print(f"  peak memory (this process): {results['peak_memory_mb']} MB")


if __name__ == "__main__":
    main()
