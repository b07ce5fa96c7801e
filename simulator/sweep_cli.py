"""The ``cartelsim sweep``, ``sweep-analyze`` and ``robustness`` subcommands (registered by simulator.cli).

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

    p = sub.add_parser(
        "robustness",
        help="where in the space of assumptions each of two policies is better, and why",
        description="Run two scenarios over the same Saltelli design of every ranged "
        "calibration parameter (its plausible range), with the same seeds at every point, "
        "on the sweep engine (local processes or Dask; --resume continues). For each "
        "headline metric: the share of the space each policy wins, Sobol indices of the "
        "paired difference, and the boxes where the verdict flips (scenario discovery). "
        "Writes CSV files and report.html into OUT/report.",
    )
    p.add_argument("a", type=Path, help="first scenario (e.g. scenarios/unilateral_strikes.yaml)")
    p.add_argument("b", type=Path, help="second scenario (e.g. scenarios/bilateral_roadmap.yaml)")
    p.add_argument(
        "--samples",
        type=_power_of_two,
        default=16,
        help="Saltelli base samples N, a power of 2 (default 16): N x (parameters + 2) points",
    )
    p.add_argument(
        "--replications", type=_replications, default=1, help="runs per point (default 1)"
    )
    p.add_argument("--seed", type=_seed, default=0, help="design and run seed (default 0)")
    p.add_argument("--months", type=_months, help="horizon (default: each scenario's)")
    p.add_argument("--out", type=Path, help="results folder (default: runs/robustness-<a>-<b>)")
    p.add_argument("--workers", type=workers, help="local worker processes (default: one per CPU)")
    dask = p.add_mutually_exclusive_group()
    dask.add_argument("--scheduler", metavar="tcp://HOST:8786", help="run on this Dask scheduler")
    dask.add_argument(
        "--dask-local", type=workers, metavar="N", help="a Dask LocalCluster of N workers"
    )
    p.add_argument("--resume", action="store_true", help="continue the sweeps stored in --out")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bars")
    p.set_defaults(func=cmd_robustness)


def _runs(text: str) -> int:
    """Argparse type: a number of runs, 1 to 1,000,000 (the spec's chunk_runs bounds)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 1 <= value <= 1_000_000:
        raise argparse.ArgumentTypeError(f"must be 1 to 1,000,000, got {value}")
    return value


def bounded_int(name: str, low: int, high: int) -> Callable[[str], int]:
    """Argparse type: a whole number from ``low`` to ``high`` (``name`` is shown in errors)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be {low:,} to {high:,}, got {value}")
        return value

    parse.__name__ = name
    return parse


_replications = bounded_int("replications", 1, 100)
_seed = bounded_int("seed", 0, 2**32 - 1)
_months = bounded_int("months", 1, 600)


def _power_of_two(text: str) -> int:
    """Argparse type: Saltelli base samples, a power of 2 from 2 to 4096."""
    value = bounded_int("samples", 2, 4096)(text)
    if value & (value - 1):
        raise argparse.ArgumentTypeError(f"must be a power of 2 (Saltelli), got {value}")
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
    from simulator.report.sweep_figures import draw_figures

    try:
        result = analyze_sweep(
            args.folder, args.out, draw=None if args.no_figures else draw_figures
        )
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


def cmd_robustness(args: argparse.Namespace) -> int:
    """Run both sweeps, analyse them, write the report; print who wins where."""
    import json

    from simulator.experiment.robustness import ABOUT, run_robustness
    from simulator.experiment.sweep import RunFailed, SweepError, WorkerMismatch
    from simulator.experiment.uncertainty import ranged_parameters
    from simulator.output import OutputError, default_folder
    from simulator.report.format import share
    from simulator.report.robustness import write_robustness_report
    from simulator.scenario import load_scenario

    names = [load_scenario(p).name for p in (args.a, args.b)]  # ScenarioError: exit 2
    params = ranged_parameters()
    if not params:
        _err("robustness: no calibration field declares a plausible range to vary")
        return EXIT_INVALID
    out = args.out or default_folder(*names, prefix="robustness-")
    points = args.samples * (len(params) + 2)
    if not args.quiet:
        print(
            f"robustness {names[1]} vs {names[0]}: {len(params)} parameters, {points} points "
            f"x {args.replications} replication(s) x 2 scenarios = "
            f"{2 * points * args.replications} runs into {out}",
            flush=True,
        )
    try:
        result = run_robustness(
            args.a,
            args.b,
            out,
            samples=args.samples,
            seed=args.seed,
            months=args.months,
            replications=args.replications,
            workers=args.workers,
            scheduler=args.scheduler,
            dask_local=args.dask_local,
            resume=args.resume,
            progress=not args.quiet,
        )
        about = json.loads((Path(out) / ABOUT).read_text(encoding="utf-8"))
        paths = write_robustness_report(result, out, about)
    except (SweepError, WorkerMismatch, OutputError, ValueError) as e:
        _err(f"robustness: {e}")
        return EXIT_INVALID
    except RunFailed as e:
        _err(f"robustness: {e}\nthe runs finished before it are stored: rerun with --resume")
        return EXIT_FAILED
    except KeyboardInterrupt:
        _err(f"robustness: interrupted; rerun with --resume --out {out}")
        return EXIT_INTERRUPTED
    for r in result.shares.itertuples():
        top = ", ".join(result.top_parameters(r.metric))
        print(
            f"{r.metric}: {result.a} better in {share(r.a_better)}, {result.b} in "
            f"{share(r.b_better)} of the space; hinges on {top}"
        )
    print(f"report: {paths['report']}")
    return EXIT_OK
