"""R9 Sovereignty and cooperation (seeds 000-004).

Mexico's cooperation grows with reciprocity (US action on guns, money and demand),
aid and respected sovereignty, and drops sharply with each unilateral operation on
Mexican soil (a sovereignty incident), with public backlash. The US's trust grows
with extraditions. The government's own update is :meth:`Government.update_cooperation`.
"""

from __future__ import annotations

import numpy as np

from simulator.rules.levers import cooperation_gate
from simulator.state import ModelState

RECIPROCITY_LEVERS = ("gun_tracing", "financial_ops", "demand_reduction", "smart_border")


def incident(s: ModelState, region: int, actor: str, what: str) -> None:
    """A unilateral operation on Mexican soil."""
    s.incidents_this_month += 1
    s.flows["sovereignty_incidents"] += 1
    s.events.add(
        s.month,
        "R9",
        actor,
        s.world.regions[region],
        f"sovereignty incident: {what} without consent",
    )


def cooperation(s: ModelState) -> None:
    """Mexico's cooperation responds to reciprocity, aid and incidents; the US's to extraditions."""
    mx = s.governments.get("MX")
    if mx is None:
        return
    lv, sq, cal = s.levers, s.status_quo, s.calibration
    reciprocity = float(np.mean([lv[k] - sq[k] for k in RECIPROCITY_LEVERS]))
    aid = (lv["us_aid_usd_per_year"] - sq["us_aid_usd_per_year"]) / 1e9
    before = mx.cooperation
    mx.update_cooperation(
        s.incidents_this_month,
        reciprocity,
        aid,
        rate=cal.cooperation_rate,
        backlash_per_incident=cal.incident_backlash,
        backlash_decay=cal.backlash_decay,
        reciprocity_effect=cal.reciprocity_effect,
        aid_effect=cal.aid_effect,
    )
    if s.incidents_this_month and before - mx.cooperation > 0.01:
        s.events.add(
            s.month,
            "R9",
            "MX",
            "",
            f"public backlash: cooperation {before:.2f} → {mx.cooperation:.2f}",
        )
    us = s.governments.get("US")
    if us is not None:  # reciprocity the US sees: extraditions and Mexican-led operations
        extraditions = s.rng.poisson(lv["extraditions_per_month"] * cooperation_gate(s))
        us.cooperation += 0.05 * (
            min(1.0, us.cooperation_ref + 0.03 * extraditions) - us.cooperation
        )
