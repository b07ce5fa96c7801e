"""Every dashboard component keeps Solara's rules of hooks (no hook inside a condition or loop).

Solara checks each component when it is defined and only warns; a hook called
conditionally breaks state when the condition changes between renders.
"""

from __future__ import annotations

import subprocess
import sys

CODE = """
import pkgutil, importlib
import simulator.dashboard as dashboard
for info in pkgutil.walk_packages(dashboard.__path__, "simulator.dashboard."):
    importlib.import_module(info.name)
"""


def test_importing_every_dashboard_module_raises_no_hook_warning():
    out = subprocess.run(
        [sys.executable, "-W", "error::UserWarning", "-c", CODE],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-1500:]
