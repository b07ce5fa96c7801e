"""Dask workers run model code as fast as a plain process: no malloc trimming, quiet housekeeping.

A Nanny starts workers with ``MALLOC_TRIM_THRESHOLD_`` set, and every Dask server runs a
profiler and monitors on the event loop that shares the GIL with the task; together they
made a run 1.8x slower in a worker than in the local pool (``dask_setup``'s docstring;
the speed itself is benchmark B3, not a test).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from simulator.experiment.sweep import load_sweep
from simulator.experiment.sweep.dask_setup import (
    HOUSEKEEPING,
    NANNY_MALLOC_SETTING,
    local_cluster_config,
)
from simulator.experiment.sweep.executors import DaskExecutor
from tests.experiment.conftest import ROOT, small_spec

pytest.importorskip("distributed")


def worker_state(dask_worker: Any) -> dict[str, Any]:
    """What the sweep's setup changed in a worker (run there with ``client.run``)."""
    plugin = dask_worker.plugins.get("cartelsim-sweep-setup")
    return {
        "intervals_ms": {k: v.callback_time for k, v in dask_worker.periodic_callbacks.items()},
        "malloc_env": os.environ.get(NANNY_MALLOC_SETTING),
        "quietened": getattr(plugin, "quietened", None),
        "model_imported": "simulator.model" in sys.modules,
    }


def test_local_cluster_workers_start_without_trimming_and_with_quiet_housekeeping(
    tmp_path: Path,
) -> None:
    executor = DaskExecutor(local_workers=1)
    executor.start(load_sweep(small_spec(tmp_path, samples=2)).runner())
    try:
        states = list(executor.client.run(worker_state).values())
        scheduler_tick_ms = executor.cluster.scheduler.periodic_callbacks["tick"].callback_time
    finally:
        executor.close()
    assert len(states) == 1
    (state,) = states
    assert state["malloc_env"] is None  # the Nanny spawned it without the setting
    assert state["model_imported"]
    assert set(state["quietened"]) == {h.callback for h in HOUSEKEEPING}
    for h in HOUSEKEEPING:
        assert state["intervals_ms"][h.callback] == pytest.approx(h.seconds * 1000)
    tick = next(h for h in HOUSEKEEPING if h.callback == "tick")
    assert scheduler_tick_ms == pytest.approx(tick.seconds * 1000)  # the in-process scheduler too


def test_local_cluster_config_keeps_the_nannys_other_settings() -> None:
    import dask

    config = local_cluster_config()
    environ = config["distributed.nanny.pre-spawn-environ"]
    assert NANNY_MALLOC_SETTING not in environ
    assert environ["OMP_NUM_THREADS"] == dask.config.get(
        "distributed.nanny.pre-spawn-environ.OMP_NUM_THREADS"
    )
    with dask.config.set(config):
        assert dask.config.get("distributed.admin.tick.interval") == "1.0s"
    assert dask.config.get("distributed.admin.tick.interval") != "1.0s"  # only while set


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="mallopt is glibc's")
def test_malloc_thresholds_are_restored_only_where_the_nanny_set_them() -> None:
    code = (
        "from simulator.experiment.sweep.dask_setup import restore_malloc_thresholds as r; "
        "print(r())"
    )

    def restored(env: dict[str, str]) -> str:
        proc = subprocess.run(
            [sys.executable, "-c", code],
            env={**env, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            check=True,
        )
        return proc.stdout.strip()

    plain = {k: v for k, v in os.environ.items() if k != NANNY_MALLOC_SETTING}
    assert restored({**plain, NANNY_MALLOC_SETTING: "65536"}) == "True"
    assert restored(plain) == "False"
