"""The scenario language: a pydantic schema with unit, bounds, default and description per field.

A scenario is everything a run needs: the world, the calibration of the rules, the
actors (governments, cartels, enforcement bodies, communities) and the policy
(phases, triggers, one-off operations). The dashboard and docs render the field
metadata; :func:`semantic_problems` adds the checks that span fields (phase
windows, references between sections).

One module per concern, all re-exported here so ``from simulator.scenario.schema
import X`` works for every name:

- ``base``: :func:`spec` (a field with unit, bounds, description) and :class:`Strict`;
- ``world``, ``calibration``, ``actors``, ``communities``, ``levers``, ``policy``: the
  sections of a scenario;
- ``scenario``: the whole :class:`Scenario`;
- ``checks``: the checks that span fields.
"""

from simulator.scenario.schema.actors import (
    CartelSpec,
    EnforcementSpec,
    GovernmentSpec,
    LocalGroupsSpec,
    Relation,
)
from simulator.scenario.schema.base import Path, Strict, plausible_range, spec
from simulator.scenario.schema.calibration import Calibration
from simulator.scenario.schema.checks import phase_problems, semantic_problems
from simulator.scenario.schema.communities import CommunitiesSpec, CommunityPatch, CommunityState
from simulator.scenario.schema.levers import STATUS_QUO, Levers, StrikeTarget
from simulator.scenario.schema.policy import Condition, Operation, Phase, Policy, Trigger
from simulator.scenario.schema.scenario import Scenario
from simulator.scenario.schema.world import WorldSpec

__all__ = [
    "STATUS_QUO",
    "Calibration",
    "CartelSpec",
    "CommunitiesSpec",
    "CommunityPatch",
    "CommunityState",
    "Condition",
    "EnforcementSpec",
    "GovernmentSpec",
    "Levers",
    "LocalGroupsSpec",
    "Operation",
    "Path",
    "Phase",
    "Policy",
    "Relation",
    "Scenario",
    "Strict",
    "StrikeTarget",
    "Trigger",
    "WorldSpec",
    "phase_problems",
    "plausible_range",
    "semantic_problems",
    "spec",
]
