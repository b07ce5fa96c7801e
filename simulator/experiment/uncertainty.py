"""Parameter uncertainty: replications that also vary what we do not know (issue 12).

Seed-only replications show luck: every assumption-marked parameter sits at one
value. With :class:`ParameterUncertainty`, replication ``k`` also draws every ranged
calibration parameter (the ``plausible=(low, high)`` of its field in
:mod:`simulator.scenario.schema.calibration`) from its range, by a Latin hypercube
seeded from the comparison's base seed. Draw ``d`` is run with ``seeds_per_draw``
seeds, and every compared scenario gets the same draws in the same replications, so
common random numbers extend to parameters: a paired difference compares two policies
in the same world.

Because each draw is run with several seeds, the variance of a paired difference
splits exactly (law of total variance, population moments) into **luck** (the mean
variance across seeds within a draw) and **assumptions** (the variance of the draws'
means): see :func:`variance_split`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from simulator.experiment.summary import outcomes
from simulator.scenario.schema import Calibration, Scenario, plausible_range, semantic_problems

DESIGN = "scipy.stats.qmc.LatinHypercube(d, seed=base_seed), scaled to each plausible range"


def ranged_parameters() -> dict[str, tuple[float, float]]:
    """Every calibration field with a declared plausible range: name -> (low, high)."""
    found = {}
    for name in Calibration.model_fields:
        rng = plausible_range(Calibration, name)
        if rng is not None:
            found[name] = rng
    return found


@dataclass(frozen=True)
class ParameterUncertainty:
    """Which parameters vary, over which ranges, and how many seeds each draw gets.

    Attributes:
        seeds_per_draw: runs (seeds) per parameter draw; at least 2 to split luck from
            assumptions.
        ranges: parameter -> (low, high); empty: every ranged calibration field.
    """

    seeds_per_draw: int = 2
    ranges: Mapping[str, tuple[float, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.seeds_per_draw < 1:
            raise ValueError(f"seeds_per_draw must be >= 1, got {self.seeds_per_draw}")
        unknown = sorted(set(self.ranges) - set(Calibration.model_fields))
        if unknown:
            raise ValueError(f"not calibration fields: {', '.join(unknown)}")

    @property
    def parameters(self) -> dict[str, tuple[float, float]]:
        """The parameters that vary, with their ranges."""
        return dict(self.ranges) if self.ranges else ranged_parameters()

    def draws(self, n: int, seed: int) -> pd.DataFrame:
        """``n`` Latin-hypercube draws (rows) of every parameter (columns), reproducible from ``seed``."""
        params = self.parameters
        if not params:
            raise ValueError("no calibration field declares a plausible range to draw from")
        from scipy.stats import qmc  # here, not at import: scipy.stats costs sweep workers ~0.8 s

        names = list(params)
        unit = qmc.LatinHypercube(d=len(names), seed=seed).random(n)
        low = np.array([params[p][0] for p in names])
        high = np.array([params[p][1] for p in names])
        values = pd.DataFrame(low + unit * (high - low), columns=names)
        for name in names:  # counts (months, members) stay whole numbers
            if Calibration.model_fields[name].annotation is int:
                values[name] = values[name].round().astype(int)
        values.index.name = "draw"
        return values

    def draw_of(self, replications: int) -> list[int]:
        """The draw each replication runs: ``k // seeds_per_draw``."""
        return [k // self.seeds_per_draw for k in range(replications)]

    def n_draws(self, replications: int) -> int:
        """Draws needed for ``replications`` runs."""
        return math.ceil(replications / self.seeds_per_draw)


def with_parameters(scenario: Scenario, values: Mapping[str, float]) -> Scenario:
    """``scenario`` with these calibration values, validated by the schema like a file's.

    Raises:
        ValueError: a draw breaks a check between fields (two ranges that overlap where
            one field must stay below the other): the ranges need fixing.
    """
    data = scenario.calibration.model_dump()
    for name, value in values.items():
        whole = Calibration.model_fields[name].annotation is int
        data[name] = int(round(float(value))) if whole else float(value)
    try:
        calibration = Calibration.model_validate(data)
        drawn = scenario.model_copy(update={"calibration": calibration})
        problems = semantic_problems(drawn)
    except ValueError as exc:
        problems = [((), str(exc))]
    if problems:
        detail = "; ".join(f"{'.'.join(map(str, path))}: {msg}" for path, msg in problems)
        raise ValueError(
            f"{scenario.name}: a parameter draw is outside what the schema accepts "
            f"(the plausible ranges need fixing): {detail}"
        )
    return drawn


def variance_split(
    data: pd.DataFrame,
    reference: str,
    draw_of: Sequence[int],
    metrics: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Split the variance of each paired difference into luck and assumptions.

    For scenario ``s`` and metric ``m`` the paired difference ``D_k`` (outcome of ``s``
    minus the reference's in replication ``k``) has total variance
    ``Var(D) = E_d[Var(D | d)] + Var_d(E[D | d])`` over the draws ``d``: the first term is
    luck (seeds), the second assumptions (parameters). Population moments, so the two
    add up to the total exactly.

    Returns:
        ``scenario, metric, total, luck, assumptions, assumptions_share`` for every
        scenario other than the reference.
    """
    out = outcomes(data)
    if metrics is not None:
        out = out[out["metric"].isin(list(metrics))]
    wide = out.pivot_table(
        index=["metric", "replication"], columns="scenario", values="value", sort=False
    )
    draws = pd.Series(list(draw_of), name="draw")
    rows = []
    for scenario in [c for c in wide.columns if c != reference]:
        diff = (wide[scenario] - wide[reference]).rename("d").reset_index()
        diff["draw"] = draws.iloc[diff["replication"].to_numpy()].to_numpy()
        for metric, group in diff.groupby("metric", sort=False):
            d = group["d"].to_numpy(dtype=float)
            by_draw = group.groupby("draw")["d"]
            counts = by_draw.count().to_numpy(dtype=float)
            means = by_draw.mean().to_numpy(dtype=float)
            within = by_draw.var(ddof=0).to_numpy(dtype=float)
            weights = counts / counts.sum()
            grand = float(np.sum(weights * means))
            luck = float(np.sum(weights * within))
            assumptions = float(np.sum(weights * (means - grand) ** 2))
            total = float(np.var(d, ddof=0))
            share = assumptions / total if total > 0 else float("nan")
            rows.append((scenario, str(metric), total, luck, assumptions, share))
    return pd.DataFrame(
        rows, columns=["scenario", "metric", "total", "luck", "assumptions", "assumptions_share"]
    )
