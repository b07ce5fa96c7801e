"""The actors at the start: governments, cartels and their relations, local groups, enforcement bodies."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from simulator.scenario.schema.base import Strict, not_tiny, spec


class GovernmentSpec(Strict):
    """A government: the US, Mexico or a regional partner."""

    id: Literal["US", "MX", "CO", "GT"] = spec(..., "-", "Which government.")
    name: str = spec("", "-", "Display name.")
    cooperation: float = spec(
        0.5,
        "index 0-1",
        "Trust and cooperation towards the partner government (R9); above 0, as R9 and R11 measure change against it.",
        gt=0,
        le=1,
    )
    sovereignty_sensitivity: float = spec(
        0.7,
        "index 0-1",
        "How strongly sovereignty violations erode cooperation (R9).",
        ge=0,
        le=1,
    )


class Relation(Strict):
    """A rivalry or alliance between two cartels."""

    between: tuple[str, str] = spec(..., "-", "The two cartel ids.", strict=False)
    weight: float = spec(1.0, "weight", "Strength of the relation (1-10 scale).", gt=0, le=100)


class CartelSpec(Strict):
    """A cartel agent's initial state."""

    id: str = spec(..., "-", "Cartel id (matches the world's cartel presence data).")
    name: str = spec("", "-", "Display name (defaults to the world's name for this id).")
    members: int = spec(..., "people", "Members at the start.", ge=0, le=2_000_000)
    cohesion: float = spec(0.8, "index 0-1", "Internal cohesion (R4).", ge=0, le=1)
    cash_usd: float = spec(0.0, "USD", "Cash at the start (R6).", ge=0, le=1e13)
    firepower: float = spec(0.0, "guns", "Stock of firearms at the start (R7).", ge=0, le=1e8)
    leaders: int = spec(3, "people", "Top leaders (R4).", ge=0, le=100)
    lieutenants: int = spec(20, "people", "Regional lieutenants (R4).", ge=0, le=10_000)
    gatekeepers: int = spec(5, "people", "Corridor brokers (R5).", ge=0, le=1_000)
    corruption_reach: float = spec(
        0.3, "index 0-1", "Reach of bribery into institutions (R13).", ge=0, le=1
    )
    territory: dict[str, Annotated[float, Field(ge=0, le=1), AfterValidator(not_tiny)]] | None = (
        spec(
            None,
            "strength 0-1 by region",
            "Presence by region code; omitted = the world's presence data for this id.",
        )
    )


class LocalGroupsSpec(Strict):
    """The pool of small local armed groups, spread over regions by population."""

    count: int = spec(0, "groups", "Number of local armed groups.", ge=0, le=10_000)
    members: int = spec(0, "people", "Members of all local groups together.", ge=0, le=2_000_000)
    presence: float = spec(
        0.3,
        "strength 0-1",
        "Presence of a local group in its one home region (assumption: a modest local presence).",
        gt=0,
        le=1,
    )
    cohesion: float = spec(
        0.6, "index 0-1", "Cohesion of each local group (R4) (assumption).", ge=0, le=1
    )
    leaders: int = spec(
        1, "people", "Top leaders of each local group (R4) (assumption).", ge=0, le=100
    )
    lieutenants: int = spec(
        2, "people", "Lieutenants of each local group (R4) (assumption).", ge=0, le=10_000
    )
    gatekeepers: int = spec(
        0,
        "people",
        "Corridor brokers of each local group (R5): none, they hold no corridor.",
        ge=0,
        le=1_000,
    )
    corruption_reach: float = spec(
        0.3, "index 0-1", "Bribery reach of each local group (R13) (assumption).", ge=0, le=1
    )
    cash_months: float = spec(
        6.0,
        "months of wages",
        "Cash each local group starts with, in months of its wage bill (R6) (assumption).",
        ge=0,
        le=120,
    )


class EnforcementSpec(Strict):
    """An enforcement body belonging to a government."""

    id: str = spec(..., "-", "Body id, e.g. US_STRIKE, MX_NAVY.")
    name: str = spec("", "-", "Display name.")
    government: Literal["US", "MX", "CO", "GT"] = spec(..., "-", "Government it belongs to.")
    capacity: float = spec(0.5, "index 0-1", "Operational capacity.", ge=0, le=1)
    intel_quality: float = spec(
        0.5, "index 0-1", "Quality of its intelligence on targets.", ge=0, le=1
    )
    integrity: float = spec(0.6, "index 0-1", "Resistance to leaks and bribes (R13).", ge=0, le=1)
    human_rights: float = spec(0.6, "index 0-1", "Human-rights compliance (R11).", ge=0, le=1)
    mandate: list[
        Literal[
            "strike",
            "raid",
            "arrest",
            "interdict",
            "finance",
            "trace_guns",
            "intelligence",
            "prosecute",
        ]
    ] = spec([], "-", "Actions it may take.")
    on_mexican_soil: Literal["never", "with_consent", "unilateral"] = spec(
        "with_consent", "-", "Whether it acts on Mexican soil, and on what terms."
    )
