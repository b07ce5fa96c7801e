"""R3 Conflict and homicides: conflict deaths located where rivals meet, plus non-cartel homicides.

National homicides = cartel conflict and succession deaths x homicides per cartel
death (cartel members are about 10% of victims, Prieto-Curiel et al. 2023) + a
non-cartel baseline + civilian deaths from operations; calibrated to INEGI 2024.
Also US citizens harmed (R10): general violence plus retaliation after strikes.
"""

from __future__ import annotations

import numpy as np

from simulator.rules.r01_workforce import workforce_step
from simulator.state import ModelState
from simulator.units import EPS, TINY_SHARE


def locate_deaths(s: ModelState, pair: np.ndarray, succession: np.ndarray) -> np.ndarray:
    """Place conflict deaths where rivals' territories overlap, succession deaths at home.

    Deaths of i at the hands of j go to the regions where both are present, in
    proportion to T_ir·T_jr·v_r (v: R8 route violence); with no overlap, over i's
    own territory in proportion to T_ir·v_r.
    """
    t = s.cartels.territory
    v = s.regions.violence
    co = t.co_presence()  # entries a, b of groups i, j in the same region r
    tv = t.data * v[t.cols]  # entries of T_ir v_r
    overlap = np.bincount(co.which, tv[co.a] * t.data[co.b], minlength=len(co.group_pair))
    meets = overlap > 0  # per group pair that shares a region
    met = co.group_pair[meets]
    q = np.zeros(len(co.group_pair))
    q[meets] = pair.ravel()[met] / overlap[meets]
    located = np.bincount(co.region, t.data[co.a] * q[co.which] * t.data[co.b], minlength=len(v))
    located *= v
    unmet = pair.copy()
    unmet.ravel()[met] = 0.0
    alone = unmet.sum(axis=1)  # deaths with rivals met nowhere
    own = t.row_sums(tv)
    located += t.spread(alone / np.maximum(own, TINY_SHARE), data=tv)
    weight = s.calibration.succession_instability_weight
    where = t.data * (1 + weight * s.regions.instability)[t.cols]  # succession: the host region
    located += t.spread(succession / np.maximum(t.row_sums(where), TINY_SHARE), data=where)
    return located


def reference_homicides(s: ModelState) -> np.ndarray:
    """Homicides by region in a status-quo month at the start: the yardstick for fear and harm.

    Computed from the initial state before any policy acts, so a scenario's own
    first month (e.g. a strike's casualties) does not move its reference.
    """
    cal = s.calibration
    _, flows = workforce_step(
        s.cartels.members,
        s.conflict,
        rho=0.0,
        eta=0.0,
        theta=cal.theta,
        omega=0.0,
        substeps=cal.substeps_per_month,
    )
    located = locate_deaths(s, flows.deaths_by_pair, np.zeros(len(s.cartels)))
    return located * cal.homicides_per_cartel_death + cal.noncartel_homicides_per_month * s.weights


def homicides(s: ModelState) -> None:
    """This month's homicides by region, and US citizens harmed."""
    cal, regions = s.calibration, s.regions
    located = locate_deaths(s, s.deaths_by_pair, s.succession_deaths)
    cartel_homicides = located * cal.homicides_per_cartel_death
    noncartel = cal.noncartel_homicides_per_month * s.weights
    civilians = cal.casualty_death_share * regions.civilians  # operations' casualties killed
    regions.homicides = cartel_homicides + noncartel + civilians
    regions.cartel_homicides = cartel_homicides
    s.flows["homicides"] = float(regions.homicides.sum())
    # US citizens harmed (R10): general violence plus retaliation after strikes (seed 004).
    violence = s.flows["homicides"] / max(float(regions.homicides_ref.sum()), EPS)
    exposure = cal.us_citizens_in_mexico / cal.us_harm_reference_citizens
    lam = (
        cal.us_harm_base_per_month * violence + cal.retaliation_per_strike * s.hostility
    ) * exposure
    s.flows["us_citizens_harmed"] = float(s.rng.poisson(lam))
