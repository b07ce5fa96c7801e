"""R2 Incapacitation and the courts (seed 000, Phase 3: "without which arrests simply recycle violence").

Arrests convict only in proportion to judicial capacity and integrity; the rest are
held for ``release_lag_months`` and return to their group.
"""

from __future__ import annotations

import numpy as np

from simulator.state import ModelState


def judicial_strength(s: ModelState) -> float:
    """Judicial capacity x integrity; judicial reform raises capacity."""
    if s.courts is None:
        return 0.0
    courts = s.courts
    capacity = courts.capacity + (1 - courts.capacity) * 0.7 * s.levers["judicial_reform"]
    integrity = float(np.dot(s.regions.integrity, s.weights))
    return capacity * (0.5 * courts.integrity + 0.5 * integrity)


def conviction_rate(s: ModelState) -> float:
    """Share of arrests that end in a conviction this month."""
    cal = s.calibration
    return min(0.95, cal.conviction_base * judicial_strength(s) / cal.judicial_reference)


def hold_and_release(s: ModelState, unconvicted: np.ndarray) -> np.ndarray:
    """Hold this month's unconvicted arrestees; return those held long enough to walk free."""
    c = s.cartels
    c.custody = np.concatenate([c.custody, unconvicted[:, None]], axis=1)
    if c.custody.shape[1] > s.calibration.release_lag_months:
        released, c.custody = c.custody[:, 0].copy(), c.custody[:, 1:]
        return released
    return np.zeros(len(c))
