"""Executors: one interface, three backends (this process, a local process pool, Dask distributed).

Every backend takes a runner and an iterator of chunks and yields ``(chunk, columns)``
as chunks finish, keeping only a few chunks in flight so the driver's memory stays
flat however many runs there are. A chunk's columns depend only on the chunk, so
results do not depend on the backend, the number of workers or the finishing order.

- :class:`InProcessExecutor`: ``--workers 1``; runs in the driver, BLAS pinned to one thread.
- :class:`LocalPoolExecutor`: the default; processes started once (forked with the model
  already imported), the runner sent to each once, BLAS pinned to one thread, chunked
  tasks; workers exit by themselves if the driver is killed.
  A worker that dies (killed, out of memory) is replaced and its chunks run again.
- :class:`DaskExecutor`: ``--scheduler tcp://host:8786`` (workers started with ``dask
  worker``, anywhere) or ``--dask-local N`` (a ``LocalCluster`` of N processes). Dask
  reschedules the chunks of a worker that dies; a chunk that kills workers repeatedly
  stops the sweep.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
import time
import uuid
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from simulator.experiment.sweep.errors import SweepError
from simulator.experiment.sweep.runner import Chunk, Columns, Runner, run_chunk

Finished = Iterator[tuple[Chunk, Columns]]
MAX_POOL_RESTARTS = 3
THREADS_MAX_AGE = 1.0
"""Seconds a Dask executor trusts the scheduler's last count of worker threads."""

# What a fork server imports before forking workers (pool and LocalCluster share one server):
FORKSERVER_PRELOAD = ["distributed", "simulator.experiment.sweep.runner", "simulator.model"]


class Executor(ABC):
    """Runs chunks somewhere and yields their columns as they finish.

    Use: ``start(runner)`` (workers started and prepared for this runner), then
    ``map(chunks)`` as often as needed, then ``close()``; or ``with executor.running(runner):``.
    """

    description: str = "executor"
    chunk_seconds: float = 1.0
    """How long an automatically sized chunk should take on one worker: long enough that
    the per-chunk overhead (about 5 ms in a local pool: pickling and one Parquet write)
    vanishes, short enough for a fine progress bar and little loss when a sweep is killed."""

    @abstractmethod
    def start(self, runner: Runner) -> None:
        """Start the backend's workers (processes, a cluster connection) for this runner."""

    def close(self) -> None:  # noqa: B027 - nothing to release by default
        """Release them."""

    @contextlib.contextmanager
    def running(self, runner: Runner) -> Iterator[Executor]:
        """``start(runner)``, and ``close()`` whatever happens."""
        try:
            self.start(runner)
            yield self
        finally:
            self.close()

    @property
    @abstractmethod
    def workers(self) -> int:
        """Processes (or Dask worker threads) running chunks now."""

    @abstractmethod
    def map(self, chunks: Iterator[Chunk]) -> Finished:
        """Run every chunk; yield each with its columns when it finishes."""


class InProcessExecutor(Executor):
    """Runs chunks one after another in this process."""

    description = "this process"

    def __init__(self) -> None:
        self._runner: Runner | None = None
        self._limit: Any = None

    @property
    def workers(self) -> int:
        """One."""
        return 1

    def start(self, runner: Runner) -> None:
        """Pin BLAS to one thread (until close) and prepare the runner."""
        from threadpoolctl import threadpool_limits

        self._limit = threadpool_limits(limits=1, user_api="blas")
        runner.prepare()
        self._runner = runner

    def close(self) -> None:
        """Give BLAS its threads back."""
        if self._limit is not None:
            self._limit.restore_original_limits()
            self._limit = None

    def map(self, chunks: Iterator[Chunk]) -> Finished:
        """Run chunks in order."""
        assert self._runner is not None, "start() first"
        for chunk in chunks:
            yield chunk, self._runner.run_chunk(chunk)


# --- local process pool --------------------------------------------------------------------------

_POOL_RUNNER: Runner | None = None
_BLAS_LIMIT: Any = None


def _pool_init(runner: Runner, driver: int) -> None:
    """Per worker process, once: pin BLAS, watch the driver, prepare the runner."""
    global _POOL_RUNNER, _BLAS_LIMIT
    from threadpoolctl import threadpool_limits

    _BLAS_LIMIT = threadpool_limits(limits=1, user_api="blas")
    _watch_driver(driver)
    runner.prepare()
    _POOL_RUNNER = runner


def _pool_task(chunk: Chunk) -> Columns:
    assert _POOL_RUNNER is not None, "pool worker was not initialised"
    return _POOL_RUNNER.run_chunk(chunk)


def _watch_driver(driver: int) -> None:
    """Exit when the driver is gone (e.g. killed with SIGKILL), instead of idling forever.

    The driver, not the parent: forkserver workers are the fork server's children, and
    the fork server lives as long as its children do.
    """

    def watch() -> None:
        while _alive(driver):
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="cartelsim-driver-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    """Whether process ``pid`` is running (an exited, unreaped one is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return True  # no /proc (not Linux): the kill test above is all there is


def _pool_ready() -> int:
    """A no-op task: returns once a worker has been initialised."""
    return os.getpid()


def _context() -> multiprocessing.context.BaseContext:
    """The start method of the pool's processes.

    ``fork`` while the driver runs a single thread (workers start at once, with the model
    already imported), else ``forkserver`` (fork is unsafe with threads) with the model
    preloaded, else ``spawn``.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return _forkserver_context()
    return multiprocessing.get_context("spawn")


def _forkserver_context() -> multiprocessing.context.BaseContext:
    """The fork server's context, set to import the model before it forks any worker."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(FORKSERVER_PRELOAD)
    return ctx


class LocalPoolExecutor(Executor):
    """A pool of worker processes on this machine."""

    def __init__(self, workers: int) -> None:
        if workers < 1:
            raise ValueError(f"workers must be >= 1, got {workers}")
        self._workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._runner: Runner | None = None
        self.description = f"local pool, {workers} process{'es' if workers > 1 else ''}"
        self.restarts = 0

    @property
    def workers(self) -> int:
        """Worker processes."""
        return self._workers

    @property
    def pids(self) -> list[int]:
        """Process ids of the workers now running."""
        processes = getattr(self._pool, "_processes", None) or {}
        return sorted(processes)

    def start(self, runner: Runner) -> None:
        """Start every worker process now and wait until each has prepared the runner."""
        self._runner = runner
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        init: Callable[..., None] = _pool_init
        pool = ProcessPoolExecutor(
            max_workers=self._workers,
            mp_context=_context(),
            initializer=init,
            initargs=(self._runner, os.getpid()),
        )
        for ready in [pool.submit(_pool_ready) for _ in range(self._workers)]:
            ready.result()  # a worker that cannot prepare (wrong code, import error) fails here
        return pool

    def close(self) -> None:
        """Stop the worker processes (chunks not yet finished are dropped)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def map(self, chunks: Iterator[Chunk]) -> Finished:
        """Keep two chunks per worker in flight; replace the pool if a worker dies."""
        assert self._pool is not None, "start() first"
        limit = 2 * self._workers
        again: deque[Chunk] = deque()  # chunks whose worker died, to run first
        in_flight: dict[Future[Columns], Chunk] = {}
        while True:
            while len(in_flight) < limit:
                chunk = again.popleft() if again else next(chunks, None)
                if chunk is None:
                    break
                in_flight[self._pool.submit(_pool_task, chunk)] = chunk
            if not in_flight:
                return
            finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            broken = False
            for future in finished:
                chunk = in_flight.pop(future)
                if isinstance(future.exception(), BrokenProcessPool):
                    again.append(chunk)
                    broken = True
                    continue
                yield chunk, future.result()
            if broken:
                yield from self._recover(in_flight, again)

    def _recover(self, in_flight: dict[Future[Columns], Chunk], again: deque[Chunk]) -> Finished:
        """A worker died: keep what finished, requeue the rest, start a new pool."""
        wait(in_flight)
        for future, chunk in list(in_flight.items()):
            if future.exception() is None:
                yield chunk, future.result()
            else:
                again.append(chunk)
        in_flight.clear()
        self.restarts += 1
        assert self._pool is not None
        self._pool.shutdown(wait=False, cancel_futures=True)
        if self.restarts > MAX_POOL_RESTARTS:
            raise SweepError(
                f"worker processes died {self.restarts} times (killed, or out of memory?); "
                "the runs finished so far are stored: rerun with --resume"
            )
        print(
            f"a worker process died; started new workers and rerunning {len(again)} chunk(s) "
            f"(restart {self.restarts} of at most {MAX_POOL_RESTARTS})",
            file=sys.stderr,
            flush=True,
        )
        self._pool = self._new_pool()


# --- Dask distributed ----------------------------------------------------------------------------


class DaskExecutor(Executor):
    """Chunks as Dask tasks on a scheduler's workers (remote machines, or a LocalCluster)."""

    chunk_seconds = 3.0
    """A Dask task costs about 20 ms of CPU in the scheduler and client (measured with a
    LocalCluster, whose scheduler shares the driver's process and the workers' cores), plus
    network round trips on a real cluster: chunks of 3 s keep that near 1%."""

    def __init__(
        self,
        scheduler: str | None = None,
        local_workers: int | None = None,
        connect_timeout: float = 15.0,
    ) -> None:
        if (scheduler is None) == (local_workers is None):
            raise ValueError("give either a scheduler address or a number of local workers")
        self.scheduler = scheduler
        self.connect_timeout = connect_timeout
        self.local_workers = local_workers
        self.client: Any = None
        self.cluster: Any = None
        self._runner: Runner | None = None
        self._threads: int | None = None
        self._threads_asked = 0.0
        self.description = (
            f"Dask scheduler {scheduler}"
            if scheduler
            else f"Dask LocalCluster, {local_workers} worker process{'es' if local_workers != 1 else ''}"
        )

    def start(self, runner: Runner, wait_for_workers: float = 60.0) -> None:
        """Connect to the scheduler (or start a LocalCluster) and set up its workers."""
        import logging

        if self.scheduler is None:
            _start_forkserver()
        import dask
        from distributed import Client, LocalCluster

        from simulator.experiment.sweep.dask_setup import SweepWorkerSetup, local_cluster_config

        if self.scheduler is not None:
            try:
                self.client = Client(self.scheduler, timeout=f"{self.connect_timeout}s")
            except (OSError, TimeoutError) as e:
                raise SweepError(
                    f"cannot reach the Dask scheduler at {self.scheduler} ({e}); start one with "
                    "`dask scheduler` and workers with `dask worker <address>` (see the README)"
                ) from None
        else:
            with dask.config.set(local_cluster_config()):
                self.cluster = LocalCluster(
                    n_workers=self.local_workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            self.client = Client(self.cluster)
        self.client.register_plugin(SweepWorkerSetup(), name="cartelsim-sweep-setup")
        try:
            self.client.wait_for_workers(1, timeout=wait_for_workers)
        except TimeoutError:
            self.close()
            raise SweepError(
                f"the Dask scheduler at {self.scheduler} has no workers after {wait_for_workers:.0f} s; "
                f"start some with `dask worker {self.scheduler} --nthreads 1`"
            ) from None
        self._runner = runner

    def close(self) -> None:
        """Disconnect (and stop the LocalCluster, if this executor started one)."""
        if self.client is not None:
            self.client.close()
            self.client = None
            self._threads = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    @property
    def workers(self) -> int:
        """Worker threads the scheduler has (asked at most once a second: it is a round trip)."""
        if self.client is None:
            return 0
        now = time.monotonic()
        if self._threads is None or now - self._threads_asked >= THREADS_MAX_AGE:
            self._threads = int(sum(self.client.nthreads().values()))
            self._threads_asked = now
        return self._threads

    def map(self, chunks: Iterator[Chunk]) -> Finished:
        """Keep two chunks per worker thread in flight; yield them as they finish."""
        from distributed import as_completed
        from distributed.scheduler import KilledWorker

        runner = self._runner
        assert runner is not None, "start() first"
        token = uuid.uuid4().hex[:8]
        finished = as_completed()
        in_flight: dict[str, Chunk] = {}

        def submit() -> bool:
            chunk = next(chunks, None)
            if chunk is None:
                return False
            key = f"cartelsim-sweep-{token}-{chunk.first}-{chunk.last}"
            finished.add(
                self.client.submit(run_chunk, runner, chunk, key=key, pure=False, retries=0)
            )
            in_flight[key] = chunk
            return True

        def fill() -> None:
            target = max(2, 2 * self.workers)
            while len(in_flight) < target and submit():
                pass

        fill()
        for future in finished:
            chunk = in_flight.pop(future.key)
            try:
                columns = future.result()
            except KilledWorker:
                raise SweepError(
                    f"the workers running runs {chunk.first}-{chunk.last} died too often (Dask "
                    "reschedules a dead worker's tasks, up to its allowed-failures); out of "
                    "memory? The runs finished so far are stored: rerun with --resume"
                ) from None
            finally:
                future.release()
            yield chunk, columns
            fill()


def _start_forkserver() -> None:
    """Start the fork server a LocalCluster's nannies fork workers from, importing the model once.

    Started before the driver imports distributed, so the two imports overlap; every
    worker is then forked with distributed and the model already imported.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return
    from multiprocessing import forkserver

    _forkserver_context()
    forkserver.ensure_running()


def make_executor(
    workers: int | None = None, scheduler: str | None = None, dask_local: int | None = None
) -> Executor:
    """The executor the command line asks for.

    Dask if a scheduler or local Dask workers are given, else a local pool of
    ``workers`` processes (default: one per CPU; 1: this process).
    """
    if scheduler is not None or dask_local is not None:
        if scheduler is not None and dask_local is not None:
            raise SweepError("give --scheduler or --dask-local, not both")
        return DaskExecutor(scheduler=scheduler, local_workers=dask_local)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    return InProcessExecutor() if workers == 1 else LocalPoolExecutor(workers)
