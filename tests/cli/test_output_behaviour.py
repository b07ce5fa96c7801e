"""Issue 13, items 1 and 5, checked by behaviour only (no simulator.output import).

The tests in ``test_output_safety.py`` for these items import ``simulator.output``, so on
the code before the fix they fail with ModuleNotFoundError, which shows nothing about
the behaviour. These ones use only the command line and pandas, and fail on the old code
for the reason the issue gives.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from simulator.cli import main
from simulator.experiment import compare
from simulator.report import write_report
from simulator.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
CLASSROOM = ROOT / "scenarios" / "classroom.yaml"


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


# --- item 1 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["run", "compare"])
@pytest.mark.parametrize("name", ["../../../escaped", "/ABSOLUTE", "a/../../b", ".."])
def test_a_scenario_name_writes_only_under_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, name: str
) -> None:
    work = tmp_path / "a" / "b" / "work"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    if name == "/ABSOLUTE":
        name = str(tmp_path / "absolute-target")
    source = tmp_path / "named.yaml"
    source.write_text(
        f"extends: {CLASSROOM}\nname: {json.dumps(name)}\nreplications: 2\n", encoding="utf-8"
    )
    args = [command, str(source), "--months", "2"]
    if command == "compare":
        args += ["-n", "2", "--workers", "1", "--no-report", "-q"]
    assert main(args) == 0
    outside = files_under(tmp_path) - {"named.yaml", "a", "a/b", "a/b/work"}
    escaped = sorted(p for p in outside if not p.startswith("a/b/work/runs"))
    assert not escaped, escaped
    (written,) = (work / "runs").iterdir()  # one folder, directly under runs/
    assert written.is_dir() and ".." not in written.name and not written.name.startswith(".")
    assert (written / "provenance.json").is_file()


# --- item 5 ----------------------------------------------------------------------------------------


def test_a_disk_full_midway_through_a_run_keeps_the_previous_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "result"
    assert main(["run", str(CLASSROOM), "--months", "2", "--out", str(out)]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    capsys.readouterr()

    real = pd.DataFrame.to_csv
    calls = []

    def full_on_second_table(self: pd.DataFrame, path: object = None, **kw: object) -> object:
        calls.append(path)
        if len(calls) == 2:  # the first table is written whole, the second is cut short
            Path(str(path)).write_text("month,homic", encoding="utf-8")
            raise OSError(28, "No space left on device")
        return real(self, path, **kw)

    monkeypatch.setattr(pd.DataFrame, "to_csv", full_on_second_table)
    try:
        status = main(["run", str(CLASSROOM), "--months", "3", "--out", str(out)])
    except OSError as err:
        pytest.fail(f"traceback: {err!r}")
    assert status == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before  # the two-month result, whole; nothing of the three-month one
    assert sorted(p.name for p in tmp_path.iterdir()) == ["result"]  # no staging left


def test_an_interrupted_report_leaves_the_previous_comparison_whole(tmp_path: Path) -> None:
    scenario = load_scenario(CLASSROOM)
    other = scenario.model_copy(update={"name": "other"})
    out = tmp_path / "cmp"
    write_report(compare([scenario, other], n=2, months=2, workers=1), out, False, True)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert "report.html" in {p.name for p in before}

    newer = compare([scenario, other], n=2, months=3, workers=1)

    class Interrupted(type(newer)):  # type: ignore[misc]
        """Ctrl-C after the tables are written, before provenance and the report."""

        @property
        def provenance(self) -> dict:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_report(Interrupted(newer.runs, newer.reference), out, False, True)
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    changed = sorted(p.name for p in before if after.get(p) != before[p])
    assert not changed and after.keys() == before.keys(), changed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cmp"]


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or os.geteuid() != 0,
    reason="as root on Linux only (test_output_safety's read-only test covers other users)",
)
def test_a_read_only_folder_is_refused_when_run_as_root(tmp_path: Path) -> None:
    """The read-only test of test_output_safety, for root: permissions hold once dropped.

    test_a_read_only_folder_is_refused skips as root; here the CLI runs as a root that has
    dropped CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, so the folder's mode bits apply.
    """
    import ctypes

    def without_permission_override() -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
            if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP, applied at exec
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")

    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "simulator",
                "run",
                str(CLASSROOM),
                "--months",
                "1",
                "--out",
                str(locked / "o"),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tmp_path,
            preexec_fn=without_permission_override,
        )
    finally:
        locked.chmod(0o700)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "permission denied" in done.stderr
    assert done.stderr.count("\n") == 1
    assert list(locked.iterdir()) == []


def test_compare_refuses_an_unusable_out_before_any_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The compare half of test_an_existing_file_as_out_is_refused_before_running, alone.

    (That test stops at its ``run`` half on the old code, so compare's late check, after
    every run, is shown only here.)
    """

    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("runs started although --out cannot be used")

    monkeypatch.setattr(sys.modules["simulator.experiment.replicate"], "execute", must_not_run)
    target = tmp_path / "taken"
    target.write_text("keep me\n", encoding="utf-8")
    args = ["compare", str(CLASSROOM), "-n", "2", "--months", "2", "--workers", "1"]
    assert main([*args, "--out", str(target)]) == 2
    err = capsys.readouterr().err
    assert "is a file" in err and err.count("\n") == 1
    assert target.read_text(encoding="utf-8") == "keep me\n"
