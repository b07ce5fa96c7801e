"""Build hook: copy the files the package reads at run time into the wheel.

Everything else is configured in ``pyproject.toml``. The shipped scenarios and
``docs/RULES.md`` live at the repository root, where users and the docs refer to them;
``build_py`` copies them into ``simulator/_data/`` of the build, where
``simulator.resources`` finds them in an installed wheel.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
RUNTIME_FILES = [
    *sorted(p.relative_to(ROOT) for p in (ROOT / "scenarios").rglob("*.yaml")),
    Path("docs") / "RULES.md",
]


class BuildWithRuntimeData(build_py):
    """``build_py`` that also copies :data:`RUNTIME_FILES` into ``simulator/_data/``."""

    def run(self) -> None:
        """Build as usual, then copy the runtime files."""
        super().run()
        target = Path(self.build_lib) / "simulator" / "_data"
        for rel in RUNTIME_FILES:
            dest = target / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / rel, dest)


setup(cmdclass={"build_py": BuildWithRuntimeData})
