"""Hypothesis strategies for scenario files: valid values from the schema's own bounds, and breakers.

Valid values are drawn from each field's declared bounds, so the strategies follow the
schema as it changes. Breakers are what a careless or hostile user writes: non-finite and
huge numbers, YAML 1.1 booleans and sexagesimals, hex, wrong types, unicode, control
characters, unsafe tags, aliases, deep nesting, duplicate keys, binary.
"""

from __future__ import annotations

import os
import typing
from typing import Any

from annotated_types import Ge, Gt, Le, Lt
from hypothesis import strategies as st
from pydantic import BaseModel

from simulator.scenario.schema import Calibration, CommunityState, Levers, Scenario

TINY = 1e-12  # simulator.scenario.schema.base.TINY: smaller non-zero numbers are refused

EXAMPLES = int(os.environ.get("CARTELSIM_FUZZ_EXAMPLES", "150"))
"""Examples per fuzz test in CI; raise it locally, e.g. CARTELSIM_FUZZ_EXAMPLES=5000."""


def no_tiny(x: float) -> float:
    """Valid numbers are 0 or at least TINY in size (smaller ones are refused)."""
    return 0.0 if abs(x) < TINY else x


def _bounds(model: type[BaseModel], name: str) -> tuple[float | None, float | None]:
    low = high = None
    for m in model.model_fields[name].metadata:
        if isinstance(m, Ge | Gt):
            low = float(m.ge if isinstance(m, Ge) else m.gt)
        if isinstance(m, Le | Lt):
            high = float(m.le if isinstance(m, Le) else m.lt)
    return low, high


def _number(model: type[BaseModel], name: str) -> st.SearchStrategy[Any] | None:
    """A strategy for a valid value of a number field, or None if the field is not a number."""
    annotation = model.model_fields[name].annotation
    kinds = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
    low, high = _bounds(model, name)
    if int in kinds:
        return st.integers(int(low or 0), int(high if high is not None else 10**6))
    if float in kinds:
        lo = low if low is not None else -1e6
        hi = high if high is not None else 1e6
        metadata = model.model_fields[name].metadata
        above = any(isinstance(m, Gt) for m in metadata)
        below = any(isinstance(m, Lt) for m in metadata)
        floats = st.floats(lo, hi, allow_nan=False, exclude_min=above, exclude_max=below)
        return floats.map(lambda x: max(x, TINY) if above else no_tiny(x))
    return None


def fields_of(model: type[BaseModel], prefix: str) -> dict[str, st.SearchStrategy[Any]]:
    """Dotted path -> strategy of a valid value, for every number field of ``model``."""
    out = {}
    for name in model.model_fields:
        strategy = _number(model, name)
        if strategy is not None:
            out[f"{prefix}{name}"] = strategy
    return out


VALID_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "months": st.integers(1, 600),
    "seed": st.integers(0, 2**32 - 1),
    "replications": st.integers(1, 10_000),
    **fields_of(Calibration, "calibration."),
    **fields_of(Levers, "policy.levers."),
    **fields_of(CommunityState, "communities.defaults."),
}
FIELD_PATHS = sorted(VALID_FIELDS)

HOSTILE_VALUES = [
    ".nan",
    ".inf",
    "-.inf",
    ".NaN",
    "1e400",
    "-1e400",
    "1e308",
    "-1",
    "-0.0",
    "99999999999999999999",
    "true",
    "false",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "~",
    "null",
    "''",
    "'5'",
    '"0.5"',
    "1:00",
    "190:20:30",
    "0x10",
    "0o17",
    "0b101",
    "010",
    "1_000",
    "1,5",
    "½",
    "[1, 2]",
    "{a: 1}",
    "[]",
    "{}",
    "2026-01-01",
    "2026-02-30",
    "12:30:00",
    "!!binary aGVsbG8=",
    "!!python/object/apply:os.system [ls]",
    "!!int 0x10",
    "!!float nan",
    "!!timestamp 2026-02-30",
    "!!int 99999999999999999999999999",
    "!!str 5",
    "!!bool yes",
    "&a [*a]",
    "*undefined",
    '"\\u0000"',
    '"\\x07bell"',
    '"ünï©ødé ☃ 𝄞"',
    "'" + "x" * 5000 + "'",
    "[" * 80 + "]" * 80,
    "{a: " * 70 + "1" + "}" * 70,
    "%YAML 1.1",
    "---",
    "...",
    "? complex",
    "|\n  block text",
    ">\n  folded",
    "\t1",
    "1 # comment",
    "@reserved",
    "`backtick",
]
"""YAML values for one field that must never give anything but a ScenarioError."""

yaml_values = st.one_of(
    st.sampled_from(HOSTILE_VALUES),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-(2**70), 2**70).map(str),
    st.text(max_size=40).map(
        lambda s: '"' + s.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20),
)


def nested(path: str, value_text: str) -> str:
    """YAML block text setting the dotted ``path`` to ``value_text``."""
    *parents, leaf = path.split(".")
    lines = [f"{'  ' * i}{p}:" for i, p in enumerate(parents)]
    indent = "  " * len(parents)
    value_lines = value_text.split("\n")
    lines.append(f"{indent}{leaf}: {value_lines[0]}")
    lines += [f"{indent}{line}" for line in value_lines[1:]]
    return "\n".join(lines) + "\n"


@st.composite
def valid_settings(draw: st.DrawFn, max_fields: int = 8) -> dict[str, Any]:
    """Some fields of a scenario, each set to a valid value."""
    paths = draw(st.lists(st.sampled_from(FIELD_PATHS), max_size=max_fields, unique=True))
    return consistent({p: draw(VALID_FIELDS[p]) for p in paths})


PAIRS = [("calibration.faction_share_min", "calibration.faction_share_max")]
"""Fields the loader checks together: the first must not exceed the second."""


def consistent(settings: dict[str, Any]) -> dict[str, Any]:
    """Settings with every pair of :data:`PAIRS` in order (a set field against the other's default)."""
    out = dict(settings)
    for low, high in PAIRS:
        if low not in out and high not in out:
            continue
        defaults = Calibration()
        lo = out.get(low, getattr(defaults, low.split(".")[-1]))
        hi = out.get(high, getattr(defaults, high.split(".")[-1]))
        if lo > hi:
            if low in out:
                out[low] = hi
            else:
                out[high] = lo
    return out


def render(settings: dict[str, Any]) -> str:
    """Settings as YAML text, one block per section (a mapping, so each path appears once)."""
    tree: dict[str, Any] = {}
    for path, value in settings.items():
        node = tree
        *parents, leaf = path.split(".")
        for p in parents:
            node = node.setdefault(p, {})
        node[leaf] = value

    def emit(node: dict[str, Any], depth: int) -> str:
        out = ""
        for key, value in node.items():
            if isinstance(value, dict):
                out += f"{'  ' * depth}{key}:\n" + emit(value, depth + 1)
            else:
                out += f"{'  ' * depth}{key}: {value!r}\n"
        return out

    return emit(tree, 0)


__all__ = [
    "EXAMPLES",
    "FIELD_PATHS",
    "HOSTILE_VALUES",
    "Scenario",
    "VALID_FIELDS",
    "nested",
    "render",
    "valid_settings",
    "yaml_values",
]
