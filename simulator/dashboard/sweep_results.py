"""Sweep result folders for the Sweeps page, read through the sweep layer.

A folder written by ``cartelsim sweep`` (:mod:`simulator.experiment.sweep`) holds
``manifest.json``, ``design.parquet`` and the Parquet dataset ``runs/``; it is read
with the layer's :class:`~simulator.experiment.sweep.Store` (which never reads a
half-written chunk) and its parameters and outputs come from the manifest.
``cartelsim sweep-analyze`` writes ``analysis/sobol_indices.csv`` and
``analysis/influence.csv``; the page shows them, and can compute them with the
layer's :func:`~simulator.experiment.sweep.analysis.analyze_sweep` for a folder not
yet analysed. A folder in the plain format of issue 9 (a manifest listing
``parameters`` and ``outputs``, Parquet files of one row per run) is read with pandas.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simulator.dashboard import config

MAX_ROWS = 200_000  # rows read for plotting; a larger sweep is sampled evenly
BOOKKEEPING = {
    "run",
    "run_id",
    "point",
    "design_point",
    "point_id",
    "replication",
    "seed",
    "chunk",
    "status",
    "error",
    "elapsed",
    "elapsed_s",
    "worker",
}


def sweep_layer_available() -> bool:
    """True when ``simulator.experiment.sweep`` (issue 9) is installed."""
    return importlib.util.find_spec("simulator.experiment.sweep") is not None


@dataclass
class SweepResult:
    """A sweep folder's runs, parameters, outputs and (when analysed) Sobol indices."""

    folder: Path
    manifest: dict[str, Any]
    runs: pd.DataFrame
    parameters: list[str]
    outputs: list[str]
    sobol: pd.DataFrame | None
    total_rows: int
    influence: pd.DataFrame | None = None  # sweep-analyze's ranking of parameters, if written
    stored_by_layer: bool = False  # written by cartelsim sweep (the sweep layer's Store)

    @property
    def design_kind(self) -> str:
        """grid, lhs, sobol (or what the manifest says)."""
        design = self.manifest.get("design")
        return str(design.get("kind", "?") if isinstance(design, dict) else design or "?")

    @property
    def scenario(self) -> str:
        """The scenario the sweep varied."""
        m = self.manifest
        return str(m.get("scenario_name") or m.get("scenario") or "?")


def sweep_folders(root: Path | None = None) -> list[Path]:
    """Folders under ``root`` (default: the dashboard's runs folder) that hold a sweep manifest."""
    root = (root or config.current().runs).resolve()
    if not root.is_dir():
        return []
    found = [p.parent for p in root.glob("manifest.json")]
    found += [p.parent for p in root.glob("*/manifest.json")]
    found += [p.parent for p in root.glob("*/*/manifest.json")]
    return sorted({f.resolve() for f in found if f.resolve().is_relative_to(root)})


def robustness_folders(root: Path | None = None) -> list[Path]:
    """Folders under ``root`` written by ``cartelsim robustness`` (with their report's tables)."""
    root = (root or config.current().runs).resolve()
    if not root.is_dir():
        return []
    found = [p.parent for p in root.glob("robustness.json")]
    found += [p.parent for p in root.glob("*/robustness.json")]
    return sorted(
        f.resolve()
        for f in found
        if f.resolve().is_relative_to(root) and (f / "report" / "shares.csv").is_file()
    )


def _parquet_files(folder: Path) -> list[Path]:
    files = [
        p
        for p in folder.rglob("*.parquet")
        if not any(part.startswith((".", "_")) for part in p.relative_to(folder).parts)
    ]
    return sorted(files)


def _names(entries: Any) -> list[str]:
    """Names from a manifest list of strings or of dicts with a name/path/id."""
    out = []
    for e in entries or []:
        if isinstance(e, str):
            out.append(e)
        elif isinstance(e, dict):
            for key in ("column", "name", "path", "id", "metric"):
                if isinstance(e.get(key), str):
                    out.append(e[key])
                    break
    return out


def _sobol_table(folder: Path) -> pd.DataFrame | None:
    """Sobol indices from the analysis CSVs: columns parameter, output, S1, S1_conf, ST, ST_conf."""
    for path in sorted(folder.rglob("*sobol*.csv")):
        try:
            t = pd.read_csv(path)
        except (OSError, ValueError):
            continue
        cols = {c.lower(): c for c in t.columns}
        need = {"s1", "st"}
        if not need <= set(cols):
            continue
        rename = {cols["s1"]: "S1", cols["st"]: "ST"}
        for key, new in (("s1_conf", "S1_conf"), ("st_conf", "ST_conf")):
            if key in cols:
                rename[cols[key]] = new
        for key in ("parameter", "param", "name", "input"):
            if key in cols:
                rename[cols[key]] = "parameter"
                break
        for key in ("output", "metric", "outcome"):
            if key in cols:
                rename[cols[key]] = "output"
                break
        t = t.rename(columns=rename)
        if "parameter" not in t:
            continue
        if "output" not in t:
            t["output"] = path.stem
        return t
    return None


def _sample(runs: pd.DataFrame) -> pd.DataFrame:
    if len(runs) > MAX_ROWS:
        return runs.iloc[np.linspace(0, len(runs) - 1, MAX_ROWS).astype(int)].reset_index(drop=True)
    return runs


def _read_with_layer(folder: Path, manifest: dict[str, Any]) -> SweepResult:
    """A folder written by ``cartelsim sweep``, through the layer's store."""
    from simulator.experiment.sweep import Store, SweepError

    store = Store(folder)
    try:
        runs = store.read_runs()
    except (SweepError, OSError, ValueError) as err:
        raise ValueError(f"{folder.name}: {err}") from None
    if runs.empty:
        raise ValueError(f"{folder.name}: no runs stored yet")
    parameters = [p["name"] for p in manifest["design"]["parameters"] if p["name"] in runs]
    outputs = [o["name"] for o in manifest["outputs"] if o["name"] in runs]
    analysis = folder / "analysis"
    influence = None
    if (analysis / "influence.csv").is_file():
        influence = pd.read_csv(analysis / "influence.csv")
    return SweepResult(
        folder,
        manifest,
        _sample(runs),
        parameters,
        outputs,
        _sobol_table(analysis) if analysis.is_dir() else None,
        len(runs),
        influence,
        stored_by_layer=True,
    )


def read_sweep(folder: Path, root: Path | None = None) -> SweepResult:
    """Read a sweep folder inside ``root`` (default: the dashboard's runs folder).

    Raises:
        ValueError: the folder is outside ``root``, has no manifest or no results.
    """
    root = (root or config.current().runs).resolve()
    folder = folder.resolve()
    if not folder.is_relative_to(root):
        raise ValueError(f"{folder} is outside the runs folder {root}")
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ValueError(f"{folder.name}: cannot read manifest.json ({err})") from None
    if not isinstance(manifest, dict):
        raise ValueError(f"{folder.name}: manifest.json is not a mapping")
    if "format" in manifest and sweep_layer_available():
        return _read_with_layer(folder, manifest)
    files = _parquet_files(folder)
    if not files:
        raise ValueError(f"{folder.name}: no Parquet results yet")
    frames = []
    for f in files:
        try:
            frames.append(pd.read_parquet(f))
        except (OSError, ValueError) as err:
            raise ValueError(f"{f.relative_to(folder)}: unreadable Parquet ({err})") from None
    runs = pd.concat(frames, ignore_index=True)
    numeric = [c for c in runs.columns if pd.api.types.is_numeric_dtype(runs[c])]
    parameters = [c for c in _names(manifest.get("parameters")) if c in runs.columns]
    if not parameters:
        parameters = [c for c in numeric if ("." in c or "[" in c) and c not in BOOKKEEPING]
    outputs = [c for c in _names(manifest.get("outputs")) if c in runs.columns]
    if not outputs:
        outputs = [c for c in numeric if c not in parameters and c not in BOOKKEEPING]
    return SweepResult(
        folder, manifest, _sample(runs), parameters, outputs, _sobol_table(folder), len(runs)
    )


def sobol_indices(folder: Path) -> pd.DataFrame:
    """Sobol indices of a stored sobol sweep, computed by the sweep layer (nothing written there).

    Raises:
        ValueError: the sweep layer's reason (not a sobol design, runs missing ...).
    """
    import tempfile

    from simulator.experiment.sweep import SweepError
    from simulator.experiment.sweep.analysis import analyze_sweep

    with tempfile.TemporaryDirectory(prefix="cartelsim-sobol-") as tmp:
        try:
            result = analyze_sweep(folder, out=Path(tmp) / "analysis")
        except SweepError as err:
            raise ValueError(str(err)) from None
    if result.sobol is None:
        raise ValueError(f"{folder.name} is not a sobol design: no Sobol indices")
    return result.sobol


SMALL_SOBOL = """\
# A small Sobol sweep of the classroom scenario (demos and tests of the dashboard).
name: {name}
scenario: {scenario}
parameters:
  - path: policy.phases[1].levers.unilateral_strikes_per_month
    name: strikes_per_month
    range: [0, 4]                        # assumption: from none to twice the classroom's 2 a month
  - path: policy.phases[1].levers.gun_tracing
    name: gun_tracing
    range: [0, 1]                        # the lever's schema bounds
design:
  kind: sobol
  samples: {samples}                     # Saltelli base samples: samples x (2 + 2) points
  seed: 7                                # the sampler's scrambling seed (any fixed number)
replications: 1
seed: 42
months: 18                               # the strike campaign starts in month 13
outputs:
  - {{metric: homicides, reduce: cumulative}}
  - {{metric: cooperation, reduce: final}}
"""


def example_sweep(folder: Path, samples: int = 8, analyse: bool = True) -> Path:
    """Run a small real Sobol sweep of the classroom scenario into ``folder`` (demos, tests).

    Through the sweep layer (``run_sweep`` in this process, then ``analyze_sweep``), so
    the folder is exactly what ``cartelsim sweep`` and ``sweep-analyze`` write.
    """
    from simulator.experiment.sweep import run_sweep
    from simulator.experiment.sweep.analysis import analyze_sweep

    folder.parent.mkdir(parents=True, exist_ok=True)
    spec = folder.parent / f"{folder.name}.sweep.yaml"
    spec.write_text(
        SMALL_SOBOL.format(
            name=folder.name,
            scenario=config.SHIPPED_SCENARIOS / "classroom.yaml",
            samples=samples,
        ),
        encoding="utf-8",
    )
    run_sweep(spec, folder, workers=1)
    if analyse:
        analyze_sweep(folder)
    return folder
