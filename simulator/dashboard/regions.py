"""Per-region state for the map, and the tile-grid layout of Mexico's 32 states.

:func:`region_frame` returns the model's ``region_frame()`` when the model has it
(the model's contract: one row per region code, columns homicides, homicide_rate,
control, controlling_cartel, legitimacy, fear, integrity). Until that is on main it
computes the same columns from the model's public state; the adapter goes when
``CartelModel.region_frame`` lands.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from simulator.model import CartelModel

REGION_COLUMNS = (
    "homicides",
    "homicide_rate",
    "control",
    "controlling_cartel",
    "legitimacy",
    "fear",
    "integrity",
)

# Tile grid of Mexico (column, row): north-west at the top left, Yucatán at the right.
# A layout for recognition, not geography: each state is one tile next to its neighbours
# where the grid allows.
MEXICO_TILES: dict[str, tuple[int, int]] = {
    "BC": (0, 0), "SON": (1, 0), "CHIH": (2, 0), "COAH": (3, 0), "NL": (4, 0),
    "BCS": (0, 1), "SIN": (1, 1), "DGO": (2, 1), "ZAC": (3, 1), "SLP": (4, 1), "TAMPS": (5, 1),
    "NAY": (1, 2), "JAL": (2, 2), "AGS": (3, 2), "GTO": (4, 2), "QRO": (5, 2), "HGO": (6, 2),
    "COL": (2, 3), "MICH": (3, 3), "MEX": (4, 3), "CDMX": (5, 3), "TLAX": (6, 3), "VER": (7, 3),
    "PUE": (6, 4), "TAB": (8, 3), "CAMP": (9, 3), "YUC": (10, 3),
    "GRO": (4, 4), "MOR": (5, 4), "OAX": (7, 4), "CHIS": (8, 4), "QROO": (10, 4),
}  # fmt: skip


def tile_positions(regions: list[str]) -> dict[str, tuple[int, int]]:
    """Tile (column, row) of each region: Mexico's grid, else row by row as synthetic worlds are built."""
    if set(regions) <= set(MEXICO_TILES):
        return {r: MEXICO_TILES[r] for r in regions}
    cols = math.ceil(math.sqrt(len(regions)))
    return {r: (i % cols, i // cols) for i, r in enumerate(regions)}


def _strongest_cartel(model: CartelModel) -> list[str]:
    """Name of the cartel with the most members in each region (members spread by territory)."""
    cartels = [c for c in model.cartels if c.members > 0]
    if not cartels:
        return [""] * len(model.world.regions)
    territory = np.array([c.territory for c in cartels])
    share = territory / np.maximum(territory.sum(axis=1, keepdims=True), 1e-12)
    members = share * np.array([c.members for c in cartels])[:, None]
    best = members.argmax(axis=0)
    present = members.max(axis=0) > 0
    return [cartels[b].name if ok else "" for b, ok in zip(best, present, strict=True)]


def region_frame(model: CartelModel) -> pd.DataFrame:
    """One row per region code: homicides, rate, control, controlling cartel, legitimacy, fear, integrity."""
    native = getattr(model, "region_frame", None)
    if callable(native):
        frame = native()
        if isinstance(frame, pd.DataFrame):
            return frame
    regions = list(model.world.regions)
    population = np.array([model.world.population[r] for r in regions], float)
    homicides = np.asarray(model.region_homicides, float)
    communities = {c.region: c for c in model.communities}
    control = np.asarray(model.control, int)
    strongest = _strongest_cartel(model)
    return pd.DataFrame(
        {
            "homicides": homicides,
            "homicide_rate": homicides * 12 / population * 1e5,
            "control": control,
            "controlling_cartel": [
                name if c == 1 else "" for name, c in zip(strongest, control, strict=True)
            ],
            "legitimacy": [communities[r].legitimacy for r in regions],
            "fear": [communities[r].fear for r in regions],
            "integrity": [communities[r].integrity for r in regions],
        },
        index=pd.Index(regions, name="region"),
    )
