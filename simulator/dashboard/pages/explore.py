"""Explore: one scenario, live, month by month.

The setup (scenario, seed, horizon, lever settings) lives in the URL
(:mod:`simulator.dashboard.urlstate`), so the address bar is a link to the same run.
Each browser session builds its own model (:class:`~simulator.dashboard.live.LiveRun`,
made inside the page component); playing steps it on a thread that waits for each
frame to render before the next (``../shared/notes/dashboard-offline.md``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any, cast

import solara
from solara.alias import rv

from simulator.dashboard import config
from simulator.dashboard.charts import (
    MAP_MODES,
    axis_label,
    cartel_colours,
    map_legend,
    tilemap_option,
    timeseries_option,
)
from simulator.dashboard.components import (
    Data,
    EventList,
    KpiCards,
    LiveChart,
    RuleCard,
    kpi_card,
    legend_html,
    live_chart,
    use_guard,
)
from simulator.dashboard.levers import (
    GROUPS,
    LEVERS,
    LeverSpec,
    lever_blocks,
    levers_in_effect,
    override,
    override_path,
    with_override,
)
from simulator.dashboard.live import LiveRun
from simulator.dashboard.player import SPEEDS, FrameClock, FrameDone, use_player
from simulator.dashboard.regions import tile_positions
from simulator.dashboard.scenario_files import list_scenarios, load_ref
from simulator.dashboard.urlstate import DEFAULT_SCENARIO, ExploreSetup, from_query
from simulator.events import Event
from simulator.metrics import METRIC_IDS, METRICS
from simulator.report.format import num
from simulator.scenario import Scenario, ScenarioError
from simulator.scenario.loader import SET

KPIS = (
    "homicides",
    "legitimacy",
    "territory_cartel_share",
    "fentanyl_to_us_kg",
    "cooperation",
    "us_citizens_harmed",
)
CHARTS = ("homicides", "legitimacy", "territory_cartel_share", "fentanyl_to_us_kg")
FEED_LENGTH = 30

last_query = solara.reactive("")  # per browser tab: the Explore setup to return to


@dataclass(frozen=True)
class Loaded:
    """A setup resolved to a scenario, with what had to be dropped and why."""

    setup: ExploreSetup  # what runs: the requested setup minus what could not be applied
    scenario: Scenario | None
    problems: tuple[str, ...]


def load_setup(setup: ExploreSetup) -> Loaded:
    """Load a setup's scenario; drop overrides the loader rejects, and say so."""
    notes: list[str] = []
    refs = {e.ref for e in list_scenarios()}
    if setup.scenario not in refs:
        notes.append(f"no scenario {setup.scenario!r}; showing {DEFAULT_SCENARIO}")
        setup = ExploreSetup(scenario=DEFAULT_SCENARIO)
    if setup.months is not None and setup.months > config.MAX_MONTHS:
        notes.append(
            f"months={setup.months} is over the dashboard's cap of {config.MAX_MONTHS}; "
            "using the scenario's horizon"
        )
        setup = setup.but(months=None)
    try:
        return Loaded(setup, load_ref(setup.scenario, setup.overrides), tuple(notes))
    except ScenarioError as err:
        rejected = {p.path for p in err.problems if p.file == SET}
        keep = tuple(
            o for o in setup.overrides if o not in rejected and override_path(o) not in rejected
        )
        if keep == setup.overrides:
            return Loaded(setup, None, (*notes, *(str(p) for p in err.problems)))
        notes += [f"setting not applied: {p.path}: {p.message}" for p in err.problems]
        return load_setup_without(setup.but(overrides=keep), tuple(notes))


def load_setup_without(setup: ExploreSetup, notes: tuple[str, ...]) -> Loaded:
    """Load a setup whose rejected overrides were removed (a second failure is reported)."""
    try:
        return Loaded(setup, load_ref(setup.scenario, setup.overrides), notes)
    except ScenarioError as err:
        return Loaded(setup, None, (*notes, *(str(p) for p in err.problems)))


# --------------------------------------------------------------------------- the page


@solara.component
def Page() -> None:
    """The Explore page: setup controls on the left, the live run on the right."""
    router = solara.use_router()
    setup, url_notes = from_query(router.search)
    if not router.search and last_query.value:
        setup, url_notes = from_query(last_query.value)
    loaded = solara.use_memo(lambda: load_setup(setup), [setup])
    reset, set_reset = solara.use_state(0)
    guard = use_guard()

    def remember() -> None:
        last_query.set(loaded.setup.to_query())

    solara.use_effect(remember, [loaded.setup])

    def make_run() -> LiveRun | None:
        if loaded.scenario is None:
            return None
        return LiveRun(loaded.scenario, seed=loaded.setup.seed, months=loaded.setup.months)

    run = solara.use_memo(make_run, [loaded, reset])

    def push(new: ExploreSetup) -> None:
        router.push(f"/?{new.to_query()}")

    with solara.Row(style={"align-items": "flex-start", "flex-wrap": "nowrap"}, gap="16px"):
        with solara.Column(classes=["cs-side"]):
            SetupPanel(loaded, run, guard(push))
        with solara.Column(classes=["cs-main"]):
            for note in (*url_notes, *loaded.problems):
                solara.Warning(note, dense=True)
            if run is None:
                solara.Error("This scenario cannot run; fix it in the Editor.")
            else:
                LivePanel(run, on_reset=guard(lambda: set_reset(reset + 1))).key(f"run-{id(run)}")


# --------------------------------------------------------------------------- setup controls


@solara.component
def SetupPanel(
    loaded: Loaded, run: LiveRun | None, on_setup: Callable[[ExploreSetup], None]
) -> None:
    """Scenario, seed, horizon and the levers, grouped by actor, in one of the scenario's blocks."""
    setup, scenario = loaded.setup, loaded.scenario
    entries = list_scenarios()
    solara.Select(
        label="Scenario",
        values=[e.ref for e in entries],
        value=setup.scenario,
        on_value=lambda ref: on_setup(ExploreSetup(scenario=ref)),
    )
    if scenario is not None:
        solara.Text(scenario.description.strip()[:400], classes=["cs-help"])
    with solara.Row(gap="8px"):
        solara.InputInt(
            "Seed",
            value=setup.seed if setup.seed is not None else (scenario.seed if scenario else 0),
            on_value=lambda s: on_setup(setup.but(seed=max(0, int(s)))),
        )
        solara.InputInt(
            f"Months (max {config.MAX_MONTHS})",
            value=run.months if run else (setup.months or 60),
            on_value=lambda m: on_setup(setup.but(months=int(m))),
        )
    block_key, set_block_key = solara.use_state("")
    open_groups, set_open_groups = solara.use_state([0])
    if scenario is None:
        return
    blocks = lever_blocks(scenario)
    block = next((b for b in blocks if b.key == block_key), blocks[0])
    if len(blocks) > 1:
        solara.Select(
            label="Levers of",
            values=[b.label for b in blocks],
            value=block.label,
            on_value=lambda label: set_block_key(next(b.key for b in blocks if b.label == label)),
        )
    window = f"months {block.start}-{block.end}" if block.end else f"from month {block.start}"
    solara.Text(
        f"Values in force when this block begins ({window}); later phases still set their own.",
        classes=["cs-help"],
    )
    values = levers_in_effect(scenario, block)

    def set_lever(spec: LeverSpec, value: Any) -> None:
        new = override(block, spec.name, value)
        on_setup(setup.but(overrides=with_override(setup.overrides, new)))

    # only open groups get their sliders (fewer widgets to build when a page loads)
    with rv.ExpansionPanels(
        multiple=True, v_model=open_groups, on_v_model=set_open_groups, accordion=True, flat=True
    ):
        for i, (group, names) in enumerate(GROUPS.items()):
            with rv.ExpansionPanel():
                rv.ExpansionPanelHeader(children=[group], class_=f"cs-group-{i}")
                with rv.ExpansionPanelContent():
                    if i in open_groups:
                        for name in names:
                            LeverControl(LEVERS[name], values[name], set_lever).key(
                                f"{block.key}-{name}"
                            )
    if setup.overrides:
        solara.Text(f"{len(setup.overrides)} lever setting(s) changed:", classes=["cs-note"])
        for o in setup.overrides:
            solara.Text(o, classes=["cs-help", "cs-code"])
        solara.Button(
            "Undo lever changes",
            on_click=lambda: on_setup(setup.but(overrides=())),
            small=True,
            outlined=True,
        )
    solara.Text(
        "The address bar holds this setup: copy it to share the same run.", classes=["cs-help"]
    )


@solara.component
def LeverControl(spec: LeverSpec, value: Any, on_change: Callable[[LeverSpec, Any], None]) -> None:
    """A slider (numbers) or a select (choices) for one lever, with its unit and meaning."""
    if spec.numeric:
        LeverSlider(spec, float(value), on_change)
    else:
        solara.Select(
            label=spec.label,
            values=list(spec.choices),
            value=str(value),
            on_value=lambda v: on_change(spec, v),
        )
        solara.Text(spec.description, classes=["cs-help"])


@solara.component
def LeverSlider(spec: LeverSpec, value: float, on_change: Callable[[LeverSpec, Any], None]) -> None:
    """A lever slider: applies its value when released (not on every pixel of a drag)."""
    scale, unit = spec.scale

    def changed(*args: Any) -> None:
        data = args[-1]
        try:
            v = spec.clamp(float(data) * scale)
        except (TypeError, ValueError):
            return
        on_change(spec, v)

    solara.Text(
        f"{spec.label}: {num(float(value) / scale)} {unit}",
        classes=["cs-note", f"cs-lever-value-{spec.name}"],
    )
    slider = rv.Slider(
        v_model=float(value) / scale,
        min=(spec.minimum or 0.0) / scale,
        max=(spec.maximum if spec.maximum is not None else 1.0) / scale,
        step=spec.step / scale,
        thumb_label=True,
        hide_details=True,
        dense=True,
        class_=f"cs-lever cs-lever-{spec.name}",
    )
    rv.use_event(slider, "change", changed)
    solara.Text(spec.description, classes=["cs-help"])


# --------------------------------------------------------------------------- the live run


@solara.component
def LivePanel(run: LiveRun, on_reset: Callable[[], None]) -> None:
    """Run controls, KPI cards, map, event feed, charts and month detail of one live run.

    The month is a reactive value only the parts that show it read, so a frame
    re-renders those parts and not the layout around them. Playing steps the model
    on a thread that waits for each frame to render before the next, so frames are
    not merged; the server-side time of each frame (step + render) is shown.
    """
    playing, set_playing = solara.use_state(False)
    speed, set_speed = solara.use_state("max")
    charts, set_charts = solara.use_state(list(CHARTS))
    selected, set_selected = solara.use_state(cast(int | None, None))
    selected_event, set_selected_event = solara.use_state(-1)
    map_mode, set_map_mode = solara.use_state("controlling_cartel")
    player = use_player(run, playing, set_playing, speed)
    tick = player.tick
    guard = use_guard()

    def select_event(i: int) -> None:
        events = run.events()
        if 0 <= i < len(events):
            set_selected(events[i].month)
            set_selected_event(i)

    def chart_click(data: dict[str, Any]) -> None:
        value = data.get("value")
        if isinstance(value, list | tuple) and value:
            set_selected(int(round(float(value[0]))))
            set_selected_event(-1)

    with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}, gap="8px"):
        solara.Button(
            "Reset", on_click=on_reset, outlined=True, icon_name="mdi-restart", classes=["cs-reset"]
        )
        solara.Button(
            "Step",
            on_click=guard(player.step),
            outlined=True,
            disabled=playing,
            icon_name="mdi-step-forward",
            classes=["cs-step"],
        )
        solara.Button(
            "Pause" if playing else "Play",
            on_click=lambda: set_playing(not playing),
            color="primary",
            icon_name="mdi-pause" if playing else "mdi-play",
            classes=["cs-play"],
        )
        solara.ToggleButtonsSingle(value=speed, values=list(SPEEDS), on_value=set_speed, dense=True)
        solara.Text("months/s", classes=["cs-note"])
    MonthLine(run, tick, player.clock)
    KpiRow(run, tick)
    with solara.Row(gap="12px", style={"flex-wrap": "wrap", "align-items": "flex-start"}):
        with solara.Column(classes=["cs-card"], style={"flex": "0 0 auto"}):
            with solara.Row(style={"align-items": "center"}, gap="8px"):
                solara.Text("Map", classes=["cs-chart-title"])
                solara.ToggleButtonsSingle(
                    value=MAP_MODES[map_mode],
                    values=list(MAP_MODES.values()),
                    on_value=lambda label: set_map_mode(
                        next(k for k, v in MAP_MODES.items() if v == label)
                    ),
                    dense=True,
                    classes=["cs-map-mode"],
                )
            MapView(run, tick, map_mode)
        with solara.Column(style={"flex": "1 1 320px", "min-width": "300px"}):
            Feed(run, tick, selected_event, guard(select_event))
    with solara.Row(gap="8px", style={"flex-wrap": "wrap"}):
        for metric_id in charts:
            ChartCard(run, tick, metric_id, selected, guard(chart_click)).key(f"chart-{metric_id}")
    rv.Select(
        label="Charts (up to 6)",
        items=[{"text": METRICS[m].label, "value": m} for m in METRIC_IDS],
        v_model=charts,
        on_v_model=lambda v: set_charts(list(v)[:6]),
        multiple=True,
        chips=True,
        small_chips=True,
        dense=True,
        hide_details=True,
        class_="cs-chart-picker",
    )
    if selected is not None:
        events = run.events()
        focus = events[selected_event].rule if 0 <= selected_event < len(events) else None
        MonthDetail(run, tick, selected, focus, on_close=lambda: set_selected(None))
    FrameDone(player)


@solara.component
def MonthLine(run: LiveRun, tick: solara.Reactive[int], clock: FrameClock) -> None:
    """Month, calendar month, current phase and the server's frame time."""
    month = tick.value
    label = run.labels[month - 1] if month else run.scenario.start
    phase = next((p[2] for p in run.phases if p[0] <= max(month, 1) <= p[1]), "")
    solara.HTML(
        tag="div",
        classes=["cs-month-line"],
        unsafe_innerHTML=f'<span class="cs-month">Month {month} of {run.months} · {label}</span>'
        f'<span class="cs-phase">{escape(phase)}</span>'
        f'<span class="cs-frame">{escape(clock.text())}</span>',
    )


@solara.component
def KpiRow(run: LiveRun, tick: solara.Reactive[int]) -> None:
    """The KPI cards: outcome so far against the status quo over the same months."""
    _ = tick.value
    KpiCards(cards=[kpi_card(m, *run.kpi(m)) for m in KPIS])


def event_rows(events: list[Event]) -> list[dict[str, Any]]:
    """The newest events first, as the event list shows them (``i``: index in the log)."""
    start = max(0, len(events) - FEED_LENGTH)
    return [
        {"i": i, "month": e.month, "rule": e.rule, "text": e.text}
        for i, e in reversed(list(enumerate(events[start:], start)))
    ]


@solara.component
def Feed(
    run: LiveRun, tick: solara.Reactive[int], selected: int, on_select: Callable[[int], None]
) -> None:
    """The live event feed with rule ids; clicking an event explains it."""
    _ = tick.value
    events = run.events()
    EventList(
        events=event_rows(events),
        title=f"Events ({len(events)} so far); click one for its rule and source",
        selected=selected,
        empty="No events yet: press Play or Step.",
        event_select=on_select,
    )


@solara.component
def ChartCard(
    run: LiveRun,
    tick: solara.Reactive[int],
    metric_id: str,
    selected: int | None,
    on_click: Callable[[Any], None],
) -> None:
    """A chart with its title, unit and better-direction."""
    with solara.Column(classes=["cs-card"], style={"flex": "1 1 420px", "min-width": "380px"}):
        rv.Html(
            tag="div",
            class_="cs-chart-title",
            children=[
                METRICS[metric_id].label,
                rv.Html(tag="span", class_="cs-chart-unit", children=[axis_label(metric_id)]),
            ],
        )
        Chart(run, tick, metric_id, selected, on_click)


@solara.component
def Chart(
    run: LiveRun,
    tick: solara.Reactive[int],
    metric_id: str,
    selected: int | None,
    on_click: Callable[[Any], None],
) -> None:
    """One metric so far against its status quo, phases shaded; a click picks a month."""
    _ = tick.value
    live_chart(
        Data(
            timeseries_option(
                metric_id,
                run.history[metric_id],
                run.baseline_values[metric_id],
                run.months,
                run.phases,
                selected,
            )
        ),
        on_click=on_click,
        style="height: 200px; width: 100%",
        classes=f"cs-chart cs-chart-{metric_id}",
    )


@solara.component
def MapView(run: LiveRun, tick: solara.Reactive[int], mode: str) -> None:
    """Mexico's states (or a synthetic world's regions) as tiles, coloured by ``mode``."""
    _ = tick.value
    model = run.model
    frame = model.region_frame()
    positions = tile_positions(list(frame.index))
    names = {code: model.world.region_name(code) for code in model.world.regions}
    groups = {c.code: c.name for c in model.cartels}
    colours = cartel_colours(
        [c.code for c in model.cartels if c.kind != "local"],
        [c.code for c in model.cartels if c.kind == "local"],
    )
    cols = max(c for c, _ in positions.values()) + 1
    rows = max(r for _, r in positions.values()) + 1
    tile = 40
    LiveChart(
        Data(tilemap_option(frame, positions, names, mode, colours, tile, groups)),
        style=f"height: {rows * (tile + 5) + 6}px; width: {cols * (tile + 5) + 6}px",
        classes="cs-map",
    )
    solara.HTML(
        tag="div",
        unsafe_innerHTML=legend_html(map_legend(mode, colours, frame, groups)),
        classes=["cs-legend"],
    )


@solara.component
def MonthDetail(
    run: LiveRun,
    tick: solara.Reactive[int],
    month: int,
    rule_id: str | None,
    on_close: Callable[[], None],
) -> None:
    """What happened in one month and why: its events, and each rule's statement and source."""
    _ = tick.value
    events = run.events_in(month)
    label = run.labels[month - 1] if 1 <= month <= len(run.labels) else f"month {month}"
    with rv.Card(class_="cs-month-detail", outlined=True, style_="margin-top: 10px"):
        rv.CardTitle(children=[f"What happened in month {month} ({label}) and why"])
        with rv.CardText():
            if month > run.month:
                solara.Text("This month has not been simulated yet.", classes=["cs-note"])
            elif not events:
                solara.Text(
                    "No discrete events this month: the rules acted only on the continuous "
                    "state (workforce, money, guns, communities).",
                    classes=["cs-note"],
                )
            if events:
                items = "".join(
                    f"<li><b>{escape(e.rule)}</b> · {escape(e.actor)}"
                    f"{' in ' + escape(run.model.world.region_name(e.region)) if e.region else ''}"
                    f": {escape(e.text)}</li>"
                    for e in events
                )
                solara.HTML(tag="ul", unsafe_innerHTML=items, classes=["cs-month-events"])
            rules = list(dict.fromkeys(e.rule for e in events))
            if rule_id and rule_id in rules:
                rules.remove(rule_id)
                rules.insert(0, rule_id)
            counts = {r: sum(1 for e in events if e.rule == r) for r in rules}
            for r in rules:
                RuleCard(r, counts[r])
            solara.Button("Close", on_click=on_close, text=True)
