"""Region graphs for the simulator: embedded Mexico data and synthetic worlds.

Use :func:`build_world` to obtain a world by kind (``"mexico"`` or ``"synthetic"``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .mexico import mexico_world
from .regions import Crossing, World, pair_key, region_graph
from .synthetic import synthetic_world

WORLD_KINDS: dict[str, Callable[..., World]] = {
    "mexico": mexico_world,
    "synthetic": synthetic_world,
}
"""Builders by world kind."""


def build_world(kind: str, **kwargs: Any) -> World:
    """Build a world of the given kind.

    Args:
        kind: ``"mexico"`` or ``"synthetic"`` (case-insensitive).
        **kwargs: Passed to the builder (e.g. ``n_regions``, ``seed`` for
            :func:`synthetic_world`; :func:`mexico_world` takes none).

    Returns:
        The validated :class:`World`.

    Raises:
        ValueError: If ``kind`` is unknown; the message lists the valid kinds.
    """
    try:
        builder = WORLD_KINDS[kind.lower()]
    except (KeyError, AttributeError):
        raise ValueError(
            f"unknown world kind {kind!r}; valid kinds: {', '.join(sorted(WORLD_KINDS))}"
        ) from None
    return builder(**kwargs)


__all__ = [
    "WORLD_KINDS",
    "Crossing",
    "World",
    "build_world",
    "mexico_world",
    "pair_key",
    "region_graph",
    "synthetic_world",
]
