"""Community agents: the identity and view of one region's entry in :class:`simulator.state.RegionState`.

One per region: the people cartels recruit from and the state serves (R12-R14).
The numbers live in the model's per-region arrays, updated for all regions at once
by :func:`simulator.rules.r12_communities.communities`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

if TYPE_CHECKING:
    from simulator.state import RegionState


class Community(mesa.Agent):
    """A region's population and its conditions: a view of its entry in the per-region arrays."""

    def __init__(self, model: mesa.Model, regions: RegionState, index: int, region: str) -> None:
        super().__init__(model)
        self._regions = regions
        self.index = index
        self.region = region

    def _get(self, name: str) -> float:
        return float(getattr(self._regions, name)[self.index])

    @property
    def population(self) -> float:
        """Inhabitants."""
        return self._get("population")

    @property
    def opportunity(self) -> float:
        """Economic opportunity for young people, 0..1 (R12, R14)."""
        return self._get("opportunity")

    @property
    def fear(self) -> float:
        """Fear of violence, 0..1 (R12)."""
        return self._get("fear")

    @property
    def legitimacy(self) -> float:
        """Legitimacy of the state, 0..1 (R12)."""
        return self._get("legitimacy")

    @property
    def integrity(self) -> float:
        """Integrity of local institutions, 0..1 (R13)."""
        return self._get("integrity")

    @property
    def extortion(self) -> float:
        """Cartel governance and extortion, 0..1 (R12, R19)."""
        return self._get("extortion")

    @property
    def grievance(self) -> float:
        """R12 grievance, 0..1."""
        return float(self._regions.grievance[self.index])

    @property
    def tips(self) -> float:
        """R12 willingness to inform the state."""
        return float(self._regions.tips[self.index])

    def __repr__(self) -> str:
        return f"Community({self.region!r})"
