"""B1: wall time of one 60-month run (baseline, bilateral roadmap, classroom).

With ``--ref COMMIT`` it also times the same runs with that commit's package, in a
git worktree, and reports the speed-up. Both packages stay imported in their own
long-lived interpreter (:class:`TreeTimer`), and the runs alternate old, new, old,
new with the same seeds, so a machine whose speed drifts over minutes (a shared
VM) slows both alike. The speed-up is the ratio of the median times; its spread is
that of the run-by-run ratios.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

from benchmarks.common import ROOT, row, worktree

SCENARIOS = ("baseline", "bilateral_roadmap", "classroom")
GOALS = {"baseline": 3.0, "bilateral_roadmap": 2.5}  # issue 8's targets

# Serves timing requests: a line of JSON [scenario path, seed] in, the run's seconds out.
_SERVER = """
import json, sys, time
from simulator.experiment.run import run
from simulator.scenario import load_scenario
loaded = {}
for line in sys.stdin:
    path, seed = json.loads(line)
    if path not in loaded:
        loaded[path] = load_scenario(path)
        run(loaded[path], seed=seed)  # warm-up: caches, lazy imports
    start = time.perf_counter()
    run(loaded[path], seed=seed)
    print(json.dumps(time.perf_counter() - start), flush=True)
"""


class TreeTimer:
    """An interpreter with one tree's package imported, timing runs on request."""

    def __init__(self, tree: Path) -> None:
        self.tree = tree
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _SERVER],
            cwd=tree,
            env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def time(self, scenario: str, seed: int) -> float:
        """Seconds of one full-horizon run of this tree's ``scenarios/<scenario>.yaml``."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        path = str(self.tree / "scenarios" / f"{scenario}.yaml")
        self.proc.stdin.write(json.dumps([path, seed]) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the timer of {self.tree} exited (code {self.proc.wait()})")
        return float(json.loads(line))

    def close(self) -> None:
        """Let the interpreter finish."""
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=60)


def run(quick: bool, ref: str | None = None) -> list[dict]:
    """Time each scenario here (and, with ``ref``, in that commit's tree), alternating."""
    repeat = 5 if quick else 15
    rows = []
    ctx = worktree(ref) if ref else None
    trees = {"now": ROOT} | ({"ref": ctx.__enter__()} if ctx is not None else {})
    timers = {label: TreeTimer(tree) for label, tree in trees.items()}
    try:
        for name in SCENARIOS:
            times: dict[str, list[float]] = {k: [] for k in trees}
            for k in range(repeat):  # the same seed for both trees, in alternating order
                labels = list(timers) if k % 2 == 0 else list(timers)[::-1]
                for label in labels:
                    times[label].append(timers[label].time(name, seed=k + 1))
            rows.append(row("B1", f"one 60-month run: {name}", times["now"], "s"))
            if "ref" in times:
                ratio = statistics.median(times["ref"]) / statistics.median(times["now"])
                paired = [o / n for o, n in zip(times["ref"], times["now"], strict=True)]
                goal = GOALS.get(name)
                result = row(
                    "B1",
                    f"speed-up vs {ref}: {name}",
                    paired,
                    "x",
                    target=f">= {goal}x" if goal else "",
                    passed=None if goal is None else ratio >= goal,
                    detail=(
                        f"ratio of medians {statistics.median(times['ref']):.3f} s / "
                        f"{statistics.median(times['now']):.3f} s; min and max: run-by-run "
                        f"ratios of {repeat} alternating pairs, seeds 1-{repeat}"
                    ),
                )
                result["value"] = result["median"] = ratio
                rows.append(result)
    finally:
        for timer in timers.values():
            timer.close()
        if ctx is not None:
            ctx.__exit__(None, None, None)
    return rows


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--ref", help="a commit to compare with, side by side")
    a = ap.parse_args()
    json.dump(run(a.quick, a.ref), sys.stdout, indent=1)
