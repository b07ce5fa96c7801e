"""R20 drug market: price, replacement supply, demand reduction, and R6's revenue from it.

Measured on the small world (the Mexico baseline gives the same relative numbers: the
market's equations are scale-free). The figures in the comments are what the default
calibration gives: demand elasticity 0.5, supply elasticity 1, replacement ceiling
0.7 at 0.2 a month.
"""

from __future__ import annotations

import numpy as np
import pytest

from simulator.model import CartelModel

from .test_rules import model, series, stepped

# No lab recovery and no status-quo raids, so a cut in lab capacity stays as it is made.
HELD = ("calibration.lab_recovery=0", "policy.levers.precision_raids_per_month=0")
SHOCK = 0.7  # the groups keep 70% of their lab capacity: a 30% supply loss


def shocked_run(*overrides: str, shock: bool = True) -> list[dict[str, float]]:
    """Twelve quiet months, then (if ``shock``) every group loses 30% of its labs; 13 more months.

    Per month after the shock: flow, price, cartel revenue, the groups' deliveries and
    the replacement supply in force that month (set by the month before).
    """
    m = model(*HELD, *overrides)
    for _ in range(12):
        m.step()
    if shock:
        m.state.cartels.production *= SHOCK
    months = []
    for _ in range(13):
        in_force = m.state.replacement_supply
        m.step()
        s = m.state
        months.append(
            {
                "flow": s.flows["fentanyl_to_us_kg"],
                "price": s.market_price,
                "revenue": s.flows["cartel_drug_revenue_usd"],
                "delivered": float(s.cartels.delivered_kg.sum()),
                "replacement": in_force,
            }
        )
    return months


@pytest.fixture(scope="module")
def control() -> list[dict[str, float]]:
    return shocked_run(shock=False)


@pytest.fixture(scope="module")
def shock() -> list[dict[str, float]]:
    return shocked_run()


def replaced_share(shock: list[dict], control: list[dict], month: int) -> float:
    """Share of the groups' lost deliveries that replacement supply makes up in ``month`` (1-based)."""
    k, c = shock[month - 1], control[month - 1]
    return (k["replacement"] - c["replacement"]) / (c["delivered"] - k["delivered"])


def test_a_supply_shock_raises_the_price_at_once(shock, control):
    first, base = shock[0], control[0]
    assert first["delivered"] / base["delivered"] == pytest.approx(SHOCK)
    rise = first["price"] / base["price"] - 1
    # p = (0.7) ** (-1 / 1.5): +26.8% in month 1; quantity (0.7) ** (1/3): -11.2%.
    assert rise == pytest.approx(SHOCK ** (-1 / 1.5) - 1, rel=0.02)
    assert first["flow"] / base["flow"] == pytest.approx(SHOCK ** (1 / 3), rel=0.02)
    assert replaced_share(shock, control, 1) == pytest.approx(0, abs=1e-6)  # none yet


def test_the_lost_supply_is_partly_replaced_over_months(shock, control):
    at6, at12 = replaced_share(shock, control, 6), replaced_share(shock, control, 12)
    # 0.7 x (1 - 0.8 ** 5) = 0.47 in month 6 and 0.7 x (1 - 0.8 ** 11) = 0.64 in month 12.
    assert 0.4 < at6 < at12 < 0.7
    price = [k["price"] / c["price"] - 1 for k, c in zip(shock, control, strict=True)]
    flow = [1 - k["flow"] / c["flow"] for k, c in zip(shock, control, strict=True)]
    assert np.all(np.diff(price) < 0) and np.all(np.diff(flow) < 0)  # both recover, monotonically
    assert price[-1] > 0.05 and flow[-1] > 0.02  # but only partly: the ceiling is below 1


def test_without_replacement_the_shortfall_stays():
    no_replacement = shocked_run("calibration.replacement_ceiling=0")
    quiet = shocked_run("calibration.replacement_ceiling=0", shock=False)
    assert no_replacement[-1]["flow"] / quiet[-1]["flow"] == pytest.approx(SHOCK ** (1 / 3))
    assert all(k["replacement"] == 0 for k in no_replacement)


def test_inelastic_demand_a_supply_loss_first_raises_then_lowers_cartel_revenue(shock, control):
    """With |demand elasticity| < 1 a supply loss first raises sellers' revenue.

    Becker, Murphy & Grossman 2006; here it lasts until replacement suppliers take the
    market back.
    """
    revenue = [k["revenue"] / c["revenue"] for k, c in zip(shock, control, strict=True)]
    assert revenue[0] > 1.05 and revenue[-1] < 0.9


def test_demand_reduction_lowers_cartel_revenue_flow_and_price():
    quiet = stepped(24)
    treated = stepped(24, "policy.levers.demand_reduction=1.0")
    revenue = series(treated, "cartel_drug_revenue_usd") / series(quiet, "cartel_drug_revenue_usd")
    flow = series(treated, "fentanyl_to_us_kg") / series(quiet, "fentanyl_to_us_kg")
    # Treatment builds up over a year: demand -0.3 x 0.8 x 0.1 in month 1, -19% by month 24,
    # when price and quantity are both about x0.85 and revenue about x0.73 (x0.82 over 24 months).
    assert 0.97 < flow[0] < 1 and revenue[0] < 1
    assert flow[-1] < 0.9 and revenue[-1] < 0.8
    assert revenue.mean() < 0.85
    assert treated.state.market_price < 0.9 * quiet.state.market_price
    assert treated.state.cartels.cash_usd.sum() < quiet.state.cartels.cash_usd.sum()


def test_drug_revenue_is_price_times_sales_and_feeds_cash():
    m = stepped(1)
    s = m.state
    sold = (s.market_price / m.calibration.fentanyl_price_usd_per_kg) ** (
        m.calibration.supply_price_elasticity
    )
    assert s.cartels.drug_revenue == pytest.approx(s.market_price * sold * s.cartels.delivered_kg)
    broke = stepped(1, "calibration.fentanyl_price_usd_per_kg=1")
    assert broke.state.cartels.cash_usd.sum() < s.cartels.cash_usd.sum()


def test_at_the_status_quo_the_market_clears_at_the_reference_price():
    m = stepped(1)
    assert m.state.market_price == pytest.approx(m.calibration.fentanyl_price_usd_per_kg, rel=1e-3)
    assert m.state.flows["fentanyl_to_us_kg"] == pytest.approx(m.state.supply_ref, rel=1e-3)


# Per lever of the market slice: the calibration fields whose zero removes its effect
# (R9's reciprocity_effect is the cooperation channel every reciprocity lever shares).
SWITCH_OFF = {
    "demand_reduction": ("demand_reduction_effect", "treatment_effect", "reciprocity_effect"),
    "smart_border": ("smart_border_effect", "reciprocity_effect"),
    "financial_ops": ("financial_seizure_rate", "laundering_loss", "reciprocity_effect"),
    "regional_cooperation": ("upstream_effect",),
}
ACCOUNTING = {"program_cost_usd"}


def _frame(m: CartelModel) -> dict[str, np.ndarray]:
    return {k: np.array(v, dtype=float) for k, v in m.datacollector.model_vars.items()}


@pytest.mark.parametrize("lever", list(SWITCH_OFF))
def test_a_lever_with_its_coefficients_at_zero_changes_nothing(lever):
    zeros = [f"calibration.{f}=0" for f in SWITCH_OFF[lever]]
    at_sq, at_full = stepped(24, *zeros), stepped(24, *zeros, f"policy.levers.{lever}=1.0")
    a, b = _frame(at_sq), _frame(at_full)
    changed = [k for k in a if k not in ACCOUNTING and not np.array_equal(a[k], b[k])]
    assert changed == []
    # ... and with the coefficients at their defaults the lever does act.
    on = _frame(stepped(24, f"policy.levers.{lever}=1.0"))
    assert [k for k in a if not np.array_equal(_frame(stepped(24))[k], on[k])] != []


# Every calibration field of the market slice (R6, R8, R15, R18, R20) and its evidence.
SLICE_FIELDS = (
    "extortion_usd_per_member_month",
    "wage_usd_per_member_month",
    "bribe_share",
    "financial_seizure_rate",
    "laundering_loss",
    "finance_cooperation_weight",
    "cash_cover_months",
    "cash_factor_floor",
    "fentanyl_kg_per_month",
    "border_seizure_base",
    "smart_border_effect",
    "smart_border_buildup_months",
    "route_sensitivity",
    "crossing_congestion",
    "overload_seizure",
    "interdiction_cost",
    "interdiction_seizure",
    "max_seizure",
    "state_held_cost",
    "corridor_weight",
    "new_route_violence",
    "new_route_floor",
    "overdose_deaths_2024",
    "overdose_trend",
    "supply_elasticity",
    "treatment_effect",
    "upstream_effect",
    "partner_cooperation_reference",
    "fentanyl_price_usd_per_kg",
    "demand_elasticity",
    "supply_price_elasticity",
    "replacement_ceiling",
    "replacement_rate",
    "demand_reduction_buildup_months",
    "demand_reduction_effect",
)


@pytest.mark.parametrize("name", SLICE_FIELDS)
def test_market_slice_fields_have_a_plausible_range_and_a_source(name):
    from simulator.scenario.schema import Calibration, plausible_range

    from ..scenario.test_calibration_ranges import SOURCE

    field = Calibration.model_fields[name]
    low, high = plausible_range(Calibration, name) or (None, None)
    assert low is not None and high is not None and low <= field.default <= high
    assert SOURCE.search(field.description or "")
