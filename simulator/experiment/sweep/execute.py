"""Running a sweep: open (or resume) its store, run the missing runs on an executor, stream chunks.

The driver holds only the design, a bitmap of finished runs and the few chunks in
flight; each finished chunk is written to the store at once and dropped, so its
memory does not grow with the number of runs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from simulator.experiment.sweep.executors import Executor, make_executor
from simulator.experiment.sweep.plan import Sweep, load_sweep
from simulator.experiment.sweep.store import Scan, Store
from simulator.output import check_folder


@dataclass
class SweepSummary:
    """What one call of :func:`run_sweep` did."""

    name: str
    out: Path
    total_runs: int
    stored_before: int
    computed: int
    seconds: float
    backend: str
    chunks_written: int = 0
    quarantined: list[tuple[str, str]] = field(default_factory=list)
    partial_removed: int = 0
    driver_peak_memory_mb: float = 0.0

    @property
    def rate(self) -> float:
        """Runs computed per second (0 when nothing ran)."""
        return self.computed / self.seconds if self.seconds > 0 and self.computed else 0.0

    @property
    def complete(self) -> bool:
        """Every run of the sweep is stored."""
        return self.stored_before + self.computed == self.total_runs

    def lines(self) -> list[str]:
        """The end-of-sweep summary, for people."""
        done = self.stored_before + self.computed
        head = (
            f"{self.name}: {self.computed} runs in {self.seconds:.1f} s "
            f"({self.rate:.2f} runs/s) on {self.backend}"
            if self.computed
            else f"{self.name}: nothing to run"
        )
        out = [head, f"stored: {done} of {self.total_runs} runs in {self.out / 'runs'}"]
        if self.stored_before:
            out.append(f"resumed: {self.stored_before} runs were already stored")
        if self.partial_removed:
            out.append(f"removed {self.partial_removed} half-written chunk file(s)")
        for name, why in self.quarantined:
            out.append(
                f"damaged chunk {name} ({why}): moved to {self.out / 'quarantine'}, its runs recomputed"
            )
        return out


def run_sweep(
    sweep: Sweep | str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    dask_local: int | None = None,
    resume: bool = False,
    progress: bool = False,
    chunk_runs: int | None = None,
    executor: Executor | None = None,
    say: Callable[[str], None] | None = None,
) -> SweepSummary:
    """Run a sweep (or the runs it still lacks) and store every run in ``out``.

    Args:
        sweep: a planned sweep or a spec file.
        out: the results folder (created; must not hold another sweep's results).
        workers: local processes (default: one per CPU; 1: in this process).
        scheduler: address of a Dask scheduler, e.g. ``tcp://10.0.0.5:8786``.
        dask_local: run on a Dask ``LocalCluster`` of this many worker processes.
        resume: continue the sweep stored in ``out``: recompute only missing or damaged runs.
        progress: show a progress bar (runs done, rate, ETA) on stderr.
        chunk_runs: runs per task and chunk (default: the spec's, else sized to the measured
            speed: see :mod:`~simulator.experiment.sweep.chunking`).
        executor: run on this executor instead (overrides workers/scheduler/dask_local).
        say: called with lines worth telling the user before the runs start.

    Raises:
        ScenarioError: the spec is invalid (file, line and field of each problem).
        SweepError: ``out`` holds another sweep, the resume is refused, a cluster is unreachable.
        OutputError: ``out`` cannot receive results (protected, foreign files, not writable).
        RunFailed: a run raised; the runs finished before are stored.
    """
    from tqdm import tqdm

    if not isinstance(sweep, Sweep):
        sweep = load_sweep(sweep)
    tell = say or (lambda _line: None)
    store = Store(out)
    with store.lock(), contextlib.ExitStack() as running:
        if resume and not store.holds_results():
            tell(f"nothing stored in {out} yet: starting the sweep")
            resume = False  # killed before its manifest was written: nothing to continue
        if resume:
            manifest = store.check_resume(sweep)  # refused before anything starts
            scan = store.scan(sweep)
        else:
            store.refuse_to_overwrite()
            check_folder(out)  # protected, foreign files, not writable, disk full: before any run
            scan = Scan(done=np.zeros(sweep.total_runs, dtype=bool))
        stored = int(scan.done.sum())
        executor = executor or make_executor(workers, scheduler, dask_local)
        if stored < sweep.total_runs:  # an unreachable cluster fails here, before any file
            running.enter_context(executor.running(sweep.runner()))
        if not resume:
            manifest = store.create(sweep)
        summary = SweepSummary(
            sweep.name,
            Path(out),
            sweep.total_runs,
            stored,
            0,
            0.0,
            executor.description,
            quarantined=scan.quarantined,
            partial_removed=scan.partial,
        )
        if resume:
            tell(
                f"resuming: {stored} of {sweep.total_runs} runs stored, "
                f"{sweep.total_runs - stored} to run"
            )
            for name, why in scan.quarantined:
                tell(
                    f"damaged chunk {name}: {why}; moved to quarantine/, its runs will be recomputed"
                )
        session: dict[str, Any] = {
            "started": _now(),
            "backend": executor.description,
            "resumed": resume,
            "runs_stored_before": stored,
            "finished": None,
        }
        manifest.setdefault("sessions", []).append(session)
        store.write_manifest(manifest)
        sizer = sweep.chunk_sizer(executor.chunk_seconds, lambda: executor.workers, chunk_runs)
        started = time.perf_counter()
        try:
            if stored < sweep.total_runs:
                with tqdm(
                    total=sweep.total_runs,
                    initial=stored,
                    unit="run",
                    desc=sweep.name,
                    disable=not progress,
                    file=sys.stderr,
                    dynamic_ncols=True,
                    smoothing=0.05,
                ) as bar:
                    sizer.start()
                    for chunk, columns in executor.map(sweep.chunks(~scan.done, sizer)):
                        store.write_chunk(sweep.table(columns))
                        sizer.finished(len(chunk))
                        summary.computed += len(chunk)
                        summary.chunks_written += 1
                        bar.update(len(chunk))
        finally:
            summary.seconds = time.perf_counter() - started
            summary.driver_peak_memory_mb = peak_memory_mb()
            session.update(
                finished=_now() if summary.complete else None,
                stopped=None if summary.complete else _now(),
                runs_computed=summary.computed,
                seconds=round(summary.seconds, 3),
                driver_peak_memory_mb=round(summary.driver_peak_memory_mb, 1),
            )
            manifest["runs_done"] = summary.stored_before + summary.computed
            manifest["status"] = "complete" if summary.complete else "incomplete"
            store.write_manifest(manifest)
    return summary


def peak_memory_mb() -> float:
    """Peak resident memory of this process, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 2**20


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
