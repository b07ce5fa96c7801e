"""R10 Unilateral strikes (seeds 001, 003, 004).

A US strike force hits leaders or labs without Mexican consent, with a success
chance set by intelligence quality, which is lower without Mexican cooperation.
Strikes kill rather than capture (R4), cause civilian casualties, raise grievance
(R12) and hostility towards US citizens in Mexico (R3), and each is a sovereignty
incident (R9).
"""

from __future__ import annotations

from simulator.rules.levers import cooperation_gate, effective
from simulator.rules.r04_succession import remove_leader
from simulator.rules.r09_cooperation import incident
from simulator.rules.targets import active_majors, casualties, damage_labs, pick_target, region_of
from simulator.state import ModelState


def unilateral_strikes(s: ModelState) -> None:
    """This month's strikes: a Poisson number at the lever's rate."""
    cal = s.calibration
    rate = s.levers["unilateral_strikes_per_month"]
    force = next((b for b in s.bodies.values() if b.can("strike")), None)
    s.hostility *= 0.8  # assumption: retaliation risk fades over a few months
    if rate <= 0 or force is None:
        return
    # Intelligence is worse without Mexican help (seed 004; assumption on the size).
    intel = force.intel_quality * (0.6 + 0.4 * effective(s, "intel_sharing") * cooperation_gate(s))
    majors = active_majors(s)
    for _ in range(int(s.rng.poisson(rate))):
        target = pick_target(s, majors)
        region = region_of(s, target)
        aim = s.levers["strike_target"]
        if aim == "mixed":
            aim = "leaders" if s.rng.random() < 0.5 else "labs"
        if s.rng.random() < force.success_probability(cal.strike_success_base, intel):
            if aim == "leaders":
                remove_leader(s, target, True, region, force.code, "R10")
            else:
                damage_labs(s, target, region, force.code, "R10")
        casualties(s, cal.civilians_per_strike, region)
        shock = s.regions.grievance_shock
        shock[region] = min(1.0, shock[region] + cal.strike_grievance)
        s.hostility += 1.0
        incident(s, region, force.code, f"strike on {s.cartels.name[target]} ({aim})")
