"""sweep-analyze: Sobol indices through the real path (Ishigami), influence ranking, figures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from simulator.cli import main
from simulator.experiment.sweep import run_sweep
from simulator.experiment.sweep.analysis import analyze_sweep
from simulator.report.sweep_figures import draw_figures
from tests.experiment.conftest import write_spec
from tests.experiment.toy_models import ISHIGAMI_S1, ISHIGAMI_ST

ISHIGAMI = """\
name: ishigami
model: tests.experiment.toy_models:ishigami
parameters:
  - {path: x1, range: [-3.141592653589793, 3.141592653589793]}
  - {path: x2, range: [-3.141592653589793, 3.141592653589793]}
  - {path: x3, range: [-3.141592653589793, 3.141592653589793]}
design: {kind: sobol, samples: 2048, seed: 11}
outputs: [{name: y}]
"""


def test_ishigami_indices_are_recovered_through_sweep_and_sweep_analyze(tmp_path: Path) -> None:
    """The CLI end to end: Saltelli design, store, analysis; SALib's own tolerance."""
    spec = write_spec(tmp_path, ISHIGAMI)
    out = tmp_path / "out"
    assert main(["sweep", str(spec), "--out", str(out), "--workers", "1", "--quiet"]) == 0
    assert main(["sweep-analyze", str(out), "--no-figures", "--quiet"]) == 0
    indices = pd.read_csv(out / "analysis" / "sobol_indices.csv")
    assert indices["parameter"].tolist() == ["x1", "x2", "x3"]
    # SALib's regression tests: assert_allclose(S1, ..., atol=5e-2, rtol=1e-1)
    np.testing.assert_allclose(indices["S1"], ISHIGAMI_S1, atol=5e-2, rtol=1e-1)
    np.testing.assert_allclose(indices["ST"], ISHIGAMI_ST, atol=5e-2, rtol=1e-1)
    assert (indices["S1_conf"] > 0).all() and (indices["S1_conf"] < 0.1).all()
    ranking = pd.read_csv(out / "analysis" / "influence.csv")
    assert ranking["parameter"].tolist() == ["x1", "x2", "x3"]  # ST 0.56 > 0.44 > 0.24
    assert (ranking["method"] == "sobol total index").all()


def test_influence_ranking_and_figures_for_any_design(tmp_path: Path) -> None:
    spec = write_spec(
        tmp_path,
        "name: lin\nmodel: tests.experiment.toy_models:linear\nparameters:\n"
        "  - {path: a, range: [0, 1]}\n  - {path: b, range: [0, 1]}\n"
        "  - {path: colour, values: [red, blue]}\n"
        "design: {kind: lhs, samples: 200, seed: 4}\nreplications: 2\noutputs: [{name: y}]\n",
    )
    run_sweep(spec, tmp_path / "out", workers=1)
    result = analyze_sweep(tmp_path / "out", draw=draw_figures)
    y = result.influence[result.influence["output"] == "y"].set_index("parameter")
    assert (
        y.loc["a", "rank"] == 1
        and y.loc["a", "method"] == "spearman"
        and y.loc["a", "spearman"] > 0.8
    )
    assert y.loc["colour", "method"] == "eta" and y.loc["colour", "rank"] == 2
    assert y.loc["b", "rank"] == 3
    noise = result.outputs.set_index("output").loc["y", "replication_noise_share"]
    assert 0 < noise < 0.01  # noise sd 0.05 against a spread of about 1
    assert len(result.point_means) == 200 and result.sobol is None
    figures = tmp_path / "out" / "analysis" / "figures"
    for name in ("scatter_y.png", "influence.png"):
        assert (figures / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not (figures / "sobol_y.png").exists()


def test_sobol_indices_need_every_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = write_spec(tmp_path, ISHIGAMI.replace("samples: 2048", "samples: 8"))
    out = tmp_path / "out"
    run_sweep(spec, out, workers=1, chunk_runs=10)
    sorted((out / "runs").glob("part-*.parquet"))[-1].unlink()
    assert main(["sweep-analyze", str(out), "--quiet"]) == 2
    assert (
        "Sobol indices need every run of the design: 30 of 40 are stored" in capsys.readouterr().err
    )
