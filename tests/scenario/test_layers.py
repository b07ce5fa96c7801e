"""Layer rules this work relies on: the experiment layer does not import the report layer."""

from __future__ import annotations

import subprocess
import sys


def test_experiment_does_not_import_report() -> None:
    """``Comparison.write`` used to import ``simulator.report``: a cycle. The CLI calls it now."""
    code = (
        "import sys\nimport simulator.experiment\n"
        "bad = sorted(m for m in sys.modules if m.startswith('simulator.report'))\n"
        "assert not bad, bad\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_scenario_layer_does_not_import_the_model() -> None:
    """The loader checks references against the world, not by building a model."""
    code = (
        "import sys\nimport simulator.scenario, simulator.scenario.parameters, simulator.output\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[:2] in (['simulator', 'model'],"
        " ['simulator', 'agents'], ['simulator', 'rules'], ['simulator', 'experiment']))\n"
        "assert not bad, bad\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
