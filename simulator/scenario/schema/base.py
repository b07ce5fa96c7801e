"""Shared building blocks of the scenario schema: the field declaration and the strict base model."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

Path = tuple[str | int, ...]


def spec(default: Any, unit: str, description: str, **bounds: Any) -> Any:
    """Declare a scenario field with its unit, description and bounds (ge/le/gt/lt)."""
    return Field(default, description=description, json_schema_extra={"unit": unit}, **bounds)


MAX_MONTHS = 600
"""Longest horizon a scenario or the command line may ask for (50 years)."""
MAX_SEED = 2**32 - 1
"""Largest seed: replication seeds are drawn in ``[0, 2**32)``."""


class Strict(BaseModel):
    """Base for every scenario section: unknown keys are errors, never silently ignored.

    Types are strict (``true`` is not a number, ``"5"`` is not an integer, ``1.0`` is
    not a count) and floats must be finite: ``.inf`` and ``.nan`` are refused
    everywhere, so no field can make the model's arithmetic non-finite.
    """

    model_config = ConfigDict(
        extra="forbid", validate_default=True, strict=True, allow_inf_nan=False
    )
