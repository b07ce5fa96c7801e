"""The Explore page's setup as a URL query, so a teacher can share a link that opens the same run.

``?scenario=bilateral_roadmap&seed=7&months=36&set=policy.phases[1].levers.gun_tracing=0.9``:
the scenario reference (:mod:`.scenario_files`), the seed, the horizon, and the
lever settings as the loader's own dotted overrides (``--set`` on the command line),
one ``set`` per changed lever. The same (scenario, seed, overrides) give the same run.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl, urlencode

DEFAULT_SCENARIO = "bilateral_roadmap"
MAX_OVERRIDES = 200  # more than every lever in every phase of any shipped scenario


@dataclass(frozen=True)
class ExploreSetup:
    """What the Explore page runs: a scenario, a seed, a horizon and lever overrides."""

    scenario: str = DEFAULT_SCENARIO
    seed: int | None = None  # None: the scenario's
    months: int | None = None  # None: the scenario's
    overrides: tuple[str, ...] = field(default_factory=tuple)

    def to_query(self) -> str:
        """The URL query (without ``?``)."""
        pairs: list[tuple[str, str]] = [("scenario", self.scenario)]
        if self.seed is not None:
            pairs.append(("seed", str(self.seed)))
        if self.months is not None:
            pairs.append(("months", str(self.months)))
        pairs += [("set", o) for o in self.overrides]
        return urlencode(pairs, safe="[]=.")

    def but(self, **changes: object) -> ExploreSetup:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


def from_query(query: str | None) -> tuple[ExploreSetup, list[str]]:
    """Parse a URL query; return the setup and a note for each parameter that was ignored."""
    setup, notes = ExploreSetup(), []
    overrides: list[str] = []
    for key, value in parse_qsl(query or "", keep_blank_values=True):
        if key == "scenario" and value:
            setup = setup.but(scenario=value)
        elif key in ("seed", "months"):
            try:
                number = int(value)
            except ValueError:
                notes.append(f"{key}={value!r} is not a whole number; ignored")
                continue
            if number < (0 if key == "seed" else 1):
                notes.append(f"{key}={number} is out of range; ignored")
                continue
            setup = setup.but(**{key: number})
        elif key == "set":
            if "=" not in value:
                notes.append(f"set={value!r} is not path=value; ignored")
            elif len(overrides) < MAX_OVERRIDES:
                overrides.append(value)
        else:
            notes.append(f"unknown parameter {key!r}; ignored")
    return setup.but(overrides=tuple(overrides)), notes
