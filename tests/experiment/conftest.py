"""Fixtures of the sweep tests: small specs on the classroom country, a reference result."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
CLASSROOM = ROOT / "scenarios" / "classroom.yaml"

SMALL = """\
name: small
scenario: {scenario}
parameters:
  - path: policy.phases[1].levers.unilateral_strikes_per_month
    name: strikes
    range: [0, 4]
  - path: calibration.rho
    range: [0.002, 0.003]
design: {{kind: lhs, samples: {samples}, seed: 3}}
replications: 2
months: 15
outputs:
  - {{metric: homicides, reduce: cumulative}}
  - {{metric: cooperation, reduce: final}}
  - {{metric: legitimacy, reduce: mean, months: [10, 15]}}
  - {{metric: us_citizens_harmed, reduce: max, months: [13, 15]}}
  - {{metric: fear, reduce: min}}
"""


def write_spec(folder: Path, text: str, name: str = "spec.yaml") -> Path:
    """Write a spec file into ``folder`` and return its path."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def small_spec(folder: Path, samples: int = 12) -> Path:
    """A 2-parameter LHS sweep of the classroom scenario: ``samples`` x 2 runs of 15 months."""
    return write_spec(folder, SMALL.format(scenario=CLASSROOM, samples=samples))


def stored_runs(out: Path) -> pd.DataFrame:
    """The runs of a results folder, read with pandas alone, in run order."""
    return pd.read_parquet(out / "runs").sort_values("run_id", ignore_index=True)


@pytest.fixture(scope="session")
def small_reference(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    """The small sweep run in this process: what every backend must reproduce exactly."""
    from simulator.experiment.sweep import run_sweep

    folder = tmp_path_factory.mktemp("reference")
    run_sweep(small_spec(folder), folder / "out", workers=1)
    return stored_runs(folder / "out")
