"""Unit conversions and numerical guards: the only numbers rule code may use besides 0 and 1.

Every behavioural number is a calibration parameter (``simulator/scenario/schema/``);
these are facts of the calendar and of arithmetic, so they are not calibrated.
``tests/rules/test_no_literals.py`` fails on any other number in the rules.
"""

from __future__ import annotations

MONTHS_PER_YEAR = 12
DAYS_PER_WEEK = 7
DAYS_PER_YEAR = 365.25
WEEKS_PER_MONTH = DAYS_PER_YEAR / DAYS_PER_WEEK / MONTHS_PER_YEAR  # about 4.348
PER_100K = 1e5  # rates per 100,000 people
USD_PER_MILLION = 1e6
USD_PER_BILLION = 1e9
EPS = 1e-9
"""Guard against division by zero where the denominator is a count or an index."""
TINY_SHARE = 1e-12
"""Guard for shares of territory strength, which can be far below EPS and still count."""
