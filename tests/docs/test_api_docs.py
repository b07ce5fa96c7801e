"""The documentation site, with its API reference from the docstrings, builds without warnings.

``mkdocs build --strict`` turns every warning into a failure: a ``::: module`` that no
longer exists, a docstring griffe cannot parse (a parameter documented but not in the
signature, one without a type), a page missing from ``nav``'s files. Built into a
temporary folder, never into the repository.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from ..conftest import ROOT

pytest.importorskip("mkdocs")
pytest.importorskip("mkdocstrings_handlers.python")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    log = build.stdout + build.stderr
    assert build.returncode == 0, log
    assert "WARNING" not in log, log
    return out


def test_every_api_page_is_built_with_its_objects(site):
    pages = sorted((ROOT / "docs" / "api").glob("*.md"))
    assert pages
    for page in pages:
        html = site / "api" / page.with_suffix(".html").name
        assert html.is_file(), f"{page.name} was not built"
        wanted = [
            line.split()[1] for line in page.read_text().splitlines() if line.startswith(":::")
        ]
        text = html.read_text(encoding="utf-8")
        for obj in wanted:
            assert f'id="{obj}"' in text, f"{page.name}: {obj} has no section"


def test_reference_documents_the_public_entry_points(site):
    text = (site / "api" / "experiment.html").read_text(encoding="utf-8")
    for obj in (
        "simulator.experiment.replicate.compare",
        "simulator.experiment.replicate.Comparison.variance_split",
        "simulator.experiment.uncertainty.ParameterUncertainty",
        "simulator.experiment.robustness.run_robustness",
    ):
        assert f'id="{obj}"' in text, obj


def test_site_loads_nothing_from_the_internet(site):
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert 'src="http' not in text and 'src="//' not in text, page
        assert 'rel="stylesheet" href="http' not in text, page
