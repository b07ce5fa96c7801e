"""Helpers for scenario tests: write a file, load it, get its problems as printed lines."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

import pytest

from simulator.scenario import ScenarioError, load_scenario

MINIMAL = "name: t\ncartels: [{id: CJNG, members: 1000}]\n"
"""The smallest scenario that runs: a name and one cartel of the Mexico world."""


def write(folder: Path, name: str, text: str) -> Path:
    """Write ``text`` (dedented) to ``folder/name`` and return the path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(path: str | Path, overrides: Sequence[str] = ()) -> list[str]:
    """The problems loading ``path`` reports, as printed; fails if it loads."""
    with pytest.raises(ScenarioError) as info:
        load_scenario(path, overrides)
    assert info.value.problems, "a ScenarioError must carry its problems"
    return [str(p) for p in info.value.problems]
