"""How levers reach the world: enforcement bodies deliver lever changes; R9's cooperation gate.

Shared by every rule that reads a lever. A lever change takes effect in proportion to
the delivery (capacity x integrity) of the bodies whose mandate carries it out
(``LEVER_BODIES``), and the lever as delivered stays within the lever's own bounds
(``Levers`` in the schema); levers not listed act directly. Mexico's cooperation (R9)
gates what needs Mexican consent: intelligence sharing, extraditions and fusion cells.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from annotated_types import Ge, Gt, Le, Lt

from simulator.scenario.schema import Levers
from simulator.state import ModelState
from simulator.units import EPS

# Which enforcement mandate (and whose government) carries out a change of each lever.
LEVER_BODIES: dict[str, tuple[str, str | None]] = {
    "gun_tracing": ("trace_guns", "US"),  # ATF (seed 000, Phase 1)
    "smart_border": ("interdict", "US"),  # CBP (seed 000, Phase 2)
    "mexican_checkpoints": ("interdict", "MX"),  # Guardia Nacional checkpoints
    "financial_ops": ("finance", None),  # Treasury/FinCEN and the UIF together
    "intel_sharing": ("intelligence", "US"),  # DEA, FBI, DHS
    "fusion_cells": ("intelligence", "US"),
    "national_guard_deployment": ("arrest", "MX"),
}


def lever_bounds(lever: str) -> tuple[float, float]:
    """The (low, high) a lever may take, as declared in the schema (``Levers``)."""
    low, high = -np.inf, np.inf
    for m in Levers.model_fields[lever].metadata:
        if isinstance(m, Ge | Gt):
            low = float(m.ge if isinstance(m, Ge) else m.gt)  # type: ignore[arg-type]
        elif isinstance(m, Le | Lt):
            high = float(m.le if isinstance(m, Le) else m.lt)  # type: ignore[arg-type]
    return low, high


BOUNDS = {lever: lever_bounds(lever) for lever in LEVER_BODIES}


def delivery(s: ModelState, action: str, government: str | None) -> float:
    """Mean delivery of the bodies holding ``action`` (of ``government``), relative to the reference."""
    values = [
        b.delivery()
        for b in s.bodies.values()
        if action in b.mandate and (government is None or b.government == government)
    ]
    if not values:
        return 0.0
    mean = sum(values) / len(values)  # few bodies: the same sum as np.mean's
    return min(s.calibration.delivery_cap, mean / s.calibration.delivery_reference)


def effective(s: ModelState, lever: str) -> float:
    """A lever as delivered: the status quo plus the change, scaled by the bodies carrying it out.

    With no body holding the mandate, a lever change has no one to carry it out and
    the status quo holds. Strong bodies amplify a change (up to ``delivery_cap``), but
    never beyond the lever's own bounds: ``fusion_cells`` 0.8 delivered at 1.5x is 1,
    not 1.2.
    """
    value, sq = s.levers[lever], s.status_quo[lever]
    if lever not in LEVER_BODIES:
        return value
    low, high = BOUNDS[lever]
    change = value - sq
    if change:  # no change needs no delivery: the bodies are not asked
        change *= delivery(s, *LEVER_BODIES[lever])
    return min(high, max(low, sq + change))


def cooperation_gate(s: ModelState) -> float:
    """R9: Mexico's cooperation, which gates intelligence sharing, extraditions and fusion cells."""
    mx = s.governments.get("MX")
    return mx.cooperation if mx else 0.0


def mean_tips(s: ModelState) -> float:
    """R12: communities' willingness to inform the state, relative to the start."""
    tips = s.regions.tips
    return float(np.add.reduce(tips)) / len(tips) / max(s.tips_ref, EPS)  # np.mean's arithmetic


def set_levers(s: ModelState, levers: dict[str, Any], rule: str, why: str) -> None:
    """Change levers (R16 phases and reviews, R17 triggers) and log what changed and why."""
    changes = {k: v for k, v in levers.items() if s.levers.get(k) != v}
    s.levers.update(changes)
    summary = ", ".join(f"{k}={_fmt(v)}" for k, v in changes.items()) or "no lever changes"
    s.events.add(s.month, rule, "policy", "", f"{why}: {summary}")


def _fmt(v: Any) -> str:
    return f"{v:.3g}" if isinstance(v, float) else str(v)
