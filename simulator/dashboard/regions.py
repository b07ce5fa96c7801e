"""The tile-grid layout of the map: Mexico's 32 states, or a synthetic world's grid.

The map's data is the model's own ``CartelModel.region_frame()`` (one row per region
code: the region metrics of :data:`simulator.metrics.REGION_METRICS`).
"""

from __future__ import annotations

import math

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
