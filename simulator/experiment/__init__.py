"""Experiment layer: single runs, replications with common random numbers, comparisons, sweeps."""

from simulator.experiment.run import RunResult, run

__all__ = ["RunResult", "run"]
