"""R17 conditional escalation: triggers switch levers when a metric crosses a threshold for N months."""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from simulator.scenario.schema import Trigger

_OPS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


class TriggerState:
    """One trigger and how many consecutive months its condition has held."""

    def __init__(self, trigger: Trigger) -> None:
        self.trigger = trigger
        self.streak = 0
        self.fired = 0

    def check(self, month: int, value: float) -> dict[str, Any] | None:
        """Update with last month's metric value; return the levers to set if the trigger fires."""
        t = self.trigger
        if month <= t.after_month or (t.once and self.fired):
            return None
        self.streak = self.streak + 1 if _OPS[t.when.op](value, t.when.value) else 0
        if self.streak < t.when.for_months:
            return None
        self.fired += 1
        self.streak = 0
        return t.set.set_values()
