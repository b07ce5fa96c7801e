"""Scenario language: schema, YAML loader with file:line errors, inheritance, overrides, hash."""

from simulator.scenario.errors import Problem, ScenarioError
from simulator.scenario.loader import (
    load_scenario,
    load_scenario_text,
    problem_at,
    scenario_hash,
)
from simulator.scenario.schema import STATUS_QUO, Levers, Scenario

__all__ = [
    "STATUS_QUO",
    "Levers",
    "Problem",
    "Scenario",
    "ScenarioError",
    "load_scenario",
    "load_scenario_text",
    "problem_at",
    "scenario_hash",
]
