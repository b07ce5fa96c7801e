"""Every scenario field is read by the package: no input the model silently ignores.

Dynamic: while every shipped scenario and validation experiment runs for a few months,
a scenario using every optional section (relations, community overrides, a trigger
that fires) runs, and a comparison is replicated at its default size and reported on,
every attribute read of a schema field is recorded. Levers are read by name from the
levers dict (``s.levers["gun_tracing"]``), so for them the test asks that the rules
read each lever by name.
"""

from __future__ import annotations

import ast
import typing

import pytest
from pydantic import BaseModel

from simulator.experiment import compare, run
from simulator.report import write_report
from simulator.scenario import load_scenario
from simulator.scenario.schema import Levers, Scenario
from simulator.scenario.schema.base import Strict

from ..conftest import ROOT, SCENARIOS

RULES = ROOT / "simulator" / "rules"


def schema_fields(model: type[BaseModel]) -> set[tuple[str, str]]:
    """(model name, field name) of every field reachable from ``model``."""
    out: set[tuple[str, str]] = set()
    for name, f in model.model_fields.items():
        out.add((model.__name__, name))
        stack = [f.annotation]
        while stack:
            t = stack.pop()
            if isinstance(t, type) and issubclass(t, BaseModel) and t is not Levers:
                out |= schema_fields(t)
            stack += list(typing.get_args(t))
    return out


# Every optional section at once, on the classroom's small world.
EVERYTHING = """
extends: {classroom}
name: everything
replications: 2
months: 14
rivalries: [{{between: [C1, C2], weight: 6}}]
alliances: [{{between: [C2, C3], weight: 2}}]
governments: [{{id: US, cooperation: 0.55}}, {{id: MX, cooperation: 0.55}}, {{id: CO, cooperation: 0.3}}]
communities:
  overrides:
    R01: {{opportunity: 0.4, fear: 0.5, legitimacy: 0.4, youth_at_risk: 0.3, extortion: 0.3, integrity: 0.4}}
policy:
  triggers:
    - name: always
      when: {{metric: homicides, op: ">", value: 0, for_months: 1}}
      set: {{gun_tracing: 0.9}}
"""


@pytest.fixture(scope="module")
def fields_read(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    read: set[tuple[str, str]] = set()
    original = Strict.__getattribute__

    def spy(self: BaseModel, name: str) -> typing.Any:
        cls = original(self, "__class__")
        if name in cls.model_fields:
            read.add((cls.__name__, name))
        return original(self, name)

    Strict.__getattribute__ = spy  # type: ignore[method-assign]
    try:
        paths = sorted(SCENARIOS.glob("*.yaml")) + sorted((SCENARIOS / "validation").glob("*.yaml"))
        for path in paths:
            scenario = load_scenario(path)
            run(scenario, months=min(scenario.months, 14))
        folder = tmp_path_factory.mktemp("everything")
        everything = folder / "everything.yaml"
        everything.write_text(EVERYTHING.format(classroom=SCENARIOS / "classroom.yaml"))
        comparison = compare([everything, SCENARIOS / "classroom.yaml"], workers=1, progress=False)
        write_report(comparison, folder / "report")
    finally:
        Strict.__getattribute__ = original  # type: ignore[method-assign]
    return read


def test_every_schema_field_is_read(fields_read: set[tuple[str, str]]) -> None:
    unread = sorted(schema_fields(Scenario) - fields_read)
    assert not unread, f"schema fields no code reads: {unread}"


def test_every_lever_is_read_by_name_in_the_rules() -> None:
    names = set()
    for path in RULES.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                names.add(node.value)
    unread = sorted(set(Levers.model_fields) - names)
    assert not unread, f"levers no rule reads: {unread}"


def test_the_spy_sees_an_unread_field() -> None:
    """The check itself works: a field added to the schema and never read is reported."""

    class Probe(Strict):
        used: int = 1
        forgotten: int = 2

    assert ("Probe", "forgotten") in schema_fields(Probe)
