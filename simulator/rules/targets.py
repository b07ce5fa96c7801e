"""What operations (R4, R5, R10, R11) act on: picking a target group and region; labs; casualties."""

from __future__ import annotations

import numpy as np

from simulator.state import ModelState


def weighted_index(rng: np.random.Generator, p: np.ndarray) -> int:
    """Draw an index with probabilities ``p``: the same draw as ``rng.choice(len(p), p=p)``.

    Generator.choice with ``p`` takes one uniform and searches the normalised
    cumulative sum; doing that directly skips its per-call argument checks (operations
    draw thousands of targets in a sweep).
    """
    cdf = np.cumsum(p)
    cdf /= cdf[-1]
    return int(np.searchsorted(cdf, rng.random(), side="right"))


def active_majors(s: ModelState) -> np.ndarray:
    """Slots of the active major cartels and factions (operations do not target local groups)."""
    c = s.cartels
    return np.flatnonzero(~c.is_local & c.active)


def pick_target(s: ModelState, slots: np.ndarray) -> int:
    """Pick one group among ``slots`` (not empty: callers check), in proportion to its members."""
    w = s.cartels.members[slots]
    return int(slots[weighted_index(s.rng, w / w.sum())])


def region_of(s: ModelState, i: int) -> int:
    """Pick a region of group ``i``'s territory, in proportion to its presence there."""
    regions, presence = s.cartels.territory.entries(i)
    total = presence.sum()
    return int(regions[weighted_index(s.rng, presence / total)]) if total > 0 else 0


def damage_labs(s: ModelState, i: int, region: int, actor: str, rule: str) -> None:
    """R10/R11: a lab destroyed cuts the group's production capacity (it recovers, R8)."""
    c = s.cartels
    before = float(c.production[i])
    c.production[i] *= 1 - s.calibration.lab_damage
    s.events.add(
        s.month,
        rule,
        actor,
        s.world.regions[region],
        f"{c.name[i]} lab destroyed; production capacity {before:.2f} → {c.production[i]:.2f}",
    )


def casualties(s: ModelState, expected: float, region: int) -> None:
    """R10/R11: civilian casualties of an operation, a Poisson draw around ``expected``."""
    n = float(s.rng.poisson(expected)) if expected > 0 else 0.0
    s.flows["civilian_casualties"] += n
    s.regions.civilians[region] += n
