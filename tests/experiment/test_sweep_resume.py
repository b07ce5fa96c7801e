"""Resume: a sweep killed at any moment continues with --resume; every run stored exactly once.

The driver is killed with SIGKILL at random points (seeded, so a failure reproduces):
before or while its workers start, between chunks, and while chunks are being written.
Half-written and damaged chunks are detected and recomputed, never read as data.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest

from simulator.cli import main
from simulator.experiment.sweep import SweepError, run_sweep
from simulator.experiment.sweep.executors import LocalPoolExecutor
from simulator.experiment.sweep.store import Store
from tests.experiment.conftest import CLASSROOM, ROOT, SMALL, small_spec, stored_runs, write_spec

KILL_TRIALS = 5  # SIGKILL-the-driver trials (each: kill at a random point, then --resume)


def chunk_files(out: Path) -> list[Path]:
    return sorted((out / "runs").glob("part-*.parquet")) if (out / "runs").is_dir() else []


def _outliving(family: list[psutil.Process], timeout: float) -> list[psutil.Process]:
    """Processes of ``family`` still running after ``timeout`` s (exited zombies do not count)."""
    deadline = time.monotonic() + timeout
    while True:
        alive = []
        for proc in family:
            try:
                if proc.status() != psutil.STATUS_ZOMBIE:
                    alive.append(proc)
            except psutil.NoSuchProcess:
                pass
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)


@pytest.fixture(scope="module")
def thirty(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pd.DataFrame]:
    """A 44-run spec (22 points x 2) and its runs computed in this process."""
    folder = tmp_path_factory.mktemp("thirty")
    spec = small_spec(folder, samples=22)
    run_sweep(spec, folder / "reference", workers=1)
    return spec, stored_runs(folder / "reference")


@pytest.mark.parametrize("trial", range(KILL_TRIALS))
def test_sigkill_of_the_driver_then_resume_stores_every_run_once(
    trial: int, thirty: tuple[Path, pd.DataFrame], tmp_path: Path
) -> None:
    spec, reference = thirty
    rng = random.Random(1000 + trial)
    kill_after_chunks = [
        0,
        rng.randint(1, 6),
        rng.randint(6, 12),
        rng.randint(12, 20),
        rng.randint(1, 20),
    ][trial]
    extra_delay = rng.uniform(0.0, 0.03)
    out = tmp_path / "out"
    driver = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "simulator",
            "sweep",
            str(spec),
            "--out",
            str(out),
            "--workers",
            "2",
            "--chunk",
            "2",
            "--quiet",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    if kill_after_chunks == 0:
        time.sleep(rng.uniform(0.5, 3.0))  # somewhere in start-up: imports, checks, pool start
    else:
        while (
            len(chunk_files(out)) < kill_after_chunks
            and time.monotonic() < deadline
            and driver.poll() is None
        ):
            time.sleep(0.002)
        time.sleep(extra_delay)
    family = psutil.Process(driver.pid).children(recursive=True) if driver.poll() is None else []
    driver.send_signal(signal.SIGKILL)
    assert driver.wait(timeout=30) == -signal.SIGKILL, (
        "the driver finished before it could be killed"
    )
    alive = _outliving(family, timeout=15)  # its workers notice and exit on their own
    for proc in alive:
        proc.kill()
    assert not alive, f"worker processes outlived the killed driver: {alive}"
    stored_before = len(chunk_files(out))
    workers = "2" if trial % 2 else "1"  # resume on the pool, or in this process: same runs
    assert (
        main(
            [
                "sweep",
                str(spec),
                "--out",
                str(out),
                "--workers",
                workers,
                "--chunk",
                "3",
                "--resume",
                "--quiet",
            ]
        )
        == 0
    )
    runs = stored_runs(out)
    assert runs["run_id"].tolist() == list(range(44)), f"killed after {stored_before} chunks"
    pd.testing.assert_frame_equal(runs, reference)
    assert not list((out / "runs").glob(".*"))  # no temporary files left behind


def test_damaged_and_half_written_chunks_are_recomputed(
    tmp_path: Path, small_reference: pd.DataFrame
) -> None:
    spec = small_spec(tmp_path)
    out = tmp_path / "out"
    run_sweep(spec, out, workers=1, chunk_runs=4)
    files = chunk_files(out)
    assert len(files) == 6
    truncated, flipped, swapped, dropped = files[0], files[1], files[2], files[3]
    truncated.write_bytes(truncated.read_bytes()[: truncated.stat().st_size // 2])
    data = bytearray(flipped.read_bytes())
    data[200] ^= 0xFF  # inside the first column's data page: its CRC no longer matches
    flipped.write_bytes(bytes(data))
    swapped.write_bytes(
        files[4].read_bytes()
    )  # a valid chunk holding other runs than its name says
    dropped.unlink()  # lost entirely
    (out / "runs" / f".{files[5].name}.123.tmp").write_bytes(b"PAR1 half a chunk")
    (out / "runs" / "notes.txt").write_text("not a chunk")

    summary = run_sweep(spec, out, workers=1, resume=True, chunk_runs=4)
    assert summary.partial_removed == 1
    reasons = dict(summary.quarantined)
    assert set(reasons) == {truncated.name, flipped.name, swapped.name, "notes.txt"}
    assert reasons[truncated.name].startswith("unreadable")
    assert reasons[flipped.name].startswith("unreadable")
    assert reasons[swapped.name] == "its run_id values are not those of runs 8-11"
    assert summary.stored_before == 8 and summary.computed == 16  # chunks 4 and 5 were fine
    pd.testing.assert_frame_equal(stored_runs(out), small_reference)
    assert len(list((out / "quarantine").iterdir())) == 4


def test_a_killed_pool_worker_is_replaced_and_its_chunks_rerun(
    tmp_path: Path, thirty: tuple[Path, pd.DataFrame]
) -> None:
    spec, reference = thirty
    out = tmp_path / "out"
    executor = LocalPoolExecutor(2)
    errors: list[BaseException] = []

    def sweep() -> None:
        try:
            run_sweep(spec, out, executor=executor, chunk_runs=2)
        except BaseException as e:
            errors.append(e)

    thread = threading.Thread(target=sweep)
    thread.start()
    deadline = time.monotonic() + 120
    while len(chunk_files(out)) < 5 and time.monotonic() < deadline:
        time.sleep(0.005)
    workers = executor.pids
    assert workers, "no pool worker found"
    os.kill(workers[0], signal.SIGKILL)
    thread.join(timeout=180)
    assert not errors, errors
    assert executor.restarts == 1
    pd.testing.assert_frame_equal(stored_runs(out), reference)


def test_a_changed_spec_refuses_to_resume(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = small_spec(tmp_path, samples=3)
    out = tmp_path / "out"
    run_sweep(spec, out, workers=1)
    spec.write_text(
        spec.read_text()
        .replace("samples: 3", "samples: 4")
        .replace("replications: 2", "replications: 3")
    )
    before = sorted(p.name for p in (out / "runs").iterdir())
    assert main(["sweep", str(spec), "--out", str(out), "--resume", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "cannot resume: the spec is not the one that made" in err
    assert "design.samples: 3 -> 4" in err and "replications: 2 -> 3" in err
    assert "run the changed spec with another --out" in err
    assert sorted(p.name for p in (out / "runs").iterdir()) == before  # nothing touched


def test_a_changed_base_scenario_refuses_to_resume(tmp_path: Path) -> None:
    scenario = tmp_path / "base.yaml"
    scenario.write_text(f"extends: {CLASSROOM}\nname: base\n")
    spec = write_spec(tmp_path, SMALL.format(scenario=scenario, samples=2))
    run_sweep(spec, tmp_path / "out", workers=1)
    scenario.write_text(f"extends: {CLASSROOM}\nname: base\ncalibration: {{eta: 5}}\n")
    with pytest.raises(SweepError, match=r"Changed: the base scenario's content \(hash"):
        run_sweep(spec, tmp_path / "out", workers=1, resume=True)


def test_one_driver_at_a_time(tmp_path: Path) -> None:
    spec = small_spec(tmp_path, samples=2)
    with (
        Store(tmp_path / "out").lock(),
        pytest.raises(SweepError, match="being written by another sweep"),
    ):
        run_sweep(spec, tmp_path / "out", workers=1)


def test_resume_of_a_complete_sweep_runs_nothing(tmp_path: Path) -> None:
    spec = small_spec(tmp_path, samples=2)
    run_sweep(spec, tmp_path / "out", workers=1)
    summary = run_sweep(spec, tmp_path / "out", workers=1, resume=True)
    assert summary.computed == 0 and summary.stored_before == 4 and summary.complete
