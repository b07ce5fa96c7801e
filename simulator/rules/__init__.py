"""The model's rules R1-R19, grouped by concept as mixins of :class:`simulator.model.CartelModel`.

- :mod:`~simulator.rules.violence`: R1 workforce, R2 courts, R3 homicides, R4 succession.
- :mod:`~simulator.rules.operations`: R4 removals, R5 brokers, R10 strikes, R11 raids,
  R6 seizures, R9 incidents, and how enforcement bodies deliver lever changes.
- :mod:`~simulator.rules.economy`: R6 money, R7 guns, R8 routes, R15 overdoses, R18 upstream.
- :mod:`~simulator.rules.society`: R9 cooperation, R12-R14 communities, R19 territory.

Phases, triggers and reviews (R16, R17) are in :mod:`simulator.policy`; agents' own
state changes are methods of the agents in :mod:`simulator.agents`.
"""

from simulator.rules.economy import EconomyRules
from simulator.rules.operations import LEVER_BODIES, OperationRules
from simulator.rules.society import SocietyRules
from simulator.rules.violence import ViolenceRules

__all__ = ["LEVER_BODIES", "EconomyRules", "OperationRules", "SocietyRules", "ViolenceRules"]
