"""The one registry of model outputs, shared by the model, CLI, reports, sweeps and dashboard.

Every output has an id, a unit, a one-line description, whether it is a monthly
*flow* (summed over the month) or an end-of-month *level*, and which direction is
better. Nothing else in the package defines a metric name.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Better(StrEnum):
    """Which direction of a metric is better for the people the policy serves."""

    LOWER = "lower"
    HIGHER = "higher"
    NEUTRAL = "neutral"


class Kind(StrEnum):
    """Flows are totals per month; levels are end-of-month values."""

    FLOW = "flow"
    LEVEL = "level"


@dataclass(frozen=True)
class Metric:
    """One model output."""

    id: str
    label: str
    unit: str
    kind: Kind
    better: Better
    description: str

    def is_better(self, a: float, b: float) -> bool:
        """Return True when value ``a`` is strictly better than ``b`` for this metric."""
        if self.better is Better.LOWER:
            return a < b
        if self.better is Better.HIGHER:
            return a > b
        return False


_M = Metric
_F, _L = Kind.FLOW, Kind.LEVEL
_LO, _HI, _NE = Better.LOWER, Better.HIGHER, Better.NEUTRAL

METRICS: dict[str, Metric] = {
    m.id: m
    for m in (
        # The roadmap's own yardstick (seed 000): institutions, legitimacy, territory, fear.
        _M(
            "legitimacy",
            "State legitimacy",
            "index 0-1",
            _L,
            _HI,
            "Population-weighted legitimacy of the Mexican state in communities (R12).",
        ),
        _M(
            "territory_cartel_share",
            "Cartel-controlled regions",
            "share of regions",
            _L,
            _LO,
            "Share of regions where cartel strength dominates state presence (R19).",
        ),
        _M(
            "territory_contested_share",
            "Contested regions",
            "share of regions",
            _L,
            _LO,
            "Share of regions where neither cartels nor the state dominate (R19).",
        ),
        _M(
            "fear",
            "Fear",
            "index 0-1",
            _L,
            _LO,
            "Population-weighted fear of violence in communities (R12).",
        ),
        _M(
            "integrity",
            "Institutional integrity",
            "index 0-1",
            _L,
            _HI,
            "Population-weighted integrity of Mexican institutions (R13).",
        ),
        # Violence.
        _M(
            "homicides",
            "Homicides",
            "deaths/month",
            _F,
            _LO,
            "Intentional homicides in Mexico: cartel-conflict victims plus the non-cartel baseline (R3).",
        ),
        _M(
            "homicide_rate",
            "Homicide rate",
            "per 100k/year",
            _F,
            _LO,
            "Homicides this month, annualised, per 100,000 inhabitants.",
        ),
        _M(
            "civilian_casualties",
            "Civilian casualties",
            "people/month",
            _F,
            _LO,
            "Bystanders killed or wounded by strikes and raids (R10, R11).",
        ),
        _M(
            "us_citizens_harmed",
            "US citizens harmed",
            "people/month",
            _F,
            _LO,
            "US citizens in Mexico harmed in cartel retaliation (R10; seed 004: 1.6 million live there).",
        ),
        # Cartels.
        _M(
            "cartel_members",
            "Cartel members",
            "people",
            _L,
            _LO,
            "Members of all cartels and local armed groups at month end (R1).",
        ),
        _M(
            "recruits",
            "Recruits",
            "people/month",
            _F,
            _LO,
            "People recruited into cartels this month (R1, R12).",
        ),
        _M(
            "cartel_deaths",
            "Cartel deaths",
            "people/month",
            _F,
            _NE,
            "Cartel members killed in inter-cartel conflict this month (R1, R3).",
        ),
        _M(
            "arrests",
            "Arrests",
            "people/month",
            _F,
            _NE,
            "Cartel members arrested (incapacitated) this month (R1, R2).",
        ),
        _M(
            "convictions",
            "Convictions",
            "people/month",
            _F,
            _HI,
            "Arrested members convicted rather than released back to their cartel (R2).",
        ),
        _M(
            "active_groups",
            "Active armed groups",
            "groups",
            _L,
            _NE,
            "Cartels, factions and local armed groups active at month end (R4 fragmentation).",
        ),
        _M(
            "leaders_removed",
            "Leaders removed",
            "leaders/month",
            _F,
            _NE,
            "Cartel leaders killed or captured this month (R4, R10, R11).",
        ),
        _M(
            "cartel_cash_usd",
            "Cartel cash",
            "USD",
            _L,
            _LO,
            "Cash held by all cartels at month end (R6).",
        ),
        # Flows across the border.
        _M(
            "fentanyl_to_us_kg",
            "Fentanyl reaching the US",
            "kg/month",
            _F,
            _LO,
            "Fentanyl sold in the US: the groups' deliveries past border seizures plus replacement supply, at the market-clearing price (R8, R20).",
        ),
        _M(
            "fentanyl_price_usd_per_kg",
            "Fentanyl price",
            "USD/kg",
            _L,
            _NE,
            "Wholesale price at which fentanyl supply meets US demand this month (R20); rises when supply is lost, falls with demand.",
        ),
        _M(
            "replacement_supply_kg",
            "Replacement supply",
            "kg/month",
            _L,
            _NE,
            "Supply of producers, routes and precursor sources outside the modelled groups that fills a shortfall, at the reference price (R20).",
        ),
        _M(
            "cartel_drug_revenue_usd",
            "Cartel drug revenue",
            "USD/month",
            _F,
            _LO,
            "Fentanyl sales revenue of all cartels and local groups this month: price x their sales (R20, into R6).",
        ),
        _M(
            "us_overdose_deaths",
            "US overdose deaths",
            "deaths/month",
            _F,
            _LO,
            "US drug overdose deaths: exogenous CDC trend adjusted by supply and demand (R15).",
        ),
        _M(
            "guns_south",
            "Guns trafficked south",
            "guns/month",
            _F,
            _LO,
            "Firearms smuggled into Mexico this month, US-sourced and other (R7).",
        ),
        # The bilateral relationship and its cost.
        _M(
            "cooperation",
            "Bilateral cooperation",
            "index 0-1",
            _L,
            _HI,
            "Mexico's cooperation with the US: intelligence, extraditions, joint cells (R9).",
        ),
        _M(
            "sovereignty_incidents",
            "Sovereignty incidents",
            "incidents/month",
            _F,
            _LO,
            "Unilateral US operations on Mexican soil this month (R9, R10).",
        ),
        _M(
            "program_cost_usd",
            "Programme cost",
            "USD/month",
            _F,
            _LO,
            "US and Mexican spending on the policy's levers this month.",
        ),
    )
}

METRIC_IDS: tuple[str, ...] = tuple(METRICS)

# The order summaries use: the roadmap's own yardstick first (seed 000: "reclaimed
# institutions, restored legitimacy, and communities no longer ruled by fear"),
# then violence, drugs, fragmentation, cooperation and cost.
HEADLINE: tuple[str, ...] = (
    "legitimacy",
    "territory_cartel_share",
    "fear",
    "integrity",
    "homicides",
    "fentanyl_to_us_kg",
    "active_groups",
    "cooperation",
    "us_citizens_harmed",
    "program_cost_usd",
)


def get(metric_id: str) -> Metric:
    """Return the metric with this id, or raise KeyError listing the valid ids."""
    try:
        return METRICS[metric_id]
    except KeyError:
        raise KeyError(f"unknown metric {metric_id!r}; valid: {', '.join(METRIC_IDS)}") from None


@dataclass(frozen=True)
class RegionMetric:
    """One per-region output: measured in every region every month (map, backtests)."""

    id: str
    label: str
    unit: str
    kind: Kind
    better: Better
    description: str


REGION_METRICS: dict[str, RegionMetric] = {
    m.id: m
    for m in (
        RegionMetric(
            "homicides",
            "Homicides",
            "people per month",
            _F,
            _LO,
            "Homicides in the region this month: cartel conflict, succession, civilians, non-cartel (R3).",
        ),
        RegionMetric(
            "homicide_rate",
            "Homicide rate",
            "per 100k per year",
            _F,
            _LO,
            "This month's homicides at an annual rate per 100,000 inhabitants (R3).",
        ),
        RegionMetric(
            "control",
            "Territorial control",
            "-1 state, 0 contested, +1 cartel",
            _L,
            _LO,
            "Who controls the region: cartel strength against state presence (R19).",
        ),
        RegionMetric(
            "controlling_cartel",
            "Strongest cartel",
            "group id",
            _L,
            _NE,
            "The group with the most members in the region (empty if none is present) (R1, R19).",
        ),
        RegionMetric(
            "legitimacy",
            "State legitimacy",
            "index 0-1",
            _L,
            _HI,
            "Legitimacy of the state in the region's community (R12).",
        ),
        RegionMetric(
            "fear", "Fear", "index 0-1", _L, _LO, "Fear of violence in the community (R12)."
        ),
        RegionMetric(
            "integrity",
            "Local integrity",
            "index 0-1",
            _L,
            _HI,
            "Integrity of local police, prosecutors and officials (R13).",
        ),
    )
}
"""Per-region outputs, in ``regions.csv`` and ``RunResult.regions`` (long: month, region, ...)."""

REGION_METRIC_IDS: tuple[str, ...] = tuple(REGION_METRICS)
