"""R9 Sovereignty and cooperation (seeds 000-004): a relationship, not a ratchet.

Mexico's cooperation grows with reciprocity (US action on guns, money, demand and the
border), aid and, for a while, a credible US threat of unilateral action (seed 001:
diplomacy first, "hands free" to act if cooperation is judged insufficient). It drops
with each unilateral operation on Mexican soil (a sovereignty incident, with public
backlash) and with strain: civilian casualties of operations (abuses), corruption
scandals (likelier where integrity is low), US domestic pressure above its start
(overdose deaths, US presidential campaigns), the sovereignty cost of a standing
threat, and random shocks. Mexican presidential campaigns lower its target. Backlash
and strain decay, so cooperation recovers towards its reference. The US's trust grows
with extraditions. The governments' own updates are in :mod:`simulator.agents.government`.

Draws: every month the rule takes one uniform (scandal) and one normal (shock) from its
own stream, whatever the coefficients; the extraditions' Poisson draw, whose use of the
stream depends on the lever, comes from a child stream spawned once a month, so a
coefficient or a lever whose mechanism is at 0 changes nothing else.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from simulator.agents.government import CooperationDrivers
from simulator.rules.levers import cooperation_gate
from simulator.state import ModelState
from simulator.units import EPS, MONTHS_PER_YEAR, USD_PER_BILLION

RECIPROCITY_LEVERS = ("gun_tracing", "financial_ops", "demand_reduction", "smart_border")


def incident(s: ModelState, region: int, actor: str, what: str) -> None:
    """A unilateral operation on Mexican soil."""
    s.incidents_this_month += 1
    s.flows["sovereignty_incidents"] += 1
    s.events.add(
        s.month,
        "R9",
        actor,
        s.world.regions[region],
        f"sovereignty incident: {what} without consent",
    )


@cache  # a pure function of two labels, asked twice a month for every election
def month_index(start: str, month: str) -> int:
    """The model month (1 = ``start``) of a calendar month, both "YYYY-MM"."""
    sy, sm = (int(x) for x in start.split("-"))
    y, m = (int(x) for x in month.split("-"))
    return (y - sy) * MONTHS_PER_YEAR + (m - sm) + 1


def campaign(s: ModelState, elections: list[str], months: int) -> float:
    """1 in the ``months`` months up to and including one of ``elections``, else 0."""
    for date in elections:
        ahead = month_index(s.spec.start, date) - s.month
        if 0 <= ahead < months:
            return 1.0
    return 0.0


def declared_threat(s: ModelState) -> float:
    """1 while a standing trigger would launch (more) unilateral strikes, else 0.

    Seed 001: "if the Mexican government adopts a reluctant position, Trump has
    signaled his readiness to act unilaterally". A threat is credible when the
    policy holds such a contingency that can still fire.
    """
    now = s.levers["unilateral_strikes_per_month"]
    for state in s.triggers:
        if state.trigger.once and state.fired:
            continue
        strikes = state.trigger.set.unilateral_strikes_per_month
        if strikes is not None and strikes > now:
            return 1.0
    return 0.0


def us_pressure(s: ModelState) -> float:
    """Move US domestic pressure towards its drivers; return it (1 = the start; 1 without a US).

    Drivers: last month's US overdose deaths relative to the first month's, to the
    power ``overdose_pressure_elasticity``, plus ``us_campaign_pressure`` during a
    US presidential campaign.
    """
    us = s.governments.get("US")
    if us is None:
        return 1.0
    cal, deaths = s.calibration, s.history["us_overdose_deaths"]
    ratio = deaths[-1] / max(deaths[0], EPS) if deaths else 1.0
    target = ratio**cal.overdose_pressure_elasticity + cal.us_campaign_pressure * campaign(
        s, cal.us_elections, cal.us_campaign_months
    )
    us.update_pressure(target, cal.pressure_rate)
    return us.pressure


def scandal_probability(s: ModelState) -> float:
    """This month's chance of a bilateral corruption scandal: higher where integrity is low.

    ``scandal_rate_per_year`` at the initial integrity, scaled by the population-weighted
    (1 - integrity) relative to its value at the start.
    """
    reg = s.regions
    weak = float(np.dot(1 - reg.integrity, s.weights))
    weak_0 = float(np.dot(1 - reg.initial_integrity, s.weights))
    return s.calibration.scandal_rate_per_year / MONTHS_PER_YEAR * weak / max(weak_0, EPS)


def cooperation(s: ModelState) -> None:
    """Mexico's cooperation responds to reciprocity, aid, threats, incidents and strain; the US's to extraditions."""
    lv, sq, cal = s.levers, s.status_quo, s.calibration
    scandal_draw, shock_draw = s.rng.random(), s.rng.standard_normal()  # fixed draws a month
    pressure = us_pressure(s)
    mx = s.governments.get("MX")
    if mx is not None:
        scandal = scandal_draw < scandal_probability(s)
        sens = mx.sovereignty_sensitivity
        strain = (
            cal.abuse_strain * s.flows["civilian_casualties"]
            + cal.pressure_strain * max(0.0, pressure - 1) * sens
        )
        shock = cal.scandal_strain * scandal + cal.shock_sd * shock_draw
        before = mx.cooperation
        mx.update_cooperation(
            CooperationDrivers(
                incidents=s.incidents_this_month,
                reciprocity=float(np.mean([lv[k] - sq[k] for k in RECIPROCITY_LEVERS])),
                aid=(lv["us_aid_usd_per_year"] - sq["us_aid_usd_per_year"]) / USD_PER_BILLION,
                strain=strain,
                shock=shock,
                threat=declared_threat(s) * pressure,
                campaign=campaign(s, cal.mx_elections, cal.mx_campaign_months),
            ),
            cal,
        )
        if s.incidents_this_month and mx.cooperation < before:
            s.events.add(
                s.month,
                "R9",
                "MX",
                "",
                f"public backlash: cooperation {before:.2f} → {mx.cooperation:.2f}",
            )
        if scandal and cal.scandal_strain > 0:
            s.events.add(
                s.month,
                "R9",
                "MX",
                "",
                f"corruption scandal strains cooperation: {before:.2f} → {mx.cooperation:.2f}",
            )
    us = s.governments.get("US")
    if us is not None:  # reciprocity the US sees: extraditions (a child stream: see above)
        draws = s.rng.spawn(1)[0]
        extraditions = draws.poisson(lv["extraditions_per_month"] * cooperation_gate(s))
        us.update_trust(float(extraditions), cal)
