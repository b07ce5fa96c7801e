"""Editor: a scenario's YAML with live validation, a running preview, diff and safe saving.

Every change is validated by the loader (:mod:`simulator.dashboard.editing`); its
file:line messages are shown next to their lines. The preview keeps running the
last valid version: an edit that fails changes nothing there, and the text stays as
typed. Saving writes only inside the user's scenario folder
(:func:`simulator.dashboard.scenario_files.save_text` refuses ``..``, absolute paths
and symlinks leading out).
"""

from __future__ import annotations

from html import escape
from typing import Any, cast

import solara

from simulator.dashboard import config
from simulator.dashboard.components import use_guard
from simulator.dashboard.editing import (
    Checked,
    check,
    listing,
    new_scenario_text,
    parent_scenario,
    rebase_extends,
    scenario_diff,
    user_folder,
)
from simulator.dashboard.live import LiveRun
from simulator.dashboard.pages.explore import ChartCard, KpiRow, MonthLine
from simulator.dashboard.player import FrameDone, use_player
from simulator.dashboard.scenario_files import list_scenarios, save_text
from simulator.scenario import Scenario, scenario_hash

PREVIEW_CHARTS = ("homicides", "legitimacy")
START_FROM = "classroom"  # a new scenario starts from the fast teaching world

# per browser tab: the text survives leaving the page and coming back
text_state = solara.reactive("")
name_state = solara.reactive("")
good_state = solara.reactive(cast(Scenario | None, None))


def _shown(name: str) -> str:
    return name.strip() or "<editor>"


@solara.component
def Page() -> None:
    """Open or start a scenario, edit it, see problems by line, the preview, diff and save."""
    folder = user_folder()
    entries = list_scenarios()
    guard = use_guard()
    start = next((e for e in entries if e.ref == START_FROM), entries[0])
    text = text_state.value or new_scenario_text(start.path, f"my_{start.path.stem}", folder)
    name = name_state.value or f"my_{start.path.stem}.yaml"
    shown = _shown(name)
    checked = solara.use_memo(lambda: check(text, shown, folder), [text, shown])
    saved, set_saved = solara.use_state(cast(tuple[bool, str] | None, None))

    def keep_good() -> None:  # the preview follows the last valid version
        good = good_state.value
        if checked.scenario is not None and (
            good is None or scenario_hash(good) != scenario_hash(checked.scenario)
        ):
            good_state.set(checked.scenario)

    solara.use_effect(keep_good, [checked])

    def open_entry(ref: str | None) -> None:
        if ref is None:
            return
        entry = next(e for e in entries if e.ref == ref)
        body = entry.path.read_text(encoding="utf-8")
        if entry.shipped:  # a copy for the user's folder: extends must still find its parent
            body = rebase_extends(body, entry.path.parent, folder)
            name_state.set(f"my_{entry.path.stem}.yaml")
        else:
            name_state.set(entry.path.relative_to(folder).as_posix())
        text_state.set(body)
        set_saved(None)

    def new_from(ref: str | None) -> None:
        if ref is None:
            return
        entry = next(e for e in entries if e.ref == ref)
        text_state.set(new_scenario_text(entry.path, f"my_{entry.path.stem}", folder))
        name_state.set(f"my_{entry.path.stem}.yaml")
        set_saved(None)

    def save() -> None:
        if not checked.ok:
            set_saved((False, "Not saved: fix the problems first (your text stays here)."))
            return
        try:
            path = save_text(name, text)
        except ValueError as err:
            set_saved((False, f"Not saved: {err}"))
            return
        set_saved((True, f"Saved {path.name} in your folder ({path.parent}); Explore lists it."))

    with solara.Row(gap="16px", style={"flex-wrap": "wrap", "align-items": "flex-end"}):
        solara.Select(
            label="Open a scenario",
            values=[e.ref for e in entries],
            value=None,
            on_value=guard(open_entry),
        )
        solara.Select(
            label="New scenario extending",
            values=[e.ref for e in entries],
            value=None,
            on_value=guard(new_from),
        )
        solara.Text(f"Your folder: {folder}", classes=["cs-note"])
    with solara.Row(gap="16px", style={"align-items": "flex-start", "flex-wrap": "wrap"}):
        with solara.Column(
            classes=["cs-editor"], style={"flex": "1 1 560px", "min-width": "480px"}
        ):
            solara.InputTextArea(
                "Scenario YAML",
                value=text,
                on_value=text_state.set,
                continuous_update=True,
                rows=30,
                auto_grow=False,
            )
            with solara.Row(gap="8px", style={"align-items": "center"}):
                solara.InputText(
                    "Save as (inside your folder)",
                    value=name,
                    on_value=name_state.set,
                    continuous_update=True,
                )
                solara.Button(
                    f"Save {name}", on_click=guard(save), color="primary", classes=["cs-save"]
                )
            if saved is not None:
                ok, message = saved
                (solara.Success if ok else solara.Error)(
                    message, dense=True, classes=["cs-save-result"]
                )
        with solara.Column(style={"flex": "1 1 460px", "min-width": "420px"}):
            Validation(checked, shown)
            Preview(good_state.value, checked.ok)
            Diff(checked, text)


@solara.component
def Validation(checked: Checked, shown: str) -> None:
    """Valid, or each problem next to its line of the text."""
    if checked.ok and checked.scenario is not None:
        solara.HTML(
            tag="div",
            unsafe_innerHTML=f'<span class="cs-ok">✓ valid</span>: scenario '
            f"<b>{escape(checked.scenario.name)}</b>, {checked.scenario.months} months; "
            "the preview runs this version.",
            classes=["cs-validation"],
        )
        return
    by_line = checked.by_line(shown)
    count = len(checked.problems)
    rows = listing(checked.text, by_line)
    parts = [
        f'<div class="cs-bad-text">✗ {count} problem{"s" if count != 1 else ""}: '
        "not applied; the preview keeps running the last valid version.</div>"
    ]
    for p in by_line.get(None, []):
        parts.append(
            f'<div class="cs-line-msg">{escape(shown)}: {escape(p.path)}: {escape(p.message)}</div>'
        )
    for p in checked.elsewhere(shown):
        parts.append(f'<div class="cs-line-msg">{escape(str(p))}</div>')
    if rows:
        html_rows = []
        for row in rows:
            if row["kind"] == "gap":
                html_rows.append('<div class="cs-gap">⋯</div>')
            elif row["kind"] == "msg":
                html_rows.append(f'<div class="cs-line-msg">▲ {escape(row["text"])}</div>')
            else:
                cls = "cs-line cs-bad" if row["bad"] else "cs-line"
                html_rows.append(
                    f'<div class="{cls}" data-line="{row["no"]}"><span class="cs-lineno">'
                    f"{row['no']}</span>{escape(row['text'])}</div>"
                )
        parts.append(f'<div class="cs-listing">{"".join(html_rows)}</div>')
    solara.HTML(tag="div", unsafe_innerHTML="".join(parts), classes=["cs-validation", "cs-invalid"])


@solara.component
def Preview(scenario: Scenario | None, current: bool) -> None:
    """The last valid version, running: play/pause, month, KPI cards, two charts."""
    if scenario is None:
        solara.Info("No valid version yet: the preview starts when the text is valid.")
        return
    key = scenario_hash(scenario)
    PreviewRun(scenario, current).key(f"preview-{key}")


@solara.component
def PreviewRun(scenario: Scenario, current: bool) -> None:
    """One preview run (remade when a new valid version arrives)."""
    months = min(scenario.months, config.MAX_MONTHS)
    run = solara.use_memo(lambda: LiveRun(scenario, months=months), [])
    playing, set_playing = solara.use_state(False)
    player = use_player(run, playing, set_playing, "5")
    guard = use_guard()
    with solara.Row(gap="8px", style={"align-items": "center"}):
        solara.Button(
            "Pause preview" if playing else "Play preview",
            on_click=lambda: set_playing(not playing),
            color="primary",
            classes=["cs-preview-play"],
        )
        solara.Button("Step", on_click=guard(player.step), outlined=True, disabled=playing)
        solara.Text(
            f"preview: {scenario.name}" + ("" if current else " (last valid version)"),
            classes=["cs-note", "cs-preview-name"],
        )
    MonthLine(run, player.tick, player.clock)
    KpiRow(run, player.tick)
    with solara.Row(gap="8px", style={"flex-wrap": "wrap"}):
        for metric_id in PREVIEW_CHARTS:
            ChartCard(run, player.tick, metric_id, None, lambda _data: None).key(f"pv-{metric_id}")
    FrameDone(player)


def _show(value: Any) -> str:
    if value is None:
        return "–"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


@solara.component
def Diff(checked: Checked, text: str) -> None:
    """What this scenario changes in the one it extends (field by field)."""
    folder = user_folder()
    parent = solara.use_memo(lambda: parent_scenario(text, folder), [text])
    if not checked.ok or checked.scenario is None:
        return
    if parent is None:
        solara.Text("This scenario extends no other: nothing to diff against.", classes=["cs-note"])
        return
    ext, base = parent
    rows = [
        (p, a, b)
        for p, a, b in scenario_diff(base, checked.scenario)
        if p not in ("name", "description")
    ]
    body = (
        "".join(
            f"<tr><td>{escape(p)}</td><td>{escape(_show(a))}</td><td>{escape(_show(b))}</td></tr>"
            for p, a, b in rows
        )
        or '<tr><td colspan="3">no field differs</td></tr>'
    )
    solara.HTML(
        tag="div",
        unsafe_innerHTML=f'<div class="cs-chart-title">Changes against {escape(ext)} '
        f"({len(rows)} field{'s' if len(rows) != 1 else ''})</div>"
        f'<table class="cs-table cs-diff"><tr><th>field</th><th>{escape(base.name)}</th>'
        f"<th>this scenario</th></tr>{body}</table>",
        classes=["cs-diff-block"],
    )
