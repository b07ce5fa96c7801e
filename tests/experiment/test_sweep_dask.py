"""Dask for real: a scheduler and two workers started from the command line on 127.0.0.1.

Not mocks: ``dask scheduler`` and ``dask worker`` processes, as a user would start them
on other machines (README), with the sweep pointed at them with ``--scheduler``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from simulator.cli import main
from simulator.experiment.sweep import SweepError, run_sweep
from simulator.experiment.sweep.dask_setup import HOUSEKEEPING
from simulator.experiment.sweep.executors import DaskExecutor
from tests.experiment.conftest import ROOT, small_spec, stored_runs
from tests.experiment.test_dask_setup import worker_state

DASK = Path(sys.executable).with_name("dask")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """A scheduler and its workers, each a process of its own."""

    def __init__(self, tmp: Path) -> None:
        self.address = f"tcp://127.0.0.1:{_free_port()}"
        self.log = open(tmp / "dask.log", "w")  # noqa: SIM115 - closed in stop()
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        port = self.address.rsplit(":", 1)[1]
        self.scheduler = subprocess.Popen(
            [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        self.workers = [
            subprocess.Popen(
                [
                    str(DASK),
                    "worker",
                    self.address,
                    "--nthreads",
                    "1",
                    "--no-nanny",
                    "--no-dashboard",
                    "--name",
                    f"w{i}",
                    "--death-timeout",
                    "60",
                ],
                stdout=self.log,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=ROOT,
            )
            for i in (1, 2)
        ]

    def wait(self, n: int, timeout: float = 120) -> None:
        from distributed import Client

        with Client(self.address, timeout=timeout) as client:
            client.wait_for_workers(n, timeout=timeout)

    def stop(self) -> None:
        for proc in [*self.workers, self.scheduler]:
            if proc.poll() is None:
                proc.terminate()
        for proc in [*self.workers, self.scheduler]:
            try:
                proc.wait(timeout=3)
            except subprocess.TimeoutExpired:  # a graceful close can take long: not needed here
                proc.kill()
                proc.wait()
        self.log.close()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    c = Cluster(tmp_path_factory.mktemp("dask"))
    try:
        c.wait(2)
        yield c
    finally:
        c.stop()


def test_command_line_cluster_gives_identical_results(
    cluster: Cluster, tmp_path: Path, small_reference: pd.DataFrame
) -> None:
    out = tmp_path / "out"
    code = main(
        [
            "sweep",
            str(small_spec(tmp_path)),
            "--out",
            str(out),
            "--scheduler",
            cluster.address,
            "--chunk",
            "3",
            "--quiet",
        ]
    )
    assert code == 0
    pd.testing.assert_frame_equal(stored_runs(out), small_reference)
    from distributed import Client

    with Client(cluster.address) as client:  # workers started by hand get the same setup
        states = list(client.run(worker_state).values())
    assert len(states) == 2
    assert all(set(s["quietened"]) == {h.callback for h in HOUSEKEEPING} for s in states)


def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{_free_port()}"
    executor = DaskExecutor(scheduler=address, connect_timeout=1)
    with pytest.raises(
        SweepError, match=f"cannot reach the Dask scheduler at {address}.*dask scheduler"
    ):
        run_sweep(small_spec(tmp_path, samples=2), tmp_path / "o", executor=executor)


def test_killing_a_worker_mid_sweep_still_runs_every_run_once(
    cluster: Cluster, tmp_path: Path
) -> None:
    """SIGKILL one of the two workers once a few chunks are stored; the other finishes."""
    spec = small_spec(tmp_path, samples=40)  # 80 runs in 40 chunks of 2
    reference = tmp_path / "reference"
    run_sweep(spec, reference, workers=2)  # the pool gives the in-process results (test_sweep_run)
    out = tmp_path / "out"
    errors: list[BaseException] = []

    def sweep() -> None:
        try:
            run_sweep(spec, out, executor=DaskExecutor(scheduler=cluster.address), chunk_runs=2)
        except BaseException as e:  # reported by the test thread
            errors.append(e)

    thread = threading.Thread(target=sweep)
    thread.start()
    deadline = time.monotonic() + 120
    while len(list((out / "runs").glob("part-*.parquet"))) < 4 and time.monotonic() < deadline:
        time.sleep(0.005)
    stored_at_kill = len(list((out / "runs").glob("part-*.parquet")))
    victim = cluster.workers[0]
    os.kill(victim.pid, signal.SIGKILL)
    thread.join(timeout=180)
    assert not thread.is_alive() and not errors, errors
    assert victim.wait(timeout=10) == -signal.SIGKILL
    assert 4 <= stored_at_kill < 40  # killed mid-sweep
    runs = stored_runs(out)
    assert runs["run_id"].tolist() == list(range(80))  # every run exactly once
    pd.testing.assert_frame_equal(runs, stored_runs(reference))
