"""Load scenarios from YAML: line-tracked parsing, ``extends``, ``--set`` overrides, validation.

Every problem the loader finds (YAML syntax, inheritance, overrides, pydantic and
semantic checks) becomes a :class:`Problem` pointing at a file and line, and all of
them are raised together in one :class:`ScenarioError`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import TypeAdapter, ValidationError

from simulator.scenario.errors import Problem, ScenarioError, format_path
from simulator.scenario.messages import message, show
from simulator.scenario.schema import Phase, Scenario, phase_problems, semantic_problems
from simulator.scenario.world_checks import world_problems
from simulator.scenario.yaml_reader import (
    SCENARIO_SUFFIXES,
    LimitExceeded,
    check_file_name,
    parse_value,
    read_file_text,
    read_text,
)

FieldPath = tuple[str | int, ...]
Where = tuple[str, int | None]
Lines = dict[FieldPath, Where]

SET = "--set"  # the "file" of problems and fields coming from command-line overrides
_LINES: dict[int, tuple[str, Lines]] = {}  # id(scenario) -> (top file, line map)


_SCENARIO_KEYS = frozenset(Scenario.model_fields) | {"extends"}
MAX_EXTENDS_DEPTH = 16
"""Longest ``extends`` chain (a file, its parent, its parent's parent ...)."""


def read_merged_file(
    path: Path, shown: str, chain: tuple[tuple[Path, str], ...] = ()
) -> tuple[dict, Lines]:
    """A scenario file's data with its ``extends`` chain merged, and its line map.

    ``chain`` holds the files already being read (cycle detection); callers pass none.
    """
    text = read_file_text(path, shown)
    chain = (*chain, (_resolved(path), shown))
    return _resolve(text, shown, path.parent, os.path.dirname(shown), chain)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop: reading it fails clearly later
        return path.absolute()


def _resolve(
    text: str, shown: str, base: Path, shown_base: str, chain: tuple[tuple[Path, str], ...]
) -> tuple[dict[str, Any], Lines]:
    """Parse ``text`` and merge it over the file it ``extends``, if any.

    ``base`` is the directory ``extends`` is relative to; ``shown_base`` the same
    directory as the user wrote it, used to name the parent in problems. ``extends``
    may name only ``.yaml``/``.yml`` files, at most :data:`MAX_EXTENDS_DEPTH` deep.
    """
    data, lines = read_text(text, shown)
    if not set(data) & _SCENARIO_KEYS:  # e.g. a password file: name it, never show it
        raise _error(
            shown,
            1,
            (),
            "has none of a scenario's fields (name, cartels, policy ...); is it a scenario file?",
        )
    if "extends" not in data:
        return data, lines
    ext = data.pop("extends")
    line = lines[("extends",)][1]
    where = ("extends",)
    if not isinstance(ext, str) or not ext:
        raise _error(shown, line, where, f"expected a file name, got {show(ext)}")
    check_file_name(ext, shown, line, where)
    if not ext.lower().endswith(SCENARIO_SUFFIXES):
        raise _error(shown, line, where, "may only name a scenario file ending in .yaml or .yml")
    if len(chain) >= MAX_EXTENDS_DEPTH:
        raise _error(shown, line, where, f"extends chain is longer than {MAX_EXTENDS_DEPTH} files")
    target = base / ext
    parent_shown = os.path.normpath(os.path.join(shown_base, ext))
    seen = [p for p, _ in chain]
    if _resolved(target) in seen:
        cycle = [s for _, s in chain[seen.index(_resolved(target)) :]] + [parent_shown]
        raise _error(shown, line, where, "cyclic extends: " + " -> ".join(cycle))
    if not os.path.lexists(target):
        raise _error(shown, line, where, f"cannot find extended file {ext!r}")
    parent, parent_lines = read_merged_file(target, parent_shown, chain)
    merged = _merge(parent, data)
    lines = {p: w for p, w in {**parent_lines, **lines}.items() if _exists(merged, p)}
    return merged, lines


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge dicts (child wins); any other value, lists included, is replaced."""
    out = dict(parent)
    for key, value in child.items():
        both = isinstance(value, dict) and isinstance(out.get(key), dict)
        out[key] = _merge(out[key], value) if both else value
    return out


def _exists(data: Any, path: FieldPath) -> bool:
    for part in path:
        in_list = isinstance(data, list) and isinstance(part, int) and part < len(data)
        if not (in_list or (isinstance(data, dict) and part in data)):
            return False
        data = data[part]
    return True


# A key, then list selectors: [2] by position, or [ATF] by the item's id.
PATH_SEGMENT = re.compile(r"([^.\[\]\s]+)((?:\[[^\[\].\s]+\])*)")
"""One dotted segment of a field path: a key and its ``[index]`` or ``[id]`` selectors."""


class _ById(str):
    """A list selector naming an item by its ``id`` (``enforcement[ATF]``)."""


def _selectors(text: str) -> list[int | _ById]:
    return [int(s) if s.isdigit() else _ById(s) for s in re.findall(r"\[([^\]]+)\]", text)]


def _resolve_ids(data: dict[str, Any], path: list[Any]) -> tuple[str | int, ...]:
    """Replace ``[id]`` selectors by the position of the item with that id."""
    node: Any = data
    out: list[str | int] = []
    for part in path:
        if isinstance(part, _ById):
            here = format_path(tuple(out))
            if not isinstance(node, list):
                raise ValueError(f"{here} is not a list")
            ids = [item.get("id") for item in node if isinstance(item, dict)]
            if not any(ids):
                raise ValueError(f"{here} items have no id: select one by position, e.g. [0]")
            if part not in ids:
                known = ", ".join(str(i) for i in ids) or "none"
                raise ValueError(f"no item with id {part!r} in {here} (ids: {known})")
            part = ids.index(part)
        out.append(part)
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            node = None
    return tuple(out)


def _apply_override(data: dict[str, Any], lines: Lines, override: str) -> Problem | None:
    """Apply one ``dotted.path[2].field=value`` override; return its problem, if any."""
    shown = override if override.strip() else repr(override)
    text, eq, raw = override.partition("=")
    text = text.strip()
    if not eq or not text:
        return Problem(SET, None, shown, "malformed override: expected path=value")
    path: list[str | int] = []
    for seg in text.split("."):
        m = PATH_SEGMENT.fullmatch(seg)
        if m is None:
            return Problem(
                SET,
                None,
                shown,
                f"malformed path {text!r}: write keys.like.this[0].field or list[ID].field",
            )
        path += [m[1], *_selectors(m[2])]
    try:
        value = parse_value(raw)
    except LimitExceeded as e:
        return Problem(SET, None, shown, f"refused value: {e.message}")
    except (yaml.YAMLError, ValueError, OverflowError) as e:
        what = getattr(e, "problem", None) or (str(e).splitlines() or [type(e).__name__])[0]
        return Problem(SET, None, shown, f"invalid value: {what}")
    try:
        key = _resolve_ids(data, path)
        _set(data, key, value)
    except ValueError as e:
        return Problem(SET, None, shown, str(e))
    for p in [p for p in lines if p[: len(key)] == key]:
        del lines[p]
    for n in range(1, len(key) + 1):  # keys the override created are blamed on --set
        lines.setdefault(key[:n], (SET, None))
    lines[key] = (SET, None)
    return None


def _set(data: dict[str, Any], path: FieldPath, value: Any) -> None:
    """Set ``value`` at ``path``, creating missing mappings; mutate nothing on error."""
    node: Any = data
    for i, part in enumerate(path):
        here, last = format_path(path[:i]), i == len(path) - 1
        if isinstance(part, int):
            if not isinstance(node, list):
                raise ValueError(f"{here} is not a list")
            if part >= len(node):
                raise ValueError(f"index {part} is out of range: {here} has {len(node)} items")
        elif not isinstance(node, dict):
            raise ValueError(f"{here} is not a mapping")
        elif not last and node.get(part) is None:
            rest = path[i + 1 :]
            if any(isinstance(p, int) for p in rest):
                raise ValueError(f"{format_path(path[: i + 1])} is not set, so it has no items")
            for key in reversed(rest):
                value = {key: value}
            node[part] = value
            return
        if last:
            node[part] = value
        else:
            node = node[part]


# --- problems, validation, public API -------------------------------------------------------------


def locate_problem(lines: Lines, top: str, path: FieldPath, message: str) -> Problem:
    """A problem at ``path``, placed at the nearest ancestor with a known line."""
    for n in range(len(path), -1, -1):
        if (hit := lines.get(tuple(path[:n]))) is not None:
            return Problem(hit[0], hit[1], format_path(path), message)
    return Problem(top, None, format_path(path), message)


def _error(file: str, line: int | None, path: FieldPath, message: str) -> ScenarioError:
    return ScenarioError([Problem(file, line, format_path(path), message)])


def _phase_problems_of(data: dict[str, Any]) -> list[tuple[FieldPath, str]]:
    """Phase-window problems of a file that failed validation elsewhere, if its phases are valid."""
    policy = data.get("policy")
    phases = policy.get("phases") if isinstance(policy, dict) else None
    field = Scenario.model_fields["months"]
    try:
        valid = TypeAdapter(list[Phase]).validate_python(phases or [])
    except ValidationError:
        return []  # field errors in the phases are already reported
    try:
        months = TypeAdapter(Annotated[int, *field.metadata]).validate_python(
            data.get("months", field.default)
        )
    except ValidationError:
        months = sys.maxsize  # an invalid horizon is reported already; skip the horizon check
    return phase_problems(valid, months)


def finish_scenario(
    data: dict[str, Any], lines: Lines, top: str, overrides: Sequence[str]
) -> Scenario:
    """Apply overrides, validate, run the semantic checks and attach the line map."""
    problems = [p for o in overrides if (p := _apply_override(data, lines, o)) is not None]
    scenario: Scenario | None = None
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as e:
        problems += [
            locate_problem(lines, top, tuple(err["loc"]), message(err)) for err in e.errors()
        ]
        problems += [
            locate_problem(lines, top, path, msg) for path, msg in _phase_problems_of(data)
        ]
    if scenario is not None:
        found = semantic_problems(scenario) + world_problems(scenario)
        problems += [locate_problem(lines, top, path, msg) for path, msg in found]
    if problems:
        raise ScenarioError(sorted(problems, key=lambda p: (p.file, p.line or 0)))
    assert scenario is not None
    _LINES[id(scenario)] = (top, lines)
    weakref.finalize(scenario, _LINES.pop, id(scenario), None)
    return scenario


def load_scenario(path: str | os.PathLike[str], overrides: Sequence[str] = ()) -> Scenario:
    """Load, merge, override and validate a scenario file (or YAML text).

    Args:
        path: The YAML file; problems name it exactly as given here. A string holding
            a newline is YAML text, loaded as :func:`load_scenario_text` would.
        overrides: ``dotted.path[2].field=value`` strings, applied after ``extends``.

    Returns:
        The validated scenario, with its line map attached for :func:`problem_at`.

    Raises:
        ScenarioError: With every problem found, each at a file and line.
    """
    if isinstance(path, str) and "\n" in path:
        return load_scenario_text(path, overrides=overrides)
    if not isinstance(path, str | os.PathLike):
        raise _error("<scenario>", None, (), f"expected a file name, got {type(path).__name__}")
    shown = os.fspath(path)
    if isinstance(shown, bytes):
        shown = os.fsdecode(shown)
    check_file_name(shown, shown or "<scenario>", None)
    data, lines = read_merged_file(Path(shown), shown, ())
    return finish_scenario(data, lines, shown, overrides)


def load_scenario_text(
    text: str,
    name: str = "<text>",
    overrides: Sequence[str] = (),
    base_dir: Path | None = None,
) -> Scenario:
    """Load a scenario from YAML text, e.g. the dashboard's live editor.

    Args:
        text: The YAML document.
        name: The "file" name that problems report.
        overrides: ``dotted.path[2].field=value`` strings, applied after ``extends``.
        base_dir: Directory that ``extends`` is relative to (default: the working directory).

    Returns:
        The validated scenario.

    Raises:
        ScenarioError: With every problem found.
    """
    base = Path(base_dir) if base_dir is not None else Path()
    data, lines = _resolve(text, name, base, os.fspath(base_dir or ""), ())
    return finish_scenario(data, lines, name, overrides)


def scenario_hash(scenario: Scenario) -> str:
    """A stable 16-hex-digit hash of a scenario's content.

    Equal content gives the same hash whatever the key order, comments or ``extends`` layout.
    """
    canonical = json.dumps(
        scenario.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def problem_at(scenario: Scenario, path: FieldPath, message: str) -> Problem:
    """A problem at ``path`` of a loaded scenario, at the line the field came from.

    Scenarios not made by the loader (or copies of them) get the file ``<scenario>``
    and no line.
    """
    top, lines = _LINES.get(id(scenario), ("<scenario>", {}))
    return locate_problem(lines, top, tuple(path), message)
