"""The one error a sweep reports to its user (bad store, refused resume, unreachable cluster)."""

from __future__ import annotations


class SweepError(RuntimeError):
    """A sweep that cannot start or go on; the message says why and what to do."""
