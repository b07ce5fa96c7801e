"""The Dask worker plugin of sweeps: pin BLAS to one thread and import the model, once per worker."""

from __future__ import annotations

from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin


class SweepWorkerSetup(WorkerPlugin):
    """Registered by the driver on every worker, present and future.

    The model's matrices are small: more BLAS threads only contend with the other
    workers on the machine. Importing the model here keeps that out of the first task.
    """

    idempotent = True

    def setup(self, worker: Any) -> None:
        """Pin BLAS threads and import the model in the worker process."""
        from threadpoolctl import threadpool_limits

        import simulator.model  # noqa: F401 - imported once per worker, not per task

        self._limit = threadpool_limits(limits=1, user_api="blas")
