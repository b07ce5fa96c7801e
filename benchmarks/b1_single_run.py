"""B1: wall time of one 60-month run (baseline, bilateral roadmap, classroom).

With ``--ref COMMIT`` it also times the same runs with that commit's package, in a
git worktree, alternating old and new in one benchmark run, and reports the speed-up.
"""

from __future__ import annotations

import argparse
import json
import sys

from benchmarks.common import ROOT, row, run_in_tree, worktree

SCENARIOS = ("baseline", "bilateral_roadmap", "classroom")

# Times one scenario's full-horizon run ``repeat`` times in whatever package is importable.
_TIMER = """
import json, sys, time
from simulator.experiment.run import run
from simulator.scenario import load_scenario
scenario = load_scenario(sys.argv[1])
run(scenario, seed=1)
times = []
for k in range(int(sys.argv[2])):
    t = time.perf_counter(); run(scenario, seed=k + 1); times.append(time.perf_counter() - t)
print(json.dumps(times))
"""


def run(quick: bool, ref: str | None = None) -> list[dict]:
    """Time each scenario here (and, with ``ref``, in that commit's tree)."""
    repeat = 3 if quick else 7
    rows = []
    trees = {"now": ROOT}
    ctx = worktree(ref) if ref else None
    if ctx is not None:
        trees["ref"] = ctx.__enter__()
    try:
        for name in SCENARIOS:
            times: dict[str, list[float]] = {k: [] for k in trees}
            for _ in range(repeat):  # alternate, so load on the machine hits both alike
                for label, tree in trees.items():
                    path = str(tree / "scenarios" / f"{name}.yaml")
                    times[label] += run_in_tree(tree, _TIMER, path, "1")
            rows.append(row("B1", f"one 60-month run: {name}", times["now"], "s"))
            if "ref" in times:
                speedup = [
                    o / n for o, n in zip(sorted(times["ref"]), sorted(times["now"]), strict=True)
                ]
                goal = {"baseline": 3.0, "bilateral_roadmap": 2.5}.get(name)
                med = (
                    sorted(times["ref"])[len(times["ref"]) // 2]
                    / sorted(times["now"])[len(times["now"]) // 2]
                )
                rows.append(
                    row(
                        "B1",
                        f"speed-up vs {ref}: {name}",
                        speedup,
                        "x",
                        target=f">= {goal}x" if goal else "",
                        passed=None if goal is None else med >= goal,
                        detail=f"ref median {sorted(times['ref'])[len(times['ref']) // 2]:.3f} s",
                    )
                )
    finally:
        if ctx is not None:
            ctx.__exit__(None, None, None)
    return rows


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--ref", help="a commit to compare with, side by side")
    a = ap.parse_args()
    json.dump(run(a.quick, a.ref), sys.stdout, indent=1)
