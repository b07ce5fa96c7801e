"""The sweep spec: a YAML file naming a base scenario, parameters, a design, replications, outputs.

A spec is read with the scenario loader's line-tracking YAML parser, so every problem
(YAML syntax, unknown keys, out-of-range values, inconsistent choices) is reported as
``file:line: field.path: message``, all problems at once, in a
:class:`~simulator.scenario.errors.ScenarioError`. Checks that need the base scenario
(metric ids, regions, the scenario fields that parameters set, every design point)
are made when the sweep is planned (:mod:`.plan`).

Example (``scenarios/sweeps/*.yaml`` has commented ones)::

    name: gun_levers
    scenario: ../bilateral_roadmap.yaml       # relative to this file
    parameters:
      - path: policy.phases[1].levers.gun_tracing
        range: [0.2, 0.9]
      - path: calibration.rho
        range: [0.0085, 0.0135]
    design: {kind: lhs, samples: 64, seed: 1}
    replications: 3
    months: 36
    outputs:
      - {metric: homicides, reduce: cumulative}
      - {metric: legitimacy, reduce: final}
      - {metric: cooperation, reduce: mean, months: [25, 36]}
      - {metric: homicide_rate, region: MIC, reduce: mean}
"""

from __future__ import annotations

import difflib
import math
import os
import re
import types
import typing
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from simulator.experiment.sweep.points import (
    Lines,
    locate,
    parse_path,
    pydantic_message,
    read_yaml,
    read_yaml_file,
)
from simulator.scenario.errors import ScenarioError

Reducer = Literal["final", "mean", "cumulative", "min", "max"]
DesignKind = Literal["grid", "lhs", "sobol"]

RESERVED_COLUMNS = ("run_id", "point", "replication", "seed")
"""Columns every results row has; parameter and output names must differ from them."""

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ParameterSpec(_Strict):
    """One parameter of the sweep: a scenario field and the values it takes."""

    path: str = Field(
        ...,
        description="Dotted scenario path (e.g. policy.phases[1].levers.gun_tracing); "
        "for a Python model, the argument name.",
    )
    name: str | None = Field(
        None, description="Column name in the results (default: the path's last key)."
    )
    range: tuple[float, float] | None = Field(None, description="[low, high], both included.")
    values: list[bool | int | float | str] | None = Field(
        None, min_length=1, description="The values it takes (numbers or text)."
    )
    levels: int | None = Field(
        None, ge=2, le=10_000, description="Grid designs: evenly spaced values across the range."
    )
    scale: Literal["linear", "log"] = Field(
        "linear", description="How a range is spread: evenly, or evenly in its logarithm."
    )
    integer: bool | None = Field(
        None, description="Whole numbers only (default: from the scenario field's type)."
    )


class DesignSpec(_Strict):
    """How the design points are chosen."""

    kind: DesignKind = Field(
        ..., description="grid (every combination), lhs (Latin hypercube), sobol (Saltelli)."
    )
    samples: int | None = Field(
        None,
        ge=1,
        le=10_000_000,
        description="lhs: points; sobol: base samples N (a power of 2), giving N*(D+2) "
        "points, or N*(2D+2) with second_order.",
    )
    second_order: bool = Field(False, description="sobol: also estimate second-order indices.")
    seed: int = Field(0, ge=0, description="Seed of the sampler (lhs, sobol scrambling).")


class OutputSpec(_Strict):
    """One output column: a metric reduced over the months of a run."""

    metric: str | None = Field(
        None, description="Metric id (simulator/metrics.py), or a region metric with region."
    )
    region: str | None = Field(None, description="Region code, for a region metric.")
    reduce: Reducer = Field(
        "final",
        description="final (value in the window's last month), mean, cumulative (sum), min, max.",
    )
    months: tuple[int, int] | None = Field(
        None, description="[first, last] month of the window, both included (default: all)."
    )
    name: str | None = Field(None, description="Column name (default: metric_[region_]reduce).")


class SweepSpec(_Strict):
    """A whole sweep: what is varied, how, how often, for how long, and what is measured."""

    name: str = Field(..., min_length=1, description="Short name of the sweep.")
    description: str = Field("", description="What the sweep asks and where its ranges come from.")
    scenario: str | None = Field(None, description="Base scenario file, relative to the spec file.")
    model: str | None = Field(
        None,
        description="Instead of a scenario: a Python function 'package.module:function' "
        "taking the parameters as keyword arguments (and seed, if it has one) and "
        "returning a mapping of output name to number.",
    )
    parameters: list[ParameterSpec] = Field(..., min_length=1)
    design: DesignSpec
    replications: int = Field(
        1, ge=1, le=100_000, description="Runs per design point, with common random numbers."
    )
    seed: int = Field(0, ge=0, description="Base seed of the runs' seed stream.")
    common_random_numbers: bool = Field(
        True,
        description="Replication k of every design point uses the same seed (true), or "
        "every run has its own seed (false).",
    )
    months: int | None = Field(None, ge=1, le=600, description="Horizon (default: the scenario's).")
    outputs: list[OutputSpec] = Field(..., min_length=1)
    chunk_runs: int | None = Field(
        None,
        ge=1,
        le=1_000_000,
        description="Runs per task and per Parquet chunk (default: sized to the measured speed, "
        "about 1 s of work per chunk on a local pool, 3 s on Dask, smaller near the end). "
        "Not part of the results: a sweep resumes with any chunk size.",
    )


# --- reading --------------------------------------------------------------------------------------


def read_spec(path: str | os.PathLike[str]) -> tuple[SweepSpec, Lines, str]:
    """Read and check a sweep spec file on its own (without its scenario).

    Returns:
        The spec, its line map and the file name as given (problems name it so).

    Raises:
        ScenarioError: Every problem found, each at a file and line.
    """
    shown = os.fspath(path)
    return read_spec_text(read_yaml_file(shown, shown), shown)


def read_spec_text(text: str, name: str = "<sweep>") -> tuple[SweepSpec, Lines, str]:
    """Read and check a sweep spec from YAML text; ``name`` is the file problems name."""
    data, lines = read_yaml(text, name)
    try:
        spec = SweepSpec.model_validate(data)
    except ValidationError as e:
        problems = [locate(lines, name, tuple(err["loc"]), _message(err)) for err in e.errors()]
        raise ScenarioError(sorted(problems, key=lambda p: p.line or 0)) from None
    problems = [locate(lines, name, path, msg) for path, msg in spec_problems(spec)]
    if problems:
        raise ScenarioError(sorted(problems, key=lambda p: p.line or 0))
    return spec, lines, name


# --- checks that span fields ---------------------------------------------------------------------

Found = list[tuple[tuple[str | int, ...], str]]


def parameter_name(p: ParameterSpec) -> str:
    """The results column of a parameter: its ``name``, else the last key of its path."""
    if p.name:
        return p.name
    path = parse_path(p.path)
    last = next((k for k in reversed(path or ()) if isinstance(k, str)), p.path)
    return str(last)


def output_name(o: OutputSpec) -> str:
    """The results column of an output: its ``name``, else ``metric[_region]_reduce[_mA_B]``."""
    if o.name:
        return o.name
    parts = [o.metric or "output"]
    if o.region:
        parts.append(o.region)
    parts.append(o.reduce)
    if o.months:
        parts.append(f"m{o.months[0]}_{o.months[1]}")
    return "_".join(parts)


def spec_problems(spec: SweepSpec) -> Found:
    """Problems a spec has on its own: inconsistent choices, names, design settings."""
    found: Found = []
    if (spec.scenario is None) == (spec.model is None):
        found.append(((), "give either scenario (a scenario file) or model (a Python function)"))
    found += _parameter_problems(spec)
    found += _design_problems(spec)
    found += _output_problems(spec)
    return found


def _parameter_problems(spec: SweepSpec) -> Found:
    found: Found = []
    names: dict[str, int] = {}
    paths: dict[str, int] = {}
    for i, p in enumerate(spec.parameters):
        here: tuple[str | int, ...] = ("parameters", i)
        if spec.model is None and parse_path(p.path) is None:
            found.append(
                ((*here, "path"), f"malformed path {p.path!r}: write keys.like.this[0].field")
            )
        if spec.model is not None and not _NAME.match(p.path):
            found.append(
                ((*here, "path"), f"must be an argument name of the model, got {p.path!r}")
            )
        if (p.range is None) == (p.values is None):
            found.append((here, "give either range: [low, high] or values: [...]"))
        if p.range is not None:
            low, high = p.range
            if not (math.isfinite(low) and math.isfinite(high)):
                found.append(((*here, "range"), "low and high must be finite numbers"))
            elif low >= high:
                found.append(((*here, "range"), f"low ({low:g}) must be below high ({high:g})"))
            elif p.scale == "log" and low <= 0:
                found.append(
                    ((*here, "scale"), f"a log scale needs a range above 0, got low {low:g}")
                )
        if p.values is not None:
            kinds = {_value_kind(v) for v in p.values}
            if len(kinds) > 1:
                found.append(
                    ((*here, "values"), "values must be all numbers, all text or all true/false")
                )
            repeated = sorted({str(v) for v in p.values if p.values.count(v) > 1})
            if repeated:
                found.append(((*here, "values"), f"repeated values: {', '.join(repeated)}"))
            if p.scale != "linear":
                found.append(((*here, "scale"), "scale applies to a range, not to values"))
        if p.levels is not None and p.range is None:
            found.append(((*here, "levels"), "levels apply to a range"))
        name = parameter_name(p)
        if not _NAME.match(name):
            found.append(((*here, "name"), f"column name {name!r} must be letters, digits and _"))
        elif name in RESERVED_COLUMNS:
            found.append(((*here, "name"), f"{name!r} is a reserved column; set another name"))
        elif name in names:
            found.append(
                (
                    (*here, "name") if p.name else (*here, "path"),
                    f"column name {name!r} is already used by parameters[{names[name]}]; "
                    "give one of them a name",
                )
            )
        names.setdefault(name, i)
        if p.path in paths:
            found.append(((*here, "path"), f"parameters[{paths[p.path]}] already sets {p.path}"))
        paths.setdefault(p.path, i)
    return found


def _value_kind(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    return "number" if isinstance(v, int | float) else "text"


def _design_problems(spec: SweepSpec) -> Found:
    found: Found = []
    d = spec.design
    if d.kind == "grid":
        if d.samples is not None:
            found.append(
                (
                    ("design", "samples"),
                    "a grid takes every combination of the parameters' levels and values; "
                    "remove samples",
                )
            )
        for i, p in enumerate(spec.parameters):
            if p.range is not None and p.levels is None:
                found.append(
                    (
                        ("parameters", i, "range"),
                        "a grid needs levels: N (evenly spaced values) with a range, or values",
                    )
                )
    else:
        if d.samples is None:
            what = "points" if d.kind == "lhs" else "base samples N (a power of 2)"
            found.append((("design",), f"{d.kind} needs samples: the number of {what}"))
        elif d.kind == "sobol" and d.samples & (d.samples - 1):
            lower = 1 << (d.samples.bit_length() - 1)
            found.append(
                (
                    ("design", "samples"),
                    f"sobol needs a power of 2 (Saltelli's scheme converges only then), got "
                    f"{d.samples}; try {lower} or {lower * 2}",
                )
            )
        for i, p in enumerate(spec.parameters):
            if p.levels is not None:
                found.append(
                    (("parameters", i, "levels"), f"levels apply to grid designs, not {d.kind}")
                )
    if d.second_order and d.kind != "sobol":
        found.append((("design", "second_order"), "second-order indices need a sobol design"))
    return found


def _output_problems(spec: SweepSpec) -> Found:
    found: Found = []
    names = {parameter_name(p): i for i, p in enumerate(spec.parameters)}
    seen: dict[str, int] = {}
    for i, o in enumerate(spec.outputs):
        here: tuple[str | int, ...] = ("outputs", i)
        if spec.model is not None:
            if o.name is None:
                found.append((here, "a Python model's outputs need name: the key it returns"))
            for key in ("metric", "region", "months"):
                if getattr(o, key) is not None:
                    found.append(
                        ((*here, key), f"{key} applies to scenario sweeps, not to a Python model")
                    )
            if o.reduce != "final":
                found.append(
                    ((*here, "reduce"), "a Python model returns one value per run; use final")
                )
        elif o.metric is None:
            found.append((here, "give metric: a metric id (see simulator/metrics.py)"))
        if o.months is not None:
            first, last = o.months
            if first < 1:
                found.append(((*here, "months"), f"months start at 1, got {first}"))
            elif last < first:
                found.append(
                    (
                        (*here, "months"),
                        f"the window ends (month {last}) before it starts ({first})",
                    )
                )
        name = output_name(o)
        if not _NAME.match(name):
            found.append(((*here, "name"), f"column name {name!r} must be letters, digits and _"))
        elif name in RESERVED_COLUMNS or name in names:
            found.append(((*here, "name"), f"column name {name!r} is taken; set another name"))
        elif name in seen:
            found.append(((*here, "name"), f"outputs[{seen[name]}] already writes column {name!r}"))
        seen.setdefault(name, i)
    return found


# --- readable pydantic messages for the spec's own fields ----------------------------------------


def _message(err: Any) -> str:
    """Like the scenario loader's messages, with unknown keys resolved against this schema."""
    kind, loc = err["type"], tuple(err["loc"])
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        valid = list(model.model_fields) if model else []
        near = difflib.get_close_matches(str(loc[-1]), valid, n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else f"; valid keys: {', '.join(valid)}"
        return f"unknown key {loc[-1]!r}{hint}"
    return pydantic_message(err)


def _model_at(loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The spec model that the pydantic location ``loc`` points into."""
    ann: Any = SweepSpec
    for part in loc:
        ann = _unwrap(ann)
        if isinstance(ann, type) and issubclass(ann, BaseModel) and isinstance(part, str):
            field = ann.model_fields.get(part)
            ann = field.annotation if field else None
        elif typing.get_origin(ann) is list and isinstance(part, int):
            ann = typing.get_args(ann)[0]
        else:
            return None
    ann = _unwrap(ann)
    return ann if isinstance(ann, type) and issubclass(ann, BaseModel) else None


def _unwrap(ann: Any) -> Any:
    if typing.get_origin(ann) in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(ann) if a is not type(None)]
        return members[0] if len(members) == 1 else ann
    return ann
