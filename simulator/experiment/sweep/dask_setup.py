"""The Dask worker plugin of sweeps: a Dask worker set up to run model code as fast as a plain process.

Measured on this project (a 36-month roadmap run, 2 cores): a run takes about 0.15 s in
a plain process and about 0.27 s in a Dask worker started by a Nanny. The Nanny starts
its workers with ``MALLOC_TRIM_THRESHOLD_=65536`` (``distributed.nanny.pre-spawn-environ``)
so they hand freed memory back to the system; that also switches off glibc's
adaptive mmap threshold, so every mid-sized numpy array the model allocates is a fresh
``mmap`` and page faults. The plugin sets the two thresholds back to where glibc's
adaptive rule settles, in every worker however it was started (``LocalCluster`` or
``dask worker`` on another machine).

The worker's event loop shares the GIL with the task thread. By default it samples the
task's stack every 10 ms (the profiler), measures its own latency every 20 ms and polls
the system every 0.5 s; on 2 cores that took another ~10% of the model's time. The
plugin slows those housekeeping callbacks down; heartbeats and task traffic are untouched.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import sys
from dataclasses import dataclass
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

# glibc's mallopt(3) parameter numbers (malloc.h) and the values its adaptive rule reaches:
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD_BYTES = 32 * 1024 * 1024  # glibc DEFAULT_MMAP_THRESHOLD_MAX on 64-bit systems
TRIM_THRESHOLD_BYTES = 2 * MMAP_THRESHOLD_BYTES  # glibc raises the trim threshold to twice it
NANNY_MALLOC_SETTING = "MALLOC_TRIM_THRESHOLD_"


@dataclass(frozen=True)
class Housekeeping:
    """A periodic callback of Dask's servers that a sweep runs less often."""

    callback: str  # its name in ``Server.periodic_callbacks``
    config: str  # the Dask config key that sets its interval when a server starts
    seconds: float  # how often it runs during a sweep
    default: str  # distributed's default, for the reader


HOUSEKEEPING = (
    Housekeeping("profile", "distributed.worker.profile.interval", 3600.0, "10ms"),
    Housekeeping("profile-cycle", "distributed.worker.profile.cycle", 3600.0, "1s"),
    Housekeeping("tick", "distributed.admin.tick.interval", 1.0, "20ms"),
    Housekeeping("monitor", "distributed.admin.system-monitor.interval", 5.0, "500ms"),
    Housekeeping("memory_monitor", "distributed.worker.memory.monitor-interval", 1.0, "100ms"),
)


def local_cluster_config() -> dict[str, Any]:
    """Dask config for a ``LocalCluster`` this process starts: scheduler, nannies and workers.

    The same intervals as the plugin, but set before the servers start (the scheduler
    and the nannies have ticks and monitors too, and on a laptop they share the CPUs
    with the workers), and workers spawned without the malloc setting.
    """
    import dask

    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ"))
    environ.pop(NANNY_MALLOC_SETTING, None)
    methods = multiprocessing.get_all_start_methods()
    return {
        **{h.config: f"{h.seconds}s" for h in HOUSEKEEPING},
        "distributed.worker.multiprocessing-method": "forkserver"
        if "forkserver" in methods
        else "spawn",
        "distributed.nanny.pre-spawn-environ": environ,
    }


def restore_malloc_thresholds() -> bool:
    """Undo ``MALLOC_TRIM_THRESHOLD_`` in this process (glibc only); True if it was undone."""
    if not sys.platform.startswith("linux") or NANNY_MALLOC_SETTING not in os.environ:
        return False
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (e.g. musl has no mallopt)
        return False
    return bool(
        mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
        and mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES)
    )


def quieten_housekeeping(worker: Any) -> list[str]:
    """Run a running worker's housekeeping callbacks at the sweep's intervals; the names changed."""
    callbacks = getattr(worker, "periodic_callbacks", {})
    changed = []
    for h in HOUSEKEEPING:
        callback = callbacks.get(h.callback)
        if callback is not None:
            callback.callback_time = h.seconds * 1000  # tornado's PeriodicCallback, in ms
            changed.append(h.callback)
    return changed


class SweepWorkerSetup(WorkerPlugin):
    """Registered by the driver on every worker, present and future.

    The model's matrices are small: more BLAS threads only contend with the other
    workers on the machine. Importing the model here keeps that out of the first task.
    """

    idempotent = True

    def setup(self, worker: Any) -> None:
        """Pin BLAS threads, restore malloc's thresholds, quieten housekeeping, import the model."""
        from threadpoolctl import threadpool_limits

        import simulator.model  # noqa: F401 - imported once per worker, not per task

        self._limit = threadpool_limits(limits=1, user_api="blas")
        self.malloc_restored = restore_malloc_thresholds()
        self.quietened = quieten_housekeeping(worker)
