"""Design points as scenarios: the base scenario's data with a point's dotted overrides applied.

This is the one module of the sweep package that reaches into the scenario loader's
internals, so a point is built and validated exactly like ``load_scenario(base,
overrides)`` (same override function, same pydantic and semantic checks, same
file:line problems) without re-reading the YAML file for each of thousands of points.
"""

from __future__ import annotations

import json
import pickle
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from simulator.scenario import loader as _loader
from simulator.scenario import messages as _messages
from simulator.scenario.errors import Problem
from simulator.scenario.schema import Scenario
from simulator.scenario.yaml_reader import read_file_text, read_text

FieldPath = tuple[str | int, ...]
Lines = dict[FieldPath, tuple[str, int | None]]

OVERRIDE_FILE = _loader.SET
"""The "file" that problems coming from an override name (``--set``)."""


def read_yaml(text: str, file: str) -> tuple[dict[str, Any], Lines]:
    """Parse a YAML mapping with the line of every key; raise ``ScenarioError`` on bad YAML."""
    return read_text(text, file)


def read_yaml_file(path: str, shown: str) -> str:
    """The text of a YAML file: a regular UTF-8 file of bounded size, else ``ScenarioError``."""
    return read_file_text(path, shown)


def read_scenario_file(path: Path, shown: str) -> tuple[dict[str, Any], Lines]:
    """Read a scenario file with its ``extends`` chain merged, and its line map."""
    return _loader.read_merged_file(path, shown)


def locate(lines: Lines, top: str, path: FieldPath, message: str) -> Problem:
    """A problem at ``path`` placed at the line of its nearest ancestor that has one."""
    return _loader.locate_problem(lines, top, path, message)


def pydantic_message(error: Any) -> str:
    """The loader's readable message for one pydantic error (bounds, types, missing fields)."""
    return _messages.message(error)


def field_type(path: FieldPath) -> Any:
    """The schema annotation of the scenario field at ``path`` (None where the schema has none)."""
    return _messages.annotation_at(path)


def parse_path(text: str) -> FieldPath | None:
    """Split ``policy.phases[1].levers.gun_tracing`` into its keys and indices (None if malformed)."""
    path: list[str | int] = []
    for segment in text.split("."):
        match = _loader.PATH_SEGMENT.fullmatch(segment)
        if match is None:
            return None
        path += [match[1], *(int(i) for i in re.findall(r"\d+", match[2]))]
    return tuple(path)


def plain(value: Any) -> Any:
    """A numpy scalar as the Python value it holds."""
    return value.item() if hasattr(value, "item") else value


def override(path: str, value: Any) -> str:
    """The ``path=value`` override setting ``value`` exactly (floats round-trip through YAML)."""
    return f"{path}={json.dumps(plain(value))}"


class PointBuilder:
    """Builds the scenario of any design point from the base scenario's data, without the file.

    Pickles small (the base data and its line map), so workers on other machines get
    it with their tasks and need only the installed package, not the scenario files.
    """

    def __init__(self, data: dict[str, Any], lines: Lines, top: str) -> None:
        self._blob = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
        self.lines = lines
        self.top = top

    def data(self) -> dict[str, Any]:
        """A fresh copy of the base scenario's data (after ``extends``)."""
        data: dict[str, Any] = pickle.loads(self._blob)
        return data

    def build(self, overrides: Sequence[str]) -> Scenario:
        """Apply overrides to a copy of the base data and validate it like the loader does.

        Raises:
            ScenarioError: Every problem, at the scenario's lines or at ``--set`` for overrides.
        """
        return _loader.finish_scenario(self.data(), dict(self.lines), self.top, overrides)
