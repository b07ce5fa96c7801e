"""B7: stepping CartelModel from ``mesa.batch_run``: 2 processes against 1.

The model pins BLAS to one thread itself, so a user's own process pool does not
oversubscribe the cores (before, 2 processes were 3.6x slower than 1). Target: 2
processes at least 1.5x the runs per second of 1 on a 2-core machine.
"""

from __future__ import annotations

import json
import sys
import time

import mesa

from benchmarks.common import ROOT, row
from simulator.model import CartelModel
from simulator.scenario import load_scenario

BASELINE = ROOT / "scenarios" / "baseline.yaml"


class BatchCartelModel(CartelModel):
    """CartelModel as mesa.batch_run builds it: keyword parameters and ``rng``."""

    def __init__(self, scenario: str = str(BASELINE), rng: int | None = None) -> None:
        super().__init__(load_scenario(scenario), seed=rng)
        self.running = True

    def step(self) -> None:
        """One month; stop at the scenario's horizon."""
        super().step()
        self.running = self.month < self.spec.months


def runs_per_second(processes: int, runs: int) -> float:
    start = time.perf_counter()
    mesa.batch_run(
        BatchCartelModel,
        parameters={"scenario": str(BASELINE)},
        number_processes=processes,
        rng=list(range(runs)),
        data_collection_period=-1,
        max_steps=60,
        display_progress=False,
    )
    return runs / (time.perf_counter() - start)


def run(quick: bool) -> list[dict]:
    runs, repeat = (8, 2) if quick else (16, 3)
    one = [runs_per_second(1, runs) for _ in range(repeat)]
    two = [runs_per_second(2, runs) for _ in range(repeat)]
    ratio = [b / a for a, b in zip(sorted(one), sorted(two), strict=True)]
    med = sorted(ratio)[len(ratio) // 2]
    return [
        row("B7", "mesa.batch_run, 1 process", one, "runs/s"),
        row("B7", "mesa.batch_run, 2 processes", two, "runs/s"),
        row("B7", "2 processes / 1 process", ratio, "x", ">= 1.5x", med >= 1.5),
    ]


if __name__ == "__main__":
    json.dump(run("--quick" in sys.argv), sys.stdout, indent=1)
