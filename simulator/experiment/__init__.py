"""Experiment layer: single runs, replications with common random numbers, comparisons, sweeps."""

from simulator.experiment.replicate import Comparison, Replications, compare, replicate
from simulator.experiment.run import RunResult, run
from simulator.experiment.seeds import replication_seeds
from simulator.experiment.summary import outcomes, summarize

__all__ = [
    "Comparison",
    "Replications",
    "RunResult",
    "compare",
    "outcomes",
    "replicate",
    "replication_seeds",
    "run",
    "summarize",
]
