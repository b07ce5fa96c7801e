"""Community conditions per region (R12): defaults and per-region overrides."""

from __future__ import annotations

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
    addiction: float = spec(0.05, "share", "Share of population with addiction.", ge=0, le=1)
    integrity: float = spec(
        0.45, "index 0-1", "Integrity of local police, prosecutors and officials (R13).", ge=0, le=1
    )


class CommunityPatch(Strict):
    """Per-region overrides of community conditions; unset fields keep the defaults."""

    opportunity: float | None = spec(None, "index 0-1", "Economic opportunity.", ge=0, le=1)
    fear: float | None = spec(None, "index 0-1", "Fear of violence.", ge=0, le=1)
    legitimacy: float | None = spec(None, "index 0-1", "Legitimacy of the state.", ge=0, le=1)
    youth_at_risk: float | None = spec(None, "share", "Youth at risk.", ge=0, le=1)
    extortion: float | None = spec(None, "index 0-1", "Cartel extortion.", ge=0, le=1)
    addiction: float | None = spec(None, "share", "Addiction.", ge=0, le=1)
    integrity: float | None = spec(None, "index 0-1", "Local integrity.", ge=0, le=1)


class CommunitiesSpec(Strict):
    """Community conditions: defaults for every region plus per-region overrides."""

    defaults: CommunityState = spec(CommunityState(), "-", "Conditions in every region.")
    overrides: dict[str, CommunityPatch] = spec({}, "-", "Region code -> overridden conditions.")
