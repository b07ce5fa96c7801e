"""One-off operations a scenario schedules (narrow actions and validation experiments).

Each acts through the rule it belongs to: leader removals (R4), lab raids (R10/R11),
broker removals (R5), crossing interdiction (R8); an operation by a US body acting
unilaterally is also a sovereignty incident (R9). The scenario loader has checked
every target and region against the world.
"""

from __future__ import annotations

from simulator.rules.r04_succession import remove_leader
from simulator.rules.r05_gatekeepers import remove_gatekeeper
from simulator.rules.r09_cooperation import incident
from simulator.rules.targets import damage_labs
from simulator.state import ModelState


def scheduled_operations(s: ModelState) -> None:
    """Carry out the operations scheduled for this month, in the scenario's order."""
    for op in s.operations:
        if op.month != s.month:
            continue
        body = s.bodies[op.actor]
        first = len(s.events)
        if op.kind == "interdict_crossing":
            x = [c.id for c in s.world.crossings].index(op.target)
            s.closed_crossings[x] = op.duration_months
            region = s.world.index(s.world.crossings[x].region)
            s.events.add(
                s.month,
                "R8",
                op.actor,
                s.world.regions[region],
                f"crossing {op.target} interdicted for {op.duration_months} months",
            )
            s.events.annotate(first, op.note)
            continue
        i = s.cartels.code.index(op.target)
        region = s.world.index(op.region) if op.region else int(s.cartels.home[i])
        unilateral = body.government == "US" and body.on_mexican_soil == "unilateral"
        if op.kind in ("capture_leader", "kill_leader"):
            remove_leader(s, i, op.kind == "kill_leader", region, op.actor, "R4")
        elif op.kind == "raid_lab":
            damage_labs(s, i, region, op.actor, "R10" if unilateral else "R11")
        elif op.kind == "remove_gatekeeper":
            remove_gatekeeper(s, i, region, op.actor)
        if unilateral:
            incident(s, region, op.actor, op.kind.replace("_", " "))
        s.events.annotate(first, op.note)  # the scenario's note on what this operation was
