"""The ``cartelsim sweep`` and ``cartelsim sweep-analyze`` subcommands (registered by simulator.cli).

Exit status: 0 done, 1 a run failed (the runs before it are stored), 2 invalid input
(spec problems at file:line, a refused resume, an unreachable scheduler), 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FAILED, EXIT_INVALID, EXIT_INTERRUPTED = 0, 1, 2, 130


def add_sweep_parsers(sub: Any, workers: Callable[[str], int]) -> None:
    """Add ``sweep`` and ``sweep-analyze`` to the ``cartelsim`` subcommands.

    Args:
        sub: the subparsers of the ``cartelsim`` parser.
        workers: the command line's argparse type for a number of worker processes.
    """
    p = sub.add_parser(
        "sweep",
        help="run a parameter sweep (grid, LHS or Sobol) on local processes or a Dask cluster",
        description="Run every design point of a sweep spec (scenarios/sweeps/*.yaml) with its "
        "replications, streaming one row per run to a Parquet dataset in --out (with "
        "manifest.json and design.parquet). The spec and every design point are checked "
        "first. A killed sweep continues with --resume, recomputing only missing or damaged runs.",
    )
    p.add_argument("spec", type=Path, help="sweep spec YAML file")
    p.add_argument("--out", type=Path, help="results folder (default: runs/sweep-<name>)")
    p.add_argument(
        "--workers",
        type=workers,
        help="local worker processes (default: one per CPU; 1 = in this process)",
    )
    dask = p.add_mutually_exclusive_group()
    dask.add_argument(
        "--scheduler",
        metavar="tcp://HOST:8786",
        help="run on the workers of this Dask scheduler (see the README)",
    )
    dask.add_argument(
        "--dask-local",
        type=workers,
        metavar="N",
        help="run on a Dask LocalCluster of N worker processes",
    )
    p.add_argument(
        "--resume",
        action="store_true",
        help="continue the sweep stored in --out: run only its missing or damaged runs",
    )
    p.add_argument("--chunk", type=_runs, metavar="RUNS", help="runs per task and Parquet chunk")
    p.add_argument(
        "--check",
        action="store_true",
        help="check the spec and every design point, print the plan, run nothing",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no plan lines or progress bar")
    p.set_defaults(func=cmd_sweep)

    p = sub.add_parser(
        "sweep-analyze",
        help="analyse a stored sweep: Sobol indices, influence ranking, figures",
        description="Read a sweep's results folder and write CSV files (outputs, influence "
        "ranking, point means; Sobol indices with confidence intervals for sobol designs) "
        "and figures (each parameter against each output, Sobol bars, influence map).",
    )
    p.add_argument(
        "folder", type=Path, help="the sweep's results folder (--out of cartelsim sweep)"
    )
    p.add_argument("--out", type=Path, help="where to write (default: FOLDER/analysis)")
    p.add_argument("--no-figures", action="store_true", help="write only the CSV files")
    p.add_argument("--quiet", "-q", action="store_true", help="print only where the files are")
    p.set_defaults(func=cmd_sweep_analyze)


def _runs(text: str) -> int:
    """Argparse type: a number of runs, 1 to 1,000,000 (the spec's chunk_runs bounds)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 1 <= value <= 1_000_000:
        raise argparse.ArgumentTypeError(f"must be 1 to 1,000,000, got {value}")
    return value


def _err(message: str) -> None:
    print(f"sweep: {message}", file=sys.stderr)


def cmd_sweep(args: argparse.Namespace) -> int:
    """Plan, check and run a sweep; print its plan and summary."""
    from simulator.experiment.sweep import (
        RunFailed,
        SweepError,
        WorkerMismatch,
        load_sweep,
        run_sweep,
    )
    from simulator.output import OutputError

    if args.workers is not None and (args.scheduler or args.dask_local):
        _err("--workers sets local processes; with Dask the workers are the cluster's")
        return EXIT_INVALID
    sweep = load_sweep(args.spec)  # ScenarioError: reported by cartelsim's main, exit 2
    out = args.out or Path("runs") / f"sweep-{sweep.name}"
    chatty = not args.quiet
    if chatty or args.check:
        d = sweep.design
        print(
            f"sweep {sweep.name}: {d.kind} design, {d.n_points} points x {sweep.replications} "
            f"replication{'s' if sweep.replications > 1 else ''} = {sweep.total_runs} runs"
            + (f", {sweep.months} months" if sweep.scenario is not None else "")
        )
        print(f"  parameters: {', '.join(p.name for p in sweep.parameters)}")
        print(f"  outputs: {', '.join(o.name for o in sweep.outputs)}")
    if args.check:
        print(f"ok: the spec and all {sweep.design.n_points} design points are valid")
        return EXIT_OK
    try:
        summary = run_sweep(
            sweep,
            out,
            workers=args.workers,
            scheduler=args.scheduler,
            dask_local=args.dask_local,
            resume=args.resume,
            progress=chatty,
            chunk_runs=args.chunk,
            say=print if chatty else None,
        )
    except (SweepError, WorkerMismatch, OutputError) as e:
        _err(str(e))
        return EXIT_INVALID
    except RunFailed as e:
        _err(f"{e}\nthe runs finished before it are stored in {out}")
        return EXIT_FAILED
    except KeyboardInterrupt:
        _err(f"interrupted; the runs finished so far are stored in {out}: rerun with --resume")
        return EXIT_INTERRUPTED
    for line in summary.lines():
        print(line)
    print(f"next: cartelsim sweep-analyze {out}")
    return EXIT_OK


def cmd_sweep_analyze(args: argparse.Namespace) -> int:
    """Analyse a stored sweep; print the influence ranking and where the files are."""
    from simulator.experiment.sweep import SweepError
    from simulator.experiment.sweep.analysis import analyze_sweep
    from simulator.output import OutputError

    try:
        result = analyze_sweep(args.folder, args.out, figures=not args.no_figures)
    except (SweepError, OutputError) as e:
        print(f"sweep-analyze: {e}", file=sys.stderr)
        return EXIT_INVALID
    if not args.quiet:
        for note in result.notes:
            print(f"note: {note}")
        print(f"{result.name}: most influential parameters per output (1 = most)")
        for output, rows in result.influence.groupby("output", sort=False):
            top = rows.head(5)
            ranked = ", ".join(
                f"{r.parameter} {r.influence:.2f}"
                for r in top.itertuples()
                if r.influence == r.influence
            )
            print(f"  {output}: {ranked or 'no variation'}  [{top['method'].iloc[0]}]")
    out = args.out or args.folder / "analysis"
    print(f"wrote {len(result.files)} files to {out}/")
    return EXIT_OK
