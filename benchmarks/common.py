"""Shared helpers for the benchmarks: repeated timing, result rows, an old commit side by side."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def timings(fn: Callable[[], Any], repeat: int) -> list[float]:
    """Wall times of ``repeat`` calls of ``fn`` (after one warm-up call)."""
    fn()
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def row(
    bid: str,
    name: str,
    values: list[float],
    unit: str,
    target: str = "",
    passed: bool | None = None,
    detail: str = "",
) -> dict[str, Any]:
    """One result row: the median as the value, with min and max of the repeats."""
    return {
        "id": bid,
        "name": name,
        "value": statistics.median(values),
        "unit": unit,
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "target": target,
        "passed": passed,
        "detail": detail,
    }


@contextmanager
def worktree(ref: str):
    """A temporary git worktree of ``ref`` (detached), removed afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp) / "ref"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-f", str(where), ref],
            check=True,
            capture_output=True,
        )
        try:
            yield where
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(where)],
                capture_output=True,
            )


def run_in_tree(tree: Path, code: str, *args: str) -> Any:
    """Run ``code`` with the package of ``tree`` in a fresh interpreter; return its JSON output."""
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        check=True,
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])
