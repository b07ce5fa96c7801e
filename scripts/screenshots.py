"""Screenshots of every dashboard page, from the real server driven by Debian's Chromium.

    .venv/bin/python scripts/screenshots.py [--out runs/screenshots]

Starts ``cartelsim dashboard`` on a free port (a temporary scenario folder, and a
runs folder holding a small real sweep), then for each page does what a user would
(plays Explore and opens an event, runs a comparison, makes an invalid edit, picks a
sweep, makes a classroom prediction) and writes ``<page>.png`` into ``--out``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from simulator.dashboard.server import running_server
from simulator.dashboard.sweep_results import example_sweep

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def month_shown(page: Page) -> int:
    """The month the Explore page shows."""
    text = page.inner_text(".cs-month")
    return int(text.split()[1])


def explore(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".cs-play", timeout=90_000)
    page.wait_for_selector(".cs-map canvas", timeout=30_000)
    page.click(".cs-play")
    page.wait_for_function(
        "() => { const m = document.querySelector('.cs-month'); "
        "return m && parseInt(m.textContent.split(' ')[1]) >= 30 }",
        timeout=60_000,
    )
    page.click(".cs-play")  # pause
    page.click(".cs-event >> nth=0")
    page.wait_for_selector(".cs-rule", timeout=10_000)
    page.locator(".cs-map").scroll_into_view_if_needed()
    box = page.locator(".cs-map").bounding_box()
    if box:  # hover a tile in the middle of the country: its details show
        page.mouse.move(box["x"] + box["width"] * 0.42, box["y"] + box["height"] * 0.5)
    page.wait_for_timeout(800)


def compare(page: Page, url: str) -> None:
    page.goto(url + "compare")
    page.wait_for_selector(".cs-run-compare", timeout=60_000)
    reps = page.get_by_label("Replications")
    reps.fill("6")
    reps.press("Enter")
    page.wait_for_timeout(500)
    page.click(".cs-run-compare")
    page.wait_for_selector(".cs-results table", timeout=240_000)
    page.wait_for_selector("text=Download report.html", timeout=240_000)
    page.wait_for_timeout(1500)


def editor(page: Page, url: str) -> None:
    page.goto(url + "editor")
    page.wait_for_selector("textarea", timeout=60_000)
    page.wait_for_selector(".cs-ok", timeout=30_000)
    page.click(".cs-preview-play")
    page.wait_for_timeout(2500)
    area = page.locator("textarea")
    text = area.input_value()
    area.fill(text.replace("gun_tracing: 0.6", "gun_tracing: 1.6"))
    page.wait_for_selector(".cs-invalid", timeout=30_000)
    page.wait_for_timeout(1500)


def sweeps(page: Page, url: str) -> None:
    page.goto(url + "sweeps")
    page.wait_for_selector(".cs-sweep-scatter canvas", timeout=60_000)
    page.wait_for_selector(".cs-sweep-sobol canvas", timeout=60_000)
    page.wait_for_timeout(1000)


def classroom(page: Page, url: str) -> None:
    page.goto(url + "classroom")
    page.wait_for_selector(".cs-predict", timeout=60_000)
    page.click(".cs-predict >> text=higher")
    page.wait_for_selector(".cs-reveal:not([disabled])", timeout=300_000)
    page.click(".cs-reveal")
    page.wait_for_selector(".cs-classroom-chart canvas", timeout=30_000)
    page.wait_for_timeout(1000)


def teacher(page: Page, url: str) -> None:
    page.goto(url + "teacher")
    page.wait_for_selector(".cs-doc", timeout=60_000)
    page.wait_for_timeout(500)


PAGES = {
    "explore": explore,
    "compare": compare,
    "editor": editor,
    "sweeps": sweeps,
    "classroom": classroom,
    "teacher": teacher,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("runs/screenshots"))
    parser.add_argument("--only", nargs="+", choices=list(PAGES), help="only these pages")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cartelsim-shots-") as tmp:
        mine, runs = Path(tmp) / "my_scenarios", Path(tmp) / "runs"
        mine.mkdir()
        example_sweep(runs / "classroom-sobol", samples=32)
        with running_server(mine, runs) as (url, log), sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for name, action in PAGES.items():
                if args.only and name not in args.only:
                    continue
                page = browser.new_page(viewport={"width": 1440, "height": 1000})
                try:
                    action(page, url)
                finally:
                    path = args.out / f"{name}.png"
                    page.screenshot(path=path, full_page=True)
                    print(f"wrote {path}", flush=True)
                    page.close()
            browser.close()
            errors = [line for line in log.read_text().splitlines() if "Traceback" in line]
            if errors:
                print(f"server log {log} has {len(errors)} tracebacks", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
