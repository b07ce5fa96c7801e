"""R5 Gatekeepers (seed 000, Phase 2: target "the brokers who control corridors rather than the foot soldiers").

Removing a corridor broker cuts that group's route throughput for months, without a
succession war; new brokers step in for removed ones, one at a time. Operations
against brokers succeed, fail or leak like raids (R11): leaks rise as the unit's
and the region's integrity fall.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from simulator.agents.enforcement import LEAKED, SUCCESS
from simulator.rules.levers import effective
from simulator.rules.r11_raids import embedded, mexican_intelligence, raid_capacity, raiding_unit
from simulator.rules.targets import active_majors, pick_target, region_of
from simulator.state import ModelState

if TYPE_CHECKING:
    from simulator.agents import EnforcementBody


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


def target_gatekeepers(
    s: ModelState,
    majors: np.ndarray,
    rate: float,
    body: EnforcementBody,
    hit: float,
    protection: float = 0.0,
) -> None:
    """Operations against corridor brokers: a Poisson number at ``rate``, each drawn like a raid.

    ``hit`` is the chance one that does not leak removes its broker; it leaks with the
    body's leak probability in the broker's region, less ``protection`` (R11).
    """
    cal, c = s.calibration, s.cartels
    for _ in range(int(s.rng.poisson(rate))):
        candidates = majors[c.gatekeepers[majors] > 0]
        if not len(candidates):
            continue
        i = pick_target(s, candidates)
        region = region_of(s, i)
        leak = body.leak_probability(
            cal.leak_propensity, float(s.regions.integrity[region]), protection
        )
        outcome = body.operation(s.rng, hit, leak)
        if outcome == SUCCESS:
            remove_gatekeeper(s, i, region, body.code)
        elif outcome == LEAKED:
            s.events.add(
                s.month,
                "R5",
                body.code,
                s.world.regions[region],
                f"operation on a {c.name[i]} corridor broker leaked: broker warned",
            )


def broker_operations(s: ModelState) -> None:
    """Mexico's raiding unit, guided by fusion cells, goes after corridor brokers.

    Poisson(broker_operations_per_month x fusion_cells delivered x gatekeeper_targeting)
    operations a month, each with the unit's intelligence, capacity and leak
    protection of this month's raids (R11). A step of its own, with its own random
    stream, so the number of raids never shifts what broker operations draw.
    """
    cal = s.calibration
    raider = raiding_unit(s)
    if raider is None:
        return
    rate = cal.broker_operations_per_month * effective(s, "fusion_cells")
    rate *= s.levers["gatekeeper_targeting"]
    hit = raider.hit_probability(
        cal.broker_success_base, mexican_intelligence(s, raider), raid_capacity(s, raider)
    )
    protection = cal.embedded_leak_cut * embedded(s)
    target_gatekeepers(s, active_majors(s), rate, raider, hit, protection)


def replace_gatekeepers(s: ModelState) -> None:
    """New brokers step in for removed ones, one per group at a time."""
    c = s.cartels
    short = np.flatnonzero(c.gatekeepers < c.gatekeepers_ref)
    draws = s.rng.random(len(short))
    c.gatekeepers[short[draws < 1 / s.calibration.broker_replacement_months]] += 1
