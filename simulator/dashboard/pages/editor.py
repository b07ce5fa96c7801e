"""TEMP."""

import solara


@solara.component
def Page():
    solara.Text("editor page")
