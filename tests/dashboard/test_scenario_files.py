"""The dashboard reads only the shipped and the user's scenarios, and writes only in the user's folder."""

from __future__ import annotations

import os

import pytest

from simulator.dashboard import config
from simulator.dashboard.scenario_files import (
    extends_problems,
    list_scenarios,
    load_checked,
    load_ref,
    resolve_ref,
    save_target,
    save_text,
)
from simulator.scenario import ScenarioError


@pytest.fixture
def cfg(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    return config.DashboardConfig(user_scenarios=folder, runs=tmp_path / "runs")


def _valid(folder) -> str:
    shipped = os.path.relpath(config.SHIPPED_SCENARIOS / "classroom.yaml", folder)
    return f"extends: {shipped}\nname: mine\n"


def test_save_names_that_leave_the_folder_are_refused(cfg, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (cfg.user_scenarios / "link.yaml").symlink_to(outside / "target.yaml")
    (cfg.user_scenarios / "out").symlink_to(outside, target_is_directory=True)
    for name, reason in (
        ("../x.yaml", "'..'"),
        ("a/../../x.yaml", "'..'"),
        ("/etc/x.yaml", "absolute"),
        ("~/x.yaml", "absolute"),
        ("C:/x.yaml", "absolute"),
        ("link.yaml", "symlink"),
        ("out/x.yaml", "symlink"),
        ("x.txt", ".yaml"),
        ("bad|name", "letters"),
        ("", "give a file name"),
    ):
        with pytest.raises(ValueError, match=reason):
            save_target(name, cfg)
        with pytest.raises(ValueError):
            save_text(name, _valid(cfg.user_scenarios), cfg)
    assert list(outside.iterdir()) == [], "something was written outside"


def test_saving_inside_writes_the_file_and_adds_the_suffix(cfg):
    path = save_text("class/plan", "name: x\n", cfg)
    assert path == cfg.user_scenarios / "class" / "plan.yaml"
    assert path.read_text() == "name: x\n"
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".saving-")]


def test_references_list_shipped_then_user_scenarios_and_resolve_only_those(cfg, tmp_path):
    (cfg.user_scenarios / "plan.yaml").write_text(_valid(cfg.user_scenarios))
    (tmp_path / "secret.yaml").write_text("name: secret\n")
    (cfg.user_scenarios / "leak.yaml").symlink_to(tmp_path / "secret.yaml")
    refs = [e.ref for e in list_scenarios(cfg)]
    assert "bilateral_roadmap" in refs and "mine/plan" in refs
    assert "mine/leak" not in refs, "a symlink leading out is listed"
    assert resolve_ref("mine/plan", cfg) == cfg.user_scenarios / "plan.yaml"
    for bad in ("../secret", "mine/../secret", "/etc/passwd", "mine/leak"):
        with pytest.raises(ValueError):
            resolve_ref(bad, cfg)
    assert load_ref("mine/plan", cfg=cfg).name == "mine"


def test_extends_may_not_read_outside_the_two_folders(cfg, tmp_path):
    (tmp_path / "other.yaml").write_text("name: other\n")
    problems = extends_problems(
        "extends: ../other.yaml\nname: x\n", "x.yaml", cfg.user_scenarios, cfg
    )
    assert len(problems) == 1 and problems[0].line == 1 and problems[0].path == "extends"
    with pytest.raises(ScenarioError, match="outside the shipped scenarios"):
        load_checked("name: x\nextends: /etc/hosts\n", "x.yaml", cfg.user_scenarios, cfg=cfg)
    assert extends_problems(_valid(cfg.user_scenarios), "x.yaml", cfg.user_scenarios, cfg) == []


def test_caps_are_refused_with_a_message(cfg):
    text = _valid(cfg.user_scenarios)
    with pytest.raises(ScenarioError, match="cap of 240"):
        load_checked(text + "months: 500\n", "x.yaml", cfg.user_scenarios, cfg=cfg)
    with pytest.raises(ScenarioError, match="cap of 400"):
        load_checked(
            text + "local_groups: {count: 450, members: 4500}\n",
            "x.yaml",
            cfg.user_scenarios,
            cfg=cfg,
        )
    with pytest.raises(ScenarioError, match="bytes"):
        load_checked("#" * (config.MAX_SCENARIO_BYTES + 1), "x.yaml", cfg.user_scenarios, cfg=cfg)


def test_world_references_are_checked_by_building_the_model(cfg):
    text = _valid(cfg.user_scenarios) + (
        "cartels:\n  - {id: C1, members: 100, territory: {NOWHERE: 0.5}}\n"
    )
    with pytest.raises(ScenarioError, match="unknown region 'NOWHERE'"):
        load_checked(text, "x.yaml", cfg.user_scenarios, cfg=cfg)
