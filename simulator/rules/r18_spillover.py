"""R18 Regional spillover (seed 000, Phase 4): cooperation with Colombia and Guatemala cuts upstream supply."""

from __future__ import annotations

import numpy as np

from simulator.state import ModelState

PARTNERS = ("CO", "GT")  # the regional partner governments a scenario may include


def partner_factor(s: ModelState) -> float:
    """How far Colombia and Guatemala, where modelled, take up regional cooperation.

    Partners' cooperation moves towards the lever (US engagement) at the R9 rate;
    their effect is their mean cooperation relative to
    ``partner_cooperation_reference`` (assumption). Without partner governments in
    the scenario the lever acts alone (factor 1).
    """
    partners = [g for code, g in s.governments.items() if code in PARTNERS]
    if not partners:
        return 1.0
    rate = s.calibration.cooperation_rate
    for g in partners:
        g.cooperation += rate * (s.levers["regional_cooperation"] - g.cooperation)
    mean = float(np.mean([g.cooperation for g in partners]))
    return mean / s.calibration.partner_cooperation_reference


def upstream_factor(s: ModelState) -> float:
    """Share of production left after regional cooperation's upstream effect (1 = status quo)."""
    lift = max(0.0, s.levers["regional_cooperation"] - s.status_quo["regional_cooperation"])
    return 1 - s.calibration.upstream_effect * partner_factor(s) * lift
