"""Property tests of the loader (issue 13): real files, ``--set`` values, ``extends`` chains.

Whatever the input (valid, broken or hostile), loading either gives a scenario or raises
a :class:`ScenarioError` whose every problem names a location (a file and a line or a
field); nothing else escapes, and each example finishes within a second (the deadline).
Valid inputs load with the values written.
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.scenario import Scenario, ScenarioError, load_scenario
from simulator.scenario.errors import format_path

from .files import MINIMAL
from .strategies import (
    EXAMPLES,
    FIELD_PATHS,
    consistent,
    nested,
    render,
    valid_settings,
    yaml_values,
)

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=1000,  # ms: every example, valid or hostile, is answered within a second
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,  # the same examples on every CI run
    database=None,  # not replays of failures saved by earlier runs
)


def outcome(path: Path, overrides: list[str], files: set[str]) -> Scenario | None:
    """Load; on failure check that every problem names a known file and a line or a field."""
    try:
        return load_scenario(path, overrides)
    except ScenarioError as err:
        assert err.problems
        for p in err.problems:
            assert p.file in files | {"--set"}, (p.file, files)
            assert p.line is not None or p.path, p
            assert p.line is None or p.line >= 1
            assert "\n" not in p.message and len(p.message) < 1000
        return None


def value_at(scenario: Scenario, path: str) -> object:
    node: object = scenario
    for part in path.split("."):
        node = getattr(node, part)
    return node


@FUZZ
@given(settings_=valid_settings())
def test_valid_files_load_with_the_values_written(settings_: dict) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.yaml"
        path.write_text(MINIMAL + render(settings_), encoding="utf-8")
        scenario = load_scenario(path)
    for field, value in settings_.items():
        assert value_at(scenario, field) == value, field


@FUZZ
@given(
    settings_=valid_settings(max_fields=4),
    field=st.sampled_from(FIELD_PATHS),
    value=yaml_values,
    where=st.sampled_from(["file", "set"]),
)
def test_any_value_in_a_file_or_a_set_gives_a_scenario_or_located_problems(
    settings_: dict, field: str, value: str, where: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.yaml"
        text = MINIMAL + render({k: v for k, v in settings_.items() if k != field})
        overrides = []
        if where == "file":
            text += nested(field, value)
        else:
            overrides = [f"{field}={value}"]
        path.write_text(text, encoding="utf-8")
        loaded = outcome(path, overrides, {str(path)})
    if loaded is not None:  # accepted: then it is a valid value for that field
        got = value_at(loaded, field)
        if got is None:  # a lever left unset (null) keeps its current value
            assert field.startswith("policy.levers."), (field, value)
        else:
            assert isinstance(got, int | float) and not isinstance(got, bool), (field, value, got)
            assert math.isfinite(got)


@FUZZ
@given(
    settings_=valid_settings(max_fields=3),
    damage=st.sampled_from(["duplicate", "unknown", "alias bomb", "deep", "tab", "truncate"]),
    at=st.integers(0, 10_000),
)
def test_damaged_files_give_located_problems(settings_: dict, damage: str, at: int) -> None:
    text = MINIMAL + render(settings_)
    lines = text.splitlines(keepends=True)
    cut = at % (len(lines) + 1)
    if damage == "duplicate":
        text += (
            lines[at % len(lines)]
            if not lines[at % len(lines)].startswith(" ")
            else "name: again\n"
        )
    elif damage == "unknown":
        text += f"bogus_{at}: 1\n"
    elif damage == "alias bomb":
        text += "x: &x [a, a, a, a, a, a, a, a]\n" + "".join(
            f"x{i}: &x{i} [{', '.join(['*x' if i == 0 else f'*x{i - 1}'] * 8)}]\n" for i in range(8)
        )
    elif damage == "deep":
        text += "x: " + "[" * (50 + at % 500) + "]" * (50 + at % 500) + "\n"
    elif damage == "tab":
        text = "".join(lines[:cut]) + "\tname: t\n" + "".join(lines[cut:])
    else:
        text = text[: at % (len(text) + 1)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.yaml"
        path.write_text(text, encoding="utf-8")
        loaded = outcome(path, [], {str(path)})
    if damage in ("duplicate", "unknown", "alias bomb", "deep"):
        assert loaded is None


@FUZZ
@given(data=st.binary(max_size=2000))
def test_binary_files_give_located_problems(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.yaml"
        path.write_bytes(data)
        outcome(path, [], {str(path)})


@FUZZ
@given(
    chain=st.lists(valid_settings(max_fields=3), min_size=1, max_size=5),
    twist=st.sampled_from(
        ["none", "cycle", "missing", "not yaml", "directory", "bad value", "self"]
    ),
    at=st.integers(0, 100),
)
def test_extends_chains(chain: list[dict], twist: str, at: int) -> None:
    """``f0 <- f1 <- ... <- fN``: later files win; a twist breaks one link."""
    merged: dict = {}
    for layer in chain:
        merged.update(layer)
    chain[-1].update({k: v for k, v in consistent(merged).items() if merged.get(k) != v})
    for layer in chain:
        layer.pop("replications", None)  # the "bad value" twist writes it
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        paths = [root / f"f{i}.yaml" for i in range(len(chain))]
        broken = at % len(chain)
        for i, (path, layer) in enumerate(zip(paths, chain, strict=True)):
            head = MINIMAL if i == 0 else f"extends: f{i - 1}.yaml\n"
            if i == broken and twist == "cycle":
                head = f"extends: f{len(chain) - 1}.yaml\n"
            elif i == broken and twist == "self":
                head = f"extends: f{i}.yaml\n"
            elif i == broken and twist == "missing":
                head = "extends: nowhere/none.yaml\n"
            elif i == broken and twist == "not yaml":
                head = "extends: notes.txt\n"
                (root / "notes.txt").write_text("name: secret\n", encoding="utf-8")
            elif i == broken and twist == "directory":
                head = "extends: dir.yaml\n"
                (root / "dir.yaml").mkdir(exist_ok=True)
            body = render(layer)
            if i == broken and twist == "bad value":  # in a field no later file replaces
                body += "replications: 1:00\n"
            path.write_text(head + body, encoding="utf-8")
        top = paths[-1]
        files = {str(p) for p in paths} | {str(root / "dir.yaml")}
        loaded = outcome(top, [], files)
    if twist == "none" or (twist == "cycle" and broken == 0 and len(chain) == 1):
        if twist == "none":
            assert loaded is not None
            expected: dict = {}
            for layer in chain:
                expected.update(layer)
            for field, value in expected.items():
                assert value_at(loaded, field) == value, field
    elif (
        twist in ("missing", "not yaml", "directory", "self", "bad value")
        or twist == "cycle"
        and len(chain) > 1
    ):
        assert loaded is None


@FUZZ
@given(
    override=st.one_of(
        st.text(max_size=60),
        st.tuples(st.sampled_from(FIELD_PATHS), yaml_values).map(lambda t: f"{t[0]}={t[1]}"),
        st.tuples(
            st.lists(
                st.sampled_from(["policy", "phases", "cartels", "[0]", "[99]", "x", "levers", "."]),
                max_size=6,
            ),
            yaml_values,
        ).map(lambda t: "".join(t[0]) + "=" + t[1]),
    )
)
def test_any_set_text_gives_a_scenario_or_located_problems(override: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.yaml"
        path.write_text(MINIMAL, encoding="utf-8")
        outcome(path, [override], {str(path)})


def test_format_path_of_a_hostile_key_is_bounded() -> None:
    assert len(format_path(("x" * 10_000, 3))) < 80
