"""Pieces every page uses: the error guard, KPI cards, legends, rule cards, number text.

**Errors stay in their page.** :func:`PageGuard` wraps a page: an exception while it
renders, in one of its callbacks (through :func:`use_guard`) or in its background
thread (through the reporter from :func:`use_error_reporter`) shows an error panel
in that page, in that browser tab, with a way to start the page again. The server,
the other pages and the other users carry on.
"""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Callable, Sequence
from html import escape
from typing import Any, TypeVar, cast

import ipyvuetify
import solara
import traitlets
from solara.alias import rv

from simulator.dashboard.rulebook import rule
from simulator.metrics import METRICS, Better
from simulator.report.format import num

log = logging.getLogger("cartelsim.dashboard")

F = TypeVar("F", bound=Callable[..., Any])
Reporter = Callable[[BaseException], None]

_error_context = solara.create_context(cast(Reporter, lambda exc: log.error("unguarded: %r", exc)))


def use_error_reporter() -> Reporter:
    """The current page's error reporter (safe to call from any thread)."""
    return solara.use_context(_error_context)


def use_guard() -> Callable[[F], F]:
    """A decorator that turns an exception in a callback into this page's error panel."""
    report = use_error_reporter()

    def guard(fn: F) -> F:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except Exception as exc:
                report(exc)
                return None

        return cast(F, wrapped)

    return guard


@solara.component
def PageGuard(name: str, children: list[solara.Element] = []) -> None:  # noqa: B006
    """Render ``children``; on an exception, an error panel for this page instead of a blank app."""
    render_error, clear_render_error = solara.use_exception()
    callback_error, set_callback_error = solara.use_state(cast(BaseException | None, None))
    generation, set_generation = solara.use_state(0)

    def report(exc: BaseException) -> None:
        log.error(
            "error on the %s page: %s",
            name,
            "".join(traceback.format_exception(exc)),
        )
        set_callback_error(exc)

    _error_context.provide(report)
    error = render_error or callback_error

    def restart() -> None:
        clear_render_error()
        set_callback_error(None)
        set_generation(generation + 1)

    if error is not None:
        with solara.Column(classes=["cs-page-error"]):
            solara.Error(
                f"Something went wrong on the {name} page: {type(error).__name__}: {error}. "
                "Only this page in this tab is affected; the server and other users carry on."
            )
            with solara.Row():
                solara.Button("Start this page again", on_click=restart, color="primary")
            with solara.Details("Technical details"):
                solara.Preformatted("".join(traceback.format_exception(error))[-4000:])
    if render_error is None:
        solara.Column(children=list(children), style={"width": "100%"}).key(f"page-{generation}")


def delta_text(metric_id: str, value: float, base: float) -> tuple[str, str]:
    """``(text, css class)`` of a change against the baseline: ``+12 (+3%)``, coloured by better-direction."""
    if value != value or base != base:  # NaN
        return "–", "cs-neutral"
    diff = value - base
    pct = f" ({100 * diff / abs(base):+.0f}%)" if base and abs(base) > 1e-12 else ""
    better = METRICS[metric_id].better
    if abs(diff) <= 1e-9 * max(1.0, abs(base)) or better is Better.NEUTRAL:
        cls = "cs-neutral"
    elif (diff < 0) == (better is Better.LOWER):
        cls = "cs-better"
    else:
        cls = "cs-worse"
    return f"{num(diff, signed=True)}{pct}", cls


def kpi_card(metric_id: str, value: float, base: float, how: str) -> dict[str, str]:
    """The text of one KPI card: a headline number and its change against the status quo."""
    m = METRICS[metric_id]
    text, cls = delta_text(metric_id, value, base)
    return {
        "id": metric_id,
        "label": m.label,
        "value": num(value),
        "delta": f"{text} vs status quo",
        "cls": cls,
        "how": f"{m.unit}, {how}" if how else m.unit,
    }


@solara.component_vue("vue/kpi_cards.vue")
def KpiCards(cards: list[dict[str, str]]) -> None:
    """A row of KPI cards (one widget: a frame sends only their text)."""


@solara.component_vue("vue/event_feed.vue")
def EventList(
    events: list[dict[str, Any]],
    title: str = "",
    selected: int = -1,
    empty: str = "",
    event_select: Callable[[int], None] | None = None,
) -> None:
    """Events as rows ``m<month> <rule> text``; clicking one calls ``event_select(i)``."""


class Data:
    """A value handed to a component without reacton looking inside it.

    Reacton walks every list and dict in an element's arguments to find child
    elements, on every render; a chart's option with hundreds of points costs
    milliseconds a frame that way. Wrapped, it is passed as one opaque value.
    """

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


class LiveEchartsWidget(ipyvuetify.VuetifyTemplate):
    """An ECharts chart whose new options are merged in and drawn on the next animation frame."""

    template_file = (__file__, "vue/live_echarts.vue")
    attributes = traitlets.Dict(default_value={}).tag(sync=True)
    # The option as JSON text: ipywidgets walks every list and dict it sends (looking
    # for binary buffers), which costs more than the chart; a string is one value.
    option_json = traitlets.Unicode("{}").tag(sync=True)
    clickable = traitlets.Bool(False).tag(sync=True)
    on_click = traitlets.Callable(None, allow_none=True)

    def vue_on_click(self, data: Any) -> None:
        """A click on a chart item (called from the browser)."""
        if self.on_click is not None:
            self.on_click(data)


def live_chart(
    option: Data,
    on_click: Callable[[Any], None] | None = None,
    style: str = "height: 220px; width: 100%",
    classes: str = "",
) -> None:
    """Put an ECharts chart here, in the calling component, and push ``option`` after each render.

    A hook-like helper (it adds an effect to the caller), so a chart that changes every
    frame costs no component of its own; the chart must be the caller's only element
    (its root), which is where reacton finds its widget. The widget is made once and keeps its chart;
    each frame hands it the new option, outside the element tree (reacton does not
    walk the data), as JSON text (ipywidgets does not walk it either), and the browser
    merges it into the chart (``replaceMerge``, ``lazyUpdate``) instead of rebuilding it.
    """
    el = LiveEchartsWidget.element(
        on_click=on_click,
        clickable=on_click is not None,
        attributes={"style": style, "class": f"solara-echarts cs-echarts {classes}".strip()},
    )

    def push() -> None:
        widget = solara.get_widget(el)
        widget.option_json = json.dumps(option.value, separators=(",", ":"), allow_nan=False)

    solara.use_effect(push)


@solara.component
def LiveChart(
    option: Data,
    on_click: Callable[[Any], None] | None = None,
    style: str = "height: 220px; width: 100%",
    classes: str = "",
) -> None:
    """A chart as a component of its own (see :func:`live_chart`)."""
    live_chart(option, on_click, style, classes)


def plain(markdown: str) -> str:
    """Markdown inline text as plain text: code ticks and emphasis marks removed."""
    return markdown.replace("`", "").replace("**", "")


def legend_html(items: Sequence[tuple[str, str]]) -> str:
    """Coloured chips with labels, as HTML (a chart legend outside the chart)."""
    return "".join(
        f'<span class="cs-legend-item"><span class="cs-swatch" style="background:{escape(colour)}">'
        f"</span>{escape(label)}</span>"
        for label, colour in items
    )


@solara.component
def Legend(items: Sequence[tuple[str, str]]) -> None:
    """Coloured chips with labels (one widget)."""
    solara.HTML(tag="div", unsafe_innerHTML=legend_html(items), classes=["cs-legend"])


@solara.component
def RuleCard(rule_id: str, count: int | None = None) -> None:
    """A rule's statement and source from docs/RULES.md."""
    r = rule(rule_id)
    with rv.Card(class_="cs-rule", outlined=True):
        title = f"{rule_id} {r.title}" if r else rule_id
        if count is not None:
            title += f" ({count} event{'s' if count != 1 else ''} this month)"
        rv.CardTitle(class_="cs-rule-title", children=[title])
        if r is None:
            rv.CardText(children=[f"{rule_id} is not described in docs/RULES.md."])
            return
        rv.CardText(
            children=[
                rv.Html(
                    tag="div",
                    class_="cs-rule-statement",
                    children=[f"What the model does: {plain(r.statement)}"],
                ),
                rv.Html(
                    tag="div", class_="cs-rule-source", children=[f"Source: {plain(r.source)}"]
                ),
            ]
        )
