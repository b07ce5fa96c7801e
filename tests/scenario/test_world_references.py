"""One scenario-check path (issue 8): the loader catches everything a run would trip on.

Every reference to the world (regions, crossings, cartels, bodies, operation targets and
regions, community overrides) and every value that would make the arithmetic non-finite
is refused by ``load_scenario``, at a file and line, so ``cartelsim check`` needs no model.
"""

from __future__ import annotations

import copy
import math
import pickle
import subprocess
import sys
import types
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from annotated_types import Ge, Gt, Le, Lt
from pydantic import BaseModel

from simulator.cli import main
from simulator.scenario import Problem, ScenarioError, load_scenario
from simulator.scenario.schema import Scenario

from .files import MINIMAL, problems, write

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "scenarios" / "baseline.yaml"
OPERATION = "{month: 1, actor: MX_SEMAR, kind: raid_lab, target: CJNG"


def child(tmp_path: Path, body: str) -> Path:
    """A file extending the shipped baseline, three months long, with ``body`` added."""
    return write(tmp_path, "s.yaml", f"extends: {BASELINE}\nname: s\nmonths: 3\n{body}")


# --- the four inputs that passed check and crashed run ----------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            f"policy:\n  operations:\n    - {OPERATION}, region: NOPE}}\n",
            "s.yaml:6: policy.operations[0].region: unknown region 'NOPE'",
        ),
        ("cartels: []\n", "s.yaml:4: cartels: needs at least one cartel"),
        (
            "calibration: {fentanyl_price_usd_per_kg: .inf}\n",
            "s.yaml:4: calibration.fentanyl_price_usd_per_kg",
        ),
    ],
)
def test_inputs_that_crashed_run_fail_check_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str, expected: str
) -> None:
    path = child(tmp_path, body)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / expected}" in err and "Traceback" not in err


def test_a_name_alone_fails_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "t.yaml", "name: t\n")
    assert main(["check", str(path)]) == 2
    assert (
        capsys.readouterr().err
        == f"{path}: cartels: needs at least one cartel; a run has nothing to model\n"
    )


def test_no_members_at_all_fails_check(tmp_path: Path) -> None:
    """All cartels empty and no local groups: the rules' target choice crashed."""
    (msg,) = problems(
        child(tmp_path, "local_groups: {count: 0}\ncartels: [{id: CJNG, members: 0}]\n")
    )
    assert msg.startswith(f"{tmp_path / 's.yaml'}:5: cartels: every cartel has 0 members")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "cartels: [{id: CJNG, members: 9, territory: {JAL: 1.0e-308}}]\n",
            "s.yaml:4: cartels[0].territory.JAL: must be 0 or at least 1e-12 in size",
        ),
        (
            "calibration: {theta: 1.0e-20}\n",
            "s.yaml:4: calibration.theta: must be 0 or at least 1e-12",
        ),
        (
            "calibration: {conviction_base: 0}\n",
            "s.yaml:4: calibration.conviction_base: must be > 0",
        ),
        (
            "calibration: {wage_usd_per_member_month: 0}\n",
            "s.yaml:4: calibration.wage_usd_per_member_month: must be > 0",
        ),
        (
            "calibration: {fentanyl_kg_per_month: 0}\n",
            "s.yaml:4: calibration.fentanyl_kg_per_month: must be > 0",
        ),
        (
            "calibration: {border_seizure_base: 1}\n",
            "s.yaml:4: calibration.border_seizure_base: must be < 1",
        ),
        (
            "governments: [{id: US, cooperation: 0}]\n",
            "s.yaml:4: governments[0].cooperation: must be > 0",
        ),
        (  # R4 draws a faction's share between the two: numpy refused high < low
            "calibration: {faction_share_min: 0.4, faction_share_max: 0.2}\n",
            "s.yaml:4: calibration.faction_share_max: must be ≥ faction_share_min (0.4), got 0.2",
        ),
    ],
)
def test_values_the_rules_divide_by_are_refused(tmp_path: Path, body: str, expected: str) -> None:
    """Each of these crashed a run (ZeroDivisionError, or NaN into a random draw)."""
    (msg,) = problems(child(tmp_path, body))
    assert msg.startswith(str(tmp_path / expected)), msg


def test_cartels_emptied_from_the_command_line_fail_at_set(tmp_path: Path) -> None:
    assert problems(BASELINE, ["cartels=[]"]) == [
        "--set: cartels: needs at least one cartel; a run has nothing to model"
    ]


# --- what the model and rules raised mid-run, now found by the loader --------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # model.py: a territory in a region the world does not have
            "cartels:\n  - {id: CJNG, members: 100, territory: {JAL: 0.5, ATLANTIS: 0.2}}\n",
            "s.yaml:5: cartels[0].territory.ATLANTIS: unknown region 'ATLANTIS'",
        ),
        (  # model.py: a cartel the world has no presence data for, without a territory
            "cartels:\n  - {id: NEWCO, members: 100}\n",
            "s.yaml:5: cartels[0].territory: cartel 'NEWCO' has no presence data in world 'Mexico'",
        ),
        (  # rules/operations.py: interdicting a crossing that does not exist
            "policy:\n  operations:\n"
            "    - {month: 2, actor: CBP, kind: interdict_crossing, target: NOWHERE}\n",
            "s.yaml:6: policy.operations[0].target: unknown crossing 'NOWHERE'; valid: TIJ",
        ),
        (  # made arrests negative: a cartel present nowhere
            "cartels:\n  - {id: CJNG, members: 100, territory: {JAL: 0}}\n",
            "s.yaml:5: cartels[0].territory: needs a strength above 0 in at least one region",
        ),
        (  # silently ignored before: a community override for an unknown region
            "communities:\n  overrides:\n    JALISCO: {fear: 0.5}\n",
            "s.yaml:6: communities.overrides.JALISCO: unknown region 'JALISCO'",
        ),
        (  # crashed the cost rule: a lever cost for a lever that does not exist
            "calibration:\n  lever_cost_usd_per_year: {gun_tracing: 1.0e8, drones: 5.0e8}\n",
            "s.yaml:5: calibration.lever_cost_usd_per_year.drones: unknown numeric lever 'drones'",
        ),
        (  # ... or is not a number
            "calibration:\n  lever_cost_usd_per_year: {strike_target: 1.0e8}\n",
            "s.yaml:5: calibration.lever_cost_usd_per_year.strike_target: unknown numeric lever",
        ),
    ],
)
def test_world_references_are_checked_by_the_loader(
    tmp_path: Path, body: str, expected: str
) -> None:
    (msg,) = problems(child(tmp_path, body))
    assert msg.startswith(str(tmp_path / expected)), msg


def test_synthetic_worlds_are_checked_against_their_own_regions(tmp_path: Path) -> None:
    text = (
        "name: t\nworld: {kind: synthetic, regions: 6, crossings: 2}\n"
        "cartels:\n  - {id: C1, members: 100}\n"
        "  - {id: C2, members: 50, territory: {R06: 1, R07: 1}}\n"
        "enforcement: [{id: X, government: US}]\n"
        "governments: [{id: US}]\n"
        "policy:\n  operations:\n    - {month: 1, actor: X, kind: interdict_crossing, target: X3}\n"
    )
    path = write(tmp_path, "s.yaml", text)
    found = problems(path)
    assert len(found) == 2
    assert found[0].startswith(f"{path}:5: cartels[1].territory.R07: unknown region 'R07'")
    assert found[1].startswith(f"{path}:10: policy.operations[0].target: unknown crossing 'X3'")


def test_a_synthetic_world_the_generator_cannot_build_is_a_problem(tmp_path: Path) -> None:
    text = "name: t\nworld: {kind: synthetic, regions: 4, cartels: 6}\ncartels: [{id: C1, members: 1}]\n"
    (msg,) = problems(write(tmp_path, "s.yaml", text))
    assert msg.startswith(f"{tmp_path / 's.yaml'}:2: world: cannot build this world: n_cartels")


def test_check_builds_no_model(tmp_path: Path) -> None:
    """``cartelsim check`` answers from the loader alone: the model module is never imported."""
    good = write(tmp_path, "good.yaml", MINIMAL)
    code = (
        "import sys\nfrom simulator.cli import main\n"
        f"status = main(['check', {str(good)!r}])\n"
        "assert 'simulator.model' not in sys.modules, 'check imported the model'\n"
        "sys.exit(status)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{good}: ok (t)\n"


# --- values that would make the arithmetic non-finite ------------------------------------------------


FULL: dict[str, Any] = yaml.safe_load(
    """\
name: full
governments: [{id: US}, {id: MX}]
cartels:
  - {id: CJNG, members: 100, territory: {JAL: 0.5}}
  - {id: SIN_CH, members: 100}
rivalries: [{between: [CJNG, SIN_CH]}]
alliances: [{between: [CJNG, SIN_CH]}]
enforcement: [{id: B, government: MX}]
communities: {overrides: {JAL: {}}}
calibration: {lever_cost_usd_per_year: {gun_tracing: 1.0}}
policy:
  phases: [{name: p, start: 1, levers: {}}]
  triggers: [{name: t, when: {metric: homicides, op: ">", value: 1}, set: {}}]
  operations: [{month: 1, actor: B, kind: raid_lab, target: CJNG}]
"""
)


def _fields(annotation: Any) -> tuple[Any, ...]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return tuple(a for a in typing.get_args(annotation) if a is not type(None))
    return (annotation,)


def number_paths(model: type[BaseModel] = Scenario, doc: Any = FULL, path: tuple = ()) -> list:
    """Every number field of the schema, as a path into :data:`FULL`, with its annotation's bounds."""
    out = []
    for name, field in model.model_fields.items():
        for ann in _fields(field.annotation):
            origin, args = typing.get_origin(ann), typing.get_args(ann)
            sub = doc.get(name) if isinstance(doc, dict) else None
            if isinstance(ann, type) and issubclass(ann, BaseModel):
                out += number_paths(ann, sub if sub is not None else {}, (*path, name))
            elif origin is list and isinstance(args[0], type) and issubclass(args[0], BaseModel):
                if sub:
                    out += number_paths(args[0], sub[0], (*path, name, 0))
            elif origin is dict:
                inner = _fields(args[1])[0]
                key = next(iter(sub)) if sub else None
                if key is None:
                    continue
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    out += number_paths(inner, sub[key], (*path, name, key))
                elif typing.get_origin(inner) is typing.Annotated or inner is float:
                    infos = typing.get_args(inner)[1:]
                    metadata = tuple(m for info in infos for m in getattr(info, "metadata", [info]))
                    out.append(((*path, name, key), metadata))
            elif ann in (int, float):
                out.append(((*path, name), tuple(field.metadata)))
    return out


NUMBER_PATHS = number_paths()


def _set(doc: dict, path: tuple, value: Any) -> dict:
    doc = copy.deepcopy(doc)
    node: Any = doc
    for part in path[:-1]:
        node = node.setdefault(part, {}) if isinstance(part, str) else node[part]
    node[path[-1]] = value
    return doc


def test_full_document_is_valid() -> None:
    load_scenario(yaml.safe_dump(FULL) + "\n")
    assert len(NUMBER_PATHS) > 120  # every calibration rate, lever, state and window


@pytest.mark.parametrize(("value", "every"), [(math.inf, 1), (-math.inf, 5), (math.nan, 5)])
def test_non_finite_values_are_refused_everywhere_with_a_line(
    tmp_path: Path, value: float, every: int
) -> None:
    """``.inf`` in every float field (``-.inf`` and ``.nan`` in every fifth, for time)."""
    shown = {math.inf: ".inf", -math.inf: "-.inf"}.get(value, ".nan")
    floats = [p for p, _ in NUMBER_PATHS if not _is_int_path(p)]
    assert len(floats) > 100
    for path in floats[::every]:
        file = tmp_path / "s.yaml"
        file.write_text(yaml.safe_dump(_set(FULL, path, value)), encoding="utf-8")
        (msg,) = problems(file)
        where, field, message = msg.split(": ", 2)
        assert where.startswith(f"{file}:") and where.rsplit(":", 1)[1].isdigit(), msg
        assert message == f"must be a finite number, got {shown}", msg


def _is_int_path(path: tuple) -> bool:
    node: Any = Scenario
    for part in path:
        if isinstance(part, int):
            continue
        fields = getattr(node, "model_fields", None)
        if fields is None or part not in fields:
            return False
        ann = _fields(fields[part].annotation)[0]
        if typing.get_origin(ann) is list:
            ann = typing.get_args(ann)[0]
        elif typing.get_origin(ann) is dict:
            return False
        if ann is int:
            return True
        node = ann
    return False


def test_every_number_field_has_finite_bounds() -> None:
    """So no valid value can overflow the model's arithmetic (a threshold may be any finite number)."""
    unbounded = []
    for path, metadata in NUMBER_PATHS:
        low = any(isinstance(m, Ge | Gt) for m in metadata)
        high = any(isinstance(m, Le | Lt) for m in metadata)
        if not (low and high) and path[-1] != "value":
            unbounded.append(path)
    assert unbounded == []


# --- ScenarioError across processes -----------------------------------------------------------------


def test_scenario_error_survives_pickling() -> None:
    err = ScenarioError(
        [
            Problem("s.yaml", 3, "months", "must be ≤ 600, got 601"),
            Problem("s.yaml", None, "name", "x"),
        ]
    )
    back = pickle.loads(pickle.dumps(err))
    assert back.problems == err.problems
    assert str(back) == str(err) == "s.yaml:3: months: must be ≤ 600, got 601\ns.yaml: name: x"


@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded")
def test_scenario_error_from_a_worker_process_reads_the_same(tmp_path: Path) -> None:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    path = write(tmp_path, "s.yaml", "name: t\nmonths: 601\ncartels: [{id: CJNG, members: 1}]\n")
    with (
        ProcessPoolExecutor(
            1, mp_context=get_context("fork" if sys.platform == "linux" else "spawn")
        ) as pool,
        pytest.raises(ScenarioError) as info,
    ):
        pool.submit(load_scenario, str(path)).result()
    expected = f"{path}:2: months: must be ≤ 600, got 601"
    assert [str(p) for p in info.value.problems] == [expected]
    assert str(info.value) == expected  # it printed one character per line
