"""Each rule's statement and source, read from ``docs/RULES.md`` (the table the reports read).

The report layer takes rule titles from the same file
(:func:`simulator.report.rules.rule_titles`); this module reads the rest of each row
of its table: ``| id | title | statement | parameters | source |``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from simulator.report.rules import parse_rule_titles
from simulator.resources import rules_doc

_ROW = re.compile(r"^\s*\|\s*\**`?(R\d+)`?\**\s*\|")


@dataclass(frozen=True)
class Rule:
    """One rule as documented: what the code does and where it comes from."""

    id: str
    title: str
    statement: str
    parameters: str
    source: str


def _cells(line: str) -> list[str]:
    """The cells of a Markdown table row (pipes inside backticks do not split)."""
    cells, cell, in_code = [], "", False
    for ch in line.strip().strip("|"):
        if ch == "`":
            in_code = not in_code
        if ch == "|" and not in_code:
            cells.append(cell.strip())
            cell = ""
        else:
            cell += ch
    cells.append(cell.strip())
    return cells


def _column(header: list[str], word: str, default: int) -> int:
    """Index of the header cell that starts with ``word`` (``default`` if none does)."""
    for i, cell in enumerate(header):
        if cell.lower().startswith(word):
            return i
    return default


def parse_rules(text: str) -> dict[str, Rule]:
    """Rule id -> :class:`Rule` from the rows of the rules table in ``text``.

    Columns are found by their header (``statement ...``, ``parameters``, ``source``),
    so a column added to the table does not shift them.
    """
    titles = parse_rule_titles(text)
    rules: dict[str, Rule] = {}
    header = ["id", "title", "statement", "parameters", "source"]
    for line in text.splitlines():
        if re.match(r"^\s*\|\s*id\s*\|", line):
            header = _cells(line)
            continue
        m = _ROW.match(line)
        if not m:
            continue
        cells = _cells(line)
        if len(cells) < len(header) or m.group(1) in rules:
            continue
        rid = m.group(1)
        rules[rid] = Rule(
            id=rid,
            title=titles.get(rid, cells[1]),
            statement=cells[_column(header, "statement", 2)],
            parameters=cells[_column(header, "parameters", 3)],
            source=cells[_column(header, "source", 4)],
        )
    return rules


@functools.lru_cache(maxsize=4)
def rules(path: Path | None = None) -> dict[str, Rule]:
    """The rules documented in ``docs/RULES.md`` (empty when the file is missing)."""
    path = path or rules_doc()
    if path is None:
        return {}
    try:
        return parse_rules(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}


def rule(rule_id: str) -> Rule | None:
    """One documented rule, or None for an id the table does not list."""
    return rules().get(rule_id)
