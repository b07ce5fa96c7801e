"""Community conditions per region (R12): defaults and per-region overrides."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from simulator.scenario.schema.base import Strict, spec


class CommunityState(Strict):
    """Initial conditions of one region's community (R12)."""

    opportunity: float = spec(
        0.5, "index 0-1", "Economic opportunity for young people.", ge=0, le=1
    )
    fear: float = spec(0.3, "index 0-1", "Fear of violence.", ge=0, le=1)
    legitimacy: float = spec(0.5, "index 0-1", "Legitimacy of the state.", ge=0, le=1)
    youth_at_risk: float = spec(
        0.2, "share", "Share of young people at risk of recruitment.", ge=0, le=1
    )
    extortion: float = spec(0.2, "index 0-1", "Cartel governance and extortion.", ge=0, le=1)
    integrity: float = spec(
        0.45, "index 0-1", "Integrity of local police, prosecutors and officials (R13).", ge=0, le=1
    )


def _override(name: str) -> Any:
    """An optional override of one :class:`CommunityState` field: its unit, meaning and bounds."""
    field = CommunityState.model_fields[name]
    bounds = {k: getattr(m, k) for m in field.metadata for k in ("ge", "le") if hasattr(m, k)}
    return Field(
        None, description=field.description, json_schema_extra=field.json_schema_extra, **bounds
    )


class CommunityPatch(Strict):
    """Per-region overrides of community conditions; unset fields keep the defaults."""

    opportunity: float | None = _override("opportunity")
    fear: float | None = _override("fear")
    legitimacy: float | None = _override("legitimacy")
    youth_at_risk: float | None = _override("youth_at_risk")
    extortion: float | None = _override("extortion")
    integrity: float | None = _override("integrity")


assert set(CommunityPatch.model_fields) == set(CommunityState.model_fields), "a patch per field"


class CommunitiesSpec(Strict):
    """Community conditions: defaults for every region plus per-region overrides."""

    defaults: CommunityState = spec(CommunityState(), "-", "Conditions in every region.")
    overrides: dict[str, CommunityPatch] = spec({}, "-", "Region code -> overridden conditions.")
