"""The scenarios the dashboard offers, read and saved safely.

Two folders: the shipped ``scenarios/`` (read-only) and the user's folder
(``cartelsim dashboard --scenarios DIR``), the only place the editor writes. A
scenario is named in URLs by a *reference*: ``bilateral_roadmap`` for a shipped file,
``mine/my_plan`` for one in the user's folder. References, save names and
``extends:`` chains are checked so that nothing outside those two folders is read,
and nothing outside the user's folder is written: no ``..``, no absolute paths, no
symlinks leading out.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from simulator.dashboard import config
from simulator.model import CartelModel
from simulator.scenario import Problem, Scenario, ScenarioError, load_scenario_text

MINE = "mine/"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\- ]*$")  # one path part of a save name


@dataclass(frozen=True)
class ScenarioEntry:
    """One scenario the user can pick."""

    ref: str  # the reference used in URLs
    label: str  # what the picker shows
    path: Path
    shipped: bool


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def list_scenarios(cfg: config.DashboardConfig | None = None) -> list[ScenarioEntry]:
    """The shipped scenarios, then the user's (symlinks leading out of the folder are skipped)."""
    cfg = cfg or config.current()
    out = [
        ScenarioEntry(p.stem, p.stem, p, True)
        for p in sorted(config.SHIPPED_SCENARIOS.glob("*.yaml"))
    ]
    folder = cfg.user_scenarios
    if folder.is_dir():
        for p in sorted(folder.rglob("*.y*ml")):
            if p.suffix in (".yaml", ".yml") and p.is_file() and _inside(p, folder):
                rel = p.relative_to(folder).with_suffix("").as_posix()
                out.append(ScenarioEntry(MINE + rel, f"{rel} (yours)", p, False))
    return out


def resolve_ref(ref: str, cfg: config.DashboardConfig | None = None) -> Path:
    """The file of a scenario reference; ValueError when it names nothing we may read."""
    for entry in list_scenarios(cfg):
        if entry.ref == ref:
            return entry.path
    raise ValueError(f"no scenario {ref!r} among the shipped ones or in your folder")


def save_target(name: str, cfg: config.DashboardConfig | None = None) -> Path:
    """The path a save name stands for inside the user's folder; ValueError if it would leave it.

    ``name`` is relative to the folder (``plan``, ``class/plan.yaml``); ``.yaml`` is added
    when it has no suffix. Refused: empty names, absolute paths, ``~``, ``..``, other
    suffixes, odd characters, and any path that resolves (through symlinks) outside.
    """
    cfg = cfg or config.current()
    folder = cfg.user_scenarios
    text = name.strip()
    if not text:
        raise ValueError("give a file name, e.g. my_plan.yaml")
    if text.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:", text) or os.path.isabs(text):
        raise ValueError(f"{name!r} is an absolute path: give a name inside your scenario folder")
    parts = re.split(r"[\\/]", text)
    if ".." in parts:
        raise ValueError(f"{name!r} leaves your scenario folder ('..' is not allowed)")
    bad = [p for p in parts if not _NAME.match(p)]
    if bad:
        raise ValueError(
            f"{name!r}: use letters, digits, '_', '-', '.' and spaces in each name, not {bad[0]!r}"
        )
    rel = Path(*parts)
    if rel.suffix not in (".yaml", ".yml"):
        if rel.suffix:
            raise ValueError(f"{name!r}: a scenario file ends in .yaml")
        rel = rel.with_suffix(".yaml")
    target = folder / rel
    if target.is_symlink() or not _inside(target, folder):
        raise ValueError(f"{name!r} points outside your scenario folder (through a symlink)")
    return target


def save_text(name: str, text: str, cfg: config.DashboardConfig | None = None) -> Path:
    """Write ``text`` to ``name`` in the user's folder, atomically; return the path written."""
    if len(text.encode("utf-8")) > config.MAX_SCENARIO_BYTES:
        raise ValueError(f"a scenario may have at most {config.MAX_SCENARIO_BYTES:,} bytes")
    target = save_target(name, cfg)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not _inside(target.parent, (cfg or config.current()).user_scenarios):
        raise ValueError(f"{name!r} points outside your scenario folder (through a symlink)")
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".saving-", suffix=".yaml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _extends_line(text: str) -> int | None:
    for i, line in enumerate(text.splitlines(), 1):
        if re.match(r"^extends\s*:", line):
            return i
    return None


def extends_problems(
    text: str, shown: str, base_dir: Path, cfg: config.DashboardConfig | None = None
) -> list[Problem]:
    """Problems of an ``extends:`` chain that would read outside the two scenario folders.

    Anything else wrong with the chain (a missing file, a cycle, bad YAML) is left to
    the loader, which reports it with its file and line.
    """
    cfg = cfg or config.current()
    roots = (config.SHIPPED_SCENARIOS, cfg.user_scenarios)
    seen: set[Path] = set()
    for _ in range(50):
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError:
            return []
        ext = data.get("extends") if isinstance(data, dict) else None
        if not isinstance(ext, str) or not ext:
            return []
        target = (base_dir / ext).resolve()
        if not any(target.is_relative_to(r.resolve()) for r in roots):
            return [
                Problem(
                    shown,
                    _extends_line(text),
                    "extends",
                    f"{ext!r} is outside the shipped scenarios and your folder; "
                    "the dashboard reads only those",
                )
            ]
        if target in seen or not target.is_file():
            return []
        seen.add(target)
        try:
            text = target.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return []
        shown, base_dir = os.path.relpath(target, base_dir), target.parent
    return []


def size_problems(scenario: Scenario, shown: str) -> list[Problem]:
    """Problems of a scenario too large for a shared server (the caps in :mod:`.config`)."""
    out = []
    if scenario.months > config.MAX_MONTHS:
        out.append(
            Problem(
                shown,
                None,
                "months",
                f"{scenario.months} months is over the dashboard's cap of {config.MAX_MONTHS}",
            )
        )
    agents = len(scenario.cartels) + scenario.local_groups.count + len(scenario.enforcement)
    if agents > config.MAX_AGENTS:
        out.append(
            Problem(
                shown,
                None,
                "cartels",
                f"{agents} cartels, local groups and enforcement bodies is over the "
                f"dashboard's cap of {config.MAX_AGENTS}",
            )
        )
    p = scenario.policy
    items = len(p.phases) + len(p.triggers) + len(p.operations)
    if items > config.MAX_POLICY_ITEMS:
        out.append(
            Problem(
                shown,
                None,
                "policy",
                f"{items} phases, triggers and operations is over the dashboard's cap of "
                f"{config.MAX_POLICY_ITEMS}",
            )
        )
    return out


def load_checked(
    text: str,
    shown: str,
    base_dir: Path,
    overrides: tuple[str, ...] = (),
    cfg: config.DashboardConfig | None = None,
) -> Scenario:
    """Load scenario text the way the dashboard may: size caps, safe ``extends``, world references.

    Raises:
        ScenarioError: every problem, each with its file and line where known.
    """
    if len(text.encode("utf-8")) > config.MAX_SCENARIO_BYTES:
        raise ScenarioError(
            [
                Problem(
                    shown,
                    None,
                    "(top level)",
                    f"the text has {len(text.encode('utf-8')):,} bytes; the dashboard's cap "
                    f"is {config.MAX_SCENARIO_BYTES:,}",
                )
            ]
        )
    problems = extends_problems(text, shown, base_dir, cfg)
    if problems:
        raise ScenarioError(problems)
    scenario = load_scenario_text(text, shown, overrides, base_dir)
    problems = size_problems(scenario, shown)
    if problems:
        raise ScenarioError(problems)
    CartelModel(scenario)  # references to the world (regions, cartel ids) are checked here
    return scenario


def load_ref(
    ref: str, overrides: tuple[str, ...] = (), cfg: config.DashboardConfig | None = None
) -> Scenario:
    """Load a scenario by reference, checked as :func:`load_checked` does."""
    path = resolve_ref(ref, cfg)
    text = path.read_text(encoding="utf-8")
    return load_checked(text, path.name, path.parent, overrides, cfg)
