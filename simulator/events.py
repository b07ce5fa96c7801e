"""The event log: what happened, when, where, and which rule made it happen."""

from __future__ import annotations

from dataclasses import astuple, dataclass, fields, replace

import pandas as pd


@dataclass(frozen=True, slots=True)
class Event:
    """One entry of the event log."""

    month: int
    rule: str
    actor: str
    region: str
    text: str


EVENT_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Event))


class EventLog:
    """Append-only list of events, exported as a table for CLI, reports and dashboard."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def add(self, month: int, rule: str, actor: str, region: str, text: str) -> None:
        """Record an event; ``rule`` is a rule id such as ``R4``."""
        self.events.append(Event(month, rule, actor, region, text))

    def annotate(self, first: int, note: str) -> None:
        """Append ``note`` in brackets to the text of every event from index ``first`` on."""
        if note:
            for k in range(first, len(self.events)):
                self.events[k] = replace(self.events[k], text=f"{self.events[k].text} [{note}]")

    def __len__(self) -> int:
        return len(self.events)

    def to_frame(self) -> pd.DataFrame:
        """Return the log as a DataFrame with columns month, rule, actor, region, text."""
        return pd.DataFrame([astuple(e) for e in self.events], columns=list(EVENT_COLUMNS))

    def count_by_rule(self) -> dict[str, int]:
        """Return how many events each rule caused."""
        counts: dict[str, int] = {}
        for e in self.events:
            counts[e.rule] = counts.get(e.rule, 0) + 1
        return counts
