"""Scenario discovery: the boxes of parameter space in which a verdict flips (issue 12).

Given sampled parameter values and, for each sample, whether the case of interest
holds (e.g. "the other policy is better here"), a shallow decision tree
(scikit-learn's ``DecisionTreeClassifier``, as in Bryant & Lempert 2010's comparison of
PRIM and CART for scenario discovery) partitions the space into boxes. A leaf where
the case predominates is a box, described by the parameter limits along its path,
with the two measures of scenario discovery:

* **coverage**: the share of all cases that fall in the box;
* **density**: the share of the box's samples that are cases.

Parameters the tree never splits on are left out of a box's limits: the box spans
their whole range.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

MAX_DEPTH = 3  # a box restricts at most three parameters: readable, as scenario discovery wants
MIN_LEAF_SHARE = 0.02  # a box holds at least 2% of the samples (no one-sample boxes)


@dataclass(frozen=True)
class Box:
    """A region of parameter space where the case predominates."""

    limits: dict[str, tuple[float, float]]  # parameter -> (low, high); others unrestricted
    samples: int  # samples inside
    coverage: float  # cases inside / all cases
    density: float  # cases inside / samples inside

    def describe(self) -> str:
        """``a ≥ 0.61 and b ≤ 0.3`` (limits at the sampled range's edge are left out)."""
        parts = []
        for name, (low, high) in self.limits.items():
            if np.isfinite(low) and np.isfinite(high):
                parts.append(f"{low:.3g} ≤ {name} ≤ {high:.3g}")
            elif np.isfinite(low):
                parts.append(f"{name} ≥ {low:.3g}")
            else:
                parts.append(f"{name} ≤ {high:.3g}")
        return " and ".join(parts) or "everywhere"


def discover_boxes(
    samples: pd.DataFrame,
    cases: np.ndarray,
    max_depth: int = MAX_DEPTH,
    min_leaf_share: float = MIN_LEAF_SHARE,
    seed: int = 0,
) -> list[Box]:
    """The boxes where ``cases`` predominate, best first (by density, then coverage).

    Args:
        samples: one row per sample, one column per parameter (numbers).
        cases: one boolean per sample: the case of interest holds there.
        max_depth: depth of the tree (limits per box).
        min_leaf_share: smallest box, as a share of the samples.
        seed: the tree's tie-breaking seed (results are reproducible).
    """
    from sklearn.tree import DecisionTreeClassifier

    y = np.asarray(cases, dtype=bool)
    if len(y) != len(samples):
        raise ValueError(f"{len(y)} cases for {len(samples)} samples")
    if not y.any() or y.all():
        return []
    x = samples.to_numpy(dtype=float)
    tree = DecisionTreeClassifier(
        max_depth=max_depth,
        min_samples_leaf=max(1, int(np.ceil(min_leaf_share * len(y)))),
        random_state=seed,
    ).fit(x, y)
    t = tree.tree_
    names = list(samples.columns)
    leaf_of = tree.apply(x)
    boxes = []

    def leaves(node: int) -> list[int]:
        if t.children_left[node] == -1:
            return [node]
        return leaves(t.children_left[node]) + leaves(t.children_right[node])

    def majority(node: int) -> bool:
        counts = t.value[node][0]
        return bool(counts[-1] > counts[0])

    def walk(node: int, limits: dict[str, tuple[float, float]]) -> None:
        below = leaves(node)
        if len({majority(leaf) for leaf in below}) == 1:  # one verdict below: one box
            inside = np.isin(leaf_of, below)
            hits = int(y[inside].sum())
            if majority(below[0]) and inside.any():
                boxes.append(
                    Box(dict(limits), int(inside.sum()), hits / y.sum(), hits / inside.sum())
                )
            return
        name, cut = names[t.feature[node]], float(t.threshold[node])
        low, high = limits.get(name, (-np.inf, np.inf))
        walk(t.children_left[node], {**limits, name: (low, min(high, cut))})  # x <= cut
        walk(t.children_right[node], {**limits, name: (max(low, cut), high)})

    walk(0, {})
    return sorted(boxes, key=lambda b: (-b.density, -b.coverage))
