"""Checks that span fields: phase windows and references between sections of a scenario."""

from __future__ import annotations

from simulator.scenario.schema.base import Path
from simulator.scenario.schema.policy import Phase
from simulator.scenario.schema.scenario import Scenario


def semantic_problems(scenario: Scenario) -> list[tuple[Path, str]]:
    """Return the problems that span fields: phase windows and references between sections.

    Each problem is a field path (as in pydantic's ``loc``) and a message, so the
    loader can point at the file and line.
    """
    problems = phase_problems(scenario.policy.phases, scenario.months)
    cal = scenario.calibration
    if cal.faction_share_min > cal.faction_share_max:  # R4 draws between them
        problems.append(
            (
                ("calibration", "faction_share_max"),
                f"must be ≥ faction_share_min ({cal.faction_share_min:g}), got {cal.faction_share_max:g}",
            )
        )
    govs = [g.id for g in scenario.governments]
    for i, g in enumerate(govs):
        if g in govs[:i]:
            problems.append((("governments", i, "id"), f"duplicate government {g!r}"))
    cartel_ids = [c.id for c in scenario.cartels]
    for i, c in enumerate(cartel_ids):
        if c in cartel_ids[:i]:
            problems.append((("cartels", i, "id"), f"duplicate cartel id {c!r}"))
    for section in ("rivalries", "alliances"):
        for i, rel in enumerate(getattr(scenario, section) or []):
            for j, cid in enumerate(rel.between):
                if cid not in cartel_ids:
                    problems.append(
                        ((section, i, "between", j), _unknown("cartel", cid, cartel_ids))
                    )
    body_ids = [b.id for b in scenario.enforcement]
    for i, b in enumerate(scenario.enforcement):
        if b.government not in govs:
            problems.append(
                (
                    ("enforcement", i, "government"),
                    f"government {b.government!r} is not in governments",
                )
            )
    for i, op in enumerate(scenario.policy.operations):
        here = ("policy", "operations", i)
        if op.actor not in body_ids:
            problems.append((here + ("actor",), _unknown("enforcement body", op.actor, body_ids)))
        if op.kind != "interdict_crossing" and op.target not in cartel_ids:
            problems.append((here + ("target",), _unknown("cartel", op.target, cartel_ids)))
        if op.month > scenario.months:
            problems.append((here + ("month",), f"is after the horizon ({scenario.months} months)"))
    return problems


def _unknown(what: str, value: str, valid: list[str]) -> str:
    import difflib

    near = difflib.get_close_matches(value, valid, n=1)
    hint = f" (did you mean {near[0]!r}?)" if near else f"; valid: {', '.join(valid) or 'none'}"
    return f"unknown {what} {value!r}{hint}"


def phase_problems(phases: list[Phase], months: int) -> list[tuple[Path, str]]:
    """Return the problems of the phase windows: end before start, overlaps, gaps, past the horizon.

    Separate from :func:`semantic_problems` so the loader can report them even when
    another part of the file fails validation.
    """
    problems: list[tuple[Path, str]] = []
    for i, ph in enumerate(phases):
        here: Path = ("policy", "phases", i)
        if ph.end is not None and ph.end < ph.start:
            problems.append(
                (here + ("end",), f"ends (month {ph.end}) before it starts (month {ph.start})")
            )
        if ph.start > months:
            problems.append((here + ("start",), f"starts after the horizon ({months} months)"))
        if i == 0:
            continue
        prev = phases[i - 1]
        if prev.end is None:
            problems.append(
                ((*here[:-1], i - 1, "end"), f"is open-ended but phases[{i}] follows it")
            )
        elif ph.start <= prev.end:
            problems.append(
                (
                    here + ("start",),
                    f"overlaps phases[{i - 1}] (months {prev.start}-{prev.end}); must start after month {prev.end}",
                )
            )
        elif ph.start > prev.end + 1:
            problems.append(
                (
                    here + ("start",),
                    f"leaves a gap after phases[{i - 1}] (months {prev.end + 1}-{ph.start - 1} have no phase)",
                )
            )
    return problems
