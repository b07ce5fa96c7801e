"""How many runs each chunk holds: one task on a worker, one Parquet file in the results.

A chunk should be long enough that the overhead of a task (scheduling, pickling, one
Parquet write) vanishes beside its runs, and short enough that the workers finish
together and a killed sweep loses little. A spec's ``chunk_runs`` (or ``--chunk``) fixes
the size. Otherwise it adapts, as joblib's automatic batching does: the first chunks hold
one run; then each chunk aims at the executor's target duration, from the runs per
second measured so far; and near the end chunks shrink (guided self-scheduling,
Polychronopoulos & Kuck 1987), so no worker idles while another finishes a long chunk.

Chunk sizes are not part of the results: each run's seed and values follow from its run
id alone, and a sweep resumes with any chunk size.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_CHUNK_RUNS = 500
"""Largest automatic chunk: progress and a kill's loss stay fine-grained for very fast models."""

MAX_CHUNKS = 1024
"""An automatic chunk holds at least 1/1024 of the sweep: big sweeps stay at ~1,000 files."""

TAIL_SHARE = 2
"""Near the end a chunk holds at most 1/(TAIL_SHARE x workers) of the runs not yet handed out."""


@dataclass
class ChunkSizer:
    """The size of the next chunk, fixed or adapted to the speed measured so far.

    Args:
        total_runs: runs in the whole sweep.
        target_seconds: how long a chunk should take on one worker (the executor's).
        workers: how many workers run chunks now (asked once for each chunk).
        fixed: runs per chunk, if the user set it; nothing adapts then.
        clock: seconds, for tests.
    """

    total_runs: int
    target_seconds: float
    workers: Callable[[], int]
    fixed: int | None = None
    clock: Callable[[], float] = time.perf_counter
    _started: float | None = field(default=None, init=False)
    _done: int = field(default=0, init=False)

    def start(self) -> None:
        """The executor starts taking chunks now: measure speed from here."""
        self._started = self.clock()

    def finished(self, runs: int) -> None:
        """A chunk of ``runs`` runs came back."""
        self._done += runs

    def seconds_per_run(self, workers: int | None = None) -> float | None:
        """Worker-seconds one run takes, measured end to end; None before any chunk came back."""
        if self._started is None or self._done == 0:
            return None
        elapsed = self.clock() - self._started
        return (workers or max(1, self.workers())) * elapsed / self._done

    def size(self, remaining: int) -> int:
        """Runs for the next chunk, ``remaining`` runs not yet handed out (counting this one)."""
        if self.fixed is not None:
            return self.fixed
        workers = max(1, self.workers())  # asked once per chunk
        per_run = self.seconds_per_run(workers)
        if per_run is None:
            ideal = 1  # nothing measured yet: one run tells the speed soonest
        else:
            ideal = math.floor(self.target_seconds / per_run) if per_run > 0 else MAX_CHUNK_RUNS
        floor = math.ceil(self.total_runs / MAX_CHUNKS)
        wanted = min(MAX_CHUNK_RUNS, max(floor, ideal))
        tail = math.ceil(remaining / (TAIL_SHARE * workers))
        return max(1, min(wanted, tail))
