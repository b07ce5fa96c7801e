"""Reader for the published 150-cartel network behind Prieto-Curiel et al. (2023).

The data (``BACRIM2020_*.csv``, ``Trends2012_2021.csv``) lives outside the package,
in ``../shared/data/cartel_network_2020/``; it is used for validation, not shipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class CartelNetwork:
    """The 150 cartels with symmetric rivalry and alliance weights."""

    ids: list[str]
    names: list[str]
    rivalry: np.ndarray
    alliance: np.ndarray

    def power_law_members(self, total: float) -> np.ndarray:
        """Initial members: total split by 1/rank, ranked by rivalry + alliance strength.

        This is the paper's initial condition (sizes follow a power law with exponent
        -1, the most connected cartel being the largest), taken at its expected value.
        """
        strength = self.rivalry.sum(axis=1) + self.alliance.sum(axis=1)
        order = np.argsort(-strength, kind="stable")
        rank = np.empty(len(self.ids))
        rank[order] = np.arange(1, len(self.ids) + 1)
        share = (1.0 / rank) / (1.0 / rank).sum()
        return share * total


def _symmetric(path: Path, index: dict[str, int]) -> np.ndarray:
    edges = pd.read_csv(path, encoding="utf-8-sig")
    m = np.zeros((len(index), len(index)))
    for a, b, w in zip(edges["Node"], edges["RNode"], edges["weight"], strict=True):
        i, j = index[a], index[b]
        m[i, j] = max(m[i, j], float(w))
    return np.maximum(m, m.T)  # the paper symmetrises directed rows by their maximum


def load_cartel_network(folder: str | Path) -> CartelNetwork:
    """Read the nodes, rivalries and alliances from ``folder``."""
    folder = Path(folder)
    nodes = pd.read_csv(folder / "BACRIM2020_Nodes.csv", encoding="utf-8-sig")
    index = {node: i for i, node in enumerate(nodes["Node"])}
    return CartelNetwork(
        ids=list(nodes["Node"]),
        names=list(nodes["Group"]),
        rivalry=_symmetric(folder / "BACRIM2020_Rivals.csv", index),
        alliance=_symmetric(folder / "BACRIM2020_Alliances.csv", index),
    )


def load_national_trends(folder: str | Path) -> pd.DataFrame:
    """Read yearly homicides, missing persons and arrests in Mexico, 2012-2021."""
    return pd.read_csv(Path(folder) / "Trends2012_2021.csv", encoding="utf-8-sig")
