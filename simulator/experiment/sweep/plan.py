"""A planned sweep: the spec checked against its scenario, the design built, every point validated.

:func:`load_sweep` is where every problem of a spec is found before anything runs:
the spec's own fields, the base scenario, the metric ids, regions and months of the
outputs, the scenario fields the parameters set (their type and bounds, probed at
each end of each range and at each value, with the model built from them), and then
every design point, built and validated like ``load_scenario(base, overrides)``.

Seeds: with common random numbers (the default) replication ``k`` of every point
uses seed ``replication_seeds(seed, R)[k]``, the stream of ``compare`` and
``replicate``, so differences between points come from the parameters, not luck.
Without, run ``(p, k)`` uses ``SeedSequence(seed, spawn_key=(p, k))``. Either way a
run's seed depends only on its indices, never on where or when it runs.
"""

from __future__ import annotations

import difflib
import hashlib
import inspect
import json
import os
import sys
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from simulator.experiment.seeds import replication_seeds
from simulator.experiment.sweep.chunking import ChunkSizer
from simulator.experiment.sweep.design import Design, Parameter, ParameterKind, make_design
from simulator.experiment.sweep.outputs import Output, reduced_unit
from simulator.experiment.sweep.points import (
    OVERRIDE_FILE,
    Lines,
    PointBuilder,
    field_type,
    locate,
    override,
    parse_path,
    read_scenario_file,
)
from simulator.experiment.sweep.runner import (
    Chunk,
    FunctionRunner,
    Runner,
    ScenarioRunner,
    code_fingerprint,
    import_function,
)
from simulator.experiment.sweep.spec import (
    ParameterSpec,
    SweepSpec,
    output_name,
    parameter_name,
    read_spec,
)
from simulator.scenario.errors import Problem, ScenarioError
from simulator.scenario.schema import Scenario

FORMAT = 1  # version of the results layout (manifest, columns)
MAX_POINT_PROBLEMS = 5  # invalid design points described in full; the rest are counted


@dataclass
class Sweep:
    """Everything a sweep needs to run, checked.

    Attributes:
        spec: the spec as read.
        file: the spec file, as given.
        parameters: compiled parameters, in column order.
        outputs: compiled outputs, in column order.
        design: the design points.
        months: horizon of every run.
        scenario: the base scenario (None for a Python model).
        builder: builds a point's scenario from the base data (None for a Python model).
    """

    spec: SweepSpec
    file: str
    parameters: list[Parameter]
    outputs: list[Output]
    design: Design
    months: int
    scenario: Scenario | None
    builder: PointBuilder | None

    @property
    def name(self) -> str:
        """The sweep's name."""
        return self.spec.name

    @property
    def replications(self) -> int:
        """Runs per design point."""
        return self.spec.replications

    @property
    def total_runs(self) -> int:
        """Design points times replications."""
        return self.design.n_points * self.replications

    # --- identity ---------------------------------------------------------------------------

    def identity(self) -> dict[str, Any]:
        """What the results depend on; a changed identity refuses to resume."""
        from simulator.scenario.loader import scenario_hash

        return {
            "format": FORMAT,
            "scenario_hash": scenario_hash(self.scenario) if self.scenario else None,
            "model": self.spec.model,
            "parameters": [p.describe() for p in self.parameters],
            "design": {
                "kind": self.design.kind,
                "samples": self.design.samples,
                "second_order": self.design.second_order,
                "seed": self.design.seed,
            },
            "replications": self.replications,
            "seed": self.spec.seed,
            "common_random_numbers": self.spec.common_random_numbers,
            "months": self.months,
            "outputs": [o.describe() for o in self.outputs],
        }

    @property
    def spec_hash(self) -> str:
        """16 hex digits identifying what the results depend on."""
        text = json.dumps(self.identity(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    # --- runs -------------------------------------------------------------------------------

    @cached_property
    def _stream(self) -> np.ndarray:
        """Seed of replication k, shared by every point (common random numbers)."""
        return np.array(replication_seeds(self.spec.seed, self.replications), dtype=np.int64)

    def seeds(self, run_ids: np.ndarray) -> np.ndarray:
        """Seed of each run (see the module docstring)."""
        reps = run_ids % self.replications
        if self.spec.common_random_numbers:
            return self._stream[reps]
        points = run_ids // self.replications
        return np.array(
            [
                np.random.SeedSequence(self.spec.seed, spawn_key=(int(p), int(k))).generate_state(
                    1, dtype=np.uint32
                )[0]
                for p, k in zip(points, reps, strict=True)
            ],
            dtype=np.int64,
        )

    def chunk(self, run_ids: np.ndarray) -> Chunk:
        """The chunk of these runs, with each run's point, replication, seed and values."""
        run_ids = np.asarray(run_ids, dtype=np.int64)
        points = run_ids // self.replications
        return Chunk(
            run_ids=run_ids,
            points=points,
            replications=run_ids % self.replications,
            seeds=self.seeds(run_ids),
            params={p.name: self.design.columns[p.name][points] for p in self.parameters},
        )

    def chunks(self, todo: np.ndarray, sizer: ChunkSizer) -> Iterator[Chunk]:
        """Chunks of consecutive runs covering the runs marked in ``todo``, sized by ``sizer``.

        Lazy: each chunk is sized when the executor asks for it, so the size can follow
        the speed measured on the chunks already back.
        """
        ids = np.flatnonzero(todo)
        if not len(ids):
            return
        remaining = len(ids)
        for block in np.split(ids, np.flatnonzero(np.diff(ids) != 1) + 1):
            while len(block):
                size = sizer.size(remaining)
                piece, block = block[:size], block[size:]
                remaining -= len(piece)
                yield self.chunk(piece)

    def chunk_sizer(
        self, target_seconds: float, workers: Callable[[], int], fixed: int | None = None
    ) -> ChunkSizer:
        """How this sweep's chunks are sized: ``fixed`` runs, the spec's, or adapted to speed."""
        return ChunkSizer(self.total_runs, target_seconds, workers, fixed or self.spec.chunk_runs)

    def runner(self) -> Runner:
        """What workers run."""
        key = f"{self.spec_hash}-{code_fingerprint()}"
        if self.builder is not None:
            return ScenarioRunner(
                key, self.builder, self.parameters, self.outputs, self.months, code_fingerprint()
            )
        assert self.spec.model is not None
        return FunctionRunner(key, self.spec.model, self.parameters, self.outputs)

    # --- results layout ---------------------------------------------------------------------

    def schema(self) -> pa.Schema:
        """Columns of the results: identity, parameters, outputs."""
        fields = [
            pa.field("run_id", pa.int64(), nullable=False),
            pa.field("point", pa.int64(), nullable=False),
            pa.field("replication", pa.int64(), nullable=False),
            pa.field("seed", pa.int64(), nullable=False),
        ]
        for p in self.parameters:
            fields.append(pa.field(p.name, _arrow_type(self.design.columns[p.name])))
        fields += [pa.field(o.name, pa.float64()) for o in self.outputs]
        return pa.schema(fields)

    def table(self, columns: dict[str, np.ndarray]) -> pa.Table:
        """Arrow table of a chunk's columns, in schema order."""
        schema = self.schema()
        arrays = [pa.array(columns[f.name], type=f.type) for f in schema]
        return pa.Table.from_arrays(arrays, schema=schema)

    def manifest(self) -> dict[str, Any]:
        """The manifest's description of this sweep (the store adds progress and sessions)."""
        return {
            "format": FORMAT,
            "name": self.name,
            "description": self.spec.description,
            "spec_file": self.file,
            "spec_hash": self.spec_hash,
            "scenario": self.spec.scenario,
            "scenario_name": self.scenario.name if self.scenario else None,
            "scenario_hash": self.identity()["scenario_hash"],
            "model": self.spec.model,
            "code_fingerprint": code_fingerprint(),
            "versions": versions(),
            "design": self.design.describe(),
            "replications": self.replications,
            "seed": self.spec.seed,
            "common_random_numbers": self.spec.common_random_numbers,
            "seed_stream": (
                "replication k of every point: numpy SeedSequence(seed).spawn(R)[k]"
                ".generate_state(1, uint32)[0]"
                if self.spec.common_random_numbers
                else "run (p, k): numpy SeedSequence(seed, spawn_key=(p, k)).generate_state(1, uint32)[0]"
            ),
            "months": self.months,
            "outputs": [o.describe() for o in self.outputs],
            "total_runs": self.total_runs,
            "columns": [f.name for f in self.schema()],
            "identity": self.identity(),
        }


def versions() -> dict[str, str]:
    """Versions of the packages a sweep's results depend on."""
    from importlib import metadata

    from simulator.provenance import package_version

    out = {"cartelsim": package_version(), "python": sys.version.split()[0]}
    for dist in ("mesa", "numpy", "pandas", "pyarrow", "SALib", "dask", "distributed"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "not installed"
    return out


def _arrow_type(values: np.ndarray) -> pa.DataType:
    if values.dtype == bool:
        return pa.bool_()
    if values.dtype.kind == "i":
        return pa.int64()
    if values.dtype.kind == "f":
        return pa.float64()
    return pa.string()


# --- planning -------------------------------------------------------------------------------------


def load_sweep(path: str | os.PathLike[str]) -> Sweep:
    """Read a sweep spec, check it against its scenario, build and validate its design.

    Raises:
        ScenarioError: Every problem found (spec, scenario, parameters, outputs, design
            points), each at a file and line.
    """
    spec, lines, shown = read_spec(path)
    return plan_sweep(spec, lines, shown)


def plan_sweep(spec: SweepSpec, lines: Lines, shown: str) -> Sweep:
    """Plan a sweep from a spec already read by :func:`~.spec.read_spec`."""
    at = _Locator(lines, shown)
    if spec.model is not None:
        return _plan_function(spec, shown, at)
    assert spec.scenario is not None
    base_shown = os.path.normpath(os.path.join(os.path.dirname(shown), spec.scenario))
    if not Path(base_shown).is_file():
        raise at.error(("scenario",), f"cannot find scenario file {spec.scenario!r}")
    data, scenario_lines = read_scenario_file(Path(base_shown), base_shown)
    builder = PointBuilder(data, scenario_lines, base_shown)
    scenario = builder.build([])  # the base scenario's own problems, at its own lines
    months = spec.months or scenario.months

    parameters: list[Parameter] = []
    for i, p in enumerate(spec.parameters):
        parameters.append(_scenario_parameter(p, i, at))
    outputs = _scenario_outputs(spec, scenario, months, at)
    at.raise_if_any()
    for i, (p, param) in enumerate(zip(spec.parameters, parameters, strict=True)):
        _probe(builder, p, param, i, at)
    at.raise_if_any()

    design = _make_design(spec, parameters)
    _check_points(builder, design, at)
    at.raise_if_any()
    return Sweep(spec, shown, parameters, outputs, design, months, scenario, builder)


def _make_design(spec: SweepSpec, parameters: list[Parameter]) -> Design:
    d = spec.design
    return make_design(d.kind, parameters, d.samples, d.second_order, d.seed)


class _Locator:
    """Collects problems at the spec's lines."""

    def __init__(self, lines: Lines, file: str) -> None:
        self.lines, self.file = lines, file
        self.problems: list[Problem] = []

    def add(self, path: tuple[str | int, ...], message: str) -> None:
        self.problems.append(locate(self.lines, self.file, path, message))

    def error(self, path: tuple[str | int, ...], message: str) -> ScenarioError:
        return ScenarioError([locate(self.lines, self.file, path, message)])

    def raise_if_any(self) -> None:
        if self.problems:
            raise ScenarioError(sorted(self.problems, key=lambda p: (p.file, p.line or 0)))


def _scenario_parameter(p: ParameterSpec, i: int, at: _Locator) -> Parameter:
    """Compile a parameter, checking its range or values against the scenario field's type."""
    here: tuple[str | int, ...] = ("parameters", i)
    path = parse_path(p.path)
    assert path is not None  # checked with the spec
    ann = field_type(path)
    members = _members(ann)
    name = parameter_name(p)
    if p.values is not None:
        return Parameter(name, p.path, "choice", values=tuple(p.values))
    assert p.range is not None
    low, high = p.range
    if ann is not None:
        numeric = [m for m in members if m in (int, float)]
        if not numeric:
            what = "true/false" if bool in members else "not a number"
            at.add((*here, "range"), f"{p.path} is {what}; give values: [...] instead of a range")
            return Parameter(name, p.path, "float", low, high, p.scale, p.levels)
        whole = float not in numeric
        if whole and p.integer is False:
            at.add((*here, "integer"), f"{p.path} takes whole numbers only")
        integer = whole or bool(p.integer)
    else:
        integer = bool(p.integer)  # unknown field: the probe reports it with the loader's hint
    if integer and not (float(low).is_integer() and float(high).is_integer()):
        at.add((*here, "range"), f"{p.path} takes whole numbers; got range [{low:g}, {high:g}]")
    kind: ParameterKind = "int" if integer else "float"
    return Parameter(name, p.path, kind, low, high, p.scale, p.levels)


def _members(ann: Any) -> list[Any]:
    if ann is None:
        return []
    if typing.get_origin(ann) in (typing.Union, types.UnionType):
        return [a for a in typing.get_args(ann) if a is not type(None)]
    return [ann]


def _scenario_outputs(
    spec: SweepSpec, scenario: Scenario, months: int, at: _Locator
) -> list[Output]:
    from simulator import metrics

    region_metrics: dict[str, Any] | None = getattr(metrics, "REGION_METRICS", None)
    regions: list[str] | None = None
    numeric: set[str] = set()
    outputs = []
    for i, o in enumerate(spec.outputs):
        here: tuple[str | int, ...] = ("outputs", i)
        assert o.metric is not None
        first, last = o.months or (1, months)
        if last > months:
            at.add((*here, "months"), f"the window ends after the horizon ({months} months)")
        unit = ""
        if o.region is None:
            if o.metric in metrics.METRICS:
                unit = metrics.METRICS[o.metric].unit
            else:
                at.add((*here, "metric"), _unknown("metric", o.metric, list(metrics.METRIC_IDS)))
        elif region_metrics is None:
            at.add(
                (*here, "region"),
                "region metrics need a model with region_frame(); this version has none",
            )
        else:
            if regions is None:
                regions, numeric = _region_columns(scenario)
            if o.metric not in region_metrics:
                at.add((*here, "metric"), _unknown("region metric", o.metric, list(region_metrics)))
            elif o.metric not in numeric:
                at.add(
                    (*here, "metric"),
                    f"{o.metric} is not a number (it names a group); choose a numeric region metric",
                )
            else:
                unit = str(getattr(region_metrics[o.metric], "unit", ""))
            if o.region not in regions:
                at.add((*here, "region"), _unknown("region", o.region, regions))
        outputs.append(
            Output(
                output_name(o),
                o.metric,
                o.region,
                o.reduce,
                first,
                last,
                reduced_unit(unit, o.reduce),
            )
        )
    return outputs


def _region_columns(scenario: Scenario) -> tuple[list[str], set[str]]:
    """The world's region codes, and the region metrics that are numbers (from a built model)."""
    from simulator.model import CartelModel

    frame = CartelModel(scenario, record_regions=False).region_frame()
    numeric = {c for c in frame.columns if frame[c].dtype.kind in "biuf"}
    return [str(r) for r in frame.index], numeric


def _unknown(what: str, value: str, valid: list[str]) -> str:
    near = difflib.get_close_matches(value, valid, n=1)
    hint = f" (did you mean {near[0]!r}?)" if near else f"; valid: {', '.join(valid)}"
    return f"unknown {what} {value!r}{hint}"


def _probe(builder: PointBuilder, p: ParameterSpec, param: Parameter, i: int, at: _Locator) -> None:
    """Build the scenario (schema, semantic and world checks) at each end of the range or value."""
    where: tuple[str | int, ...] = ("parameters", i, "range" if p.range is not None else "values")
    probes: list[Any]
    if param.kind == "choice":
        probes = list(param.values or ())
    else:
        assert param.low is not None and param.high is not None
        cast = int if param.kind == "int" else float
        probes = [cast(param.low), cast(param.high)]
    seen: set[str] = set()
    for value in probes:
        try:
            builder.build([override(p.path, value)])
        except ScenarioError as err:
            for problem in err.problems:
                message = _problem_text(problem, p.path, value)
                if message not in seen:
                    seen.add(message)
                    at.add(where if problem.file == OVERRIDE_FILE else ("parameters", i), message)


def _problem_text(problem: Problem, path: str, value: Any) -> str:
    """A scenario problem caused by setting ``path`` to ``value``, told from the spec's side."""
    shown = (
        f"{value:g}"
        if isinstance(value, float)
        else repr(value)
        if isinstance(value, str)
        else str(value)
    )
    if problem.file == OVERRIDE_FILE:  # about the field set: the loader's message says enough
        field = problem.path if problem.path == path else f"{path} ({problem.path})"
        return f"{field}: {problem.message}"
    return f"with {path}={shown}: {problem}"


def _check_points(builder: PointBuilder, design: Design, at: _Locator) -> None:
    """Build and validate every design point; describe the first invalid ones, count the rest."""
    bad = 0
    shown: list[str] = []
    params = design.parameters
    for point in range(design.n_points):
        values = design.values(point)
        try:
            builder.build([override(p.path, values[p.name]) for p in params])
        except ScenarioError as err:
            bad += 1
            if len(shown) < MAX_POINT_PROBLEMS:
                setting = ", ".join(f"{k}={_short(v)}" for k, v in values.items())
                shown.append(
                    f"point {point} ({setting}): " + "; ".join(str(p) for p in err.problems)
                )
    if bad:
        more = f" (first {len(shown)} shown)" if bad > len(shown) else ""
        at.add(("design",), f"{bad} of {design.n_points} design points are invalid{more}")
        for text in shown:
            at.add(("design",), text)


def _short(value: Any) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)


# --- Python-function models ----------------------------------------------------------------------


def _plan_function(spec: SweepSpec, shown: str, at: _Locator) -> Sweep:
    assert spec.model is not None
    try:
        fn = import_function(spec.model)
    except ValueError as e:
        raise at.error(("model",), str(e)) from None
    accepted = inspect.signature(fn).parameters
    takes_any = any(a.kind is inspect.Parameter.VAR_KEYWORD for a in accepted.values())
    parameters = []
    for i, p in enumerate(spec.parameters):
        if not takes_any and p.path not in accepted:
            at.add(
                ("parameters", i, "path"),
                _unknown(f"argument of {spec.model}:", p.path, list(accepted)),
            )
        name = parameter_name(p)
        if p.values is not None:
            parameters.append(Parameter(name, p.path, "choice", values=tuple(p.values)))
        else:
            assert p.range is not None
            kind: ParameterKind = "int" if p.integer else "float"
            parameters.append(
                Parameter(name, p.path, kind, p.range[0], p.range[1], p.scale, p.levels)
            )
    outputs = [Output(output_name(o), None, None, "final", 1, 1) for o in spec.outputs]
    at.raise_if_any()
    design = _make_design(spec, parameters)
    return Sweep(spec, shown, parameters, outputs, design, 1, None, None)
