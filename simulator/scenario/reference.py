"""The scenario reference: every field's path, type, unit, bounds, default and description.

Rendered from the schema itself, so it cannot drift from what the loader accepts;
``cartelsim schema`` prints it and ``docs/SCENARIO.md`` is generated from it.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any, cast, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from simulator.scenario.schema import STATUS_QUO, Scenario


@dataclass(frozen=True)
class FieldDoc:
    """One documented scenario field."""

    path: str
    type: str
    unit: str
    bounds: str
    default: str
    description: str
    plausible: str = ""  # the range the evidence supports (uncertainty analysis), if declared


def _model_in(annotation: Any) -> tuple[type[BaseModel] | None, str]:
    """The pydantic model inside an annotation (list[M], dict[str, M], M | None) and the path suffix."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, ""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is list:
        model, suffix = _model_in(args[0])
        return model, "[]" + suffix
    if origin is dict:
        model, suffix = _model_in(args[1])
        return model, ".<key>" + suffix
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            model, suffix = _model_in(arg)
            if model is not None:
                return model, suffix
    return None, ""


def _type_name(annotation: Any) -> str:
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is typing.Literal:
        return " | ".join(repr(a) for a in args)
    if origin in (typing.Union, types.UnionType):
        return " | ".join(_type_name(a) for a in args if a is not type(None)) + " | null"
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if origin is dict:
        return f"mapping of {_type_name(args[1])}"
    if origin is tuple:
        return "pair of " + _type_name(args[0])
    return {int: "integer", float: "number", str: "text", bool: "true/false"}.get(
        annotation, getattr(annotation, "__name__", str(annotation))
    )


def _bounds(field: FieldInfo) -> str:
    parts = []
    for meta in field.metadata:
        for attr, sign in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<")):
            value = getattr(meta, attr, None)
            if value is not None:
                parts.append(f"{sign} {value:g}")
    return ", ".join(parts)


def _default(field: FieldInfo) -> str:
    if field.is_required():
        return "required"
    value = field.get_default(call_default_factory=True)
    if isinstance(value, BaseModel) or value in ([], {}):
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v:g}" for k, v in value.items())
    extra = field.json_schema_extra
    if value is None and isinstance(extra, dict) and "status_quo" in extra:
        sq = extra["status_quo"]  # a lever: unset keeps the value in force, at first the status quo
        return f"null (status quo {sq:g})" if isinstance(sq, float) else f"null (status quo {sq})"
    return "null" if value is None else str(value)


def _plausible(extra: dict[str, Any]) -> str:
    if "plausible" not in extra:
        return ""
    low, high = cast(list[float], extra["plausible"])
    return f"{low:g} – {high:g}"


def field_docs(model: type[BaseModel] = Scenario, prefix: str = "") -> list[FieldDoc]:
    """Every field of ``model``, depth first, with dotted paths (``[]`` marks list items)."""
    docs: list[FieldDoc] = []
    for name, field in model.model_fields.items():
        path = f"{prefix}.{name}" if prefix else name
        sub, suffix = _model_in(field.annotation)
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        docs.append(
            FieldDoc(
                path=path,
                type="section" if sub is not None else _type_name(field.annotation),
                unit=str(extra.get("unit", "")) if sub is None else "",
                bounds=_bounds(field),
                default=_default(field) if sub is None else "",
                description=field.description or "",
                plausible=_plausible(extra),
            )
        )
        if sub is not None:
            docs.extend(field_docs(sub, path + suffix))
    return docs


def render_markdown() -> str:
    """The scenario reference as Markdown (the content of ``docs/SCENARIO.md``)."""
    rows = [
        "# Scenario reference",
        "",
        "Generated from `simulator/scenario/schema/` by `cartelsim schema --markdown`; do not",
        "edit by hand. `[]` marks list items, `<key>` mapping keys. In `policy.levers`,",
        "phases and triggers, an unset lever keeps its current value; the status quo of",
        "2026-01 is listed at the end. Sources of the calibration values are in each",
        "description and in `docs/RULES.md`; *plausible* is the range the evidence supports,",
        "which `compare --uncertainty` and `robustness` draw from.",
        "",
        "| field | type | unit | bounds | plausible | default | description |",
        "|---|---|---|---|---|---|---|",
    ]
    for d in field_docs():
        cells = [f"`{d.path}`", d.type, d.unit, d.bounds, d.plausible, d.default, d.description]
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    rows += [
        "",
        "## Status-quo levers (2026-01, assumptions)",
        "",
        "| lever | value |",
        "|---|---|",
    ]
    rows += [
        f"| `{k}` | {v:g} |" if isinstance(v, float) else f"| `{k}` | {v} |"
        for k, v in STATUS_QUO.items()
    ]
    return "\n".join(rows) + "\n"
