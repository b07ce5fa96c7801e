"""TEMP."""

import solara


@solara.component
def Page():
    solara.Text("compare page")
