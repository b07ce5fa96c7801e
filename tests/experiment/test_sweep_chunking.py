"""Chunk sizes: fixed when asked, else measured and aimed at the executor's target duration.

One-run chunks until the speed is known, then the target, shrinking near the end,
within bounds on size and count.
"""

from __future__ import annotations

import math

from simulator.experiment.sweep.chunking import MAX_CHUNK_RUNS, MAX_CHUNKS, ChunkSizer


class FakeClock:
    """Seconds that pass only when a test says so."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def measured(total: int, workers: int, seconds_per_run: float, target: float) -> ChunkSizer:
    """A sizer that has seen 10 runs per worker come back at ``seconds_per_run`` each."""
    clock = FakeClock()
    sizer = ChunkSizer(total, target, lambda: workers, clock=clock)
    sizer.start()
    clock.now = 10 * seconds_per_run
    sizer.finished(10 * workers)
    return sizer


def test_a_fixed_size_is_kept_whatever_the_speed_or_the_end() -> None:
    sizer = ChunkSizer(1000, 1.0, lambda: 2, fixed=7)
    assert [sizer.size(r) for r in (1000, 10, 1)] == [7, 7, 7]


def test_first_chunks_hold_one_run_until_a_chunk_comes_back() -> None:
    sizer = ChunkSizer(1000, 1.0, lambda: 2, clock=FakeClock())
    assert sizer.seconds_per_run() is None and sizer.size(1000) == 1
    sizer.start()
    assert sizer.size(1000) == 1  # started, nothing back yet


def test_chunks_aim_at_the_target_duration_from_the_measured_speed() -> None:
    sizer = measured(total=1000, workers=2, seconds_per_run=0.125, target=1.0)
    assert math.isclose(sizer.seconds_per_run() or 0, 0.125)
    assert sizer.size(900) == 8  # 1 s / 0.125 s
    assert measured(1000, 2, 0.125, target=3.0).size(900) == 24  # Dask's longer target


def test_chunks_shrink_near_the_end_so_workers_finish_together() -> None:
    sizer = measured(total=1000, workers=2, seconds_per_run=0.01, target=1.0)
    assert sizer.size(900) == 100
    assert [sizer.size(r) for r in (100, 40, 9, 3, 1)] == [25, 10, 3, 1, 1]


def test_very_fast_runs_are_capped_and_big_sweeps_bounded_in_files() -> None:
    assert measured(10**6, 2, 1e-7, 1.0).size(10**6) == MAX_CHUNK_RUNS
    big = ChunkSizer(200_000, 1.0, lambda: 4)  # slow runs would want one-run chunks
    assert big.size(200_000) == math.ceil(200_000 / MAX_CHUNKS)


def test_the_worker_count_is_asked_again_for_each_chunk() -> None:
    workers = [2]
    clock = FakeClock()
    sizer = ChunkSizer(1000, 1.0, lambda: workers[0], clock=clock)
    sizer.start()
    clock.now = 1.0
    sizer.finished(16)  # 16 runs in 1 s on 2 workers: 0.125 worker-seconds a run
    assert sizer.size(100) == 8
    workers[0] = 4  # two workers joined: the same rate means slower runs, and a shorter tail
    assert sizer.size(100) == 4
    assert sizer.size(24) == 3
