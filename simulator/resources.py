"""Files the package reads at run time: the shipped scenarios and ``docs/RULES.md``.

In a checkout they are the repository's own ``scenarios/`` and ``docs/`` (so edits are
seen at once); an installed wheel carries copies in ``simulator/_data/`` (put there at
build time by ``setup.py``), so ``cartelsim validate`` and the report's rule titles work
from any directory, with no source tree.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DATA = Path(__file__).resolve().parent / "_data"
"""Where a built wheel keeps its copies (absent in a checkout)."""
SOURCE_ROOT = Path(__file__).resolve().parent.parent
"""The repository root, when the package runs from a checkout."""


def _first(*candidates: Path) -> Path | None:
    return next((c for c in candidates if c.exists()), None)


def scenarios_dir() -> Path:
    """The shipped scenarios folder (``baseline.yaml``, ``validation/`` ...).

    Raises:
        FileNotFoundError: neither the package data nor a checkout has it.
    """
    found = _first(
        PACKAGE_DATA / "scenarios" / "baseline.yaml", SOURCE_ROOT / "scenarios" / "baseline.yaml"
    )
    if found is None:
        raise FileNotFoundError(
            f"the shipped scenarios are missing: neither {PACKAGE_DATA / 'scenarios'} "
            f"nor {SOURCE_ROOT / 'scenarios'} exists (a broken install?)"
        )
    return found.parent


def rules_doc() -> Path | None:
    """``docs/RULES.md`` (the rules and their titles), or None if this install has none."""
    return _first(PACKAGE_DATA / "docs" / "RULES.md", SOURCE_ROOT / "docs" / "RULES.md")
