"""The results store: a folder with a Parquet dataset of runs, the design and a manifest.

Layout of ``DIR``::

    manifest.json        what made the results: spec hash, scenario hash, versions, design
    design.parquet       point, then one column per parameter
    runs/part-<first>-<last>.parquet   runs first..last (run ids, 9 digits), one row per run
    quarantine/          damaged or foreign files found in runs/ by a resume, kept for a look

``runs/`` is a plain Parquet dataset: ``pandas.read_parquet("DIR/runs")``,
``pyarrow.dataset.dataset("DIR/runs")`` or DuckDB's ``read_parquet('DIR/runs/*.parquet')``
read it without this package. A chunk is written to a hidden temporary file and
renamed when complete, so readers never see half a chunk. Pages carry CRC checksums,
and a resume reads every chunk back, checking it parses, its checksums, its columns,
and that its runs are exactly the runs its name says with the seeds and parameter
values they must have; anything else is moved to ``quarantine/`` and recomputed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from simulator.experiment.sweep.errors import SweepError
from simulator.experiment.sweep.plan import FORMAT, Sweep
from simulator.experiment.sweep.runner import code_fingerprint

MANIFEST = "manifest.json"
DESIGN = "design.parquet"
RUNS = "runs"
QUARANTINE = "quarantine"
CHUNK_NAME = re.compile(r"^part-(\d{9})-(\d{9})\.parquet$")


def chunk_name(first: int, last: int) -> str:
    """File name of the chunk holding runs ``first..last``."""
    return f"part-{first:09d}-{last:09d}.parquet"


@dataclass
class Scan:
    """What a resume found in ``runs/``.

    Attributes:
        done: per run id, whether a valid chunk holds it.
        chunks: valid chunks.
        quarantined: (file, reason) of each file moved to ``quarantine/``.
        partial: half-written temporary files removed.
    """

    done: np.ndarray
    chunks: int = 0
    quarantined: list[tuple[str, str]] = field(default_factory=list)
    partial: int = 0


class Store:
    """Reads and writes one sweep's results folder."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.runs = self.root / RUNS
        self.manifest_path = self.root / MANIFEST

    # --- lifecycle --------------------------------------------------------------------------

    def holds_results(self) -> bool:
        """True when the folder has a manifest or any chunk."""
        return self.manifest_path.exists() or (self.runs.is_dir() and any(self.runs.iterdir()))

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the folder for one driver at a time; the OS releases it if the driver dies.

        ``flock`` on the folder itself: no lock file inside it.
        """
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.root, os.O_RDONLY)
        except OSError as e:
            raise SweepError(f"cannot use {self.root}: {e.strerror or e}") from None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise SweepError(
                    f"{self.root} is being written by another sweep; wait for it to finish "
                    "or stop it first"
                ) from None
            yield
        finally:
            os.close(fd)  # releases the lock

    def refuse_to_overwrite(self) -> None:
        """Raise :class:`SweepError` if the folder holds results already (nothing is lost)."""
        if self.holds_results():
            raise SweepError(
                f"{self.root} already holds sweep results; add --resume to continue that sweep, "
                "or choose another --out"
            )

    def create(self, sweep: Sweep) -> dict[str, Any]:
        """Start a new results folder: manifest (status running), design, empty runs/."""
        self.refuse_to_overwrite()
        self.runs.mkdir(parents=True, exist_ok=True)
        manifest = {
            **sweep.manifest(),
            "created": _now(),
            "status": "running",
            "runs_done": 0,
            "sessions": [],
        }
        self.write_manifest(manifest)  # first: from now on the folder can be resumed
        self.write_design(sweep)
        return manifest

    def write_design(self, sweep: Sweep) -> None:
        """Write ``design.parquet`` (point, then one column per parameter)."""
        table = pa.Table.from_pandas(sweep.design.frame(), preserve_index=False)
        _write_atomic_parquet(table, self.root / DESIGN)

    def read_manifest(self) -> dict[str, Any]:
        """The manifest; a missing or unreadable one is a :class:`SweepError`."""
        try:
            manifest: dict[str, Any] = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SweepError(
                f"{self.root} has no {MANIFEST}: it is not a sweep's results folder"
            ) from None
        except (OSError, ValueError) as e:
            raise SweepError(
                f"{self.manifest_path} is unreadable ({e}); cannot trust this folder"
            ) from None
        return manifest

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        """Replace the manifest atomically."""
        text = json.dumps(manifest, indent=2, sort_keys=False, default=str) + "\n"
        tmp = self.root / f".{MANIFEST}.{os.getpid()}.tmp"
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, self.manifest_path)

    def check_resume(self, sweep: Sweep) -> dict[str, Any]:
        """The manifest, if ``sweep`` is the sweep that made this folder; else refuse, saying why."""
        manifest = self.read_manifest()
        if manifest.get("format") != FORMAT:
            raise SweepError(
                f"{self.root} was written by another version of the sweep layout "
                f"(format {manifest.get('format')}, this is {FORMAT}); start a new sweep"
            )
        old, new = manifest.get("identity", {}), sweep.identity()
        if old != new:
            changes = _differences(old, new)
            shown = "; ".join(changes[:8]) + (
                f"; and {len(changes) - 8} more" if len(changes) > 8 else ""
            )
            raise SweepError(
                f"cannot resume: the spec is not the one that made {self.root} "
                f"(spec hash {manifest.get('spec_hash')} there, {sweep.spec_hash} now). Changed: "
                f"{shown}. Resuming would mix two different sweeps: run the changed spec "
                "with another --out, or restore the spec."
            )
        if manifest.get("code_fingerprint") != code_fingerprint():
            raise SweepError(
                f"cannot resume: the model's code changed since {self.root} was started "
                f"(code fingerprint {manifest.get('code_fingerprint')} there, {code_fingerprint()} "
                "now), so its runs would mix two models. Check out the code it was started "
                "with, or start the sweep again with another --out."
            )
        if not (self.root / DESIGN).is_file():  # killed between the manifest and the design
            self.write_design(sweep)
        return manifest

    # --- chunks -----------------------------------------------------------------------------

    def write_chunk(self, table: pa.Table) -> Path:
        """Write one chunk: to a hidden temporary file, then renamed (readers see all or nothing)."""
        run_ids = table.column("run_id")
        first, last = run_ids[0].as_py(), run_ids[-1].as_py()
        path = self.runs / chunk_name(first, last)
        _write_atomic_parquet(table, path)
        return path

    def scan(self, sweep: Sweep) -> Scan:
        """Find the runs already stored; remove half-written files; quarantine damaged ones."""
        scan = Scan(done=np.zeros(sweep.total_runs, dtype=bool))
        if not self.runs.is_dir():
            self.runs.mkdir(parents=True)
            return scan
        schema = sweep.schema()
        for path in sorted(self.runs.iterdir()):
            if path.name.startswith(".") and path.name.endswith(".tmp"):
                path.unlink()  # half-written when its writer was stopped
                scan.partial += 1
                continue
            match = CHUNK_NAME.match(path.name)
            if match is None:
                self._quarantine(path, "not a chunk of this sweep", scan)
                continue
            first, last = int(match[1]), int(match[2])
            reason = _chunk_problem(path, first, last, sweep, schema)
            if reason is None and scan.done[first : last + 1].any():
                reason = "repeats runs another chunk holds"
            if reason is not None:
                self._quarantine(path, reason, scan)
                continue
            scan.done[first : last + 1] = True
            scan.chunks += 1
        return scan

    def _quarantine(self, path: Path, reason: str, scan: Scan) -> None:
        target_dir = self.root / QUARANTINE
        target_dir.mkdir(exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
        target = target_dir / f"{path.name}.{stamp}"
        os.replace(path, target)
        scan.quarantined.append((path.name, reason))

    # --- reading ----------------------------------------------------------------------------

    def read_runs(self, columns: list[str] | None = None) -> pd.DataFrame:
        """Every stored run, ordered by run id."""
        files = sorted(p for p in self.runs.glob("part-*.parquet") if CHUNK_NAME.match(p.name))
        if not files:
            return pd.DataFrame(columns=columns or [])
        table = pa.concat_tables(pq.read_table(f, columns=columns) for f in files)
        return (
            table.to_pandas().sort_values("run_id", ignore_index=True)
            if (columns is None or "run_id" in columns)
            else table.to_pandas()
        )

    def read_design(self) -> pd.DataFrame:
        """The design: ``point`` and one column per parameter."""
        return pq.read_table(self.root / DESIGN).to_pandas()


def _chunk_problem(
    path: Path, first: int, last: int, sweep: Sweep, schema: pa.Schema
) -> str | None:
    """Why a chunk file cannot be trusted, or None when it holds exactly runs first..last."""
    if last < first or last >= sweep.total_runs:
        return f"names runs {first}-{last}, outside this sweep's {sweep.total_runs} runs"
    try:
        table = pq.read_table(path, page_checksum_verification=True)
    except (OSError, pa.ArrowException) as e:
        return f"unreadable ({str(e).splitlines()[0][:160]})"
    if not table.schema.equals(schema, check_metadata=False):
        return "its columns are not this sweep's"
    expected = sweep.chunk(np.arange(first, last + 1, dtype=np.int64))
    if table.num_rows != len(expected):
        return f"has {table.num_rows} rows for {len(expected)} runs"
    checks = {
        "run_id": expected.run_ids,
        "point": expected.points,
        "replication": expected.replications,
        "seed": expected.seeds,
        **expected.params,
    }
    for name, want in checks.items():
        got = table.column(name).to_numpy(zero_copy_only=False)
        if not np.array_equal(got, want):
            return f"its {name} values are not those of runs {first}-{last}"
    return None


def _write_atomic_parquet(table: pa.Table, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp, compression="zstd", write_page_checksum=True)
    os.replace(tmp, path)


def _differences(old: Any, new: Any, path: str = "") -> list[str]:
    """Human list of what differs between two JSON-like values."""
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for key in list(old) + [k for k in new if k not in old]:
            where = f"{path}.{key}" if path else str(key)
            if key not in new:
                out.append(f"{where} removed")
            elif key not in old:
                out.append(f"{where} added")
            else:
                out += _differences(old[key], new[key], where)
        return out
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [
            d
            for i, (a, b) in enumerate(zip(old, new, strict=True))
            for d in _differences(a, b, f"{path}[{i}]")
        ]
    if old == new:
        return []
    if path == "scenario_hash":
        return [f"the base scenario's content (hash {old} -> {new})"]
    return [f"{path}: {_brief(old)} -> {_brief(new)}"]


def _brief(value: Any) -> str:
    text = json.dumps(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
