"""R2 Incapacitation and the courts (seed 000, Phase 3: "without which arrests simply recycle violence").

Arrests convict in proportion to judicial strength (capacity x integrity) relative to
its value at the start, so ``calibration.conviction_base`` is the share convicted by the
courts the scenario starts with; the rest are held for ``release_lag_months`` and
return to their group.
"""

from __future__ import annotations

import numpy as np

from simulator.state import ModelState
from simulator.units import EPS


def judicial_strength(s: ModelState, reform: float | None = None) -> float:
    """Judicial capacity x integrity; judicial reform closes part of the capacity gap.

    ``reform`` is the judicial_reform lever (default: the lever in force); the model
    records the strength at month 0 with the status-quo reform as R2's reference.
    """
    if s.courts is None:
        return 0.0
    cal, courts = s.calibration, s.courts
    reform = s.levers["judicial_reform"] if reform is None else reform
    capacity = courts.capacity + (1 - courts.capacity) * cal.judicial_reform_effect * reform
    local = float(np.dot(s.regions.integrity, s.weights))
    share = cal.judicial_local_integrity_share
    return capacity * ((1 - share) * courts.integrity + share * local)


def conviction_rate(s: ModelState) -> float:
    """Share of arrests that end in a conviction this month."""
    cal = s.calibration
    if s.judicial_ref <= 0:
        return 0.0  # no courts: nobody is convicted
    relative = judicial_strength(s) / max(s.judicial_ref, EPS)
    return min(cal.conviction_cap, cal.conviction_base * relative)


def hold_and_release(s: ModelState, unconvicted: np.ndarray) -> np.ndarray:
    """Hold this month's unconvicted arrestees; return those held long enough to walk free."""
    c = s.cartels
    c.custody = np.concatenate([c.custody, unconvicted[:, None]], axis=1)
    if c.custody.shape[1] > s.calibration.release_lag_months:
        released, c.custody = c.custody[:, 0].copy(), c.custody[:, 1:]
        return released
    return np.zeros(len(c))
