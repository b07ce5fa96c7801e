"""The README's scenario example is a valid scenario that extends a shipped one (issue 14)."""

from __future__ import annotations

import re

from simulator.scenario import load_scenario

from ..conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", README, re.S)


def test_readme_scenario_example_loads_and_extends_the_roadmap(tmp_path):
    [example] = [b for b in _yaml_blocks() if "extends:" in b]
    assert "../scenarios/" in example  # written for my_scenarios/, beside scenarios/
    (tmp_path / "my_scenarios").mkdir()
    (tmp_path / "scenarios").symlink_to(ROOT / "scenarios", target_is_directory=True)
    path = tmp_path / "my_scenarios" / "fast_roadmap.yaml"
    path.write_text(example, encoding="utf-8")
    scenario = load_scenario(path)
    roadmap = load_scenario(ROOT / "scenarios" / "bilateral_roadmap.yaml")
    assert scenario.name == "fast_roadmap"
    assert len(scenario.policy.phases) == 2  # the list replaced the roadmap's four phases
    assert scenario.months == roadmap.months  # the rest is inherited
    assert scenario.calibration == roadmap.calibration


def test_readme_names_every_cli_command():
    from simulator.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name in commands.choices:
        assert f"| `{name}` |" in README, f"README's CLI table lacks {name}"


def test_readme_needs_nothing_outside_the_repository():
    assert "../shared" not in README
