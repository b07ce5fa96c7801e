"""Scenario errors: one readable line per problem, with file, line and field path."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

MAX_PROBLEMS_SHOWN = 50
"""Problems printed by ``str(ScenarioError)``; the rest are counted, so a hostile file
cannot flood the terminal (all of them stay in ``.problems``)."""


def format_path(path: Sequence[str | int]) -> str:
    """Render a field path as ``policy.phases[1].levers.gun_tracing``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            text = str(part) if len(str(part)) <= 60 else str(part)[:57] + "..."
            out += f".{text}" if out else text
    return out or "(top level)"


@dataclass(frozen=True)
class Problem:
    """One problem in a scenario: where it is and what is wrong."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}"


class ScenarioError(ValueError):
    """A scenario that cannot be used; carries every problem found, not just the first.

    It pickles with its problems intact, so an error raised in a worker process reads
    the same in the parent.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        shown = [str(p) for p in self.problems[:MAX_PROBLEMS_SHOWN]]
        if len(self.problems) > MAX_PROBLEMS_SHOWN:
            shown.append(f"... and {len(self.problems) - MAX_PROBLEMS_SHOWN} more problems")
        super().__init__("\n".join(shown))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.problems,))
