"""Scenario loader: file:line problems, extends, --set overrides, hashing, problem_at."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from simulator.scenario import (
    Problem,
    ScenarioError,
    load_scenario,
    load_scenario_text,
    problem_at,
    scenario_hash,
)

from ..conftest import SCENARIOS

C1 = "cartels: [{id: C1, members: 100}]\n"  # a synthetic world's first cartel
BASE = """\
name: base
months: 36
seed: 1
cartels:
  - id: CJNG
    members: 19000
  - id: SIN_CH
    members: 26000
    cohesion: 0.6
policy:
  phases:
    - name: one
      start: 1
      end: 12
      levers:
        gun_tracing: 0.5
    - name: two
      start: 13
      levers:
        gun_tracing: 0.9
        vetting: 0.4
"""


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # relative file names in messages, as a user would type them


def write(name: str, text: str) -> str:
    Path(name).parent.mkdir(parents=True, exist_ok=True)
    Path(name).write_text(textwrap.dedent(text), encoding="utf-8")
    return name


def problems(path: str, overrides: tuple[str, ...] = ()) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        load_scenario(path, overrides)
    return [str(p) for p in info.value.problems]


def test_valid_file_loads() -> None:
    sc = load_scenario(write("s.yaml", BASE))
    assert sc.months == 36
    assert sc.policy.phases[1].levers.vetting == 0.4
    assert sc.cartels[1].cohesion == 0.6


def test_yaml_syntax_error_points_at_the_line() -> None:
    write("s.yaml", "name: x\nmonths 60\nseed: 1\n")
    assert problems("s.yaml") == [
        "s.yaml:2: (top level): invalid YAML: could not find expected ':'"
    ]


def test_yaml_parser_error_uses_problem_line() -> None:
    write("s.yaml", "name: x\npolicy:\n  levers: {}\n phases: []\n")
    (msg,) = problems("s.yaml")
    assert msg.startswith("s.yaml:4: (top level): invalid YAML: expected <block end>")


def test_empty_file_not_a_mapping_and_missing_file() -> None:
    assert problems(write("e.yaml", "# nothing\n")) == ["e.yaml: (top level): file is empty"]
    assert problems(write("l.yaml", "- 1\n- 2\n")) == [
        "l.yaml:1: (top level): expected a mapping of fields, got a list"
    ]
    assert problems("sub/none.yaml") == ["sub/none.yaml: (top level): file not found"]


def test_unknown_key_with_did_you_mean() -> None:
    text = BASE.replace("        vetting: 0.4", "        gun_tracng: 0.4")
    assert problems(write("s.yaml", text)) == [
        "s.yaml:21: policy.phases[1].levers.gun_tracng: "
        "unknown key 'gun_tracng' (did you mean 'gun_tracing'?)"
    ]


def test_unknown_key_without_close_match_lists_valid_keys() -> None:
    write("s.yaml", "name: x\nworld:\n  zzz: 1\n")
    assert problems("s.yaml") == [
        "s.yaml:3: world.zzz: "
        "unknown key 'zzz'; valid keys: kind, regions, cartels, crossings, seed"
    ]


def test_unknown_key_in_dict_of_models() -> None:
    write("s.yaml", "name: x\ncommunities:\n  overrides:\n    SIN:\n      fer: 0.5\n")
    assert problems("s.yaml") == [
        "s.yaml:5: communities.overrides.SIN.fer: unknown key 'fer' (did you mean 'fear'?)"
    ]


def test_wrong_types() -> None:
    write(
        "s.yaml",
        """\
        name: x
        months: abc
        seed: 2.5
        description: 5
        governments: {US: 1}
        world: [1]
        cartels:
          - id: A
            members: 10
            cohesion: high
        """,
    )
    assert problems("s.yaml") == [
        "s.yaml:2: months: expected an integer, got 'abc'",
        "s.yaml:3: seed: expected an integer, got 2.5 (write a whole number, no point or exponent)",
        "s.yaml:4: description: expected text, got 5",
        "s.yaml:5: governments: expected a list, got {'US': 1}",
        "s.yaml:6: world: expected a mapping, got [1]",
        "s.yaml:10: cartels[0].cohesion: expected a number, got 'high'",
    ]


def test_literal_error_lists_choices_with_did_you_mean() -> None:
    text = BASE.replace("        vetting: 0.4", "        strike_target: lab")
    assert problems(write("s.yaml", text)) == [
        "s.yaml:21: policy.phases[1].levers.strike_target: "
        "must be one of 'leaders', 'labs', 'mixed', got 'lab' (did you mean 'labs'?)"
    ]


def test_out_of_range_all_four_bounds() -> None:
    text = BASE.replace("gun_tracing: 0.9", "gun_tracing: 1.5").replace("seed: 1", "seed: -1")
    text += "rivalries:\n  - between: [CJNG, SIN_CH]\n    weight: 0\n"
    assert problems(write("s.yaml", text)) == [
        "s.yaml:3: seed: must be ≥ 0, got -1",
        "s.yaml:20: policy.phases[1].levers.gun_tracing: must be ≤ 1, got 1.5",
        "s.yaml:24: rivalries[0].weight: must be > 0, got 0",
    ]


def test_missing_required_field_points_at_nearest_parent() -> None:
    text = BASE.replace("    members: 26000\n", "")
    assert problems(write("s.yaml", text)) == [
        "s.yaml:7: cartels[1].members: required field missing"
    ]
    assert problems(write("t.yaml", "months: 5\n")) == ["t.yaml: name: required field missing"]


def test_field_validator_message_is_kept() -> None:
    write("s.yaml", "name: x\nstart: 2026-13\n")
    assert problems("s.yaml") == ["s.yaml:2: start: must be a month written YYYY-MM, got '2026-13'"]


def test_yaml_12_floats_are_numbers() -> None:
    write(
        "s.yaml",
        "name: x\ncartels: [{id: CJNG, members: 9}]\ncalibration:\n  theta: 1e-8\n  eta: 2.5E2\n",
    )
    sc = load_scenario("s.yaml")
    assert (sc.calibration.theta, sc.calibration.eta) == (1e-8, 250.0)


@pytest.mark.parametrize(
    ("phases", "expected"),
    [
        (
            [(1, 12), (10, None)],
            "s.yaml:18: policy.phases[1].start: "
            "overlaps phases[0] (months 1-12); must start after month 12",
        ),
        (
            [(1, 12), (15, None)],
            "s.yaml:18: policy.phases[1].start: "
            "leaves a gap after phases[0] (months 13-14 have no phase)",
        ),
        (
            [(5, 3), (4, None)],
            "s.yaml:14: policy.phases[0].end: ends (month 3) before it starts (month 5)",
        ),
    ],
)
def test_phase_window_problems(phases: list[tuple[int, int | None]], expected: str) -> None:
    (s0, e0), (s1, _) = phases
    text = BASE.replace("start: 1\n      end: 12", f"start: {s0}\n      end: {e0}")
    text = text.replace("start: 13", f"start: {s1}")
    assert problems(write("s.yaml", text)) == [expected]


def test_several_problems_reported_together_sorted_by_line() -> None:
    text = BASE.replace("members: 19000", "members: lots").replace("seed: 1", "sed: 1")
    text = text.replace("gun_tracing: 0.9", "gun_tracing: 1.5")
    assert problems(write("s.yaml", text), ("months=0",)) == [
        "--set: months: must be ≥ 1, got 0",
        "s.yaml:3: sed: unknown key 'sed' (did you mean 'seed'?)",
        "s.yaml:6: cartels[0].members: expected an integer, got 'lots'",
        "s.yaml:20: policy.phases[1].levers.gun_tracing: must be ≤ 1, got 1.5",
    ]


# --- extends --------------------------------------------------------------------------------


def test_extends_deep_merges_dicts_and_replaces_lists() -> None:
    write("base.yaml", BASE)
    write(
        "child/c.yaml",
        """\
        extends: ../base.yaml
        name: child
        cartels:
          - id: CDN
            members: 500
        policy:
          levers:
            vetting: 0.7
        """,
    )
    sc = load_scenario("child/c.yaml")
    assert sc.name == "child"
    assert sc.months == 36  # inherited
    assert [c.id for c in sc.cartels] == ["CDN"]  # list replaced wholesale
    assert sc.policy.levers.vetting == 0.7  # child's dict key added...
    assert [p.name for p in sc.policy.phases] == ["one", "two"]  # ...next to the parent's


def test_extends_reports_child_and_parent_lines() -> None:
    write("base.yaml", BASE.replace("gun_tracing: 0.9", "gun_tracing: 1.5"))
    write(
        "c.yaml",
        """\
        extends: base.yaml
        name: child
        cartels:
          - id: CDN
            members: -5
        """,
    )
    assert problems("c.yaml") == [
        "base.yaml:20: policy.phases[1].levers.gun_tracing: must be ≤ 1, got 1.5",
        "c.yaml:5: cartels[0].members: must be ≥ 0, got -5",
    ]


def test_extends_replaced_list_drops_parent_lines() -> None:
    write("base.yaml", BASE)
    write("c.yaml", "extends: base.yaml\ncartels:\n  - id: CDN\n")
    # The parent's cartels[0] had `members` on line 6; the child's item has none.
    assert problems("c.yaml") == ["c.yaml:3: cartels[0].members: required field missing"]


def test_extends_missing_file() -> None:
    write("c.yaml", "name: x\nextends: nope.yaml\n")
    assert problems("c.yaml") == ["c.yaml:2: extends: cannot find extended file 'nope.yaml'"]


def test_extends_cycle_of_two_files() -> None:
    write("a.yaml", "name: a\nextends: b.yaml\n")
    write("b.yaml", "extends: a.yaml\nname: b\n")
    assert problems("a.yaml") == ["b.yaml:1: extends: cyclic extends: a.yaml -> b.yaml -> a.yaml"]


def test_extends_self_cycle() -> None:
    write("a.yaml", "extends: a.yaml\nname: a\n")
    assert problems("a.yaml") == ["a.yaml:1: extends: cyclic extends: a.yaml -> a.yaml"]


def test_extends_error_in_parent_is_reported_in_parent() -> None:
    write("base.yaml", "name: [\n")
    write("c.yaml", "extends: base.yaml\n")
    (msg,) = problems("c.yaml")
    assert msg.startswith("base.yaml:2: (top level): invalid YAML: ")


def test_load_scenario_text_resolves_extends_from_base_dir(tmp_path: Path) -> None:
    write("lib/base.yaml", BASE)
    sc = load_scenario_text("extends: base.yaml\nmonths: 24\n", base_dir=Path("lib"))
    assert (sc.name, sc.months, len(sc.policy.phases)) == ("base", 24, 2)
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(
            "extends: base.yaml\nmonths: 0\n", name="editor", base_dir=tmp_path / "lib"
        )
    assert [str(p) for p in info.value.problems] == ["editor:2: months: must be ≥ 1, got 0"]


# --- overrides ------------------------------------------------------------------------------


def test_overrides_float_string_and_nested_index() -> None:
    sc = load_scenario(
        write("s.yaml", BASE),
        [
            "policy.phases[1].levers.gun_tracing=0.8",
            "policy.phases[0].levers.strike_target=leaders",
            "cartels[0].members=1000",
            "seed=7",
            "policy.levers.vetting=0.3",  # intermediate mapping created
            "enforcement=[{id: MX_NAVY, government: MX}]",
            "governments=[{id: MX}]",
        ],
    )
    assert sc.policy.phases[1].levers.gun_tracing == 0.8
    assert sc.policy.phases[0].levers.strike_target == "leaders"
    assert (sc.cartels[0].members, sc.seed, sc.policy.levers.vetting) == (1000, 7, 0.3)
    assert sc.enforcement[0].id == "MX_NAVY"


def test_override_errors_are_reported_at_set() -> None:
    assert problems(write("s.yaml", BASE), ("policy.phases[1].levers.gun_tracing=abc",)) == [
        "--set: policy.phases[1].levers.gun_tracing: expected a number, got 'abc'"
    ]


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("seed", "malformed override: expected path=value"),
        ("=3", "malformed override: expected path=value"),
        (
            "policy.phases[x].name=a",
            "policy.phases items have no id: select one by position, e.g. [0]",
        ),
        (
            "policy..levers=a",
            "malformed path 'policy..levers': write keys.like.this[0].field or list[ID].field",
        ),
        ("policy.phases[5].name=a", "index 5 is out of range: policy.phases has 2 items"),
        ("cartels[2]=a", "index 2 is out of range: cartels has 2 items"),
        ("seed.x=1", "seed is not a mapping"),
        ("policy[0]=1", "policy is not a list"),
        ("policy.operations[0].month=1", "policy.operations is not set, so it has no items"),
    ],
)
def test_bad_overrides(override: str, message: str) -> None:
    assert problems(write("s.yaml", BASE), (override,)) == [f"--set: {override}: {message}"]


def test_bad_override_does_not_touch_the_data() -> None:
    # The failed override must not leave a half-created `policy.foo` behind.
    with pytest.raises(ScenarioError) as info:
        load_scenario(write("s.yaml", BASE), ["policy.foo[0]=1", "seed=9"])
    assert [p.message for p in info.value.problems] == ["policy.foo is not set, so it has no items"]


# --- hash and problem_at ----------------------------------------------------------------------


def test_scenario_hash_is_stable_under_layout() -> None:
    a = load_scenario(
        write("a.yaml", f"name: x\nseed: 3\n{C1}world:\n  kind: synthetic\n  regions: 5\n")
    )
    b = load_scenario(
        write(
            "b.yaml",
            f"# comment\nworld: {{regions: 5, kind: synthetic}}  # flow\n{C1}seed: 3\nname: x\n",
        )
    )
    write("p.yaml", f"name: x\n{C1}world:\n  kind: synthetic\n")
    c = load_scenario(write("c.yaml", "extends: p.yaml\nseed: 3\nworld:\n  regions: 5\n"))
    d = load_scenario("a.yaml", ["world.regions=6"])
    h = scenario_hash(a)
    assert len(h) == 16 and int(h, 16) >= 0
    assert scenario_hash(b) == scenario_hash(c) == h
    assert scenario_hash(d) != h


def test_problem_at_uses_the_line_map() -> None:
    write("base.yaml", BASE)
    write("c.yaml", "extends: base.yaml\ncartels:\n  - id: CDN\n    members: 5\n")
    sc = load_scenario("c.yaml", ["policy.phases[0].levers.vetting=0.2"])
    assert problem_at(sc, ("cartels", 0, "territory", "ZZ"), "unknown region 'ZZ'") == Problem(
        "c.yaml", 3, "cartels[0].territory.ZZ", "unknown region 'ZZ'"
    )
    assert problem_at(sc, ("policy", "phases", 1, "start"), "m").line == 18
    assert problem_at(sc, ("policy", "phases", 1, "start"), "m").file == "base.yaml"
    assert str(problem_at(sc, ("policy", "phases", 0, "levers", "vetting"), "m")) == (
        "--set: policy.phases[0].levers.vetting: m"
    )
    assert str(problem_at(sc, ("months",), "m")) == "base.yaml:2: months: m"  # inherited
    assert str(problem_at(sc, ("replications",), "m")) == "c.yaml: replications: m"  # default


def test_problem_at_on_a_scenario_not_from_the_loader() -> None:
    sc = load_scenario_text(BASE).model_copy()
    assert str(problem_at(sc, ("seed",), "m")) == "<scenario>: seed: m"


def test_yaml_two_documents_and_bad_character() -> None:
    write("s.yaml", "name: x\n---\nname: y\n")
    assert problems("s.yaml") == [
        "s.yaml:2: (top level): invalid YAML: "
        "expected a single document in the stream, but found another document"
    ]
    write("t.yaml", "name: x\nseed: \x07\n")
    assert problems("t.yaml") == [
        "t.yaml:2: (top level): invalid YAML: "
        "unacceptable character #x0007: special characters are not allowed"
    ]


def test_yaml_dates_are_reported_readably() -> None:
    # YAML 1.2 has no dates: a day is text, refused by the field at its line
    assert problems(write("s.yaml", "name: x\nstart: 2026-01-15\n")) == [
        "s.yaml:2: start: must be a month written YYYY-MM, got '2026-01-15'"
    ]
    assert problems(write("t.yaml", "name: x\nstart: 2026-02-30\n")) == [
        "t.yaml:2: start: must be a month written YYYY-MM, got '2026-02-30'"
    ]


def test_phase_windows_are_checked_even_when_another_field_is_invalid() -> None:
    write(
        "s.yaml",
        """\
        name: x
        seed: -1
        policy:
          phases:
            - {name: a, start: 1, end: 6}
            - {name: b, start: 5}
        """,
    )
    assert problems("s.yaml") == [
        "s.yaml:2: seed: must be ≥ 0, got -1",
        "s.yaml:6: policy.phases[1].start: overlaps phases[0] (months 1-6); must start after month 6",
    ]


def test_overrides_select_list_items_by_id():
    sc = load_scenario(
        SCENARIOS / "baseline.yaml", ["enforcement[ATF].capacity=0.1", "cartels[CJNG].members=7"]
    )
    assert next(b for b in sc.enforcement if b.id == "ATF").capacity == 0.1
    assert next(c for c in sc.cartels if c.id == "CJNG").members == 7
    with pytest.raises(ScenarioError) as e:
        load_scenario(SCENARIOS / "baseline.yaml", ["enforcement[NOPE].capacity=0.1"])
    assert "no item with id 'NOPE' in enforcement (ids: US_STRIKE" in str(e.value)
