"""Rule titles for reports, read from ``docs/RULES.md`` (shipped with the package; none if absent)."""

from __future__ import annotations

import re
from pathlib import Path

from simulator.resources import rules_doc

_SEP = r"[\s:.\-–—]*"
_PATTERNS = (
    re.compile(rf"^\s*#{{1,6}}\s*(R\d+)\b{_SEP}(.+?)\s*$"),  # ## R4 Fragmentation
    re.compile(rf"^\s*(?:[-*]\s*)?\*\*(R\d+)\*\*{_SEP}([^(|]+)"),  # - **R4**: Fragmentation
    re.compile(rf"^\s*(?:[-*]\s*)?\*\*(R\d+)\b{_SEP}([^*]+?)\*\*"),  # - **R4 Fragmentation**
    re.compile(r"^\s*\|\s*\**`?(R\d+)`?\**\s*\|\s*([^|]+?)\s*\|"),  # | R4 | Fragmentation |
)


def parse_rule_titles(text: str) -> dict[str, str]:
    """Return rule id -> title from Markdown headings, bold list items or table rows."""
    titles: dict[str, str] = {}
    for line in text.splitlines():
        for pattern in _PATTERNS:
            m = pattern.match(line)
            if m:
                title = re.sub(r"[*`_]", "", m.group(2)).strip(" :.-–—")
                title = re.sub(r"\s*\(.*$", "", title).strip()
                if title and m.group(1) not in titles:
                    titles[m.group(1)] = title[:80]
                break
    return titles


def rule_titles(path: Path | None = None) -> dict[str, str]:
    """Return rule titles from ``docs/RULES.md`` (or ``path``); empty if the file is missing."""
    path = rules_doc() if path is None else path
    if path is None:
        return {}
    try:
        return parse_rule_titles(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}
