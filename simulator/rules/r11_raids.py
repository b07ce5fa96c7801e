"""R11 Mexican-led precision operations (seed 000, Phase 3; embedded US advisers, seed 004).

Raids on leaders, labs and finance nodes. Each raid can leak (the target is warned,
more often where the unit's and the region's integrity are low), fail (more often
with poorer intelligence and capacity) or succeed; a successful raid on a leader
captures him or, for a set share, kills him (R4). The same unit, with fusion cells,
goes after corridor brokers (R5, its own step and random stream); human-rights conditions on US aid raise compliance. Embedded US advisers
(Plan Colombia-style, with Mexico's consent, so gated by cooperation) add
intelligence and capacity to the raids and cut their leaks.
"""

from __future__ import annotations

import numpy as np

from simulator.agents import EnforcementBody
from simulator.agents.enforcement import LEAKED, SUCCESS
from simulator.rules.levers import cooperation_gate, effective, mean_tips
from simulator.rules.r04_succession import remove_leader
from simulator.rules.targets import (
    active_majors,
    casualties,
    damage_labs,
    pick_target,
    region_of,
    weighted_index,
)
from simulator.state import ModelState
from simulator.units import USD_PER_MILLION

RAID_AIMS = ("leaders", "labs", "finance")


def raid_mix(s: ModelState) -> np.ndarray:
    """Shares of raids on leaders, labs and finance nodes (finance: the rest, at least 0)."""
    cal = s.calibration
    leaders, labs = cal.raid_share_leaders, cal.raid_share_labs
    mix = np.array([leaders, labs, max(0.0, 1 - leaders - labs)])
    return mix / mix.sum()  # never 0: finance takes the rest when the others are 0


def embedded(s: ModelState) -> float:
    """Embedded US advisers at work: the lever, gated by Mexico's consent (R9 cooperation)."""
    return effective(s, "embedded_advisers") * cooperation_gate(s)


def mexican_intelligence(s: ModelState, body: EnforcementBody) -> float:
    """Mexican intelligence: own quality, boosted by shared US intelligence (R9), tips (R12) and advisers.

    What the US shares also depends on its trust in Mexico (R9: extraditions build it).
    """
    cal = s.calibration
    gate = cooperation_gate(s)
    us = s.governments.get("US")
    trust = (
        min(cal.us_trust_max, max(cal.us_trust_min, us.cooperation / us.cooperation_ref))
        if us
        else 1.0
    )
    shared = cal.raid_intel_from_fusion * effective(
        s, "fusion_cells"
    ) + cal.raid_intel_from_sharing * effective(s, "intel_sharing")
    boost = (1 + shared * gate * trust) * (1 + cal.embedded_intel_effect * embedded(s))
    return min(1.0, body.intel_quality * boost * mean_tips(s))


def raid_capacity(s: ModelState, body: EnforcementBody) -> float:
    """The raiding unit's capacity, raised by embedded advisers (training, helicopters), at most 1."""
    return min(1.0, body.capacity * (1 + s.calibration.embedded_capacity_effect * embedded(s)))


def raiding_unit(s: ModelState) -> EnforcementBody | None:
    """The Mexican body that carries out raids (the first with the ``raid`` mandate), if any."""
    return next((b for b in s.bodies.values() if b.government == "MX" and b.can("raid")), None)


def mexican_operations(s: ModelState) -> None:
    """This month's precision raids and human-rights compliance (broker operations: R5)."""
    cal, c = s.calibration, s.cartels
    raider = raiding_unit(s)
    if raider is None:
        return
    intel = mexican_intelligence(s, raider)
    capacity = raid_capacity(s, raider)
    protection = cal.embedded_leak_cut * embedded(s)
    hit = raider.hit_probability(cal.raid_success_base, intel, capacity)
    majors = active_majors(s)
    mix = raid_mix(s)
    for _ in range(int(s.rng.poisson(s.levers["precision_raids_per_month"])) if len(majors) else 0):
        target = pick_target(s, majors)
        region = region_of(s, target)
        leak = raider.leak_probability(
            cal.leak_propensity, float(s.regions.integrity[region]), protection
        )
        aim = RAID_AIMS[weighted_index(s.rng, mix)]
        outcome = raider.operation(s.rng, hit, leak)
        if outcome == SUCCESS:
            if aim == "leaders":
                killed = s.rng.random() < cal.raid_kill_share
                remove_leader(s, target, killed, region, raider.code, "R11")
            elif aim == "labs":
                damage_labs(s, target, region, raider.code, "R11")
            else:
                seized = c.cash_usd[target] * cal.finance_raid_seizure
                c.cash_usd[target] -= seized
                s.events.add(
                    s.month,
                    "R11",
                    raider.code,
                    s.world.regions[region],
                    f"{c.name[target]} finance node raided; ${seized / USD_PER_MILLION:,.0f}M seized",
                )
            c.pending_arrests[target] += cal.arrests_per_raid
        elif outcome == LEAKED:
            s.events.add(
                s.month,
                "R11",
                raider.code,
                s.world.regions[region],
                f"raid on {c.name[target]} ({aim}) leaked: target warned",
            )
        casualties(s, cal.civilians_per_raid * (1 - raider.human_rights), region)
    # Human-rights conditions on aid raise compliance over time.
    if s.levers["us_aid_usd_per_year"] > 0:
        goal = (
            cal.human_rights_floor
            + cal.human_rights_conditions_effect * (s.levers["human_rights_conditions"])
        )
        for b in s.bodies.values():
            if b.government == "MX":
                b.human_rights += cal.human_rights_rate * (min(1.0, goal) - b.human_rights)
