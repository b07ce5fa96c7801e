"""R11 Mexican-led precision operations (seed 000, Phase 3).

Raids on leaders, labs and finance nodes, with effectiveness from intelligence x
integrity x capacity; arrests rather than killings (R4 captures); fusion cells find
corridor brokers (R5); human-rights conditions on US aid raise compliance.
"""

from __future__ import annotations

import numpy as np

from simulator.agents import EnforcementBody
from simulator.rules.levers import cooperation_gate, effective, mean_tips
from simulator.rules.r04_succession import remove_leader
from simulator.rules.r05_gatekeepers import target_gatekeepers
from simulator.rules.targets import (
    active_majors,
    casualties,
    damage_labs,
    pick_target,
    region_of,
    weighted_index,
)
from simulator.state import ModelState

RAID_AIMS = ("leaders", "labs", "finance")
RAID_MIX = np.array([0.4, 0.3, 0.3])  # assumption: share of raids on each kind of target


def mexican_intelligence(s: ModelState, body: EnforcementBody) -> float:
    """Mexican intelligence: own quality, boosted by shared US intelligence (R9) and tips (R12).

    What the US shares also depends on its trust in Mexico (R9: extraditions build it).
    """
    gate = cooperation_gate(s)
    us = s.governments.get("US")
    trust = min(1.5, max(0.5, us.cooperation / us.cooperation_ref)) if us else 1.0
    shared = 0.6 * effective(s, "fusion_cells") + 0.4 * effective(s, "intel_sharing")
    boost = 1 + shared * gate * trust
    return min(1.0, body.intel_quality * boost * mean_tips(s))


def mexican_operations(s: ModelState) -> None:
    """This month's precision raids, broker removals and human-rights compliance."""
    cal, c = s.calibration, s.cartels
    raider = next((b for b in s.bodies.values() if b.government == "MX" and b.can("raid")), None)
    if raider is None:
        return
    intel = mexican_intelligence(s, raider)
    majors = active_majors(s)
    for _ in range(int(s.rng.poisson(s.levers["precision_raids_per_month"]))):
        target = pick_target(s, majors)
        region = region_of(s, target)
        p = raider.success_probability(cal.raid_success_base, intel, s.regions.integrity[region])
        aim = RAID_AIMS[weighted_index(s.rng, RAID_MIX)]
        if s.rng.random() < p:
            if aim == "leaders":
                remove_leader(s, target, False, region, raider.code, "R11")
            elif aim == "labs":
                damage_labs(s, target, region, raider.code, "R11")
            else:
                seized = c.cash_usd[target] * 0.05
                c.cash_usd[target] -= seized
                s.events.add(
                    s.month,
                    "R11",
                    raider.code,
                    s.world.regions[region],
                    f"{c.name[target]} finance node raided; ${seized / 1e6:,.0f}M seized",
                )
            c.pending_arrests[target] += cal.arrests_per_raid
        casualties(s, cal.civilians_per_raid * (1 - raider.human_rights), region)
    # R5: fusion cells find corridor brokers.
    effort = 2.0 * effective(s, "fusion_cells") * s.levers["gatekeeper_targeting"] * intel
    target_gatekeepers(s, majors, effort, raider.code)
    # Human-rights conditions on aid raise compliance over time.
    if s.levers["us_aid_usd_per_year"] > 0:
        goal = 0.5 + 0.5 * s.levers["human_rights_conditions"]
        for b in s.bodies.values():
            if b.government == "MX":
                b.human_rights += 0.05 * (goal - b.human_rights)
