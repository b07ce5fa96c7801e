"""The model's rules, one module per rule id, each a function of :class:`simulator.state.ModelState`.

Where is rule R<n>? In ``r<nn>_<name>.py``: R1 workforce, R2 courts, R3 homicides,
R4 succession, R5 gatekeepers, R6 money, R7 guns, R8 routes, R9 cooperation, R10
strikes, R11 raids, R12-R14 communities (with R13 integrity and R14 programmes),
R15 overdoses, R16 phases and reviews, R17 triggers, R18 spillover, R19 territory.
Shared by several rules: :mod:`~simulator.rules.levers` (how levers are delivered,
R9's cooperation gate), :mod:`~simulator.rules.targets` (what operations act on),
:mod:`~simulator.rules.scheduled` (one-off operations) and
:mod:`~simulator.rules.costs`. The order they run in is
:data:`simulator.model.STEP`.
"""
