"""Common random numbers: one seed stream shared by every scenario of a comparison.

Replication ``k`` of every scenario runs with ``replication_seeds(base, n)[k]``, so the
scenarios of a comparison face the same luck and their paired differences come from
policy, not from chance. The stream is made with :class:`numpy.random.SeedSequence`
``spawn``: child ``k`` depends only on the base seed and ``k``, never on ``n``, so
asking for more replications extends the stream without changing the first ones.
"""

from __future__ import annotations

import numpy as np


def replication_seeds(base_seed: int, n: int) -> list[int]:
    """Return the seeds of replications ``0..n-1`` drawn from ``base_seed``.

    Args:
        base_seed: the comparison's seed (non-negative integer).
        n: how many replications.

    Returns:
        ``n`` seeds in ``[0, 2**32)``; seed ``k`` is the same for every ``n > k``.

    Raises:
        ValueError: if ``base_seed`` is negative or ``n`` is negative.
    """
    if base_seed < 0:
        raise ValueError(f"base seed must be >= 0, got {base_seed}")
    if n < 0:
        raise ValueError(f"number of replications must be >= 0, got {n}")
    children = np.random.SeedSequence(base_seed).spawn(n)
    return [int(child.generate_state(1, dtype=np.uint32)[0]) for child in children]
