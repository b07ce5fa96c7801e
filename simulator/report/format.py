"""Number formatting shared by the terminal table, the HTML report and figure labels."""

from __future__ import annotations

import math


def num(x: float | None, signed: bool = False) -> str:
    """Format a number compactly: ``1.23B``, ``45.6M``, ``12,345``, ``0.412``; ``–`` for NaN."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    sign = "+" if signed and x > 0 else ""
    a = abs(x)
    if a >= 0.9995e9:
        s = f"{x / 1e9:#.3g}".rstrip(".") + "B"
    elif a >= 0.9995e6:
        s = f"{x / 1e6:#.3g}".rstrip(".") + "M"
    elif a >= 1e4:
        s = f"{x:,.0f}"
    elif a >= 100:
        s = f"{x:,.1f}"
    elif a == 0:
        s = "0"
    elif a >= 0.01:
        s = f"{x:.3g}"
    else:
        s = f"{x:.2e}"
    return sign + s


def band(low: float, high: float) -> str:
    """Format an interval ``[low–high]``."""
    return f"[{num(low)}–{num(high)}]"


def share(x: float | None) -> str:
    """Format a share as a percentage, ``–`` for NaN."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return f"{100 * x:.0f}%"
