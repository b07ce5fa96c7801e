"""Provenance: what made an output (scenario, its hash, seed, versions), recorded beside it."""

from __future__ import annotations

import platform
from functools import cache
from importlib import metadata
from typing import Any

from simulator.scenario.loader import scenario_hash
from simulator.scenario.schema import Scenario


@cache  # reads the installed metadata from disk: about 1 ms, once per process
def package_version() -> str:
    """Return the installed cartelsim version, or ``unknown`` when run from a bare checkout."""
    try:
        return metadata.version("cartelsim")
    except metadata.PackageNotFoundError:
        return "unknown"


def provenance(scenario: Scenario, seeds: list[int], months: int, **extra: Any) -> dict[str, Any]:
    """Return the provenance record of a run or set of runs."""
    import mesa

    return {
        "scenario": scenario.name,
        "scenario_hash": scenario_hash(scenario),
        "seeds": seeds,
        "months": months,
        "start": scenario.start,
        "cartelsim_version": package_version(),
        "mesa_version": mesa.__version__,
        "python_version": platform.python_version(),
        **extra,
    }
