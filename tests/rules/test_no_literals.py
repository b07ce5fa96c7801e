"""No behavioural number hides in rule code (issue 11).

Every coefficient that shapes an effect is a calibration parameter with unit, bounds,
plausible range and source (``simulator/scenario/schema/calibration.py``). Rule code
may use 0, 1 and -1, and the unit conversions and guards of ``simulator/units.py`` by
name; any other numeric literal in ``simulator/rules``, ``simulator/agents`` or
``simulator/policy`` fails here, module-level constants included.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "simulator"
SCANNED = sorted(
    p for folder in ("rules", "agents", "policy") for p in (PACKAGE / folder).glob("*.py")
)
ALLOWED = {0, 1, -1}


def literals(path: Path) -> list[str]:
    """``line: value`` of every numeric literal in ``path`` other than 0, 1 and -1."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, int, object]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            continue  # -x: the constant inside is visited on its own
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, int | float | complex)
            and not isinstance(node.value, bool)
            and node.value not in ALLOWED
        ):
            found.append((node.lineno, node.col_offset, node.value))
    return [f"{line}: {value!r}" for line, _, value in sorted(found)]


def _name(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@pytest.mark.parametrize("path", SCANNED, ids=_name)
def test_rule_code_has_no_behavioural_literal(path: Path) -> None:
    assert literals(path) == [], f"{_name(path)}: use a calibration parameter or simulator.units"


def test_the_scan_sees_literals(tmp_path: Path) -> None:
    code = tmp_path / "rule.py"
    code.write_text("RATE = 0.3\n\ndef f(x):\n    return x * 0.7 + 1 - 0 + 2e-9 * -1\n")
    assert literals(code) == ["1: 0.3", "4: 0.7", "4: 2e-09"]
