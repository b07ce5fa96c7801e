"""B4: cost of a 60-month run at 2,469 regions against 32, with the same cartels and policy.

The scenario is ``benchmarks/scenarios/scale.yaml`` (nine majors, 150 local groups, the
roadmap's four phases plus strikes) on a synthetic world of each size. Target: the
2,469-region run costs at most 4x the 32-region one. World building is excluded (a
world is built once per process and shared by every run on it).
"""

from __future__ import annotations

import json
import sys

from benchmarks.common import ROOT, row, timings
from simulator.experiment.run import run as run_scenario
from simulator.scenario import load_scenario

SCALE = ROOT / "benchmarks" / "scenarios" / "scale.yaml"
SIZES = (32, 2469)


def run(quick: bool) -> list[dict]:
    """Time each size; report the ratio."""
    repeat = 3 if quick else 7
    times: dict[int, list[float]] = {}
    for n in SIZES:
        scenario = load_scenario(SCALE, [f"world.regions={n}"])
        times[n] = timings(lambda s=scenario: run_scenario(s, seed=1), repeat)
    rows = [row("B4", f"one 60-month run at {n} regions", times[n], "s") for n in SIZES]
    ratios = [b / a for a, b in zip(sorted(times[32]), sorted(times[2469]), strict=True)]
    med = sorted(ratios)[len(ratios) // 2]
    rows.append(row("B4", "cost at 2,469 regions / cost at 32", ratios, "x", "<= 4x", med <= 4.0))
    return rows


if __name__ == "__main__":
    json.dump(run("--quick" in sys.argv), sys.stdout, indent=1)
