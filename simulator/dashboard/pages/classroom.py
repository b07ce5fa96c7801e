"""TEMP."""

import solara


@solara.component
def Page():
    solara.Text("classroom page")
