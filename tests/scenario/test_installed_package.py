"""The package works from a built wheel, away from the source tree (issue 8: package data).

``cartelsim validate`` needs the shipped scenarios and the report needs ``docs/RULES.md``;
both used to be read relative to the source tree. This builds a real wheel from a copy of
the project, unpacks it into a folder of its own and runs from there, in a directory with
no ``scenarios/`` or ``docs/``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from pathlib import Path
import simulator
from simulator.resources import rules_doc, scenarios_dir
from simulator.report.rules import rule_titles
from simulator.scenario import load_scenario
from simulator.validation.runs import Runner

here = Path(simulator.__file__).resolve()
assert str(here).startswith(sys.argv[1]), f"imported from {here}, not the wheel"
folder = scenarios_dir()
assert str(folder).startswith(sys.argv[1]), folder
assert (folder / "validation" / "replay_2012_2022.yaml").is_file()
assert load_scenario(folder / "baseline.yaml").name == "baseline"
titles = rule_titles()
assert str(rules_doc()).startswith(sys.argv[1]) and len(titles) >= 15, titles
assert Runner().folder == folder
print("ok", len(titles))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build a wheel from a copy of the project (the checkout itself is left untouched)."""
    pytest.importorskip("setuptools", minversion="70.1")
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "scenarios", src / "scenarios")
    (src / "docs").mkdir()
    shutil.copy2(ROOT / "docs" / "RULES.md", src / "docs" / "RULES.md")
    shutil.copytree(
        ROOT / "simulator", src / "simulator", ignore=shutil.ignore_patterns("__pycache__")
    )
    dist = tmp_path_factory.mktemp("dist")
    code = "import sys; from setuptools import build_meta as b; print(b.build_wheel(sys.argv[1]))"
    done = subprocess.run(
        [sys.executable, "-c", code, str(dist)],
        cwd=src,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return dist / done.stdout.strip().splitlines()[-1]


def test_the_wheel_carries_the_runtime_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "simulator/_data/scenarios/baseline.yaml" in names
    assert "simulator/_data/scenarios/validation/replay_2012_2022.yaml" in names
    assert "simulator/_data/docs/RULES.md" in names


def test_the_installed_package_finds_scenarios_and_rules(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"  # no scenarios/ or docs/ here or above
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(site.resolve())],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("ok ")
    check = subprocess.run(
        [
            sys.executable,
            "-m",
            "simulator",
            "check",
            str(site / "simulator/_data/scenarios/baseline.yaml"),
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stderr
