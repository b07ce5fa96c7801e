"""The dashboard in a real browser: the server as users run it, driven by Debian's Chromium.

Each test drives the running server (see ``conftest.py``) the way a user would and
checks what the page shows. ECharts draws asynchronously, so the tests wait for a
chart's instance and read its option rather than counting elements.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from simulator.dashboard.components import plain
from simulator.dashboard.rulebook import rule

pytestmark = pytest.mark.browser

LOAD = 60_000  # ms: the first page of a session builds its model


def month(page: Page) -> int:
    """The month the Explore (or preview) month line shows."""
    return int(re.search(r"Month (\d+)", page.inner_text(".cs-month")).group(1))


def wait_month(page: Page, at_least: int, timeout: float = 30_000) -> None:
    page.wait_for_function(
        f"() => {{ const m = document.querySelector('.cs-month'); "
        f"return m && parseInt(m.textContent.split(' ')[1]) >= {at_least} }}",
        timeout=timeout,
    )


def chart(page: Page, css: str, expression: str):
    """Evaluate ``expression`` on the ECharts option of the chart under ``css`` (once drawn)."""
    page.wait_for_function(
        f"() => {{ const el = document.querySelector('{css}'); "
        "return el && el.__vue__ && el.__vue__.chart }",
        timeout=LOAD,
    )
    return page.evaluate(
        f"() => {{ const o = document.querySelector('{css}').__vue__.chart.getOption(); "
        f"return {expression} }}"
    )


def step(page: Page, months: int) -> None:
    """Press Step ``months`` times, each time waiting for the month to move on."""
    start = month(page)
    for k in range(1, months + 1):
        page.click(".cs-step")
        wait_month(page, start + k)


def pause(page: Page) -> int:
    """Press Pause and wait until the month stops moving; return it."""
    page.click(".cs-play")
    expect(page.locator(".cs-play")).to_contain_text("Play")
    page.wait_for_timeout(300)
    return month(page)


def open_explore(page: Page, url: str, query: str = "scenario=classroom") -> None:
    page.goto(f"{url}?{query}")
    page.wait_for_selector(".cs-play", timeout=LOAD)
    chart(page, ".cs-chart-homicides", "1")


def test_play_advances_the_month_and_changes_charts_and_map(tab: Page, dashboard) -> None:
    page = tab
    open_explore(page, dashboard.url)
    page.click(".cs-map-mode >> text=Homicide rate")
    page.wait_for_timeout(300)
    assert month(page) == 0
    points_before = chart(page, ".cs-chart-homicides", "o.series[0].data.length")
    colours_before = chart(page, ".cs-map", "o.series[0].data.map(d => d.itemStyle.color)")
    page.click(".cs-play")
    wait_month(page, 10)
    shown = pause(page)
    assert shown >= 10
    points_after = chart(page, ".cs-chart-homicides", "o.series[0].data.length")
    colours_after = chart(page, ".cs-map", "o.series[0].data.map(d => d.itemStyle.color)")
    assert points_before == 0
    assert points_after == shown, "the chart holds one point per month simulated"
    assert colours_after != colours_before, "the homicide-rate map did not change"
    assert len(colours_after) == 9  # the classroom world's regions


def test_a_lever_slider_changes_the_run(tab: Page, dashboard) -> None:
    page = tab
    open_explore(page, dashboard.url)
    step(page, 4)
    before = page.inner_text(".cs-kpi-homicides .cs-kpi-value")
    slider = page.locator(".cs-lever-unilateral_strikes_per_month .v-slider").first
    box = slider.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + box["height"] / 2)
    page.wait_for_function("() => location.search.includes('unilateral_strikes_per_month')")
    overrides = parse_qs(urlparse(page.url).query)["set"]
    assert any(
        o.startswith("policy.phases[0].levers.unilateral_strikes_per_month=") for o in overrides
    )
    wait_month(page, 0)
    page.wait_for_function(
        "() => document.querySelector('.cs-month').textContent.startsWith('Month 0')"
    )
    step(page, 4)
    after = page.inner_text(".cs-kpi-homicides .cs-kpi-value")
    assert after != before, "strikes from month 1 should change homicides in four months"
    # the link reproduces the setup: a new tab with this URL shows the changed lever
    shared = page.context.new_page()
    shared.goto(page.url)
    shared.wait_for_selector(".cs-lever-value-unilateral_strikes_per_month", timeout=LOAD)
    value = shared.inner_text(".cs-lever-value-unilateral_strikes_per_month")
    assert not value.endswith(": 0 strikes/month"), value
    shared.close()


def test_clicking_an_event_shows_its_rule_and_source(tab: Page, dashboard) -> None:
    page = tab
    open_explore(page, dashboard.url, "scenario=mine/my_strikes")
    page.click(".cs-play")
    page.wait_for_selector(".cs-event", timeout=30_000)
    wait_month(page, 3)
    pause(page)
    event = page.locator(".cs-event").first
    rule_id = event.get_attribute("data-rule")
    event_month = int(event.get_attribute("data-month"))
    event.click()
    detail = page.locator(".cs-month-detail")
    expect(detail).to_contain_text(f"month {event_month}", timeout=10_000)
    card = detail.locator(".cs-rule").first
    documented = rule(rule_id)
    assert documented is not None, f"{rule_id} is not in docs/RULES.md"
    expect(card).to_contain_text(f"{rule_id} {documented.title}")
    expect(card).to_contain_text(plain(documented.statement)[:60])
    expect(card).to_contain_text("Source: " + plain(documented.source)[:40])


def test_an_invalid_edit_shows_its_line_the_preview_runs_on_and_saving_out_is_refused(
    tab: Page, dashboard
) -> None:
    page = tab
    page.goto(dashboard.url + "editor")
    page.wait_for_selector(".cs-ok", timeout=LOAD)
    area = page.locator("textarea")
    good = area.input_value() + "months: 120\n"  # long enough to be still running below
    area.fill(good)
    expect(page.locator(".cs-month")).to_contain_text("of 120", timeout=30_000)  # new preview
    line = next(i for i, t in enumerate(good.splitlines(), 1) if "gun_tracing: 0.6" in t)
    page.click(".cs-preview-play")
    wait_month(page, 2)
    bad = good.replace("gun_tracing: 0.6", "gun_tracing: 1.6")
    area.fill(bad)
    page.wait_for_selector(".cs-invalid", timeout=30_000)
    marked = page.locator(f'.cs-line.cs-bad[data-line="{line}"]')
    expect(marked).to_contain_text("gun_tracing: 1.6")
    expect(page.locator(".cs-invalid")).to_contain_text("must be ≤ 1, got 1.6")
    expect(page.locator(".cs-preview-name")).to_contain_text("last valid version")
    assert area.input_value() == bad, "the invalid text must stay as typed"
    first = month(page)
    page.wait_for_timeout(1200)
    assert month(page) > first, "the last valid scenario must keep running"

    # saving: refused outside the folder, and while the text is invalid
    name = page.get_by_label("Save as (inside your folder)")

    def save_as(target: str) -> None:
        name.fill(target)
        expect(page.locator(".cs-save")).to_contain_text(target)  # the server has the name
        page.click(".cs-save")

    save_as("kept.yaml")
    expect(page.locator(".cs-save-result")).to_contain_text("fix the problems first")
    area.fill(good)
    page.wait_for_selector(".cs-ok", timeout=30_000)
    for target, reason in (
        ("../escape2.yaml", "leaves your scenario folder"),
        (str(dashboard.outside / "abs.yaml"), "absolute path"),
        ("escape.yaml", "symlink"),
    ):
        save_as(target)
        expect(page.locator(".cs-save-result")).to_contain_text(reason, timeout=10_000)
    assert not (dashboard.scenarios.parent / "escape2.yaml").exists()
    assert not (dashboard.outside / "abs.yaml").exists()
    assert not (dashboard.outside / "escape.yaml").exists(), "wrote through the symlink"
    assert not (dashboard.scenarios / "kept.yaml").exists()
    save_as("saved_by_test.yaml")
    expect(page.locator(".cs-save-result")).to_contain_text("Saved", timeout=10_000)
    assert (dashboard.scenarios / "saved_by_test.yaml").read_text() == good


def test_compare_produces_its_table(tab: Page, dashboard) -> None:
    page = tab
    page.goto(dashboard.url + "compare")
    page.wait_for_selector(".cs-run-compare", timeout=LOAD)
    for label, value in (("Replications", "3"), ("Months", "6")):
        field = page.get_by_label(re.compile(f"^{label}"))
        field.fill(value)
        field.press("Enter")
    page.wait_for_timeout(300)
    page.click(".cs-run-compare")
    table = page.locator(".cs-results table")
    expect(table).to_be_visible(timeout=120_000)
    expect(table).to_contain_text("bilateral_roadmap")
    expect(table).to_contain_text("unilateral_strikes (reference)")
    expect(table).to_contain_text("State legitimacy")
    expect(table).to_contain_text("better in")
    assert "3 replications × 2 scenarios, 6 months" in page.inner_text(".cs-content")


def test_two_browser_contexts_do_not_share_state(browser: Browser, dashboard) -> None:
    a = browser.new_context().new_page()
    b = browser.new_context().new_page()
    try:
        open_explore(a, dashboard.url)
        step(a, 3)
        open_explore(b, dashboard.url)
        assert month(b) == 0, "a new session must start its own model"
        step(b, 1)
        a.wait_for_timeout(300)
        assert month(a) == 3 and month(b) == 1
        b.goto(dashboard.url + "compare")
        b.wait_for_selector(".cs-run-compare", timeout=LOAD)
        assert b.locator(".cs-results").count() == 0, "another session's comparison leaked"
    finally:
        a.context.close()
        b.context.close()


PAGES = {
    "?scenario=classroom": ".cs-kpis",
    "compare": ".cs-run-compare",
    "editor": ".cs-ok",
    "sweeps": ".cs-sweep-sobol canvas",  # the scatter above it, Sobol indices below
    "teacher": ".cs-doc",
    "classroom": ".cs-predict",  # last: it starts the server's classroom runs
}


def test_every_page_renders_and_no_request_leaves_the_machine(browser: Browser, dashboard) -> None:
    context = browser.new_context()
    urls: list[str] = []
    failed: list[str] = []
    context.on("request", lambda r: urls.append(r.url))
    context.on(
        "requestfailed",
        lambda r: (
            None if "ERR_ABORTED" in (r.failure or "") else failed.append(f"{r.failure} {r.url}")
        ),
    )
    context.on(
        "response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None
    )
    page = context.new_page()
    page.on("websocket", lambda ws: urls.append(ws.url))
    try:
        for path, marker in PAGES.items():
            page.goto(dashboard.url + path)
            page.wait_for_selector(marker, timeout=LOAD)
            assert page.locator(".cs-page-error").count() == 0, f"/{path} shows an error"
        page.wait_for_timeout(500)
    finally:
        context.close()
    hosts = {urlparse(u).hostname for u in urls}
    assert hosts == {"127.0.0.1"}, f"requests to other hosts: {sorted(hosts - {'127.0.0.1'})}"
    assert any(u.startswith("ws://127.0.0.1") for u in urls), "no websocket to the server"
    assert not failed, f"failed requests: {failed[:5]}"
    log = dashboard.log.read_text(errors="replace")
    assert "offline guard refused" not in log, "the server tried to reach another host"
    assert "Traceback" not in log, log[-3000:]
