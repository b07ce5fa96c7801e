"""Designs: which parameter values each design point takes (full grid, Latin hypercube, Sobol).

Latin hypercube and Saltelli's Sobol sampling come from SALib. Both sample the unit
hypercube; each :class:`Parameter` then maps its column to its own values (a linear
or logarithmic range, whole numbers, or a list of choices). Sobol indices do not
depend on that per-parameter mapping, so the analysis works on the same points.
A design depends only on the spec (its seed included), never on where it runs.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from simulator.experiment.sweep.points import plain

ParameterKind = Literal["float", "int", "choice"]


@dataclass(frozen=True)
class Parameter:
    """A swept scenario field (or model argument) and the values it can take."""

    name: str
    path: str
    kind: ParameterKind
    low: float | None = None
    high: float | None = None
    scale: Literal["linear", "log"] = "linear"
    levels: int | None = None
    values: tuple[Any, ...] | None = None

    def from_unit(self, u: np.ndarray) -> np.ndarray:
        """Map samples of [0, 1) to this parameter's values."""
        u = np.asarray(u, dtype=float)
        if self.kind == "choice":
            assert self.values is not None
            k = len(self.values)
            index = np.minimum((u * k).astype(np.int64), k - 1)
            return self._choice_array()[index]
        assert self.low is not None and self.high is not None
        if self.kind == "int":
            if self.scale == "log":
                x = np.rint(np.exp(np.log(self.low) + u * (np.log(self.high) - np.log(self.low))))
            else:
                x = self.low + np.floor(u * (self.high - self.low + 1))
            return np.clip(x, self.low, self.high).astype(np.int64)
        if self.scale == "log":
            return np.exp(np.log(self.low) + u * (np.log(self.high) - np.log(self.low)))
        return self.low + u * (self.high - self.low)

    def grid(self) -> np.ndarray:
        """The values a grid design gives this parameter."""
        if self.kind == "choice":
            return self._choice_array()
        assert self.low is not None and self.high is not None and self.levels is not None
        spread = np.geomspace if self.scale == "log" else np.linspace
        x = spread(self.low, self.high, self.levels)
        if self.kind == "int":
            return np.unique(np.rint(x).astype(np.int64))
        return np.asarray(x, dtype=float)

    def _choice_array(self) -> np.ndarray:
        assert self.values is not None
        if all(isinstance(v, bool) for v in self.values):
            return np.array(self.values, dtype=bool)
        if all(isinstance(v, int) and not isinstance(v, bool) for v in self.values):
            return np.array(self.values, dtype=np.int64)
        if all(isinstance(v, int | float) and not isinstance(v, bool) for v in self.values):
            return np.array(self.values, dtype=float)
        return np.array([str(v) for v in self.values], dtype=object)

    def describe(self) -> dict[str, Any]:
        """A JSON-ready description, for the manifest."""
        out: dict[str, Any] = {"name": self.name, "path": self.path, "kind": self.kind}
        if self.kind == "choice":
            out["values"] = list(self.values or ())
        else:
            out.update(low=self.low, high=self.high, scale=self.scale)
            if self.levels is not None:
                out["levels"] = self.levels
        return out


@dataclass
class Design:
    """The design points: one value per parameter per point, in point order.

    Attributes:
        kind: ``grid``, ``lhs`` or ``sobol``.
        parameters: the parameters, in column order.
        columns: parameter name -> array of its value at every point.
        samples: lhs points or Sobol base samples N (None for a grid).
        second_order: Sobol designs made for second-order indices too.
        seed: the sampler's seed.
    """

    kind: str
    parameters: list[Parameter]
    columns: dict[str, np.ndarray]
    samples: int | None = None
    second_order: bool = False
    seed: int = 0
    names: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.names = [p.name for p in self.parameters]

    @property
    def n_points(self) -> int:
        """Number of design points."""
        return len(next(iter(self.columns.values()))) if self.columns else 0

    def values(self, point: int) -> dict[str, Any]:
        """The parameter values of one point, as plain Python values."""
        return {name: plain(self.columns[name][point]) for name in self.names}

    def frame(self) -> pd.DataFrame:
        """Table ``point`` then one column per parameter."""
        df = pd.DataFrame({name: self.columns[name] for name in self.names})
        df.insert(0, "point", np.arange(self.n_points, dtype=np.int64))
        return df

    def salib_problem(self) -> dict[str, Any]:
        """SALib's problem definition over the unit hypercube the design was sampled from."""
        return {
            "num_vars": len(self.parameters),
            "names": list(self.names),
            "bounds": [[0.0, 1.0]] * len(self.parameters),
        }

    def describe(self) -> dict[str, Any]:
        """A JSON-ready description, for the manifest."""
        return {
            "kind": self.kind,
            "samples": self.samples,
            "second_order": self.second_order,
            "seed": self.seed,
            "points": self.n_points,
            "parameters": [p.describe() for p in self.parameters],
        }


def make_design(
    kind: str,
    parameters: list[Parameter],
    samples: int | None = None,
    second_order: bool = False,
    seed: int = 0,
) -> Design:
    """Build the design points.

    Args:
        kind: ``grid`` (every combination, the first parameter varying slowest), ``lhs``
            (``samples`` Latin-hypercube points) or ``sobol`` (Saltelli's scheme on a
            scrambled Sobol sequence: ``samples * (D + 2)`` points, or ``samples * (2D + 2)``
            with ``second_order``).
        parameters: the parameters.
        samples: lhs points or Sobol base samples.
        second_order: Sobol: allow second-order indices.
        seed: the sampler's seed.
    """
    if kind == "grid":
        axes = [p.grid() for p in parameters]
        index = np.array(list(itertools.product(*(range(len(a)) for a in axes))), dtype=np.int64)
        index = index.reshape(-1, len(parameters))
        columns = {p.name: axes[j][index[:, j]] for j, p in enumerate(parameters)}
        return Design(kind, parameters, columns, None, False, seed)
    if samples is None:
        raise ValueError(f"a {kind} design needs samples")
    problem = {
        "num_vars": len(parameters),
        "names": [p.name for p in parameters],
        "bounds": [[0.0, 1.0]] * len(parameters),
    }
    if kind == "lhs":
        from SALib.sample import latin

        unit = latin.sample(problem, samples, seed=seed)
    elif kind == "sobol":
        from SALib.sample import sobol

        unit = sobol.sample(problem, samples, calc_second_order=second_order, seed=seed)
    else:
        raise ValueError(f"unknown design kind {kind!r}; use grid, lhs or sobol")
    columns = {p.name: p.from_unit(unit[:, j]) for j, p in enumerate(parameters)}
    return Design(kind, parameters, columns, samples, second_order and kind == "sobol", seed)


def design_size(kind: str, n_parameters: int, samples: int | None, second_order: bool) -> int:
    """Number of points a design will have, without building it (grids: see :func:`make_design`)."""
    if kind == "lhs":
        return int(samples or 0)
    if kind == "sobol":
        return int(samples or 0) * ((2 if second_order else 1) * n_parameters + 2)
    raise ValueError("the size of a grid is the product of its parameters' levels")
