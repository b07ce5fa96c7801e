"""Run the benchmarks: ``python -m benchmarks [--quick] [--only B1,B4] [--ref COMMIT]``.

Prints a table and writes ``benchmarks/results.json`` (median, min and max of repeated
measurements, the target and whether it was met). Not part of the test suite: speed
is measured here, never asserted in tests. ``--quick`` runs fewer repeats (under
five minutes on two cores). Each benchmark is a module ``b<N>_<name>.py`` with
``run(quick) -> list[dict]``.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import os
import platform
import time
from pathlib import Path

from simulator.provenance import package_version

HERE = Path(__file__).resolve().parent


def modules() -> list[str]:
    """The benchmark modules, in id order."""
    names = [p.stem for p in HERE.glob("b[0-9]*_*.py")]
    return sorted(names, key=lambda n: int(n[1:].split("_")[0]))


def main() -> int:
    """Run the selected benchmarks, print the table, write results.json."""
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer repeats (under 5 minutes)")
    ap.add_argument("--only", help="comma-separated ids, e.g. B1,B4")
    ap.add_argument("--ref", help="B1: also time this commit side by side")
    ap.add_argument("--out", type=Path, default=HERE / "results.json")
    args = ap.parse_args()
    wanted = {x.strip().upper() for x in args.only.split(",")} if args.only else None
    rows = []
    started = time.perf_counter()
    for name in modules():
        bid = name.split("_")[0].upper()
        if wanted and bid not in wanted:
            continue
        module = importlib.import_module(f"benchmarks.{name}")
        kwargs = {"ref": args.ref} if "ref" in inspect.signature(module.run).parameters else {}
        t0 = time.perf_counter()
        produced = module.run(args.quick, **kwargs)
        print(f"{bid} {name}: {time.perf_counter() - t0:.0f} s", flush=True)
        rows += produced
    result = {
        "cartelsim": package_version(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "quick": args.quick,
        "seconds": round(time.perf_counter() - started, 1),
        "rows": rows,
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\n{'id':<4} {'benchmark':<52} {'median':>10} {'min':>10} {'max':>10}  unit  target")
    for r in rows:
        ok = "" if r["passed"] is None else (" ok" if r["passed"] else " MISSED")
        print(
            f"{r['id']:<4} {r['name'][:52]:<52} {r['median']:>10.4g} {r['min']:>10.4g} "
            f"{r['max']:>10.4g}  {r['unit']:<4}  {r['target']}{ok}"
        )
    print(f"\nwritten: {args.out}")
    return 1 if any(r["passed"] is False for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
