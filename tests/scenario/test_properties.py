"""Property tests: any lever setting within its bounds gives finite, well-formed outputs."""

from __future__ import annotations

import os

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.experiment import run
from simulator.metrics import METRICS, Kind
from simulator.scenario import load_scenario
from simulator.scenario.schema import Levers

from ..conftest import SCENARIOS

BASELINE = load_scenario(SCENARIOS / "baseline.yaml")
SHARES = {
    "legitimacy",
    "fear",
    "integrity",
    "cooperation",
    "territory_cartel_share",
    "territory_contested_share",
}


def lever_values() -> st.SearchStrategy[dict]:
    """Random settings for every numeric lever, within the schema's own bounds."""
    fields = {}
    for name, field in Levers.model_fields.items():
        if name == "strike_target":
            fields[name] = st.sampled_from(["leaders", "labs", "mixed"])
            continue
        le = next((m.le for m in field.metadata if hasattr(m, "le")), 1.0)
        # Values the schema accepts: 0, or at least 1e-12 in size (tinier ones are refused).
        high = min(le, 20.0 if le > 1 else 1.0)
        fields[name] = st.just(0.0) | st.floats(1e-12, high, allow_nan=False)
    return st.fixed_dictionaries(fields)


@settings(
    max_examples=int(os.environ.get("CARTELSIM_PROPERTY_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(levers=lever_values(), seed=st.integers(0, 2**31 - 1))
def test_any_levers_give_finite_well_formed_outputs(levers, seed):
    scenario = BASELINE.model_copy(
        update={"policy": BASELINE.policy.model_copy(update={"levers": Levers(**levers)})}
    )
    ts = run(scenario, seed=seed, months=12).timeseries
    values = ts[list(METRICS)].to_numpy(dtype=float)
    assert np.isfinite(values).all()
    for metric_id, metric in METRICS.items():
        column = ts[metric_id]
        assert (column >= 0).all(), metric_id
        if metric_id in SHARES:
            assert (column <= 1).all(), metric_id
        if metric.kind is Kind.LEVEL and metric_id == "cartel_members":
            assert column.iloc[-1] > 0


yaml_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 10**6)
    | st.floats(allow_nan=False)
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "name",
                    "months",
                    "policy",
                    "levers",
                    "phases",
                    "start",
                    "end",
                    "gun_tracing",
                    "cartels",
                    "id",
                    "x",
                ]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=int(os.environ.get("CARTELSIM_PROPERTY_EXAMPLES", "60")), deadline=None)
@given(
    document=st.dictionaries(
        st.sampled_from(
            [
                "name",
                "months",
                "seed",
                "policy",
                "world",
                "calibration",
                "cartels",
                "extends",
                "bogus",
            ]
        ),
        yaml_values,
        max_size=5,
    )
)
def test_loader_never_raises_anything_but_a_scenario_error(document):
    import yaml

    from simulator.scenario import ScenarioError, load_scenario_text

    text = yaml.safe_dump(document, allow_unicode=True)
    try:
        load_scenario_text(text, name="fuzz.yaml")
    except ScenarioError as err:
        assert err.problems and all(p.file for p in err.problems)


@settings(max_examples=int(os.environ.get("CARTELSIM_PROPERTY_EXAMPLES", "60")), deadline=None)
@given(text=st.text(max_size=200))
def test_loader_survives_arbitrary_text(text):
    from simulator.scenario import ScenarioError, load_scenario_text

    try:
        load_scenario_text(text, name="fuzz.yaml")
    except ScenarioError as err:
        assert err.problems
