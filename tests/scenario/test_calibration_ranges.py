"""Every calibration field carries its evidence: a source or an assumption, and a plausible range.

The plausible (low, high) range is what uncertainty and sensitivity analysis sample;
it must hold the default and stay inside the field's hard bounds.
"""

from __future__ import annotations

import re

from annotated_types import Ge, Gt, Le, Lt

from simulator.scenario.schema import Calibration, plausible_range

SOURCE = re.compile(r"assumption|et al\.? \d{4}|\b(19|20)\d{2}\b|seed \d{3}|calibrat", re.I)
NUMERICAL = {"substeps_per_month"}  # integration settings: neither evidence nor uncertain
SCALARS = [
    name
    for name, f in Calibration.model_fields.items()
    if f.annotation in (float, int) and name not in NUMERICAL
]


def _bounds(name: str) -> tuple[float, float]:
    low, high = float("-inf"), float("inf")
    for m in Calibration.model_fields[name].metadata:
        if isinstance(m, Ge | Gt):
            low = float(m.ge if isinstance(m, Ge) else m.gt)  # type: ignore[arg-type]
        if isinstance(m, Le | Lt):
            high = float(m.le if isinstance(m, Le) else m.lt)  # type: ignore[arg-type]
    return low, high


def test_every_calibration_field_names_its_source_or_says_assumption():
    missing = [
        n
        for n, f in Calibration.model_fields.items()
        if n not in NUMERICAL and not SOURCE.search(f.description or "")
    ]
    assert missing == []


def test_declared_plausible_ranges_hold_the_default_inside_the_bounds():
    for name in SCALARS:
        rng = plausible_range(Calibration, name)
        if rng is None:
            continue
        low, high = rng
        lo_bound, hi_bound = _bounds(name)
        default = Calibration.model_fields[name].default
        assert lo_bound <= low < high <= hi_bound, name
        assert low <= default <= high, name


def test_a_declared_range_is_read_back_and_an_undeclared_one_is_none():
    from simulator.scenario.schema import Strict, spec

    class Example(Strict):
        ranged: float = spec(0.5, "share", "x (assumption)", plausible=(0.2, 0.8), ge=0, le=1)
        bare: float = spec(0.5, "share", "y (assumption)", ge=0, le=1)

    assert plausible_range(Example, "ranged") == (0.2, 0.8)
    assert plausible_range(Example, "bare") is None


def test_every_behavioural_calibration_field_declares_a_plausible_range():
    assert [n for n in SCALARS if plausible_range(Calibration, n) is None] == []
