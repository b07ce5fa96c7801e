"""Shared building blocks of the scenario schema: the field declaration and the strict base model."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

Path = tuple[str | int, ...]


def spec(default: Any, unit: str, description: str, **bounds: Any) -> Any:
    """Declare a scenario field with its unit, description and bounds (ge/le/gt/lt)."""
    return Field(default, description=description, json_schema_extra={"unit": unit}, **bounds)


class Strict(BaseModel):
    """Base for every scenario section: unknown keys are errors, never silently ignored."""

    model_config = ConfigDict(extra="forbid", validate_default=True)
