"""R19 Territory (seeds 000, 001): who controls each region, and cartels' ground.

A region is cartel-controlled (+1), contested (0) or state-controlled (-1) by
comparing local cartel strength (members per 100k inhabitants relative to the
national average) with state presence (forces deployed, legitimacy, integrity); the
state "reclaims" a region when it dominates. Cartels slowly lose ground where the
state dominates and gain it where they do.
"""

from __future__ import annotations

import numpy as np

from simulator.rules.levers import effective
from simulator.state import ModelState


def cartel_density(s: ModelState) -> np.ndarray:
    """Members per 100k inhabitants in each region, spreading each group over its territory."""
    c = s.cartels
    return c.territory.spread(c.members, data=c.territory_weights()) / (s.regions.population / 1e5)


def classify_regions(s: ModelState) -> np.ndarray:
    """+1 cartel-controlled, -1 state-controlled, 0 contested, region by region."""
    cal, reg = s.calibration, s.regions
    cartel_strength = cartel_density(s) / s.density_ref
    state = (
        cal.state_presence * (1 + s.deployment) * (reg.legitimacy / 0.45) * (reg.integrity / 0.45)
    )
    return np.where(
        cartel_strength > cal.control_ratio * state,
        1,
        np.where(state > cal.control_ratio * cartel_strength, -1, 0),
    )


def territory(s: ModelState) -> None:
    """Forces arrive, control is reassessed (and logged), and cartels' ground drifts."""
    cal, world = s.calibration, s.world
    # National Guard units arrive over months, not at once (``deployment_months``).
    s.deployment += (
        effective(s, "national_guard_deployment") - s.deployment
    ) / cal.deployment_months
    control = classify_regions(s)
    before = s.regions.control
    for r in np.flatnonzero((control == -1) & (before != -1)):
        code = world.regions[r]
        s.events.add(s.month, "R19", "MX", code, f"state reclaims {world.region_name(code)}")
    for r in np.flatnonzero((control == 1) & (before != 1)):
        code = world.regions[r]
        s.events.add(
            s.month, "R19", "cartels", code, f"cartels take control of {world.region_name(code)}"
        )
    s.regions.control = control
    drift = np.where(control == -1, -0.02, np.where(control == 1, 0.01, 0.0))
    t = s.cartels.territory  # present regions stay present (at least 0.01)
    t.data = np.clip(t.data + drift[t.cols], 0.01, 1.0)
