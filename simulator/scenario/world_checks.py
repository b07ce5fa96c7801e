"""Checks of a scenario against the world it runs on: every region, crossing and cartel it names.

The loader runs these after the schema and :func:`~simulator.scenario.schema.semantic_problems`,
so ``cartelsim check`` catches every reference a run would trip on, without building a
model. The world is built (cheaply, and cached per world section) with the same
builder the model uses.
"""

from __future__ import annotations

import difflib
from functools import lru_cache

from simulator.scenario.schema import Path, Scenario, WorldSpec
from simulator.scenario.schema.levers import STATUS_QUO
from simulator.world import World, build_world

NUMERIC_LEVERS = tuple(k for k, v in STATUS_QUO.items() if isinstance(v, float | int))
"""Levers with a 0-1 (or count) setting, the ones ``lever_cost_usd_per_year`` may price."""


def scenario_world(spec: WorldSpec) -> World:
    """Build the region graph a scenario's ``world`` section asks for (as the model does)."""
    return _cached_world(spec.kind, spec.regions, spec.cartels, spec.crossings, spec.seed)


@lru_cache(maxsize=16)
def _cached_world(kind: str, regions: int, cartels: int, crossings: int, seed: int) -> World:
    if kind == "synthetic":
        return build_world(
            "synthetic", n_regions=regions, n_cartels=cartels, n_crossings=crossings, seed=seed
        )
    return build_world(kind)


def world_problems(scenario: Scenario) -> list[tuple[Path, str]]:
    """Return every reference in ``scenario`` that its world does not have, as (path, message)."""
    problems: list[tuple[Path, str]] = _lever_cost_problems(scenario)
    if not scenario.cartels:
        problems.append((("cartels",), "needs at least one cartel; a run has nothing to model"))
    elif not any(c.members for c in scenario.cartels) and not (
        scenario.local_groups.count and scenario.local_groups.members
    ):
        problems.append(
            (
                ("cartels",),
                "every cartel has 0 members and there are no local groups; a run has nothing to model",
            )
        )
    try:
        world = scenario_world(scenario.world)
    except ValueError as e:  # a combination the generator cannot build
        return [*problems, (("world",), f"cannot build this world: {e}")]
    regions = list(world.regions)
    known = set(regions)
    name = world.name

    for i, cartel in enumerate(scenario.cartels):
        here: Path = ("cartels", i)
        if cartel.territory is None:
            if cartel.id not in world.cartel_presence:
                problems.append(
                    (
                        (*here, "territory"),
                        f"cartel {cartel.id!r} has no presence data in world {name!r}; "
                        "give its territory (region code: strength)",
                    )
                )
            continue
        for code in cartel.territory:
            if code not in known:
                problems.append(((*here, "territory", code), _unknown_region(code, regions, name)))
        if not any(strength > 0 for strength in cartel.territory.values()):
            problems.append(
                (
                    (*here, "territory"),
                    "needs a strength above 0 in at least one region: a cartel present "
                    "nowhere cannot recruit, fight or be arrested",
                )
            )

    for code in scenario.communities.overrides:
        if code not in known:
            problems.append(
                (("communities", "overrides", code), _unknown_region(code, regions, name))
            )

    crossings = [c.id for c in world.crossings]
    for i, op in enumerate(scenario.policy.operations):
        here = ("policy", "operations", i)
        if op.region is not None and op.region not in known:
            problems.append(((*here, "region"), _unknown_region(op.region, regions, name)))
        if op.kind == "interdict_crossing" and op.target not in crossings:
            problems.append(((*here, "target"), _unknown("crossing", op.target, crossings)))
    return problems


def _lever_cost_problems(scenario: Scenario) -> list[tuple[Path, str]]:
    """Levers priced in ``calibration.lever_cost_usd_per_year`` must be numeric levers."""
    here: Path = ("calibration", "lever_cost_usd_per_year")
    return [
        ((*here, key), _unknown("numeric lever", key, list(NUMERIC_LEVERS)))
        for key in scenario.calibration.lever_cost_usd_per_year
        if key not in NUMERIC_LEVERS
    ]


def _unknown_region(code: str, regions: list[str], world: str) -> str:
    return _unknown("region", code, regions) + f" (world {world!r})"


def _unknown(what: str, value: str, valid: list[str]) -> str:
    near = difflib.get_close_matches(value, valid, n=1)
    if near:
        hint = f" (did you mean {near[0]!r}?)"
    elif len(valid) <= 40:
        hint = f"; valid: {', '.join(valid) or 'none'}"
    else:
        hint = f"; valid: {', '.join(valid[:40])}, ... ({len(valid)} in all)"
    return f"unknown {what} {value!r}{hint}"
