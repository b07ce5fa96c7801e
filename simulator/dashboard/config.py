"""Where the dashboard reads and writes, and the caps that keep a shared classroom server responsive.

``cartelsim dashboard`` passes its options to the server through environment
variables (the Solara app is imported by the server, not called by the CLI), so the
same :func:`current` answers in the CLI, the server and the tests.

Caps (documented in the README and shown on the pages): a request beyond them is
refused with a message, never queued to stall the server for everyone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from simulator.resources import SOURCE_ROOT, rules_doc, scenarios_dir

SHIPPED_SCENARIOS = scenarios_dir()
_rules = rules_doc()
DOCS = _rules.parent if _rules is not None else SOURCE_ROOT / "docs"  # RULES.md, ODD.md

ENV_SCENARIOS = "CARTELSIM_DASHBOARD_SCENARIOS"
ENV_RUNS = "CARTELSIM_DASHBOARD_RUNS"

# --- caps -----------------------------------------------------------------------------------
MAX_MONTHS = 240  # 20 years: four times the default horizon
MAX_REPLICATIONS = 100  # per scenario in a comparison or a classroom ensemble
MAX_COMPARE_RUNS = 240  # scenarios x replications in one comparison
MAX_COMPARE_SCENARIOS = 4
MIN_COMPARE_SCENARIOS = 2
MAX_SCENARIO_BYTES = 200_000  # YAML text of one scenario (the shipped ones are under 10 kB)
MAX_AGENTS = 400  # cartels + local groups + enforcement bodies of one scenario
MAX_POLICY_ITEMS = 100  # phases + triggers + operations of one scenario
MAX_BACKGROUND_JOBS = 1  # comparisons running at once on the server; others wait their turn


@dataclass(frozen=True)
class DashboardConfig:
    """The folders one dashboard server works with."""

    user_scenarios: Path  # the user's scenario folder: the only place the editor writes
    runs: Path  # where sweep result folders are looked for


def current() -> DashboardConfig:
    """The configuration of this process (from the environment the CLI set)."""
    return DashboardConfig(
        user_scenarios=Path(os.environ.get(ENV_SCENARIOS, "my_scenarios")).resolve(),
        runs=Path(os.environ.get(ENV_RUNS, "runs")).resolve(),
    )
