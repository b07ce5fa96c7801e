"""Comparisons run in the background for the Compare and Classroom pages, with progress.

A :class:`CompareJob` replicates scenarios with common random numbers through
:func:`simulator.experiment.compare` (the same call as ``cartelsim compare``) and
reports each finished run. The server runs at most ``MAX_BACKGROUND_JOBS``
comparisons at once; a job that finds the server busy waits its turn and says so,
and a request over the caps is refused before anything runs.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import tempfile
import threading
import weakref
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from solara.server import kernel_context

from simulator.dashboard import config
from simulator.dashboard.scenario_files import load_ref
from simulator.experiment import Comparison, compare
from simulator.experiment.uncertainty import ParameterUncertainty, ranged_parameters
from simulator.scenario import Scenario

log = logging.getLogger("cartelsim.dashboard")

_slots = threading.BoundedSemaphore(config.MAX_BACKGROUND_JOBS)
_running: weakref.WeakSet[CompareJob] = weakref.WeakSet()


def start_in_background(
    target: Callable[..., None], name: str, **kwargs: object
) -> threading.Thread:
    """Start ``target`` on a daemon thread that belongs to no browser session.

    Solara gives a thread started from a page the page's kernel context and removes
    that context when the tab closes or navigates. A comparison outlives its page (and
    the classroom's is shared by every session), so its thread must not inherit one:
    a context that vanished mid-run made matplotlib's per-session settings fail.
    """
    with kernel_context.without_context():
        thread = threading.Thread(target=target, kwargs=kwargs, daemon=True, name=name)
    thread.start()
    return thread


def in_this_session(listener: Callable[[], None]) -> Callable[[], None]:
    """``listener`` wrapped to run in the browser session that is current now.

    A job calls its listeners from its own thread; a page's listener re-renders widgets,
    which needs that page's kernel context. Once the page has closed, calls are dropped.
    """
    if not kernel_context.has_current_context():
        return listener
    session = kernel_context.get_current_context()

    def call() -> None:
        if session.kernel is None or session.closed_event.is_set():
            return
        with session:
            listener()

    return call


def cancel_all() -> None:
    """Cancel every job of this process (the server calls it when it stops)."""
    for job in list(_running):
        job.cancel()


class Cancelled(Exception):
    """Raised inside a job's progress callback to stop its remaining runs."""


@dataclass(frozen=True)
class CompareRequest:
    """What to compare: scenario references, the reference, replications, horizon, seed."""

    refs: tuple[str, ...]
    reference: str
    replications: int
    months: int | None = None
    seed: int | None = None
    uncertainty: bool = False  # also draw the ranged calibration parameters (2 seeds a draw)


def request_problems(req: CompareRequest) -> list[str]:
    """Why a request is refused (the dashboard's caps), or an empty list."""
    out = []
    if not config.MIN_COMPARE_SCENARIOS <= len(req.refs) <= config.MAX_COMPARE_SCENARIOS:
        out.append(
            f"choose {config.MIN_COMPARE_SCENARIOS} to {config.MAX_COMPARE_SCENARIOS} scenarios "
            f"(you chose {len(req.refs)})"
        )
    if len(set(req.refs)) != len(req.refs):
        out.append("each scenario can be chosen once")
    if req.reference not in req.refs:
        out.append("the reference must be one of the chosen scenarios")
    if not 1 <= req.replications <= config.MAX_REPLICATIONS:
        out.append(
            f"replications must be between 1 and {config.MAX_REPLICATIONS} "
            f"(asked {req.replications})"
        )
    runs = req.replications * len(req.refs)
    if runs > config.MAX_COMPARE_RUNS:
        out.append(
            f"{runs} runs is over the dashboard's cap of {config.MAX_COMPARE_RUNS} per comparison "
            "(fewer replications or scenarios; the command line has no cap)"
        )
    if req.months is not None and not 1 <= req.months <= config.MAX_MONTHS:
        out.append(f"months must be between 1 and {config.MAX_MONTHS} (asked {req.months})")
    if req.uncertainty:
        if not ranged_parameters():
            out.append("no calibration parameter declares a plausible range to draw from")
        if req.replications < 4:
            out.append("parameter uncertainty needs at least 4 replications (2 draws x 2 seeds)")
    return out


def workers_for(runs: int, months: int) -> int:
    """Processes for a comparison: in this process when small (a pool costs ~1 s to start)."""
    if runs * months <= 1500:
        return 1
    return max(1, min(os.cpu_count() or 1, 2, runs))


@dataclass
class Downloads:
    """A comparison's files, in memory: summary.csv, report.html, figures.zip."""

    files: dict[str, bytes] = field(default_factory=dict)


def report_files(comparison: Comparison) -> Downloads:
    """Write the report with the report layer (as ``cartelsim compare``) and keep its files."""
    from simulator.report import write_report

    folder = Path(tempfile.mkdtemp(prefix="cartelsim-dashboard-"))
    try:
        paths = write_report(comparison, folder)
        files = {
            "summary.csv": paths["summary"].read_bytes(),
            "report.html": paths["report"].read_bytes(),
        }
        if "variance" in paths:  # with parameter uncertainty
            files["variance.csv"] = paths["variance"].read_bytes()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            for path in sorted((folder / "figures").glob("*")):
                z.write(path, f"figures/{path.name}")
        files["figures.zip"] = buffer.getvalue()
        return Downloads(files)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@dataclass(eq=False)
class CompareJob:
    """One comparison: its state, progress and result; :meth:`run` blocks, so call it on a thread."""

    request: CompareRequest
    state: str = "waiting"  # waiting, running, writing, done, failed, cancelled
    done: int = 0
    total: int = 0
    message: str = ""
    comparison: Comparison | None = None
    downloads: Downloads | None = None
    scenarios: list[Scenario] = field(default_factory=list)
    _cancel: threading.Event = field(default_factory=threading.Event)
    _listeners: list[Callable[[], None]] = field(default_factory=list)

    def subscribe(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call ``listener`` (from the job's thread) on every change; returns the unsubscribe."""
        wrapped = in_this_session(listener)
        self._listeners.append(wrapped)
        return lambda: self._listeners.remove(wrapped) if wrapped in self._listeners else None

    def cancel(self) -> None:
        """Stop after the run in progress (or before starting)."""
        self._cancel.set()

    def _set(self, **changes: object) -> None:
        for k, v in changes.items():
            setattr(self, k, v)
        for listener in list(self._listeners):
            try:
                listener()
            except Exception:  # a closed page must not stop the job
                log.debug("job listener failed", exc_info=True)

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self._set(done=done, total=total, message=f"{done} of {total} runs")

    def run(self, with_report: bool = True) -> None:
        """Load, wait for a slot, replicate, summarise and (optionally) write the report."""
        req = self.request
        _running.add(self)
        try:
            self.scenarios = [load_ref(ref) for ref in req.refs]
            names = [s.name for s in self.scenarios]
            reference = names[req.refs.index(req.reference)]
            months = req.months or self.scenarios[req.refs.index(req.reference)].months
            self.total = req.replications * len(self.scenarios)
            if not _slots.acquire(blocking=False):
                self._set(message="waiting for another comparison on this server to finish")
                while not _slots.acquire(timeout=0.5):
                    if self._cancel.is_set():
                        self._set(state="cancelled", message="cancelled")
                        return
            try:
                self._set(state="running", message=f"0 of {self.total} runs")
                comparison = compare(
                    self.scenarios,
                    n=req.replications,
                    reference=reference,
                    seed=req.seed,
                    months=months,
                    workers=workers_for(self.total, months),
                    progress=self._progress,
                    uncertainty=ParameterUncertainty() if req.uncertainty else None,
                )
            finally:
                _slots.release()
            self._set(comparison=comparison)
            if with_report:
                self._set(state="writing", message="writing the report and figures")
                self._set(downloads=report_files(comparison))
            self._set(state="done", message=f"{self.total} runs done")
        except Cancelled:
            self._set(state="cancelled", message="cancelled")
        except Exception as exc:  # shown in the page; the server carries on
            log.exception("comparison failed")
            self._set(state="failed", message=f"{type(exc).__name__}: {exc}")
