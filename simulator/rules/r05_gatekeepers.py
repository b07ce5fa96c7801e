"""R5 Gatekeepers (seed 000, Phase 2: target "the brokers who control corridors rather than the foot soldiers").

Removing a corridor broker cuts that group's route throughput for months, without a
succession war; new brokers step in for removed ones, one at a time.
"""

from __future__ import annotations

import numpy as np

from simulator.rules.targets import pick_target, region_of
from simulator.state import ModelState


def remove_gatekeeper(s: ModelState, i: int, region: int, actor: str) -> None:
    """A corridor broker of group ``i`` removed: throughput falls, no succession war."""
    c = s.cartels
    before = float(c.throughput[i])
    c.throughput[i] *= 1 - s.calibration.gatekeeper_cut
    c.gatekeepers[i] = max(0, c.gatekeepers[i] - 1)
    s.events.add(
        s.month,
        "R5",
        actor,
        s.world.regions[region],
        f"{c.name[i]} corridor broker removed; route throughput {before:.2f} → {c.throughput[i]:.2f}",
    )


def target_gatekeepers(s: ModelState, majors: np.ndarray, effort: float, actor: str) -> None:
    """Fusion cells find corridor brokers: a Poisson number of removals at rate ``effort``."""
    for _ in range(int(s.rng.poisson(effort))):
        candidates = majors[s.cartels.gatekeepers[majors] > 0]
        if len(candidates):
            i = pick_target(s, candidates)
            remove_gatekeeper(s, i, region_of(s, i), actor)


def replace_gatekeepers(s: ModelState) -> None:
    """New brokers step in for removed ones, one per group at a time."""
    c = s.cartels
    short = np.flatnonzero(c.gatekeepers < c.gatekeepers_ref)
    draws = s.rng.random(len(short))
    c.gatekeepers[short[draws < 1 / s.calibration.broker_replacement_months]] += 1
