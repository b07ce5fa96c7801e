"""R15 US demand and overdoses (seeds 000, 002; CDC/NCHS).

Deaths follow the exogenous CDC trend (about 80k in 2024, falling), adjusted by the
fentanyl consumed (R20's quantity, which falls with supply losses and with demand
reduction) relative to the status quo, and by treatment's direct effect on
mortality (treatment as built up so far, R20), so no policy gets credit for the
trend itself.
"""

from __future__ import annotations

from simulator.state import ModelState
from simulator.units import MONTHS_PER_YEAR


def months_since_reference(s: ModelState) -> int:
    """Months from the CDC reference month (``overdose_reference``) to the month before the start."""
    year, month = (int(x) for x in s.spec.start.split("-"))
    ref_year, ref_month = (int(x) for x in s.calibration.overdose_reference.split("-"))
    return (year - ref_year) * MONTHS_PER_YEAR + (month - ref_month) - 1


def overdoses(s: ModelState) -> None:
    """This month's US overdose deaths."""
    cal, sq = s.calibration, s.status_quo
    years = (months_since_reference(s) + s.month) / MONTHS_PER_YEAR
    trend = cal.overdose_deaths_2024 / MONTHS_PER_YEAR * (1 + cal.overdose_trend) ** years
    consumed = (s.flows["fentanyl_to_us_kg"] / s.supply_ref) ** cal.supply_elasticity
    treated = s.demand_reduction_in_force - sq["demand_reduction"]  # built up in R20; < 0: cuts
    treatment = 1 - cal.treatment_effect * treated
    s.flows["us_overdose_deaths"] = trend * consumed * treatment
