"""Clear messages (issue 13, item 9): each problem is blamed on what caused it."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.scenario import ScenarioError, load_scenario

from .files import MINIMAL, problems, write


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        ("nosuch.path=1", "--set: nosuch: unknown key 'nosuch'"),
        ("nosuch=1", "--set: nosuch: unknown key 'nosuch'"),
        ("policy.nosuch.deeper=1", "--set: policy.nosuch: unknown key 'nosuch'"),
        (
            "policy.levers.gun_tracng=0.5",
            "--set: policy.levers.gun_tracng: unknown key 'gun_tracng' (did you mean 'gun_tracing'?)",
        ),
    ],
)
def test_unknown_keys_from_set_are_blamed_on_set(
    tmp_path: Path, override: str, expected: str
) -> None:
    (msg,) = problems(write(tmp_path, "s.yaml", MINIMAL), [override])
    assert msg.startswith(expected), msg


def test_an_empty_file_name_says_so() -> None:
    assert problems("") == ["<scenario>: (top level): no file name given"]


def test_yaml_text_given_to_load_scenario_is_loaded_as_text() -> None:
    assert load_scenario(MINIMAL).name == "t"
    with pytest.raises(ScenarioError) as info:
        load_scenario(MINIMAL + "months: 0\n")
    assert [str(p) for p in info.value.problems] == ["<text>:3: months: must be ≥ 1, got 0"]


def test_one_line_of_yaml_that_is_no_file_gets_a_hint() -> None:
    assert problems("name: t") == [
        "name: t: (top level): file not found "
        "(to load YAML text, pass text with a newline or use load_scenario_text)"
    ]


def test_a_directory_is_named_as_such(tmp_path: Path) -> None:
    assert problems(tmp_path) == [f"{tmp_path}: (top level): is a directory, not a scenario file"]


def test_a_nul_in_a_file_name_is_a_problem() -> None:
    assert problems("a\0b.yaml") == [
        "a\0b.yaml: (top level): file name contains a control character"
    ]
