"""Sections of ``docs/ODD.md`` and ``docs/RULES.md`` as HTML, for the teacher's page.

The Markdown is rendered on the server (python-markdown), so the browser needs no
Markdown or maths library from a CDN.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import markdown

from simulator.dashboard import config

ODD = config.DOCS / "ODD.md"
RULES = config.DOCS / "RULES.md"


def section(text: str, heading: str) -> str:
    """The Markdown under the first heading that starts with ``heading``, up to the next one of its level or above."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"^(#{1,6})\s+(.*)$", line)
        if m and m.group(2).strip().startswith(heading):
            level = len(m.group(1))
            out = []
            for nxt in lines[i + 1 :]:
                h = re.match(r"^(#{1,6})\s", nxt)
                if h and len(h.group(1)) <= level:
                    break
                out.append(nxt)
            return "\n".join(out).strip()
    return ""


def to_html(md: str) -> str:
    """Markdown (with tables) as HTML."""
    return markdown.markdown(md, extensions=["tables", "sane_lists"])


@functools.lru_cache(maxsize=16)
def doc_section(path: Path, heading: str) -> str:
    """One section of a document as HTML ('' when the file or section is missing)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    md = section(text, heading)
    return to_html(md) if md else ""
