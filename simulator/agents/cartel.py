"""Cartel agents: the identity and view of one slot of :class:`simulator.state.CartelState`.

A cartel, faction or local armed group is a Mesa agent so events, the dashboard and
the API can name it and read it (``cartel.members``); its numbers live in the
model's per-cartel arrays, where the rules (:mod:`simulator.rules`) change them all
at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa
import numpy as np

if TYPE_CHECKING:
    from simulator.state import CartelState


class Cartel(mesa.Agent):
    """A cartel, faction or local armed group: a view of its slot in the per-cartel arrays."""

    def __init__(self, model: mesa.Model, cartels: CartelState, slot: int) -> None:
        super().__init__(model)
        self._cartels = cartels
        self.slot = slot

    def _get(self, name: str) -> float:
        return float(getattr(self._cartels, name)[self.slot])

    @property
    def code(self) -> str:
        """The group's id, e.g. ``CJNG``, ``LOCAL001`` or a faction ``CJNG_F1``."""
        return self._cartels.code[self.slot]

    @property
    def name(self) -> str:
        """Display name."""
        return self._cartels.name[self.slot]

    @property
    def kind(self) -> str:
        """``major``, ``local`` or ``faction``."""
        return self._cartels.kind[self.slot]

    @property
    def parent(self) -> str | None:
        """A faction's parent group, else None."""
        return self._cartels.parent[self.slot]

    @property
    def members(self) -> float:
        """Members now (R1)."""
        return self._get("members")

    @property
    def cohesion(self) -> float:
        """Internal cohesion 0..1 (R4)."""
        return self._get("cohesion")

    @property
    def cash_usd(self) -> float:
        """Cash in USD (R6)."""
        return self._get("cash_usd")

    @property
    def firepower(self) -> float:
        """Guns held (R7)."""
        return self._get("firepower")

    @property
    def leaders(self) -> int:
        """Top leaders (R4)."""
        return int(self._cartels.leaders[self.slot])

    @property
    def gatekeepers(self) -> int:
        """Corridor brokers (R5)."""
        return int(self._cartels.gatekeepers[self.slot])

    @property
    def production(self) -> float:
        """Share of lab capacity intact (R10, R11)."""
        return self._get("production")

    @property
    def throughput(self) -> float:
        """Share of route throughput intact (R5)."""
        return self._get("throughput")

    @property
    def territory(self) -> np.ndarray:
        """Strength 0..1 per region, in world order (a copy)."""
        return self._cartels.territory.row(self.slot)

    @property
    def active(self) -> bool:
        """A group is active while it has at least one member."""
        return self.members >= 1.0

    @property
    def home(self) -> int:
        """Index of the region where the group is strongest."""
        return int(np.argmax(self._cartels.territory.row(self.slot)))

    def __repr__(self) -> str:
        return f"Cartel({self.code!r}, members={self.members:,.0f})"
