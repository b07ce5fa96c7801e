"""The Solara dashboard: explore one scenario live, compare, edit, sweeps, classroom, teacher notes.

``cartelsim dashboard`` serves it on 127.0.0.1, fully offline (see
:mod:`simulator.dashboard.server`). The app itself is :mod:`simulator.dashboard.app`;
every page keeps its model and state per browser session.
"""
