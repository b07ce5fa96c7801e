"""Cartel agents and R1, the cartel workforce equation they share.

R1 (Prieto-Curiel, Campedelli & Hope 2023, Science 381:1312): in weekly units, for
cartel i with C_i members,

    dC_i/dt = C_i * (rho_i - eta / sum(C) - theta_i * sum_j K_ij C_j - omega * C_i)

with recruitment rho, incapacitation eta (arrests per week in total, shared by size),
conflict lethality theta over the conflict matrix K_ij = (rivalry_ij + 1) /
(alliance strength_i + 1), K_ii = 0, and saturation omega. The model steps monthly
and integrates the weekly equation in ``substeps`` explicit steps per month.
"""

from __future__ import annotations

from dataclasses import dataclass

import mesa
import numpy as np

WEEKS_PER_MONTH = 365.25 / 7 / 12  # about 4.348 weeks in an average month


class Cartel(mesa.Agent):
    """A cartel, faction or local armed group: members, leadership, territory, money, guns."""

    def __init__(
        self,
        model: mesa.Model,
        code: str,
        name: str,
        members: float,
        territory: np.ndarray,
        *,
        kind: str = "major",
        cohesion: float = 0.8,
        cash_usd: float = 0.0,
        firepower: float = 0.0,
        leaders: int = 3,
        lieutenants: int = 20,
        gatekeepers: int = 5,
        corruption_reach: float = 0.3,
        parent: str | None = None,
    ) -> None:
        super().__init__(model)
        self.code = code
        self.name = name
        self.kind = kind  # "major", "local" or "faction"
        self.members = float(members)
        self.territory = territory.astype(float)  # strength 0..1 per region, in world order
        self.cohesion = cohesion
        self.cash_usd = cash_usd
        self.firepower = firepower
        self.leaders = leaders
        self.lieutenants = lieutenants
        self.gatekeepers = gatekeepers
        self.gatekeepers_ref = gatekeepers  # R5: brokers a corridor network needs
        self.pending_arrests = 0.0  # R11: members arrested in raids this month
        self.custody: list[float] = []  # R2: unconvicted arrestees, oldest first, awaiting release
        self.drug_revenue = 0.0  # R6/R8: this month's revenue from fentanyl sold in the US
        self.cash_factor_ref = 1.0  # R6: cash factor at the start, set by the model
        self.corruption_reach = corruption_reach
        self.parent = parent
        self.cohesion_ref = cohesion  # the level cohesion recovers to after a shock (R4)
        self.pending_cohesion_loss: list[float] = []  # R4: a capture's loss, month by month
        self.shock_region = 0  # R4: region of the last leader removal
        self.production = 1.0  # R10/R11: share of lab capacity intact
        self.throughput = 1.0  # R5: share of route throughput intact
        self.firepower_ref = 0.0  # R7: guns per member at the start, set by the model

    @property
    def active(self) -> bool:
        """A group is active while it has at least one member."""
        return self.members >= 1.0

    @property
    def home(self) -> int:
        """Index of the region where the cartel is strongest."""
        return int(np.argmax(self.territory))


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
    substeps: int = 4,
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
    recruits, arrests, deaths, exits = (np.zeros(n) for _ in range(4))
    pair = np.zeros((n, n))
    for _ in range(substeps):
        total = c.sum()
        if total <= 0:
            break
        rec = rho * c * dt
        arr = eta * c / total * dt
        kill = (theta * c)[:, None] * conflict * (lethality * c)[None, :] * dt
        die = kill.sum(axis=1)
        ext = omega * c * c * dt
        out = arr + die + ext
        # A group cannot lose more people than it has: scale its losses down if needed.
        scale = np.where(out > c + rec, (c + rec) / np.maximum(out, 1e-12), 1.0)
        arr, die, ext, kill = arr * scale, die * scale, ext * scale, kill * scale[:, None]
        c = c + rec - arr - die - ext
        recruits += rec
        arrests += arr
        deaths += die
        exits += ext
        pair += kill
    return c, WorkforceFlows(recruits, arrests, deaths, exits, pair)


def remove_leader(cartel: Cartel, killed: bool, drop: float) -> tuple[float, float]:
    """R4: take one leader out; a lieutenant succeeds. Returns cohesion before and after.

    A killing lowers cohesion at once; a capture's loss is scheduled over the next
    months by the caller (Calderón et al. 2015: killings destabilise faster).
    """
    before = cartel.cohesion
    cartel.leaders -= 1
    if cartel.leaders <= 0 and cartel.lieutenants > 0:
        cartel.leaders, cartel.lieutenants = 1, cartel.lieutenants - 1  # succession
    if killed:
        cartel.cohesion = max(0.0, cartel.cohesion - drop)
    return before, cartel.cohesion
