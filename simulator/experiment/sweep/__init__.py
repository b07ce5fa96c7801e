"""Batch parameter sweeps: specs, designs (grid, LHS, Sobol), executors, a Parquet store, analysis.

    from simulator.experiment.sweep import load_sweep, run_sweep, analyze_sweep

    sweep = load_sweep("scenarios/sweeps/gun_levers.yaml")   # every problem at file:line
    run_sweep(sweep, "runs/gun_levers", workers=2)            # or scheduler="tcp://host:8786"
    analyze_sweep("runs/gun_levers", draw=draw_figures)       # CSVs, and figures from
                                                              # simulator.report.sweep_figures

The command line is ``cartelsim sweep`` and ``cartelsim sweep-analyze``.
"""

from simulator.experiment.sweep.errors import SweepError
from simulator.experiment.sweep.execute import SweepSummary, run_sweep
from simulator.experiment.sweep.plan import Sweep, load_sweep
from simulator.experiment.sweep.runner import RunFailed, WorkerMismatch
from simulator.experiment.sweep.store import Store

__all__ = [
    "RunFailed",
    "Store",
    "Sweep",
    "SweepError",
    "SweepSummary",
    "WorkerMismatch",
    "load_sweep",
    "run_sweep",
]
