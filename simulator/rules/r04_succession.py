"""R4 Decapitation and succession (seeds 004, 000; Calderón et al. 2015; Phillips 2015; Dickenson 2014).

Removing a leader lowers cohesion (a killing at once, a capture over the following
months); low cohesion kills from within and can split a group into rival factions
that inherit its members and territory and fight a succession war. Violence centres
on the host region and spills to its neighbours, then decays.

A removal also disrupts the group's capability for a time (Phillips 2015: decapitation
weakens a criminal group in the short run): it loses part of its cash, and a
leadership disruption index caps its production and route throughput until a
successor takes over (the index decays every month). The caps are written into the
``production`` and ``throughput`` arrays that drug supply reads (R8), as the weaker
of what labs and brokers allow (R10, R11, R5) and what the leadership allows.
"""

from __future__ import annotations

import numpy as np

from simulator.rules.r01_workforce import conflict_matrix
from simulator.state import FACTION, ModelState
from simulator.units import MONTHS_PER_YEAR


def conflict(s: ModelState) -> np.ndarray:
    """R1's conflict matrix, with succession wars fought at K = ``faction_conflict``.

    Factions keep part of the parent's alliances (which shield them from everyone
    else, as in R1), but a split is a war between the two sides themselves.
    """
    k = conflict_matrix(s.rivalry, s.alliance)
    for i, j in s.succession_wars:
        k[i, j] = k[j, i] = s.calibration.faction_conflict
    return k


def destabilise(s: ModelState, region: int) -> None:
    """Violence centres on the host region and spills to its neighbours."""
    instability = s.regions.instability
    instability[region] = 1.0
    spill = s.calibration.instability_neighbour
    for nb in s.world.neighbours(s.world.regions[region]):
        i = s.world.index(nb)
        instability[i] = max(instability[i], spill)


def cap_capability(s: ModelState) -> None:
    """Leadership disruption caps production and route throughput (the weaker link binds).

    Only where the cap is below 1, so a disruption of 0 (or coefficients of 0) leaves
    the arrays exactly as labs and brokers left them.
    """
    cal, c = s.calibration, s.cartels
    for name, share in (
        ("production", cal.disruption_production),
        ("throughput", cal.disruption_throughput),
    ):
        cap = 1 - share * c.disruption
        values = getattr(c, name)
        capped = cap < 1
        values[capped] = np.minimum(values[capped], cap[capped])


def remove_leader(s: ModelState, i: int, killed: bool, region: int, actor: str, rule: str) -> None:
    """Take one leader of group ``i`` out; a lieutenant succeeds.

    A killing lowers cohesion now; a capture's loss is spread over the next
    ``capture_lag_months`` (Calderón et al. 2015: killings destabilise faster). Either
    way the group loses part of its cash and its leadership disruption rises, which
    caps production and throughput from this month on (:func:`cap_capability`).
    """
    cal, c = s.calibration, s.cartels
    before = float(c.cohesion[i])
    c.leaders[i] -= 1
    if c.leaders[i] <= 0 and c.lieutenants[i] > 0:
        c.leaders[i], c.lieutenants[i] = 1, c.lieutenants[i] - 1  # succession
    c.cash_usd[i] *= 1 - (cal.removal_cash_loss_kill if killed else cal.removal_cash_loss_capture)
    c.disruption[i] = min(1.0, c.disruption[i] + cal.disruption_per_removal)
    cap_capability(s)
    if killed:
        c.cohesion[i] = max(0.0, c.cohesion[i] - cal.cohesion_drop_kill)
    c.shock_region[i] = region
    if killed:
        destabilise(s, region)
    else:  # month 0 is this month; the loss arrives over the next ``lag`` months
        lag = cal.capture_lag_months
        c.pending_cohesion_loss[i, 1 : lag + 1] += cal.cohesion_drop_capture / lag
    s.flows["leaders_removed"] += 1
    verb = "killed" if killed else "captured"
    effect = (
        f"cohesion {before:.2f} → {c.cohesion[i]:.2f}"
        if killed
        else f"cohesion to fall by {cal.cohesion_drop_capture:.2f} over {cal.capture_lag_months} months"
    )
    code = s.world.regions[region]
    s.events.add(
        s.month,
        rule,
        actor,
        code,
        f"{c.name[i]} leader {verb} in {s.world.region_name(code)}; {effect}",
    )


def succession(s: ModelState) -> None:
    """Destabilised groups kill from within, may split into rival factions, then settle."""
    cal, c = s.calibration, s.cartels
    n = len(c)
    # A capture's scheduled cohesion loss arrives.
    loss = c.pending_cohesion_loss[:, 0].copy()
    c.pending_cohesion_loss[:, :-1] = c.pending_cohesion_loss[:, 1:]
    c.pending_cohesion_loss[:, -1] = 0.0
    c.cohesion = np.maximum(0.0, c.cohesion - loss)
    for i in np.flatnonzero(loss > 0):
        destabilise(s, int(c.shock_region[i]))
    gap = np.maximum(0.0, c.cohesion_ref - c.cohesion)
    shaken = np.flatnonzero((gap > 0) & c.active)
    deaths = np.zeros(n)
    deaths[shaken] = np.minimum(
        c.members[shaken],
        cal.succession_violence / MONTHS_PER_YEAR * gap[shaken] * c.members[shaken],
    )
    c.members[shaken] -= deaths[shaken]
    for i in shaken:
        if (
            c.cohesion[i] < cal.split_threshold
            and c.members[i] > cal.split_min_members
            and s.rng.random() < cal.split_probability
        ):
            split(s, int(i))
    c.cohesion[shaken] += cal.cohesion_recovery * (c.cohesion_ref[shaken] - c.cohesion[shaken])
    s.succession_deaths = np.concatenate([deaths, np.zeros(len(c) - n)])  # new factions: 0
    s.flows["cartel_deaths"] += s.succession_deaths.sum()
    s.regions.instability *= 1 - cal.instability_decay
    # A successor takes over: disruption decays and its caps ease (labs and brokers
    # recovered in R8 before this; the caps hold until next month's supply).
    c.disruption *= 1 - cal.disruption_recovery
    cap_capability(s)


def split(s: ModelState, i: int) -> None:
    """A low-cohesion group splits; the faction inherits members, territory and enmity."""
    cal, c = s.calibration, s.cartels
    frac = float(s.rng.uniform(cal.faction_share_min, cal.faction_share_max))
    keep = s.rng.random(c.territory.n_regions) < 1 - cal.faction_region_share
    parent_territory = c.territory.row(i)
    shared = cal.shared_region_strength
    n_factions = sum(1 for p in c.parent if p == c.code[i])
    lieutenants = int(c.lieutenants[i]) // cal.faction_lieutenant_divisor
    gatekeepers = int(c.gatekeepers[i]) // cal.faction_gatekeeper_divisor
    j = c.append(
        code=f"{c.code[i]}_F{n_factions + 1}",
        name=f"{c.name[i]} faction {n_factions + 1}",
        kind=FACTION,
        parent=c.code[i],
        members=c.members[i] * frac,
        cohesion=cal.faction_cohesion,
        cohesion_ref=cal.faction_cohesion,
        cash_usd=c.cash_usd[i] * frac,
        firepower=c.firepower[i] * frac,
        firepower_ref=c.firepower_ref[i],
        corruption_reach=c.corruption_reach[i],
        production=1.0,
        throughput=1.0,
        cash_factor_ref=c.cash_factor_ref[i],
        leaders=1,  # a lieutenant breaks away and leads the faction
        lieutenants=lieutenants,
        gatekeepers=gatekeepers,
        gatekeepers_ref=gatekeepers,
        territory=np.where(keep, parent_territory * shared, parent_territory),
    )
    c.members[i] -= c.members[j]
    c.cash_usd[i] -= c.cash_usd[j]
    c.firepower[i] -= c.firepower[j]
    c.lieutenants[i] = max(0, c.lieutenants[i] - lieutenants - 1)
    c.gatekeepers[i] -= gatekeepers
    c.gatekeepers_ref[i] = max(0, c.gatekeepers_ref[i] - gatekeepers)
    c.territory.set_row(i, np.where(keep, parent_territory, parent_territory * shared))
    before = float(c.cohesion[i])
    c.cohesion[i] = c.cohesion_ref[i] = max(before, cal.faction_cohesion)
    n = len(c)
    rivalry, alliance = np.zeros((n, n)), np.zeros((n, n))
    rivalry[:-1, :-1], alliance[:-1, :-1] = s.rivalry, s.alliance
    rivalry[-1, :-1] = rivalry[:-1, -1] = s.rivalry[i]  # inherits the parent's enemies
    alliance[-1, :-1] = alliance[:-1, -1] = cal.faction_alliance_share * s.alliance[i]
    s.rivalry, s.alliance = rivalry, alliance
    s.succession_wars.append((i, j))
    s.conflict = conflict(s)
    s.deaths_by_pair = np.pad(s.deaths_by_pair, ((0, 1), (0, 1)))  # it had no deaths
    s.events.add(
        s.month,
        "R4",
        c.code[i],
        s.world.regions[int(c.home[i])],
        f"{c.name[i]} split into 2 factions (cohesion {before:.2f}); {c.name[j]} takes {c.members[j]:,.0f} members",
    )
