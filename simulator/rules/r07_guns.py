"""R7 Guns (seed 000: 65-75% of traced cartel guns come from the US; GAO-21-322: 70%, about 200,000 a year).

The arsenal = inflow bought with cash - wear - guns lost with arrested or killed
members (R1). US-side measures (tracing, straw-purchaser prosecution, southbound
inspections) act only on the US-sourced share; Mexican checkpoints on the rest.
"""

from __future__ import annotations

import numpy as np

from simulator.rules.levers import effective
from simulator.rules.r06_money import cash_factor
from simulator.state import ModelState
from simulator.units import EPS, MONTHS_PER_YEAR


def guns(s: ModelState) -> None:
    """Guns flow south and are bought by groups in proportion to their purchasing power."""
    cal, sq, c = s.calibration, s.status_quo, s.cartels
    base = cal.guns_south_per_year / MONTHS_PER_YEAR
    us = (
        base
        * cal.us_gun_share
        * (1 - cal.gun_tracing_effect * effective(s, "gun_tracing"))
        / (1 - cal.gun_tracing_effect * sq["gun_tracing"])
    )
    other = (
        base
        * (1 - cal.us_gun_share)
        * (1 - cal.checkpoint_effect * effective(s, "mexican_checkpoints"))
        / (1 - cal.checkpoint_effect * sq["mexican_checkpoints"])
    )
    inflow = us + other
    s.flows["guns_south"] = inflow
    s.guns_us_sourced = us
    # Inflow shared by purchasing power (members x cash factor); guns cost cash (R6).
    buyers = c.members * cash_factor(s)
    shares = buyers / max(buyers.sum(), EPS)
    bought = np.minimum(inflow * shares, c.cash_usd / cal.gun_price_usd)
    c.cash_usd -= bought * cal.gun_price_usd
    c.firepower = c.firepower * (1 - cal.gun_wear_per_year / MONTHS_PER_YEAR) + bought
