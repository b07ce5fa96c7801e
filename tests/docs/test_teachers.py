"""The teacher's guide follows the Classroom page: its steps, prompts and quotes (issue 14)."""

from __future__ import annotations

import re

import pytest

from simulator.dashboard.classroom_script import STEPS

from ..conftest import ROOT

GUIDE = ROOT / "docs" / "TEACHERS.md"


def _flat(text: str) -> str:
    """Whitespace collapsed, so line wrapping in the Markdown does not matter."""
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def guide() -> str:
    return _flat(GUIDE.read_text(encoding="utf-8"))


def test_guide_has_one_section_per_classroom_step(guide):
    headings = re.findall(r"^### Step (\d+): (.+)$", GUIDE.read_text(encoding="utf-8"), re.M)
    assert [int(n) for n, _ in headings] == list(range(1, len(STEPS) + 1))


@pytest.mark.parametrize("index", range(len(STEPS)), ids=lambda i: f"step{i + 1}")
def test_guide_quotes_each_prompt_and_source_verbatim(guide, index):
    step = STEPS[index]
    assert _flat(step.question) in guide
    for quote in step.quotes:
        assert _flat(quote.text) in guide


def test_lesson_plan_adds_up_to_45_minutes():
    text = GUIDE.read_text(encoding="utf-8")
    slots = re.findall(r"^\| (\d+)–(\d+) \|", text, re.M)
    assert slots, "no timed rows in the lesson plan"
    assert int(slots[0][0]) == 0 and int(slots[-1][1]) == 45
    assert all(int(a[1]) == int(b[0]) for a, b in zip(slots, slots[1:], strict=False))
