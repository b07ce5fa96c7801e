"""Where results go and how they are written (issue 13, items 1, 4, 5).

Results go only to ``--out`` or to ``runs/<safe name>``; flags are held to the schema's
bounds before anything runs; an unusable folder is refused before the runs; a folder is
replaced whole or not at all, even with two writers, a full disk or an interruption.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from simulator.cli import main
from simulator.experiment import compare, run
from simulator.report import write_report
from simulator.scenario import load_scenario

# simulator.output is imported inside the tests that use it, so that the behaviour tests
# of this module also run (and fail) against code from before it existed.
MARKER = ".cartelsim-output.json"
ROOT = Path(__file__).resolve().parents[2]
CLASSROOM = ROOT / "scenarios" / "classroom.yaml"


def scenario_named(tmp_path: Path, name: str) -> Path:
    """A short classroom scenario whose ``name`` is ``name``."""
    path = tmp_path / "named.yaml"
    path.write_text(
        f"extends: {CLASSROOM}\nname: {json.dumps(name)}\nreplications: 2\n",
        encoding="utf-8",
    )
    return path


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


# --- item 1: a scenario's name never picks the path ----------------------------------------------


@pytest.mark.parametrize("command", ["run", "compare"])
@pytest.mark.parametrize("name", ["../../escaped", "/ABSOLUTE", "a/../../b", "..", ".hidden"])
def test_a_scenario_name_cannot_choose_where_results_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, name: str
) -> None:
    from simulator.output import default_folder

    work = tmp_path / "a" / "b" / "work"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    if name == "/ABSOLUTE":
        name = str(tmp_path / "absolute-target")
    source = scenario_named(tmp_path, name)
    args = [command, str(source), "--months", "2"]
    if command == "compare":
        args += ["-n", "2", "--workers", "1", "--no-report", "-q"]
    assert main(args) == 0
    (written,) = (work / "runs").iterdir()
    prefix = "compare-" if command == "compare" else ""
    assert written.name == default_folder(name, prefix=prefix).name
    assert written.name.startswith(prefix) and not written.name.startswith(".")
    # nothing anywhere else: only the scenario file and the work folder's runs/
    outside = files_under(tmp_path) - {"named.yaml"}
    assert all(p.startswith("a/b/work/runs") or p in ("a", "a/b", "a/b/work") for p in outside), (
        outside
    )


def test_safe_name() -> None:
    from simulator.output import safe_name

    assert safe_name("../../etc/passwd") == "etc-passwd"
    assert safe_name("/abs/where") == "abs-where"
    assert safe_name("Mañana: strikes & raids") == "Manana-strikes-raids"
    assert (
        safe_name("..") == "scenario" and safe_name("") == "scenario" and safe_name("-rf") == "rf"
    )
    assert safe_name("a" * 500) == "a" * 64
    assert "/" not in safe_name("x/" * 40) and "\\" not in safe_name("a\\b")


# --- item 4: flags held to the schema's bounds, before anything is written -------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--months", "0"], "argument --months: must be ≥ 1, got 0"),
        (["--months", "-5"], "argument --months: must be ≥ 1, got -5"),
        (["--months", "601"], "argument --months: must be ≤ 600, got 601"),
        (["--months", "1000000000"], "argument --months: must be ≤ 600, got 1000000000"),
        (["--months", "0x10"], "argument --months: expected an integer, got '0x10'"),
        (["--seed", "-1"], "argument --seed: must be ≥ 0, got -1"),
        (["--seed", "99999999999"], "argument --seed: must be ≤ 4294967295, got 99999999999"),
    ],
)
def test_run_flags_outside_the_schema_bounds_are_refused_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as info:
        main(["run", str(CLASSROOM), "--out", str(out), *args])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--replications", "10000000"],
            "argument --replications/-n: must be ≤ 10000, got 10000000",
        ),
        (["-n", "0"], "argument --replications/-n: must be ≥ 1, got 0"),
        (["--months", "601"], "argument --months: must be ≤ 600, got 601"),
        (["--workers", "100000"], "argument --workers: must be 1 to 256, got 100000"),
    ],
)
def test_compare_flags_are_refused_before_anything_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as info:
        main(["compare", str(CLASSROOM), "--out", str(tmp_path / "o"), *args])
    assert info.value.code == 2
    assert message in capsys.readouterr().err


def test_compare_workload_is_capped_before_anything_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.modules["simulator.experiment.replicate"], "execute", _must_not_run)
    status = main(
        ["compare", str(CLASSROOM), "-n", "10000", "--months", "600", "--out", str(tmp_path / "o")]
    )
    assert status == 2
    err = capsys.readouterr().err
    assert "10,000 runs x 600 months = 6,000,000 run-months, more than the 250,000" in err
    assert not (tmp_path / "o").exists()


def test_python_api_holds_the_same_bounds() -> None:
    from simulator.scenario import ScenarioError

    scenario = load_scenario(CLASSROOM)
    with pytest.raises(ScenarioError, match=r"run\(months=\.\.\.\): months: must be ≥ 1, got 0"):
        run(scenario, months=0)
    with pytest.raises(ScenarioError, match="seed: must be ≥ 0, got -1"):
        run(scenario, seed=-1)
    with pytest.raises(ScenarioError, match="replications: must be ≤ 10000"):
        compare([scenario], n=10_000_000, workers=1)


def _must_not_run(*args: object, **kwargs: object) -> None:
    raise AssertionError("runs started although the command was invalid")


# --- item 5: unusable folders are refused before any run ---------------------------------------------


def test_an_existing_file_as_out_is_refused_before_running(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "taken"
    target.write_text("keep me\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules["simulator.experiment.replicate"], "execute", _must_not_run)
    for command in (["run", str(CLASSROOM)], ["compare", str(CLASSROOM), "-n", "2"]):
        assert main([*command, "--out", str(target)]) == 2
        err = capsys.readouterr().err
        assert err.strip().endswith(f"output folder {target} is a file; choose another --out")
        assert "\n" not in err.strip()
    assert target.read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs /proc")
def test_an_unwritable_system_folder_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(CLASSROOM), "--out", "/proc/cartelsim-test"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("run: cannot write to output folder /proc/cartelsim-test: ")
    assert err.count("\n") == 1


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_a_read_only_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert main(["run", str(CLASSROOM), "--out", str(locked / "o")]) == 2
        assert "permission denied" in capsys.readouterr().err
    finally:
        locked.chmod(0o700)


def test_out_into_a_scenarios_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenarios = tmp_path / "scenarios"
    shutil.copytree(ROOT / "scenarios", scenarios)
    before = {p: p.read_bytes() for p in scenarios.rglob("*.yaml")}
    for out in (scenarios, scenarios / "validation", scenarios / "new"):
        assert (
            main(["run", str(scenarios / "classroom.yaml"), "--months", "1", "--out", str(out)])
            == 2
        )
        assert "scenarios folder" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in scenarios.rglob("*.yaml")} == before
    assert files_under(scenarios) == files_under(ROOT / "scenarios")


def test_a_folder_of_other_files_is_refused_but_a_previous_result_is_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "thesis.docx").write_bytes(b"years of work")
    assert main(["run", str(CLASSROOM), "--months", "1", "--out", str(notes)]) == 2
    assert "holds 'thesis.docx', which cartelsim did not write" in capsys.readouterr().err
    assert files_under(notes) == {"thesis.docx"}

    out = tmp_path / "result"
    assert main(["run", str(CLASSROOM), "--months", "2", "--out", str(out)]) == 0
    assert main(["run", str(CLASSROOM), "--months", "3", "--out", str(out)]) == 0
    assert len(pd.read_csv(out / "timeseries.csv")) == 3
    assert files_under(out) == {
        MARKER,
        "timeseries.csv",
        "regions.csv",
        "events.csv",
        "provenance.json",
    }
    (out / "mine.txt").write_text("added by hand", encoding="utf-8")
    assert main(["run", str(CLASSROOM), "--months", "1", "--out", str(out)]) == 2
    assert len(pd.read_csv(out / "timeseries.csv")) == 3  # left as it was


def test_a_result_written_before_markers_existed_is_replaced(tmp_path: Path) -> None:
    legacy = tmp_path / "legacy"
    legacy.mkdir()
    for name in ("timeseries.csv", "events.csv", "provenance.json"):
        (legacy / name).write_text("old\n", encoding="utf-8")
    assert main(["run", str(CLASSROOM), "--months", "2", "--out", str(legacy)]) == 0
    assert len(pd.read_csv(legacy / "timeseries.csv")) == 2


def test_validate_with_a_data_folder_that_does_not_exist_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nonexistent"
    assert (
        main(["validate", "--only", "1", "--data", str(missing), "--out", str(tmp_path / "o")]) == 2
    )
    assert capsys.readouterr().err == f"validate: --data {missing}: no such folder\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert (
        main(["validate", "--only", "1", "--data", str(empty), "--out", str(tmp_path / "o")]) == 2
    )
    assert "BACRIM2020_Nodes.csv is not in it" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


# --- item 5: written whole or not at all -----------------------------------------------------------


@pytest.fixture(scope="module")
def two_runs() -> tuple:
    scenario = load_scenario(CLASSROOM)
    return run(scenario, seed=1, months=24), run(scenario, seed=2, months=36)


def _write_when_released(result: object, out: Path, barrier: object) -> None:
    barrier.wait()  # type: ignore[attr-defined]
    result.write(out)  # type: ignore[attr-defined]


@pytest.mark.skipif(
    "fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork"
)
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded")
def test_two_writers_into_one_folder_never_mix(tmp_path: Path, two_runs: tuple) -> None:
    """40 trials of two processes writing different results into one folder at once."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    out = tmp_path / "shared"
    for trial in range(40):
        barrier = ctx.Barrier(2)
        writers = [
            ctx.Process(target=_write_when_released, args=(r, out, barrier)) for r in two_runs
        ]
        for w in writers:
            w.start()
        for w in writers:
            w.join(timeout=60)
        assert [w.exitcode for w in writers] == [0, 0], trial
        provenance = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
        (mine,) = [r for r in two_runs if r.seed == provenance["seeds"][0]]
        ts = pd.read_csv(out / "timeseries.csv")
        events = pd.read_csv(out / "events.csv")
        assert len(ts) == len(mine.timeseries) and len(events) == len(mine.events), trial
        assert ts["homicides"].tolist() == pytest.approx(
            mine.timeseries["homicides"].tolist(), rel=1e-5
        )
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging left


def test_a_write_that_fails_midway_leaves_the_previous_result_whole(tmp_path: Path) -> None:
    from simulator.output import OutputError, result_folder

    out = tmp_path / "r"
    with result_folder(out, "run") as staging:
        (staging / "a.csv").write_text("old\n", encoding="utf-8")
        (staging / "report.html").write_text("<p>old</p>\n", encoding="utf-8")
    for failure in (OSError(28, "No space left on device"), KeyboardInterrupt()):
        expected = OutputError if isinstance(failure, OSError) else KeyboardInterrupt
        with pytest.raises(expected), result_folder(out, "run") as staging:
            (staging / "a.csv").write_text("new, truncat", encoding="utf-8")
            raise failure
        assert (out / "a.csv").read_text(encoding="utf-8") == "old\n"
        assert (out / "report.html").read_text(encoding="utf-8") == "<p>old</p>\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["r"]


def test_an_interrupted_report_leaves_the_old_report_and_tables_together(tmp_path: Path) -> None:
    from simulator.output import result_folder

    out = tmp_path / "cmp"
    with result_folder(out, "comparison") as staging:  # a previous comparison's result
        for name in ("summary.csv", "rules.csv", "report.html", "provenance.json"):
            (staging / name).write_text(f"old {name}\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    scenario = load_scenario(CLASSROOM)
    comparison = compare(
        [scenario, scenario.model_copy(update={"name": "other"})], n=2, months=3, workers=1
    )

    class Interrupted(type(comparison)):  # type: ignore[misc]
        """Interrupted (Ctrl-C) after the tables are written, before provenance."""

        @property
        def provenance(self) -> dict:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_report(Interrupted(comparison.runs, comparison.reference), out, False, False)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cmp"]


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs POSIX file-size limits")
def test_a_full_disk_gives_one_line_and_leaves_nothing_that_looks_whole(tmp_path: Path) -> None:
    """The file-size limit makes every write past 8 kB fail, as a full disk does."""
    out = tmp_path / "o"

    def limit() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (8000, 8000))

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "simulator",
            "run",
            str(CLASSROOM),
            "--months",
            "60",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit,
        cwd=tmp_path,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith(f"run: could not write the result to {out}: ")
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no folder, no staging


def test_check_folder_accepts_new_and_empty_folders(tmp_path: Path) -> None:
    from simulator.output import check_folder

    assert check_folder(tmp_path / "new" / "deeper") == (tmp_path / "new" / "deeper").resolve()
    (tmp_path / "empty").mkdir()
    assert check_folder(tmp_path / "empty") == (tmp_path / "empty").resolve()
    assert not [p for p in (tmp_path / "new").iterdir()]  # the probe is gone
