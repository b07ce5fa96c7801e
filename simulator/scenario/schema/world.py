"""The scenario's world section: which region graph a run uses."""

from __future__ import annotations

from typing import Literal

from simulator.scenario.schema.base import MAX_SEED, Strict, spec
from simulator.world.synthetic import MAX_REGIONS, MIN_REGIONS


class WorldSpec(Strict):
    """Which region graph the scenario runs on."""

    kind: Literal["mexico", "synthetic"] = spec(
        "mexico", "-", "Mexico's 32 states (embedded data) or a generated teaching world."
    )
    regions: int = spec(
        9,
        "regions",
        "Synthetic worlds only: number of regions (up to Mexico's 2,469 municipalities).",
        ge=MIN_REGIONS,
        le=MAX_REGIONS,
    )
    cartels: int = spec(3, "cartels", "Synthetic worlds only: number of cartels.", ge=1, le=20)
    crossings: int = spec(
        2, "crossings", "Synthetic worlds only: number of US border crossings.", ge=1, le=10
    )
    seed: int = spec(
        0, "-", "Synthetic worlds only: seed of the world generator.", ge=0, le=MAX_SEED
    )
