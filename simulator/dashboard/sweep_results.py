"""Sweep result folders, read in the format of ``cartelsim sweep`` (issue 9), with pandas alone.

A sweep folder holds ``manifest.json`` (spec hash, scenario hash, versions, design,
total runs) and a Parquet dataset with one row per run: run id, design point,
replication, seed, the parameter values (columns named by their dotted scenario
path) and the outputs. ``cartelsim sweep-analyze`` adds CSV files, among them the
Sobol indices. The sweep layer itself (``simulator.experiment.sweep``) is built on
another branch; this module reads only files, so the page works with any folder in
that format, and says when the layer is not installed.
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


def sweep_folders(root: Path | None = None) -> list[Path]:
    """Folders under ``root`` (default: the dashboard's runs folder) that hold a sweep manifest."""
    root = (root or config.current().runs).resolve()
    if not root.is_dir():
        return []
    found = [p.parent for p in root.glob("manifest.json")]
    found += [p.parent for p in root.glob("*/manifest.json")]
    found += [p.parent for p in root.glob("*/*/manifest.json")]
    return sorted({f.resolve() for f in found if f.resolve().is_relative_to(root)})


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
    total = len(runs)
    if total > MAX_ROWS:
        runs = runs.iloc[np.linspace(0, total - 1, MAX_ROWS).astype(int)].reset_index(drop=True)
    numeric = [c for c in runs.columns if pd.api.types.is_numeric_dtype(runs[c])]
    parameters = [c for c in _names(manifest.get("parameters")) if c in runs.columns]
    if not parameters:
        parameters = [c for c in numeric if ("." in c or "[" in c) and c not in BOOKKEEPING]
    outputs = [c for c in _names(manifest.get("outputs")) if c in runs.columns]
    if not outputs:
        outputs = [c for c in numeric if c not in parameters and c not in BOOKKEEPING]
    return SweepResult(folder, manifest, runs, parameters, outputs, _sobol_table(folder), total)


def example_sweep(folder: Path, points: int = 12, replications: int = 2, seed: int = 7) -> Path:
    """Write a small real sweep of the classroom scenario in issue 9's format (demos, tests).

    Two levers of the strike phase vary over a Latin-hypercube-like design; each point
    runs ``replications`` times with common seeds, through :func:`simulator.experiment.run`.
    """
    from simulator.experiment import replication_seeds, run
    from simulator.scenario import load_scenario, scenario_hash

    folder.mkdir(parents=True, exist_ok=True)
    params = {
        "policy.phases[1].levers.unilateral_strikes_per_month": (0.0, 6.0),
        "policy.phases[1].levers.gun_tracing": (0.0, 1.0),
    }
    rng = np.random.default_rng(seed)
    design = {
        p: lo + (hi - lo) * (rng.permutation(points) + rng.random(points)) / points
        for p, (lo, hi) in params.items()
    }
    seeds = replication_seeds(seed, replications)
    base = config.SHIPPED_SCENARIOS / "classroom.yaml"
    rows = []
    for i in range(points):
        overrides = [f"{p}={design[p][i]:.4f}" for p in params]
        scenario = load_scenario(base, overrides)
        for k, s in enumerate(seeds):
            ts = run(scenario, seed=s).timeseries
            rows.append(
                {
                    "run_id": i * replications + k,
                    "design_point": i,
                    "replication": k,
                    "seed": s,
                    **{p: float(f"{design[p][i]:.4f}") for p in params},
                    "homicides_total": float(ts["homicides"].sum()),
                    "legitimacy_final": float(ts["legitimacy"].iloc[-1]),
                    "cooperation_final": float(ts["cooperation"].iloc[-1]),
                }
            )
    pd.DataFrame(rows).to_parquet(folder / "part-00000.parquet", index=False)
    manifest = {
        "design": "lhs",
        "points": points,
        "replications": replications,
        "total_runs": points * replications,
        "scenario": str(base.name),
        "scenario_hash": scenario_hash(load_scenario(base)),
        "parameters": [{"path": p, "low": lo, "high": hi} for p, (lo, hi) in params.items()],
        "outputs": ["homicides_total", "legitimacy_final", "cooperation_final"],
        "note": "written by simulator.dashboard.sweep_results.example_sweep",
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return folder
