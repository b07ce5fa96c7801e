"""Check that a refactor left the model's results unchanged, against another commit.

Runs every shipped scenario with a few seeds in this tree and in a git worktree of
``--ref`` (each in its own interpreter, so the two packages never mix), then compares
the monthly metrics (to ``--rtol``, default 1e-9 relative) and the event logs. With
``--distributions N`` it instead compares, per scenario and headline metric, the
distribution over N seeds (means within 3 standard errors of the paired difference,
and a two-sample Kolmogorov-Smirnov test), for changes that reorder a floating-point
sum and so may flip a random draw.

    .venv/bin/python -m benchmarks.identity --ref 71d6fd7
    .venv/bin/python -m benchmarks.identity --ref 71d6fd7 --distributions 20
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]

# Runs one scenario list in the interpreter it is given; prints a pickle path.
_WORKER = """
import pickle, sys, json
from simulator.experiment.run import run
jobs = json.loads(sys.argv[1])
out = {}
for path, seed in jobs:
    r = run(path, seed=seed)
    out[(path, seed)] = (r.timeseries, r.events)
with open(sys.argv[2], "wb") as f:
    pickle.dump(out, f)
"""


def scenario_paths(root: Path) -> list[str]:
    """The shipped scenarios (not validation experiments or sweeps), by file name."""
    return sorted(p.name for p in (root / "scenarios").glob("*.yaml"))


def collect(tree: Path, jobs: list[tuple[str, int]]) -> dict:
    """Run ``jobs`` (scenario file name, seed) with the package in ``tree``."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.pkl"
        full = [(str(tree / "scenarios" / name), seed) for name, seed in jobs]
        env = {"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"}
        subprocess.run(
            [sys.executable, "-c", _WORKER, json.dumps(full), str(out)],
            check=True,
            cwd=tree,
            env=env,
        )
        with open(out, "rb") as f:
            raw = pickle.load(f)
    return {(Path(p).name, s): v for (p, s), v in raw.items()}


def worktree(ref: str, where: Path) -> Path:
    """Check out ``ref`` in a temporary git worktree (detached)."""
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-f", str(where), ref],
        check=True,
        capture_output=True,
    )
    return where


def compare_exact(old: dict, new: dict, rtol: float) -> list[str]:
    """Return one line per difference beyond ``rtol`` in metrics, or in the event logs."""
    problems = []
    for key in sorted(old):
        (ts0, ev0), (ts1, ev1) = old[key], new[key]
        metrics = [c for c in ts0.columns if c not in ("month", "date")]
        for m in metrics:
            if m not in ts1:
                problems.append(f"{key}: metric {m} missing")
                continue
            a, b = ts0[m].to_numpy(float), ts1[m].to_numpy(float)
            scale = np.maximum(np.abs(a), 1e-12)
            worst = float(np.max(np.abs(a - b) / scale))
            if worst > rtol:
                month = int(np.argmax(np.abs(a - b) / scale)) + 1
                problems.append(f"{key}: {m} differs by {worst:.2e} (first worst at month {month})")
        if (
            len(ev0) != len(ev1)
            or not (ev0[["month", "rule"]].values == ev1[["month", "rule"]].values).all()
        ):
            problems.append(f"{key}: event logs differ ({len(ev0)} vs {len(ev1)} events)")
    return problems


def compare_distributions(old: dict, new: dict) -> list[str]:
    """Compare final-horizon totals over seeds: paired mean within 3 SE, and a KS test."""
    from scipy.stats import ks_2samp

    problems = []
    for name in sorted({k[0] for k in old}):
        seeds = sorted(k[1] for k in old if k[0] == name)
        for m in ("homicides", "fentanyl_to_us_kg", "active_groups", "cooperation", "legitimacy"):
            a = np.array([old[(name, s)][0][m].sum() for s in seeds])
            b = np.array([new[(name, s)][0][m].sum() for s in seeds])
            d = b - a
            se = d.std(ddof=1) / np.sqrt(len(d)) if len(d) > 1 else 0.0
            p = ks_2samp(a, b).pvalue if np.ptp(np.r_[a, b]) > 0 else 1.0
            line = f"{name} {m}: mean {a.mean():.6g} -> {b.mean():.6g} (diff {d.mean():+.3g}, SE {se:.2g}), KS p={p:.2f}"
            print(line)
            if abs(d.mean()) > 3 * se + 1e-9 * abs(a.mean()) or p < 0.01:
                problems.append(line)
    return problems


def main(argv: list[str] | None = None) -> int:
    """Run the check; exit 1 on any difference."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ref", required=True, help="the commit to compare with")
    ap.add_argument("--seeds", type=int, default=3, help="seeds per scenario (exact mode)")
    ap.add_argument("--rtol", type=float, default=1e-9)
    ap.add_argument("--distributions", type=int, metavar="N", help="compare N-seed distributions")
    ap.add_argument("--cache", type=Path, help="pickle of the reference results to reuse")
    args = ap.parse_args(argv)
    n = args.distributions or args.seeds
    names = scenario_paths(ROOT)
    jobs = [(name, seed) for name in names for seed in range(1, n + 1)]
    if args.cache and args.cache.exists():
        old = pickle.loads(args.cache.read_bytes())
    else:
        with tempfile.TemporaryDirectory() as tmp:
            tree = worktree(args.ref, Path(tmp) / "ref")
            try:
                old = collect(tree, [j for j in jobs if (tree / "scenarios" / j[0]).exists()])
            finally:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)])
        if args.cache:
            args.cache.write_bytes(pickle.dumps(old))
    new = collect(ROOT, [j for j in jobs if j in old])
    problems = (
        compare_distributions(old, new)
        if args.distributions
        else compare_exact(old, new, args.rtol)
    )
    print(f"{len(old)} runs compared ({len(names)} scenarios x {n} seeds) against {args.ref}")
    for p in problems:
        print("DIFF", p)
    print("identical" if not problems else f"{len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    pd.set_option("display.width", 200)
    sys.exit(main())
