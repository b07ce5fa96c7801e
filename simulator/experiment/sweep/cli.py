"""The handlers of ``cartelsim sweep`` and ``cartelsim sweep-analyze`` (options: simulator.cli).

Exit status: 0 done, 1 a run failed (the runs before it are stored), 2 invalid input
(spec problems at file:line, a refused resume, an unreachable scheduler), 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_INVALID, EXIT_INTERRUPTED = 0, 1, 2, 130


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
