"""Fixtures of the dashboard tests: the real server in a subprocess, and Debian's Chromium.

One server serves the whole browser module (starting it costs ~10 s): ``cartelsim
dashboard`` on a free port of 127.0.0.1, with a scratch scenario folder (one valid
scenario of the user's, a symlink leading out of the folder) and a runs folder
holding a small real sweep. Chromium is ``/usr/bin/chromium`` (``./run test`` installs
Debian's package when missing); ``playwright install`` is never used.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from simulator.dashboard.server import running_server
from simulator.dashboard.sweep_results import example_sweep

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

USER_SCENARIO = """\
# A user's scenario for the tests: the classroom world with strikes from month 1.
extends: {shipped}/classroom.yaml
name: my_strikes
description: Classroom with unilateral strikes from month 1 (test scenario).
policy:
  levers:
    unilateral_strikes_per_month: 3   # assumption: a test value
"""


@dataclass
class Dashboard:
    """A running dashboard: its URL, log, and the folders it reads and writes."""

    url: str
    log: Path
    scenarios: Path
    runs: Path
    outside: Path  # a folder outside the scenario folder (where nothing may be written)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright: launch Debian's Chromium, offline-minded flags."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: ./run test installs Debian's chromium package")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="module")
def shared_context(browser: Browser) -> Iterator[BrowserContext]:
    """One browser context for the tests that need no fresh one.

    Its HTTP cache keeps the app's scripts between tests; each page load still gets
    its own server session.
    """
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    yield context
    context.close()


@pytest.fixture
def tab(shared_context: BrowserContext) -> Iterator[Page]:
    """A new tab (a new dashboard session) in the shared context."""
    page = shared_context.new_page()
    yield page
    page.close()


@pytest.fixture(scope="session")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dashboard]:
    """The real dashboard server, started once for the browser tests."""
    from simulator.dashboard import config

    base = tmp_path_factory.mktemp("dashboard")
    scenarios, runs, outside = base / "my_scenarios", base / "runs", base / "outside"
    for folder in (scenarios, runs, outside):
        folder.mkdir()
    shipped = os.path.relpath(config.SHIPPED_SCENARIOS, scenarios)
    (scenarios / "my_strikes.yaml").write_text(USER_SCENARIO.format(shipped=shipped))
    (scenarios / "escape.yaml").symlink_to(outside / "escape.yaml")
    example_sweep(runs / "classroom-sobol", samples=8)
    with running_server(scenarios, runs) as (url, log):
        yield Dashboard(url, log, scenarios, runs, outside)
