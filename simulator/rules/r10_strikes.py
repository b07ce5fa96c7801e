"""R10 Unilateral strikes (seeds 001, 003, 004).

A US strike force hits leaders or labs without Mexican consent. Each strike can leak
(the target is warned; rarer for a US force than for Mexican units, R11), miss (more
often with poorer intelligence, which is lower without Mexican cooperation) or
succeed; a successful strike on a leader kills him or, for a set share of them,
captures him (R4). Hit or miss, strikes cause civilian casualties, raise grievance
(R12) and hostility towards US citizens in Mexico (R3), and each is a sovereignty
incident (R9).
"""

from __future__ import annotations

from simulator.agents.enforcement import LEAKED, SUCCESS
from simulator.rules.levers import cooperation_gate, effective
from simulator.rules.r04_succession import remove_leader
from simulator.rules.r09_cooperation import incident
from simulator.rules.targets import active_majors, casualties, damage_labs, pick_target, region_of
from simulator.state import ModelState


def strike_intelligence(s: ModelState, quality: float) -> float:
    """A strike force's intelligence: its own quality, part of it only with Mexican sharing (seed 004)."""
    w = s.calibration.strike_intel_from_sharing
    return quality * (1 - w + w * effective(s, "intel_sharing") * cooperation_gate(s))


def unilateral_strikes(s: ModelState) -> None:
    """This month's strikes: a Poisson number at the lever's rate, on the active major groups."""
    cal, c = s.calibration, s.cartels
    rate = s.levers["unilateral_strikes_per_month"]
    force = next((b for b in s.bodies.values() if b.can("strike")), None)
    s.hostility *= 1 - cal.hostility_decay
    majors = active_majors(s)
    if rate <= 0 or force is None or not len(majors):
        return  # no strike force, or nobody left to strike
    intel = strike_intelligence(s, force.intel_quality)
    hit = force.hit_probability(cal.strike_success_base, intel)
    leak = force.leak_probability(cal.leak_propensity)
    for _ in range(int(s.rng.poisson(rate))):
        target = pick_target(s, majors)
        region = region_of(s, target)
        aim = s.levers["strike_target"]
        mix = s.rng.random()  # drawn whatever the aim, so the aim never shifts later draws
        if aim == "mixed":
            aim = "leaders" if mix < cal.strike_mix_leaders else "labs"
        outcome = force.operation(s.rng, hit, leak)
        if outcome == SUCCESS:
            if aim == "leaders":
                killed = s.rng.random() < cal.strike_kill_share
                remove_leader(s, target, killed, region, force.code, "R10")
            else:
                damage_labs(s, target, region, force.code, "R10")
        elif outcome == LEAKED:
            s.events.add(
                s.month,
                "R10",
                force.code,
                s.world.regions[region],
                f"strike on {c.name[target]} ({aim}) leaked: target warned",
            )
        casualties(s, cal.civilians_per_strike, region)
        shock = s.regions.grievance_shock
        shock[region] = min(1.0, shock[region] + cal.strike_grievance)
        s.hostility += 1
        incident(s, region, force.code, f"strike on {c.name[target]} ({aim})")
