"""R19 Territory (seeds 000, 001): who controls each region, and cartels' ground.

A region is cartel-controlled (+1), contested (0) or state-controlled (-1) by
comparing local cartel strength (members per 100k inhabitants relative to the
national average at the start) with state presence (forces deployed, legitimacy and
integrity, each relative to the start); the state "reclaims" a region when it
dominates. Cartels slowly lose ground where the state dominates and gain it where
they do.
"""

from __future__ import annotations

import numpy as np

from simulator.rules.levers import effective
from simulator.state import ModelState
from simulator.units import EPS, PER_100K


def cartel_density(s: ModelState) -> np.ndarray:
    """Members per 100k inhabitants in each region, spreading each group over its territory."""
    c = s.cartels
    members = c.territory.spread(c.members, data=c.territory_weights())
    return members / (s.regions.population / PER_100K)


def state_presence(s: ModelState) -> np.ndarray:
    """State presence in each region: forces deployed, legitimacy and integrity.

    Legitimacy and integrity count relative to their national (population-weighted)
    means at month 0, and deployment relative to the status quo, so
    ``calibration.state_presence`` is a region's presence at the start's average
    conditions whatever levels a scenario starts from; regions above the average
    have more.
    """
    cal, reg = s.calibration, s.regions
    k = cal.deployment_presence_effect
    forces = (1 + k * s.deployment) / (1 + k * s.status_quo["national_guard_deployment"])
    legitimacy = reg.legitimacy / max(s.legitimacy_ref, EPS)
    integrity = reg.integrity / max(s.integrity_ref, EPS)
    return cal.state_presence * forces * legitimacy * integrity


def classify_regions(s: ModelState) -> np.ndarray:
    """+1 cartel-controlled, -1 state-controlled, 0 contested, region by region."""
    cal = s.calibration
    cartel_strength = cartel_density(s) / s.density_ref
    state = state_presence(s)
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
    drift = np.where(
        control == -1,
        -cal.state_territory_drift,
        np.where(control == 1, cal.cartel_territory_drift, 0.0),
    )
    t = s.cartels.territory  # present regions stay present (at least territory_floor)
    t.data = np.clip(t.data + drift[t.cols], cal.territory_floor, 1.0)
