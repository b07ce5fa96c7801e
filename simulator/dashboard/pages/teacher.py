"""TEMP."""

import solara


@solara.component
def Page():
    solara.Text("teacher page")
