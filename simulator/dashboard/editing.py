"""The Editor's logic: validating text, placing problems by line, templates, diff to the parent.

Validation is :func:`simulator.dashboard.scenario_files.load_checked`: the loader
(file:line problems, ``extends``, the schema), the dashboard's caps and a model build
(references to the world). Problems are grouped by line of the edited text so the
page can show each message next to its line; problems in an extended file keep
their own file and line.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from simulator.dashboard import config
from simulator.dashboard.scenario_files import load_checked
from simulator.scenario import Problem, Scenario, ScenarioError, load_scenario

EDITOR_FILE = "<editor>"


@dataclass(frozen=True)
class Checked:
    """The outcome of validating one text."""

    text: str
    scenario: Scenario | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """True when the text is a valid scenario."""
        return self.scenario is not None

    def by_line(self, shown: str) -> dict[int | None, list[Problem]]:
        """Problems of the edited text (file ``shown``) by line; None: no line."""
        out: dict[int | None, list[Problem]] = {}
        for p in self.problems:
            if p.file == shown:
                out.setdefault(p.line, []).append(p)
        return out

    def elsewhere(self, shown: str) -> list[Problem]:
        """Problems located in other files (an extended scenario, ``--set``)."""
        return [p for p in self.problems if p.file != shown]


def check(text: str, shown: str, base_dir: Path) -> Checked:
    """Validate ``text`` as a scenario saved in ``base_dir`` (where ``extends`` is looked up)."""
    try:
        scenario = load_checked(text, shown, base_dir)
    except ScenarioError as err:
        return Checked(text, None, tuple(err.problems))
    except (ValueError, OSError) as err:  # e.g. a model build refusing a value
        return Checked(text, None, (Problem(shown, None, "(top level)", str(err)),))
    return Checked(text, scenario, ())


def listing(
    text: str, by_line: dict[int | None, list[Problem]], context: int = 2
) -> list[dict[str, Any]]:
    """Rows of an annotated listing: problem lines with ``context`` lines around them.

    Each row is ``{"kind": "line", "no", "text", "bad"}``, ``{"kind": "msg", "text"}`` or
    ``{"kind": "gap"}``.
    """
    lines = text.splitlines()
    bad = {n for n in by_line if n is not None}
    keep = {n for b in bad for n in range(b - context, b + context + 1) if 1 <= n <= len(lines)}
    rows: list[dict[str, Any]] = []
    last = 0
    for n in sorted(keep):
        if n > last + 1:
            rows.append({"kind": "gap"})
        rows.append({"kind": "line", "no": n, "text": lines[n - 1], "bad": n in bad})
        for p in by_line.get(n, []):
            rows.append({"kind": "msg", "text": f"{p.path}: {p.message}"})
        last = n
    return rows


def _extends_of(text: str) -> str | None:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    ext = data.get("extends") if isinstance(data, dict) else None
    return ext if isinstance(ext, str) and ext else None


def rebase_extends(text: str, from_dir: Path, to_dir: Path) -> str:
    """``text`` moved from ``from_dir`` to ``to_dir``: its ``extends:`` path still names the same file."""
    ext = _extends_of(text)
    if ext is None:
        return text
    target = (from_dir / ext).resolve()
    new = os.path.relpath(target, to_dir.resolve())
    return re.sub(r"^(extends\s*:\s*).*$", lambda m: m.group(1) + new, text, count=1, flags=re.M)


def new_scenario_text(parent: Path, name: str, user_dir: Path) -> str:
    """A new scenario that extends ``parent`` and changes nothing yet."""
    ext = os.path.relpath(parent.resolve(), user_dir.resolve())
    return (
        f"# A new scenario: it extends {parent.name} and overrides only what is written here.\n"
        "# Every number needs its source or 'assumption' in a comment beside it.\n"
        f"extends: {ext}\n"
        f"name: {name}\n"
        f"description: My variant of {parent.stem}.\n"
        "policy:\n"
        "  levers:\n"
        "    gun_tracing: 0.6          # assumption: an example change, from month 1\n"
    )


def parent_scenario(text: str, base_dir: Path) -> tuple[str, Scenario] | None:
    """The scenario ``text`` extends (its ``extends:`` value and the loaded scenario), if any."""
    ext = _extends_of(text)
    if ext is None:
        return None
    path = base_dir / ext
    try:
        return ext, load_scenario(path)
    except (ScenarioError, OSError):
        return None


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        for k, v in value.items():
            out |= _flatten(v, f"{prefix}.{k}" if prefix else str(k))
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        for i, v in enumerate(value):
            out |= _flatten(v, f"{prefix}[{i}]")
    else:
        out[prefix] = value
    return out


def scenario_diff(parent: Scenario, child: Scenario) -> list[tuple[str, Any, Any]]:
    """Fields whose value differs: ``(path, parent's value, child's value)`` (None: absent)."""
    a = _flatten(parent.model_dump(mode="json"))
    b = _flatten(child.model_dump(mode="json"))
    return [(p, a.get(p), b.get(p)) for p in sorted(a.keys() | b.keys()) if a.get(p) != b.get(p)]


def user_folder() -> Path:
    """The user's scenario folder (where edits are checked and saved)."""
    return config.current().user_scenarios
