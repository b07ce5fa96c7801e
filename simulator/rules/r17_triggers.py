"""R17 Conditional escalation (seed 001): a trigger switches levers when a metric crosses a threshold for N months."""

from __future__ import annotations

from simulator.rules.levers import set_levers
from simulator.state import ModelState


def triggers(s: ModelState) -> None:
    """Check every trigger on last month's metrics (from month 2) and apply those that fire.

    Each firing is counted in the ``triggers_fired`` flow, so replications can report
    whether and when escalation happened.
    """
    if s.month == 1:
        return
    for state in s.triggers:
        w = state.trigger.when
        value = s.history[w.metric][-1]
        levers = state.check(s.month, value)
        if levers:
            s.flows["triggers_fired"] += 1
            set_levers(
                s,
                levers,
                "R17",
                f"trigger '{state.trigger.name}': {w.metric} {value:.3g} {w.op} {w.value} for {w.for_months} months",
            )
