"""What a worker does: run a chunk of design-point runs and return their outputs as columns.

A runner is sent to each worker once (local pool) or with each task (Dask, where it
is cached by key after the first), and prepared once per worker process: the model
is imported then, never per run. A run builds its scenario from the base scenario's
data and the point's overrides, steps :class:`~simulator.model.CartelModel` for the
sweep's horizon and reduces the metrics it recorded, without building DataFrames.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from simulator.experiment.sweep.design import Parameter
from simulator.experiment.sweep.outputs import Output, RegionRecorder, reduce_run
from simulator.experiment.sweep.points import PointBuilder, override, plain

Columns = dict[str, np.ndarray]


class WorkerMismatch(RuntimeError):
    """A worker runs other code than the driver, so its results would not be comparable."""


class RunFailed(RuntimeError):
    """A run raised; the message names the run, its point, parameter values and seed."""


@dataclass
class Chunk:
    """Consecutive runs ``first..last`` of a sweep, with what each run needs."""

    run_ids: np.ndarray
    points: np.ndarray
    replications: np.ndarray
    seeds: np.ndarray
    params: dict[str, np.ndarray]

    @property
    def first(self) -> int:
        """Run id of the first run."""
        return int(self.run_ids[0])

    @property
    def last(self) -> int:
        """Run id of the last run."""
        return int(self.run_ids[-1])

    def __len__(self) -> int:
        return len(self.run_ids)


class Runner(Protocol):
    """Runs chunks on a worker; picklable, prepared once per worker process."""

    key: str

    def prepare(self) -> None:
        """Import and check what runs need, once per worker process."""

    def run_chunk(self, chunk: Chunk) -> Columns:
        """Run every run of the chunk; return the identity, parameter and output columns."""
        ...


def _identity(chunk: Chunk) -> Columns:
    return {
        "run_id": chunk.run_ids,
        "point": chunk.points,
        "replication": chunk.replications,
        "seed": chunk.seeds,
        **chunk.params,
    }


@dataclass
class ScenarioRunner:
    """Runs design points of a scenario sweep on :class:`~simulator.model.CartelModel`."""

    key: str
    builder: PointBuilder
    parameters: list[Parameter]
    outputs: list[Output]
    months: int
    fingerprint: str
    _model: Any = field(default=None, repr=False, compare=False)

    def prepare(self) -> None:
        """Import the model and check this worker runs the driver's code."""
        check_fingerprint(self.fingerprint)
        from simulator.model import CartelModel

        self._model = CartelModel

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_model"] = None
        return state

    def run_chunk(self, chunk: Chunk) -> Columns:
        """Run the chunk's runs in order; consecutive runs of one point share its scenario."""
        if self._model is None:
            self.prepare()
        values = np.empty((len(chunk), len(self.outputs)), dtype=float)
        scenario, built_for = None, -1
        for i in range(len(chunk)):
            point = int(chunk.points[i])
            try:
                if point != built_for:
                    scenario = self.builder.build(
                        [override(p.path, chunk.params[p.name][i]) for p in self.parameters]
                    )
                    built_for = point
                values[i] = self.run_one(scenario, int(chunk.seeds[i]))
            except Exception as err:
                raise failure(chunk, i, err) from err
        columns = _identity(chunk)
        columns.update({o.name: values[:, j] for j, o in enumerate(self.outputs)})
        return columns

    def run_one(self, scenario: Any, seed: int) -> list[float]:
        """One run: build the model, step it for the horizon, reduce its outputs."""
        regions = RegionRecorder(self.outputs)
        model = self._model(scenario, seed=seed, record_regions=False)  # region_frame() on demand
        for month in range(1, self.months + 1):
            model.step()
            regions.after_step(model, month)
        return reduce_run(model, self.outputs, regions)


@dataclass
class FunctionRunner:
    """Runs design points through a Python function ``f(**parameters[, seed]) -> {output: value}``."""

    key: str
    model: str
    parameters: list[Parameter]
    outputs: list[Output]
    _fn: Callable[..., Any] | None = field(default=None, repr=False, compare=False)
    _takes_seed: bool = field(default=False, repr=False, compare=False)

    def prepare(self) -> None:
        """Import the function."""
        self._fn = import_function(self.model)
        self._takes_seed = "seed" in inspect.signature(self._fn).parameters

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_fn"] = None
        return state

    def run_chunk(self, chunk: Chunk) -> Columns:
        """Call the function once per run."""
        if self._fn is None:
            self.prepare()
        assert self._fn is not None
        values = np.empty((len(chunk), len(self.outputs)), dtype=float)
        names = [p.name for p in self.parameters]
        cols = [chunk.params[n] for n in names]
        for i in range(len(chunk)):
            kwargs = {n: plain(c[i]) for n, c in zip(names, cols, strict=True)}
            if self._takes_seed:
                kwargs["seed"] = int(chunk.seeds[i])
            try:
                values[i] = self._read(self._fn(**kwargs), kwargs)
            except Exception as err:
                raise failure(chunk, i, err) from err
        columns = _identity(chunk)
        columns.update({o.name: values[:, j] for j, o in enumerate(self.outputs)})
        return columns

    def _read(self, result: Any, kwargs: dict[str, Any]) -> list[float]:
        if not isinstance(result, Mapping):
            if len(self.outputs) == 1 and isinstance(result, int | float):
                return [float(result)]
            raise TypeError(
                f"{self.model} returned {type(result).__name__}; expected a mapping of output name to number"
            )
        missing = [o.name for o in self.outputs if o.name not in result]
        if missing:
            raise KeyError(f"{self.model}({kwargs}) returned no {', '.join(missing)}")
        return [float(result[o.name]) for o in self.outputs]


def failure(chunk: Chunk, i: int, err: Exception) -> RunFailed:
    """The error of run ``i`` of a chunk, saying which run it was."""
    values = ", ".join(f"{k}={plain(v[i])!r}" for k, v in chunk.params.items())
    return RunFailed(
        f"run {chunk.run_ids[i]} (point {chunk.points[i]}, replication {chunk.replications[i]}, "
        f"seed {chunk.seeds[i]}; {values}) failed: {type(err).__name__}: {err}"
    )


def import_function(ref: str) -> Callable[..., Any]:
    """Import ``package.module:function``; raise ``ValueError`` with a readable message."""
    module_name, _, attr = ref.partition(":")
    if not module_name or not attr:
        raise ValueError(f"expected 'package.module:function', got {ref!r}")
    try:
        module = importlib.import_module(module_name)
    except ImportError as e:
        raise ValueError(f"cannot import module {module_name!r}: {e}") from None
    fn = getattr(module, attr, None)
    if not callable(fn):
        raise ValueError(f"module {module_name!r} has no function {attr!r}")
    return fn


def run_chunk(runner: Runner, chunk: Chunk) -> Columns:
    """A Dask task: run one chunk with this worker's prepared copy of the runner."""
    prepared = _PREPARED.get(runner.key)
    if prepared is None:
        runner.prepare()
        _PREPARED.clear()  # one sweep at a time per worker: drop older sweeps' runners
        _PREPARED[runner.key] = prepared = runner
    return prepared.run_chunk(chunk)


_PREPARED: dict[str, Runner] = {}


# --- the code a run depends on -------------------------------------------------------------------

_NOT_RUN_CODE = ("dashboard", "report", "validation")
_NOT_RUN_FILES = ("cli.py", "sweep_cli.py", "__main__.py", "analysis.py", "figures.py")


@cache
def code_fingerprint() -> str:
    """A hash of the package files a run depends on (model, rules, data, experiment layer).

    Workers on other machines check they run the driver's code; a sweep refuses to
    resume after the model's code changed, so its results never mix two models.
    """
    import simulator

    root = Path(simulator.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if path.suffix not in (".py", ".json", ".csv", ".yaml") or "__pycache__" in rel.parts:
            continue
        if rel.parts[0] in _NOT_RUN_CODE or rel.name in _NOT_RUN_FILES:
            continue
        digest.update(rel.as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def check_fingerprint(expected: str) -> None:
    """Raise :class:`WorkerMismatch` if this process runs other code than ``expected``."""
    here = code_fingerprint()
    if here != expected:
        from simulator.provenance import package_version

        raise WorkerMismatch(
            f"this worker runs cartelsim {package_version()} with code fingerprint {here}, "
            f"the driver {expected}: install the driver's version of the project on every "
            "worker (pip install <same checkout or wheel>) and restart the workers"
        )
