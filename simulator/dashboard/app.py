"""The Solara app: routes to the pages and the layout around them (``SOLARA_APP`` points here).

Serve it with ``cartelsim dashboard``, which sets the offline settings first
(:mod:`simulator.dashboard.server`). Nothing here builds a model: every page makes its
own inside its component, per browser session.
"""

from __future__ import annotations

import solara
from solara.alias import rv

from simulator.dashboard.components import PageGuard
from simulator.dashboard.pages import classroom, compare, editor, explore, sweeps, teacher
from simulator.dashboard.styles import CSS


@solara.component
def Layout(children: list[solara.Element] = []) -> None:  # noqa: B006
    """App bar with one tab per page; the page below it, guarded so an error stays in it."""
    route, routes = solara.use_route()
    solara.Title("CartelSim")
    solara.Style(CSS)
    with solara.Column(classes=["cs-app"], gap="0px", style={"min-height": "100vh"}):
        with solara.Row(classes=["cs-bar"], style={"align-items": "center"}):
            rv.Html(tag="span", class_="cs-bar-title", children=["CartelSim"])
            with solara.Row(classes=["cs-nav"], gap="2px"):
                for r in routes:
                    target = "/" if r.path == "/" else f"/{r.path}"
                    if r.path == "/" and explore.last_query.value:
                        target = f"/?{explore.last_query.value}"
                    with (
                        solara.Link(target),
                        solara.Div(classes=["cs-active"] if r is route else []),
                    ):
                        solara.Button(
                            r.label,
                            text=True,
                            dark=True,
                            classes=[f"cs-tab-{r.path.strip('/') or 'explore'}"],
                        )
        with solara.Column(classes=["cs-content"]):
            label = route.label if route is not None else "this"
            PageGuard(label or "this", children=children).key(f"guard-{label}")


routes = [
    solara.Route(path="/", component=explore.Page, label="Explore", layout=Layout),
    solara.Route(path="compare", component=compare.Page, label="Compare"),
    solara.Route(path="editor", component=editor.Page, label="Editor"),
    solara.Route(path="sweeps", component=sweeps.Page, label="Sweeps"),
    solara.Route(path="classroom", component=classroom.Page, label="Classroom"),
    solara.Route(path="teacher", component=teacher.Page, label="Assumptions & limits"),
]
