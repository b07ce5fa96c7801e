"""Python-function models for sweep tests: known answers to check the sweep and its analysis."""

from __future__ import annotations

import numpy as np
from SALib.test_functions import Ishigami

# Analytic Sobol indices of the Ishigami function with a = 7, b = 0.1 on [-pi, pi]^3
# (Ishigami & Homma 1990; the values SALib's own regression tests compare with).
ISHIGAMI_S1 = (0.3139, 0.4424, 0.0)
ISHIGAMI_ST = (0.5576, 0.4424, 0.2437)


def ishigami(x1: float, x2: float, x3: float) -> dict[str, float]:
    """The Ishigami-Homma function, through SALib's implementation."""
    return {"y": float(Ishigami.evaluate(np.array([[x1, x2, x3]]))[0])}


def linear(a: float, b: float, colour: str, seed: int) -> dict[str, float]:
    """Y = 3a + 0.2b + a colour effect + seeded noise: a known influence ranking."""
    noise = np.random.default_rng(seed).normal(0.0, 0.05)
    return {"y": 3.0 * a + 0.2 * b + {"red": 0.0, "blue": 1.0}[colour] + noise, "seed_echo": seed}
