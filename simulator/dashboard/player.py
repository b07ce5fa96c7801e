"""Playing a live run: a thread that steps the model and waits for each frame to render.

Used by the Explore and Editor pages. The month is a reactive value only the parts
that show it read, so a frame re-renders those parts, not the page around them; all
of them render in one pass (a batch), and the loop waits until the pass is done
(``FrameDone``'s effect) before the next step, so frames are never merged
(``../shared/notes/dashboard-offline.md``). The thread is started with
``intrusive_cancel=False``: Solara's default cancel tracer made frames 11x slower.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import reacton.core
import solara

from simulator.dashboard.components import use_error_reporter
from simulator.dashboard.live import LiveRun

SPEEDS = {"1": 1.0, "2": 2.0, "5": 5.0, "10": 10.0, "20": 20.0, "max": 0.0}  # months per second


class FrameClock:
    """Server-side time of the last frames: a step plus its render, in milliseconds.

    Wall time (what the user waits for) and the play thread's CPU time (what the frame
    costs the server, whatever else the machine is doing).
    """

    def __init__(self, keep: int = 60) -> None:
        self.times: deque[float] = deque(maxlen=keep)
        self.cpu: deque[float] = deque(maxlen=keep)
        self.stamps: deque[float] = deque(maxlen=keep)

    def add(self, seconds: float, cpu_seconds: float = float("nan")) -> None:
        """Record one frame that took ``seconds`` (``cpu_seconds`` of this thread's CPU)."""
        self.times.append(seconds * 1000)
        self.cpu.append(cpu_seconds * 1000)
        self.stamps.append(time.perf_counter())

    def median_cpu_ms(self) -> float:
        """Median CPU time of the play thread per frame (NaN before the first frame)."""
        if not self.cpu:
            return float("nan")
        return sorted(self.cpu)[len(self.cpu) // 2]

    def median_ms(self) -> float:
        """Median frame time so far (NaN before the first frame)."""
        if not self.times:
            return float("nan")
        return sorted(self.times)[len(self.times) // 2]

    def fps(self) -> float:
        """Frames per second over the frames kept."""
        span = self.stamps[-1] - self.stamps[0] if len(self.stamps) > 1 else 0.0
        return (len(self.stamps) - 1) / span if span > 0 else 0.0

    def text(self) -> str:
        """The median frame time and the frames per second of the last frames."""
        if not self.times:
            return ""
        return (
            f"server: {self.median_ms():.1f} ms per frame (median; {self.median_cpu_ms():.1f} ms "
            f"CPU), {self.fps():.1f} frames/s"
        )


@dataclass
class Player:
    """What a page needs from :func:`use_player`."""

    tick: solara.Reactive[int]  # the month shown; read it in every part that shows the month
    clock: FrameClock
    rendered: threading.Event
    step: Callable[[], None]  # one month now (for a Step button)


def use_player(
    run: LiveRun, playing: bool, set_playing: Callable[[bool], None], speed: str
) -> Player:
    """Step ``run`` on a thread while ``playing``, at ``speed`` months a second (``max``: no pause)."""
    tick = solara.use_reactive(run.month)
    rendered = solara.use_memo(threading.Event, [])
    clock = solara.use_memo(FrameClock, [])
    report = use_error_reporter()
    batch = reacton.core.get_render_context()  # `with batch:` renders every part in one pass

    def show(month: int) -> None:
        with batch:
            tick.set(month)

    def play(cancel: threading.Event) -> None:
        if not playing:
            return
        period = 1 / SPEEDS[speed] if SPEEDS[speed] else 0.0
        try:
            while not cancel.is_set():
                started, cpu = time.perf_counter(), time.thread_time()
                rendered.clear()
                if not run.step():
                    break
                show(run.month)
                rendered.wait(5)
                clock.add(time.perf_counter() - started, time.thread_time() - cpu)
                rest = period - (time.perf_counter() - started)
                if rest > 0:
                    cancel.wait(rest)
        except Exception as exc:
            report(exc)
        if not cancel.is_set():
            set_playing(False)

    solara.use_thread(play, dependencies=[playing, speed, run], intrusive_cancel=False)

    def step() -> None:
        if run.step():
            show(run.month)

    return Player(tick, clock, rendered, step)


@solara.component
def FrameDone(player: Player) -> None:
    """Put last in the page: tells the play loop that a frame's parts have rendered."""
    _ = player.tick.value
    solara.use_effect(player.rendered.set)
