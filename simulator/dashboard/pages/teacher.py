"""Assumptions and limits: what a teacher should know before showing the model to a class.

Read from ``docs/ODD.md`` (the model in the ODD protocol) and ``docs/RULES.md`` (the
rules, their sources and the known limitations), plus the dashboard's own caps.
"""

from __future__ import annotations

from html import escape

import solara

from simulator.dashboard import config
from simulator.dashboard.docs import ODD, RULES, doc_section
from simulator.dashboard.rulebook import rules

SECTIONS = (
    (RULES, "Known limitations", "Known limitations (docs/RULES.md)"),
    (ODD, "1.1 Purpose", "Purpose (docs/ODD.md §1.1)"),
    (
        ODD,
        "1.3 Reconciling",
        "Homicides: the paper's dynamics and the recorded figures (docs/ODD.md §1.3)",
    ),
    (RULES, "Status-quo levers", "The status quo every scenario starts from (docs/RULES.md)"),
    (ODD, "3. Process overview", "What happens in one month (docs/ODD.md §3)"),
)


def caps_html() -> str:
    """The dashboard's caps, as a list."""
    items = [
        f"months of a run or comparison: at most {config.MAX_MONTHS}",
        f"scenarios in a comparison: {config.MIN_COMPARE_SCENARIOS} to {config.MAX_COMPARE_SCENARIOS}",
        f"replications per scenario: at most {config.MAX_REPLICATIONS}; runs per comparison: "
        f"at most {config.MAX_COMPARE_RUNS}",
        f"comparisons running at once on the server: {config.MAX_BACKGROUND_JOBS} "
        "(others wait their turn)",
        f"a scenario file: at most {config.MAX_SCENARIO_BYTES:,} bytes, {config.MAX_AGENTS} "
        f"cartels, local groups and enforcement bodies, {config.MAX_POLICY_ITEMS} phases, "
        "triggers and operations",
    ]
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


@solara.component
def Page() -> None:
    """The model's assumptions and limits, its rules and sources, the server's caps."""
    with solara.Column(classes=["cs-doc"]):
        solara.HTML(
            tag="div",
            unsafe_innerHTML="<h2>Before you show this to a class</h2><p>CartelSim compares "
            "policies with each other under the same assumptions; it is not a forecast. Every "
            "number in a shipped scenario carries its source or is marked as an assumption. "
            "Below: what the model leaves out or simplifies, what it is for, how it treats "
            "recorded homicides, and the rules with their sources.</p>",
        )
        for path, heading, title in SECTIONS:
            body = doc_section(path, heading)
            if body:
                with solara.Details(title, expand=heading == "Known limitations"):
                    solara.HTML(tag="div", unsafe_innerHTML=body, classes=["cs-doc-section"])
        table = "".join(
            f"<tr><td><b>{escape(r.id)}</b></td><td>{escape(r.title)}</td>"
            f"<td>{escape(r.source.replace('`', ''))}</td></tr>"
            for r in rules().values()
        )
        with solara.Details("The rules and their sources (docs/RULES.md)"):
            solara.HTML(
                tag="table",
                unsafe_innerHTML=f"<tr><th>rule</th><th>title</th><th>source</th></tr>{table}",
                classes=["cs-table"],
            )
        solara.HTML(
            tag="div",
            unsafe_innerHTML="<h3>This server's caps</h3><p>Requests beyond these are refused "
            "with a message, so one user cannot stall the server for a class:</p>" + caps_html(),
        )
