"""R1 Cartel workforce (Prieto-Curiel, Campedelli & Hope 2023, Science 381:1312).

In weekly units, for cartel i with C_i members,

    dC_i/dt = C_i * (rho_i - eta / sum(C) - theta_i * sum_j K_ij C_j - omega * C_i)

with recruitment rho, incapacitation eta (arrests per week in total, shared by size),
conflict lethality theta over the conflict matrix K_ij = (rivalry_ij + 1) /
(alliance strength_i + 1), K_ii = 0, and saturation omega. The model steps monthly
and integrates the weekly equation in ``substeps`` explicit steps per month.

Each month's rho follows communities (R12) and cash (R6), eta follows enforcement
(R11, R19) and the courts (R2), theta follows guns (R7), new routes (R8) and
succession instability (R4).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simulator.rules.levers import mean_tips
from simulator.rules.r02_courts import conviction_rate, hold_and_release
from simulator.rules.r06_money import cash_factor
from simulator.scenario.schema import Calibration
from simulator.state import ModelState
from simulator.units import EPS, TINY_SHARE, WEEKS_PER_MONTH

SUBSTEPS = Calibration().substeps_per_month  # the calibration's default integration substeps


def conflict_matrix(rivalry: np.ndarray, alliance: np.ndarray) -> np.ndarray:
    """Return R1's conflict matrix K_ij = (rivalry_ij + 1) / (alliance strength_i + 1), K_ii = 0.

    ``rivalry`` and ``alliance`` are symmetric weight matrices; a cartel's alliance
    strength is the sum of its alliance weights (Prieto-Curiel et al. 2023).
    """
    strength = alliance.sum(axis=1)
    k = (rivalry + 1.0) / (strength[:, None] + 1.0)
    np.fill_diagonal(k, 0.0)
    return k


@dataclass
class WorkforceFlows:
    """People moved by R1 in one month, per cartel, plus conflict deaths by pair."""

    recruits: np.ndarray
    arrests: np.ndarray
    deaths: np.ndarray
    exits: np.ndarray
    deaths_by_pair: np.ndarray  # [i, j]: members of i killed in conflict with j


def workforce_step(
    members: np.ndarray,
    conflict: np.ndarray,
    *,
    rho: np.ndarray | float,
    eta: float,
    theta: np.ndarray | float,
    omega: float,
    lethality: np.ndarray | float = 1.0,
    substeps: int = SUBSTEPS,
    weeks: float = WEEKS_PER_MONTH,
) -> tuple[np.ndarray, WorkforceFlows]:
    """R1: advance every cartel's members by ``weeks`` weeks of the workforce equation.

    Args:
        members: members per cartel at the start of the month.
        conflict: the conflict matrix K (see :func:`conflict_matrix`).
        rho: recruits per member per week, scalar or per cartel.
        eta: arrests per week in total, shared among cartels by size.
        theta: conflict lethality, scalar or per cartel (the victim's exposure).
        omega: saturation rate per member per week.
        lethality: multiplier of each cartel's killing power as an attacker (R7 guns).
        substeps: explicit integration steps within the month.
        weeks: length of the step in weeks.

    Returns:
        The members at the end of the month and the month's flows.
    """
    c = members.astype(float).copy()
    n = len(c)
    dt = weeks / substeps
    # Per-member rates of one substep: recruits, deaths' exposure, saturation.
    rho_dt, theta_dt, omega_dt = rho * dt, theta * dt, omega * dt
    # Deaths of i at the hands of j in one substep are a_i K_ij b_j (a: the victims'
    # exposure, b: the attackers' killing power), so a month's deaths by pair are
    # K * sum over substeps of the outer products a b^T, i.e. K * (A^T B) with A and B
    # the substeps' a and b stacked: one matrix product for the month.
    history: list[tuple[np.ndarray, ...]] = []  # each substep's rec, arr, die, ext, a, b
    for _ in range(substeps):
        total = c.sum()
        if total <= 0:
            break
        a = theta_dt * c
        b = lethality * c
        rec = rho_dt * c
        arr = (eta * dt / total) * c
        die = a * (conflict @ b)
        ext = omega_dt * c * c
        out = arr + die + ext
        available = c + rec
        # A group cannot lose more people than it has: scale its losses down if needed.
        over = out > available
        if over.any():
            scale = np.where(over, available / np.maximum(out, TINY_SHARE), 1.0)
            arr, die, ext, a = arr * scale, die * scale, ext * scale, a * scale
        # Scaled losses leave exactly nothing, up to rounding: never a negative group,
        # whose share of next substep's arrests (c / total) would then be negative.
        c = np.maximum(available - arr - die - ext, 0.0)
        history.append((rec, arr, die, ext, a, b))
    if not history:  # nobody left at the start of the month
        none = np.zeros(n)
        return c, WorkforceFlows(none, none.copy(), none.copy(), none.copy(), np.zeros((n, n)))
    rec, arr, die, ext, a, b = (np.array(x) for x in zip(*history, strict=True))
    exposure = a.T @ b
    pair = conflict * exposure
    return c, WorkforceFlows(
        rec.sum(axis=0), arr.sum(axis=0), die.sum(axis=0), ext.sum(axis=0), pair
    )


def workforce(s: ModelState) -> None:
    """R1 for every group this month, with the couplings to R2, R6, R7, R8, R11 and R12."""
    cal, cartels, regions = s.calibration, s.cartels, s.regions
    members = cartels.members.copy()
    territory, weights = cartels.territory, cartels.territory_weights()
    # R12: recruits come from the communities in a group's territory; R6: cash pays them.
    supply = regions.recruit_supply / regions.recruit_supply_ref
    community = territory.dot(supply**cal.recruitment_elasticity, data=weights)
    cash = cash_factor(s) / cartels.cash_factor_ref
    rho = cal.rho * community * np.minimum(cash, 1.0)
    # R2/R11: arrests rise with National Guard presence and tips; convictions with the courts.
    deployed = s.deployment - s.status_quo["national_guard_deployment"]
    enforcement = (1 + cal.deployment_arrest_effect * deployed) * mean_tips(s)
    conviction = conviction_rate(s)
    gross_eta = cal.eta * enforcement / cal.conviction_base
    # R7: guns per member raise lethality; R8/R4: contested routes and succession instability.
    guns = cartels.firepower / np.maximum(members, 1) / np.maximum(cartels.firepower_ref, EPS)
    theta = cal.theta * territory.dot(regions.violence * (1 + regions.instability), data=weights)
    guns = np.clip(guns, cal.firepower_ratio_min, cal.firepower_ratio_max)
    lethality = guns**cal.firepower_elasticity  # the attacker's guns
    new, flows = workforce_step(
        members,
        s.conflict,
        rho=rho,
        eta=gross_eta,
        theta=theta,
        omega=cal.omega,
        lethality=lethality,
        substeps=cal.substeps_per_month,
    )
    raid = np.minimum(cartels.pending_arrests, new)  # R11: raid arrests this month
    new -= raid
    arrested = flows.arrests + raid
    # R7: members who are arrested, killed or leave take their guns out of the arsenal.
    gone = (arrested + flows.deaths + flows.exits) / np.maximum(members + flows.recruits, EPS)
    cartels.firepower *= 1 - np.clip(gone, 0.0, 1.0)
    convicted = arrested * conviction
    cartels.pending_arrests[:] = 0.0
    released = hold_and_release(s, arrested - convicted)
    was_active = cartels.active
    cartels.members = np.maximum(new + released, 0.0)  # R2: the unconvicted return
    for i in np.flatnonzero(was_active & ~cartels.active):
        home = int(cartels.territory.row(int(i)).argmax())
        s.events.add(
            s.month, "R1", cartels.code[i], s.world.regions[home], f"{cartels.name[i]} dissolved"
        )
    s.flows["recruits"] += flows.recruits.sum()
    s.flows["arrests"] += arrested.sum()
    s.flows["convictions"] += convicted.sum()
    s.flows["cartel_deaths"] += flows.deaths.sum()
    s.deaths_by_pair = flows.deaths_by_pair
    s.conviction_rate = conviction
