"""The docs match the code: rule ids, ODD sections and calibration parameters."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from simulator.scenario.schema import Calibration

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "simulator"
RULES_MD = ROOT / "docs" / "RULES.md"
ODD_MD = ROOT / "docs" / "ODD.md"

RULE_LITERAL = re.compile(r"""["']R(\d{1,2})["']""")  # "R4" as a string literal
RULE_IN_TEXT = re.compile(r"\bR(\d{1,2})\b")  # R12: ... in a docstring
RULE_ROW = re.compile(r"^\| R(\d+) \|", re.MULTILINE)
CALIBRATION_REF = re.compile(r"\bcalibration\.([A-Za-z_]\w*)")

ODD_SECTIONS = (
    r"purpose and patterns",
    r"entities, state variables,? and scales",
    r"process overview and scheduling",
    r"design concepts",
    r"initiali[sz]ation",
    r"input data",
    r"submodels",
)


def _docstrings(tree: ast.Module) -> list[str]:
    nodes = [tree] + [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    ]
    return [doc for n in nodes if (doc := ast.get_docstring(n))]


def code_rule_ids() -> dict[int, list[str]]:
    """Return rule number -> files that use it in a string literal or a docstring."""
    found: dict[int, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        ids = {int(m) for m in RULE_LITERAL.findall(text)}
        for doc in _docstrings(ast.parse(text, filename=str(path))):
            ids |= {int(m) for m in RULE_IN_TEXT.findall(doc)}
        for i in ids:
            found.setdefault(i, []).append(str(path.relative_to(ROOT)))
    return found


def documented_rule_ids() -> list[int]:
    """Return the rule ids of the RULES.md table rows, in order, with repeats."""
    return [int(m) for m in RULE_ROW.findall(RULES_MD.read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def rules_text() -> str:
    return RULES_MD.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def odd_text() -> str:
    return ODD_MD.read_text(encoding="utf-8")


def test_rules_table_has_r1_to_r19_once_each():
    ids = documented_rule_ids()
    missing = sorted(set(range(1, 20)) - set(ids))
    assert not missing, f"RULES.md has no table row for: {', '.join(f'R{i}' for i in missing)}"
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    assert not repeated, f"RULES.md repeats rows for: {', '.join(f'R{i}' for i in repeated)}"


def test_rule_ids_in_code_and_docs_match():
    in_code = code_rule_ids()
    in_docs = set(documented_rule_ids())
    undocumented = sorted(set(in_code) - in_docs)
    unused = sorted(in_docs - set(in_code))
    message = []
    if undocumented:
        message.append(
            "used in code but not in docs/RULES.md: "
            + "; ".join(f"R{i} ({', '.join(in_code[i])})" for i in undocumented)
        )
    if unused:
        message.append(
            "in docs/RULES.md but never used in code: " + ", ".join(f"R{i}" for i in unused)
        )
    assert set(in_code) == in_docs, "\n".join(message)


def test_odd_has_the_seven_sections(odd_text):
    headings = [
        line.lstrip("#").strip().lower()
        for line in odd_text.splitlines()
        if re.match(r"^#{1,3}\s", line)
    ]
    missing = [
        s for s in ODD_SECTIONS if not any(re.search(rf"^\d*\.?\s*{s}\b", h) for h in headings)
    ]
    assert not missing, f"docs/ODD.md lacks the ODD sections: {missing}"


def test_odd_sections_are_in_protocol_order(odd_text):
    positions = [
        re.search(rf"^#{{1,3}}\s+\d*\.?\s*{s}", odd_text, re.IGNORECASE | re.MULTILINE)
        for s in ODD_SECTIONS
    ]
    starts = [m.start() for m in positions if m]
    assert starts == sorted(starts), "ODD sections are out of the protocol's order"


def test_odd_submodels_cover_every_documented_rule(odd_text):
    submodels = odd_text[re.search(r"^## 7\.", odd_text, re.MULTILINE).start() :]
    in_odd = {int(m) for m in re.findall(r"^###\s+7\.\d+\s+R(\d+)\b", submodels, re.MULTILINE)}
    missing = sorted(set(documented_rule_ids()) - in_odd)
    assert not missing, f"ODD §7 has no subsection for: {', '.join(f'R{i}' for i in missing)}"


def test_odd_explains_the_homicide_reconciliation(odd_text):
    for needed in ("homicides_per_cartel_death", "noncartel_homicides_per_month", "2012"):
        assert needed in odd_text, f"ODD.md does not mention {needed!r} (DESIGN.md R3)"


def test_calibration_names_in_rules_exist(rules_text):
    fields = set(Calibration.model_fields)
    named = set(CALIBRATION_REF.findall(rules_text))
    unknown = sorted(named - fields)
    assert not unknown, f"docs/RULES.md names calibration fields that do not exist: {unknown}"


def test_every_calibration_field_is_in_rules(rules_text):
    named = set(CALIBRATION_REF.findall(rules_text))
    missing = sorted(set(Calibration.model_fields) - named)
    assert not missing, f"Calibration fields not documented in docs/RULES.md: {missing}"


def test_scenario_reference_is_generated_from_the_schema():
    """docs/SCENARIO.md is `cartelsim schema` output; regenerate it when the schema changes."""
    from simulator.scenario.reference import field_docs, render_markdown

    text = (ROOT / "docs" / "SCENARIO.md").read_text(encoding="utf-8")
    assert text == render_markdown(), (
        "docs/SCENARIO.md is stale: run `cartelsim schema > docs/SCENARIO.md`"
    )
    paths = {d.path for d in field_docs()}
    assert "policy.phases[].levers.gun_tracing" in paths and "calibration.rho" in paths
    assert all(d.description for d in field_docs()), "every scenario field needs a description"
    assert all(d.unit for d in field_docs() if d.type != "section"), "every value needs a unit"


def test_rules_table_says_where_each_rule_lives():
    """Every 'where in the code' cell names modules that exist and functions they define."""
    import importlib
    import re

    lines = (ROOT / "docs" / "RULES.md").read_text(encoding="utf-8").splitlines()
    rows = [r for r in lines if re.match(r"^\| R\d+ \|", r)]
    assert len(rows) == 20
    for row in rows:
        rule, where = row.split("|")[1].strip(), row.split("|")[3]
        for part in where.split(";"):
            module, _, names = part.partition(":")
            path = module.strip().strip("`").removesuffix(".py").replace("/", ".")
            mod = importlib.import_module(f"simulator.{path}")
            for name in re.findall(r"`([\w.]+)`", names):
                obj = mod
                for attr in name.split("."):
                    obj = getattr(obj, attr, None)
                assert obj is not None, f"{rule}: {path} has no {name}"
