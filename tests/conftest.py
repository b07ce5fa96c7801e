"""Shared fixtures: paths to the repository's scenarios and the shared data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture
def network_folder() -> Path:
    """The published 150-cartel network; tests using it skip cleanly when it is absent."""
    folder = SHARED_DATA / "cartel_network_2020"
    if not (folder / "BACRIM2020_Nodes.csv").exists():
        pytest.skip(f"published cartel network not found at {folder}")
    return folder
