"""R15 US demand and overdoses (seeds 000, 002; CDC/NCHS).

Deaths follow the exogenous CDC trend (about 80k in 2024, falling), adjusted by
fentanyl supply relative to the status quo and by treatment (demand reduction), so
no policy gets credit for the trend itself.
"""

from __future__ import annotations

from simulator.state import ModelState


def months_since_2024_07(s: ModelState) -> int:
    """Months from mid-2024 (the CDC reference) to the month before the scenario starts."""
    year, month = (int(x) for x in s.spec.start.split("-"))
    return (year - 2024) * 12 + (month - 7) - 1


def overdoses(s: ModelState) -> None:
    """This month's US overdose deaths."""
    cal, lv, sq = s.calibration, s.levers, s.status_quo
    years = (months_since_2024_07(s) + s.month) / 12
    trend = cal.overdose_deaths_2024 / 12 * (1 + cal.overdose_trend) ** years
    supply = (s.flows["fentanyl_to_us_kg"] / s.supply_ref) ** cal.supply_elasticity
    treatment = 1 - cal.treatment_effect * max(0.0, lv["demand_reduction"] - sq["demand_reduction"])
    s.flows["us_overdose_deaths"] = trend * supply * treatment
