"""Readable messages for schema errors: what was expected, the bound broken, the nearest valid key.

Turns one pydantic error into the text after ``file:line: field:``, e.g. ``must be ≤ 1,
got 1.5`` or ``unknown key 'gun_tracng' (did you mean 'gun_tracing'?)``, and renders
values as the user wrote them in YAML.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import math
import re
import types
import typing
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel

from simulator.scenario.schema import Scenario

_EXPECTED = {
    "float_type": "a number",
    "float_parsing": "a number",
    "int_type": "an integer",
    "int_parsing": "an integer",
    "int_from_float": "an integer",
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}
_BOUNDS = {
    "greater_than_equal": ("≥", "ge"),
    "less_than_equal": ("≤", "le"),
    "greater_than": (">", "gt"),
    "less_than": ("<", "lt"),
}


def message(err: Any) -> str:
    """A human message for one pydantic error (``ValidationError.errors()`` item)."""
    kind, loc, value, ctx = err["type"], err["loc"], err.get("input"), err.get("ctx") or {}
    if kind == "missing":
        return "required field missing"
    if kind == "finite_number":
        return f"must be a finite number, got {show(value)}"
    if kind == "int_type" and isinstance(value, float):
        return f"expected an integer, got {value!r} (write a whole number, no point or exponent)"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {show(value)}"
    if kind in _BOUNDS:
        sign, key = _BOUNDS[kind]
        return f"must be {sign} {show(ctx[key])}, got {show(value)}"
    if kind in ("literal_error", "enum"):
        choices = [str(c) for c in _choices(annotation_at(loc))] or re.findall(
            r"'([^']*)'", str(ctx.get("expected", ""))
        )
        near = difflib.get_close_matches(str(value), choices, n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else ""
        return f"must be one of {', '.join(map(repr, choices))}, got {show(value)}{hint}"
    if kind == "extra_forbidden":
        model = next((a for a in _members(annotation_at(loc[:-1])) if _is_model(a)), None)
        valid = list(model.model_fields) if model else []
        near = difflib.get_close_matches(str(loc[-1]), valid, n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else f"; valid keys: {', '.join(valid)}"
        return f"unknown key {show(loc[-1])}{hint}"
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        return str(ctx["error"])
    msg = str(err["msg"])
    return msg[:1].lower() + msg[1:]


def show(value: Any) -> str:
    """Render an input value as the user wrote it in YAML (short)."""
    if value is None:
        return "null"
    if isinstance(value, float) and not math.isfinite(value):
        return {"inf": ".inf", "-inf": "-.inf"}.get(str(value), ".nan")
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _members(ann: Any) -> tuple[Any, ...]:
    """The non-None members of a union annotation, or the annotation itself."""
    if typing.get_origin(ann) in (typing.Union, types.UnionType):
        return tuple(a for a in typing.get_args(ann) if a is not type(None))
    return (ann,)


def _is_model(ann: Any) -> bool:
    return isinstance(ann, type) and issubclass(ann, BaseModel)


def annotation_at(loc: Sequence[str | int]) -> Any:
    """Walk the schema's annotations along a pydantic ``loc``; None where it leaves them."""
    ann: Any = Scenario
    for part in loc:
        ann = next((a for m in _members(ann) if (a := _step(m, part)) is not None), None)
        if ann is None:
            return None
    return ann


def _step(ann: Any, part: str | int) -> Any:
    origin, args = typing.get_origin(ann), typing.get_args(ann)
    if _is_model(ann):
        field = ann.model_fields.get(part) if isinstance(part, str) else None
        return field.annotation if field else None
    if origin is list and isinstance(part, int):
        return args[0]
    if origin is tuple and isinstance(part, int) and args:
        return args[0] if args[-1] is Ellipsis else args[min(part, len(args) - 1)]
    if origin is dict and isinstance(part, str):
        return args[1]
    return None


def _choices(ann: Any) -> list[Any]:
    for a in _members(ann):
        if typing.get_origin(a) is Literal:
            return list(typing.get_args(a))
        if isinstance(a, type) and issubclass(a, enum.Enum):
            return [m.value for m in a]
    return []
