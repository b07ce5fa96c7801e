"""Run parameters given outside a file (``--months``, ``--seed``, ``--replications``, Python calls).

They are checked by the very bounds the schema puts on the same scenario fields, so
``--months 601`` is refused exactly as ``months: 601`` is, and read as YAML 1.2 scalars
as in a file (``--months 0x10`` is not 16). The workload of one command is capped too,
so a typo cannot allocate gigabytes or run for days.
"""

from __future__ import annotations

import numbers
from typing import Annotated, Any

import yaml
from pydantic import ConfigDict, TypeAdapter, ValidationError

from simulator.scenario.errors import Problem, ScenarioError
from simulator.scenario.messages import message, show
from simulator.scenario.schema import Scenario
from simulator.scenario.yaml_reader import LimitExceeded, parse_value

RUN_PARAMETERS = ("months", "seed", "replications")
"""Scenario fields that a command-line flag or a Python argument may replace."""
MAX_RUN_MONTHS = 250_000
"""Most simulated run-months (runs x months) in one command, e.g. 2 scenarios x 200
replications x 600 months; about 25 million values in memory."""
MAX_WORKERS = 256
"""Most worker processes a command may ask for."""

_STRICT = ConfigDict(strict=True, allow_inf_nan=False)


def _adapter(name: str) -> TypeAdapter[int]:
    """A validator of the scenario field ``name`` with its bounds, outside any scenario."""
    field = Scenario.model_fields[name]
    annotated: Any = Annotated[field.annotation, *field.metadata]
    return TypeAdapter(annotated, config=_STRICT)


_ADAPTERS = {name: _adapter(name) for name in RUN_PARAMETERS}


def run_parameter(name: str, value: Any, source: str) -> int:
    """Return ``value`` for the scenario field ``name`` if the schema's bounds allow it.

    Args:
        name: ``months``, ``seed`` or ``replications``.
        value: the value, or the text typed on the command line.
        source: where it came from, named in the problem (``--months``, ``run(months=...)``).

    Raises:
        ScenarioError: one problem at ``source``, e.g. ``--months: months: must be ≤ 600, got 601``.
    """
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        value = int(value)  # numpy integers, e.g. seeds drawn from a SeedSequence
    if isinstance(value, str):
        try:
            value = parse_value(value)
        except (yaml.YAMLError, ValueError, LimitExceeded):
            problem = Problem(source, None, name, f"expected an integer, got {show(value)}")
            raise ScenarioError([problem]) from None
    try:
        return int(_ADAPTERS[name].validate_python(value))
    except ValidationError as e:
        raise ScenarioError([Problem(source, None, name, message(e.errors()[0]))]) from None


def check_workload(runs: int, months: int, source: str) -> None:
    """Refuse a command that would simulate more than :data:`MAX_RUN_MONTHS` run-months."""
    if runs * months > MAX_RUN_MONTHS:
        raise ScenarioError(
            [
                Problem(
                    source,
                    None,
                    "replications",
                    f"{runs:,} runs x {months} months = {runs * months:,} run-months, "
                    f"more than the {MAX_RUN_MONTHS:,} one command may simulate; "
                    "use fewer replications or months, or split the work",
                )
            ]
        )


def check_workers(workers: int, source: str) -> int:
    """Return ``workers`` if it is between 1 and :data:`MAX_WORKERS`."""
    if isinstance(workers, bool) or not isinstance(workers, int) or not 1 <= workers <= MAX_WORKERS:
        raise ScenarioError(
            [Problem(source, None, "workers", f"must be 1 to {MAX_WORKERS}, got {workers!r}")]
        )
    return workers
