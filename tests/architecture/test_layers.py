"""The package's layers, enforced: a module imports only its own layer and the layers below.

Imports under ``if TYPE_CHECKING:`` are type hints only (no dependency at run time)
and are not counted. A new top-level module or package must be placed in ``LAYERS``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "simulator"

# Lowest first. Each entry is a set of top-level names under simulator/.
LAYERS: list[set[str]] = [
    {
        "metrics",
        "events",
        "resources",
        "output",
        "units",
    },  # registries, records, package data, safe writes, units
    {"world"},  # the region graph and its data
    {"scenario"},  # schema and loader (checks references against the world)
    {"policy"},  # phase timeline, triggers, annual review
    {"state"},  # the model's state, declared once
    {"agents"},  # identity and view layer over the state
    {"rules"},  # one module per rule, over the state
    {"model"},  # CartelModel: builds the state, runs the rules in order
    {"provenance"},
    {"experiment"},  # runs, replications, comparisons, sweeps
    {"report"},  # figures and HTML
    {"validation"},  # checks against published findings
    {"dashboard"},  # Solara pages
    {"cli", "sweep_cli", "__main__"},  # the command line (sweep_cli: its sweep commands)
]
RANK = {name: k for k, layer in enumerate(LAYERS) for name in layer}


def top_level(path: Path) -> str:
    """The top-level name under simulator/ that a file belongs to."""
    rel = path.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py")


def runtime_imports(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, top-level simulator name) of each import outside ``if TYPE_CHECKING:``."""
    type_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            type_only |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    found = []
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "simulator" and len(parts) > 1:
                found.append((node.lineno, parts[1]))
    return found


FILES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_layer():
    missing = {top_level(p) for p in FILES} - set(RANK) - {"__init__"}
    assert not missing, f"place these in LAYERS: {sorted(missing)}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_follow_the_layers(path: Path):
    own = top_level(path)
    if own == "__init__":
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    upward = [
        f"line {line}: {own} imports {target}"
        for line, target in runtime_imports(tree)
        if RANK.get(target, len(LAYERS)) > RANK[own]
    ]
    assert not upward, "imports against the layers:\n" + "\n".join(upward)


def test_the_scan_sees_an_upward_import(tmp_path: Path):
    tree = ast.parse(
        "from simulator.cli import main\nif TYPE_CHECKING:\n    import simulator.dashboard\n"
    )
    assert runtime_imports(tree) == [(1, "cli")]


def test_no_scenario_error_is_raised_from_the_model_or_its_rules():
    """Scenario problems are found by the loader, before a model is built, never mid-run."""
    model_files = [
        PACKAGE / "model.py",
        PACKAGE / "state.py",
        *sorted((PACKAGE / "rules").glob("*.py")),
    ]
    for path in model_files:
        assert "ScenarioError" not in path.read_text(encoding="utf-8"), path.name


def test_only_the_report_and_dashboard_layers_draw():
    """Figures belong to the report layer: the model and experiment layers never import matplotlib."""
    import ast

    drawing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        top = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        if top in {"report", "dashboard", "validation"}:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(n.split(".")[0] == "matplotlib" for n in names):
                drawing.append(str(path.relative_to(PACKAGE)))
    assert drawing == []
