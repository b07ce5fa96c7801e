"""Shared building blocks of the scenario schema: the field declaration and the strict base model."""

from __future__ import annotations

from typing import Any, cast

from pydantic import BaseModel, ConfigDict, Field, field_validator

Path = tuple[str | int, ...]


def spec(
    default: Any,
    unit: str,
    description: str,
    *,
    plausible: tuple[float, float] | None = None,
    **bounds: Any,
) -> Any:
    """Declare a scenario field with its unit, description and bounds (ge/le/gt/lt).

    ``plausible`` is the (low, high) range the evidence supports, for uncertainty and
    sensitivity analysis: narrower than the bounds, which only say what the model can
    compute. The description names the source of the default and of the range, or says
    *assumption* and why.
    """
    extra: dict[str, Any] = {"unit": unit}
    if plausible is not None:
        extra["plausible"] = [float(plausible[0]), float(plausible[1])]
    return Field(default, description=description, json_schema_extra=extra, **bounds)


def plausible_range(model: type[BaseModel], name: str) -> tuple[float, float] | None:
    """The (low, high) plausible range declared for field ``name`` of ``model``, if any."""
    extra = model.model_fields[name].json_schema_extra
    if not isinstance(extra, dict) or "plausible" not in extra:
        return None
    low, high = cast(list[float], extra["plausible"])
    return float(low), float(high)


MAX_MONTHS = 600
"""Longest horizon a scenario or the command line may ask for (50 years)."""
MAX_SEED = 2**32 - 1
"""Largest seed: replication seeds are drawn in ``[0, 2**32)``."""
TINY = 1e-12
"""Smallest non-zero magnitude of a number: smaller ones underflow the model's products
(a territory strength of 1e-308 made a division overflow); write 0 instead."""


def not_tiny(value: float) -> float:
    """Refuse a non-zero number closer to zero than :data:`TINY`."""
    if value != 0 and abs(value) < TINY:
        raise ValueError(f"must be 0 or at least {TINY:g} in size, got {value!r} (write 0)")
    return value


class Strict(BaseModel):
    """Base for every scenario section: unknown keys are errors, never silently ignored.

    Types are strict (``true`` is not a number, ``"5"`` is not an integer, ``1.0`` is
    not a count) and floats must be finite: ``.inf`` and ``.nan`` are refused
    everywhere, and so are magnitudes below :data:`TINY` other than 0, so no field can
    make the model's arithmetic non-finite.
    """

    model_config = ConfigDict(
        extra="forbid", validate_default=True, strict=True, allow_inf_nan=False
    )

    @field_validator("*", mode="after")
    @classmethod
    def _not_tiny(cls, value: object) -> object:
        return not_tiny(value) if isinstance(value, float) else value
