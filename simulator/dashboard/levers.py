"""Lever controls generated from the scenario schema, and where in a scenario a lever is set.

Every slider's bounds, unit and help text come from :class:`simulator.scenario.Levers`
(the schema), its starting value from the scenario being explored (the status quo,
``STATUS_QUO``, overlaid by the scenario's own levers and phases). Nothing here
repeats a number of the schema; only the grouping by actor is the dashboard's.

A lever is changed through the loader's dotted overrides, in the *block* of the
scenario where it applies: the levers set from month 1 (``policy.levers``) or those a
phase sets when it begins (``policy.phases[i].levers``). Phases that follow keep
setting their own levers, exactly as in the scenario file.
"""

from __future__ import annotations

import math
import typing
from dataclasses import dataclass
from typing import Any

from annotated_types import Ge, Gt, Le, Lt

from simulator.scenario import STATUS_QUO, Levers, Scenario

# Which actor holds each lever (the dashboard's grouping; seed 000's "shared
# responsibility": Mexico leads domestically, the United States enables).
GROUPS: dict[str, tuple[str, ...]] = {
    "United States": (
        "unilateral_strikes_per_month",
        "strike_target",
        "gun_tracing",
        "smart_border",
        "demand_reduction",
        "us_aid_usd_per_year",
        "human_rights_conditions",
    ),
    "Mexico": (
        "precision_raids_per_month",
        "national_guard_deployment",
        "mexican_checkpoints",
        "vetting",
        "judicial_reform",
        "community_programs",
        "extraditions_per_month",
    ),
    "Together and regional": (
        "intel_sharing",
        "fusion_cells",
        "embedded_advisers",
        "gatekeeper_targeting",
        "financial_ops",
        "investment_usd_per_year",
        "regional_cooperation",
    ),
}

_ACRONYMS = {"us": "US", "usd": "USD"}


@dataclass(frozen=True)
class LeverSpec:
    """One lever as a control: bounds, unit and meaning from the schema."""

    name: str
    label: str
    unit: str
    description: str
    group: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()  # a choice lever (e.g. strike_target) has no bounds

    @property
    def numeric(self) -> bool:
        """True for a number lever (a slider), False for a choice (a select)."""
        return not self.choices

    @property
    def step(self) -> float:
        """A slider step: about a hundredth of the range, rounded to 1, 2 or 5 times a power of 10."""
        span = (self.maximum or 1.0) - (self.minimum or 0.0)
        raw = span / 100
        power = 10 ** math.floor(math.log10(raw))
        return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)

    @property
    def scale(self) -> tuple[float, str]:
        """Display divisor and unit: USD per year shown in billions."""
        if self.unit == "USD/year":
            return 1e9, "USD bn/year"
        return 1.0, self.unit

    def clamp(self, value: float) -> float:
        """``value`` rounded to the slider's step and kept within the schema's bounds."""
        value = round(round(value / self.step) * self.step, 12)
        if self.minimum is not None:
            value = max(self.minimum, value)
        if self.maximum is not None:
            value = min(self.maximum, value)
        return value


def _label(name: str) -> str:
    words = name.removesuffix("_per_month").removesuffix("_usd_per_year").split("_")
    text = " ".join(_ACRONYMS.get(w, w) for w in words)
    return text[:1].upper() + text[1:]


def _spec(name: str, group: str) -> LeverSpec:
    field = Levers.model_fields[name]
    extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
    bounds: dict[str, float] = {}
    for m in field.metadata:
        if isinstance(m, Ge | Gt):
            bounds["minimum"] = float(m.ge if isinstance(m, Ge) else m.gt)  # type: ignore[arg-type]
        elif isinstance(m, Le | Lt):
            bounds["maximum"] = float(m.le if isinstance(m, Le) else m.lt)  # type: ignore[arg-type]
    choices: tuple[str, ...] = ()
    for arg in typing.get_args(field.annotation):
        if typing.get_origin(arg) is typing.Literal:
            choices = tuple(str(c) for c in typing.get_args(arg))
    return LeverSpec(
        name=name,
        label=_label(name),
        unit=str(extra.get("unit", "")),
        description=field.description or "",
        group=group,
        choices=choices,
        **bounds,
    )


LEVERS: dict[str, LeverSpec] = {
    name: _spec(name, group) for group, names in GROUPS.items() for name in names
}


@dataclass(frozen=True)
class LeverBlock:
    """Where a scenario sets levers: from month 1, or when one of its phases begins."""

    key: str  # "start" or "p1", "p2", ... (1-based phase number)
    label: str
    prefix: str  # dotted override prefix, e.g. "policy.phases[0].levers"
    start: int
    end: int | None


def lever_blocks(scenario: Scenario) -> list[LeverBlock]:
    """The blocks of a scenario a user can set levers in, in time order.

    The month-1 block is offered only when no phase begins in month 1 (a phase that
    does would overwrite it at once).
    """
    phases = scenario.policy.phases
    blocks = []
    if not phases or phases[0].start > 1:
        end = phases[0].start - 1 if phases else None
        blocks.append(LeverBlock("start", "From month 1", "policy.levers", 1, end))
    for i, ph in enumerate(phases):
        blocks.append(
            LeverBlock(f"p{i + 1}", ph.name, f"policy.phases[{i}].levers", ph.start, ph.end)
        )
    return blocks


def levers_in_effect(scenario: Scenario, block: LeverBlock) -> dict[str, Any]:
    """Lever values in force when ``block`` begins: status quo, month-1 levers, phases so far."""
    values = dict(STATUS_QUO)
    values.update(scenario.policy.levers.set_values())
    for i, ph in enumerate(scenario.policy.phases):
        if block.key != "start" and i <= int(block.key[1:]) - 1:
            values.update(ph.levers.set_values())
    return values


def override(block: LeverBlock, lever: str, value: Any) -> str:
    """The loader override that sets ``lever`` to ``value`` in ``block``."""
    text = value if isinstance(value, str) else repr(float(value))
    return f"{block.prefix}.{lever}={text}"


def override_path(text: str) -> str:
    """The field path of an override (``a.b[0].c=1`` -> ``a.b[0].c``)."""
    return text.partition("=")[0].strip()


def with_override(overrides: tuple[str, ...], new: str) -> tuple[str, ...]:
    """``overrides`` with any earlier override of the same path replaced by ``new``."""
    path = override_path(new)
    return tuple(o for o in overrides if override_path(o) != path) + (new,)
