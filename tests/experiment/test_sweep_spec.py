"""Sweep specs: every problem is found before anything runs, at the spec's file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.cli import main
from simulator.experiment.sweep import load_sweep
from simulator.scenario.errors import ScenarioError
from tests.experiment.conftest import CLASSROOM, SMALL, write_spec


def problems(path: Path) -> list[str]:
    with pytest.raises(ScenarioError) as err:
        load_sweep(path)
    return [str(p) for p in err.value.problems]


def spec_with(tmp_path: Path, old: str, new: str) -> Path:
    text = SMALL.format(scenario=CLASSROOM, samples=8)
    assert old in text
    return write_spec(tmp_path, text.replace(old, new))


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_unknown_key_is_named_at_its_line_with_a_hint(tmp_path: Path) -> None:
    path = spec_with(tmp_path, "replications: 2", "replication: 2")
    assert problems(path) == [
        f"{path}:{line_of(path, 'replication:')}: replication: unknown key 'replication' (did you mean 'replications'?)"
    ]


def test_out_of_bounds_range_is_caught_before_running(tmp_path: Path) -> None:
    """A lever range past the schema's bound, reported at the parameter's range line."""
    path = spec_with(
        tmp_path,
        "range: [0, 4]",
        "range: [0, 4]\n  - path: policy.phases[1].levers.gun_tracing\n    range: [0.2, 1.3]",
    )
    found = problems(path)
    assert found == [
        f"{path}:{line_of(path, '[0.2, 1.3]')}: parameters[1].range: "
        "policy.phases[1].levers.gun_tracing: must be ≤ 1, got 1.3"
    ]


def test_unknown_scenario_field_gets_the_loaders_hint(tmp_path: Path) -> None:
    path = spec_with(tmp_path, "path: calibration.rho", "path: calibration.rhoo")
    found = problems(path)
    assert len(found) == 1
    assert found[0].startswith(
        f"{path}:{line_of(path, 'calibration.rhoo') + 1}: parameters[1].range: calibration.rhoo:"
    )
    assert "unknown key 'rhoo' (did you mean 'rho'?)" in found[0]


def test_outputs_are_checked_against_the_metric_registry_and_horizon(tmp_path: Path) -> None:
    path = spec_with(
        tmp_path,
        "{metric: homicides, reduce: cumulative}",
        "{metric: homicide, reduce: cumulative}",
    )
    path.write_text(path.read_text().replace("months: [10, 15]", "months: [10, 20]"))
    found = problems(path)
    assert (
        f"{path}:{line_of(path, 'metric: homicide,')}: outputs[0].metric: unknown metric 'homicide' (did you mean 'homicides'?)"
        in found
    )
    assert (
        f"{path}:{line_of(path, '[10, 20]')}: outputs[2].months: the window ends after the horizon (15 months)"
        in found
    )


def test_design_settings_are_checked(tmp_path: Path) -> None:
    path = spec_with(tmp_path, "kind: lhs, samples: 8", "kind: sobol, samples: 100")
    assert problems(path) == [
        f"{path}:{line_of(path, 'kind: sobol')}: design.samples: sobol needs a power of 2 (Saltelli's "
        "scheme converges only then), got 100; try 64 or 128"
    ]
    path = spec_with(tmp_path, "kind: lhs, samples: 8", "kind: grid")
    found = problems(path)
    assert len(found) == 2 and all("a grid needs levels: N" in p for p in found)


def test_whole_number_fields_take_whole_number_ranges(tmp_path: Path) -> None:
    path = spec_with(
        tmp_path,
        "path: calibration.rho\n    range: [0.002, 0.003]",
        "path: calibration.release_lag_months\n    range: [1.5, 6]",
    )
    assert problems(path) == [
        f"{path}:{line_of(path, '[1.5, 6]')}: parameters[1].range: calibration.release_lag_months "
        "takes whole numbers; got range [1.5, 6]"
    ]


def test_a_point_invalid_only_in_combination_is_caught(tmp_path: Path) -> None:
    """Each value alone is valid; one combination puts an operation after the horizon."""
    base = write_spec(
        tmp_path,
        f"extends: {CLASSROOM}\nname: combo\npolicy:\n  phases: [{{name: all, start: 1}}]\n"
        "  operations: [{month: 3, actor: MX_GN, kind: capture_leader, target: C1}]\n",
        "combo.yaml",
    )
    path = write_spec(
        tmp_path,
        f"name: combo\nscenario: {base}\nparameters:\n"
        "  - {path: months, name: scenario_months, values: [6, 36]}\n"
        "  - {path: 'policy.operations[0].month', values: [3, 20]}\n"
        "design: {kind: grid}\nmonths: 6\noutputs: [{metric: homicides}]\n",
    )
    found = problems(path)
    assert (
        found[0] == f"{path}:{line_of(path, 'design:')}: design: 1 of 4 design points are invalid"
    )
    assert "point 1 (scenario_months=6, month=20)" in found[1]
    assert "policy.operations[0].month: is after the horizon (6 months)" in found[1]


def test_python_models_are_imported_and_their_arguments_checked(tmp_path: Path) -> None:
    path = write_spec(
        tmp_path,
        "name: toy\nmodel: tests.experiment.toy_models:ishigami\nparameters:\n"
        "  - {path: x1, range: [-3, 3]}\n  - {path: x4, range: [-3, 3]}\n"
        "design: {kind: lhs, samples: 4}\noutputs: [{name: y}]\n",
    )
    assert problems(path) == [
        f"{path}:5: parameters[1].path: unknown argument of tests.experiment.toy_models:ishigami: 'x4'; valid: x1, x2, x3"
    ]
    path.write_text(path.read_text().replace("toy_models:ishigami", "toy_models:nothing"))
    assert problems(path) == [
        f"{path}:2: model: module 'tests.experiment.toy_models' has no function 'nothing'"
    ]


def test_cli_reports_problems_with_exit_2_and_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = spec_with(tmp_path, "samples: 8", "samples: -1")
    assert main(["sweep", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert (
        err.strip() == f"{path}:{line_of(path, 'samples: -1')}: design.samples: must be ≥ 1, got -1"
    )
    assert not (tmp_path / "out").exists()  # nothing ran, nothing written


def test_check_validates_every_point_and_runs_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = spec_with(tmp_path, "samples: 8", "samples: 8")
    assert main(["sweep", str(path), "--check", "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "lhs design, 8 points x 2 replications = 16 runs, 15 months" in out
    assert "ok: the spec and all 8 design points are valid" in out
    assert not (tmp_path / "out").exists()


def test_yaml_syntax_errors_point_at_the_line(tmp_path: Path) -> None:
    path = spec_with(tmp_path, "replications: 2", "replications: [2")
    found = problems(path)
    assert len(found) == 1 and found[0].startswith(f"{path}:") and "invalid YAML" in found[0]
