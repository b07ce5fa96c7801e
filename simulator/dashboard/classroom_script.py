"""The classroom walk: the two headline scenarios phase by phase, predict then run.

Each step quotes a source document (a file in ``shared/seeds/``, cited by name; the
tests check every quote is verbatim in its file), asks the students to predict how
one metric moves against the status quo over the phase's months, and then shows the
outcome with its band from replicated runs (common random numbers, so the status quo
and the policy share their luck). Outcomes are the comparison layer's:
:func:`simulator.experiment.summary.summarize` over the step's months.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass

import pandas as pd

from simulator.dashboard.jobs import CompareJob, CompareRequest
from simulator.experiment import Comparison
from simulator.experiment.summary import outcome_kind, summarize
from simulator.metrics import METRICS

SEED_000 = "000_e98a4d01eef310bc.txt"  # the bilateral roadmap
SEED_001 = "001_9309a2aa01b5ae45.txt"  # conditional escalation
SEED_003 = "003_02aa098cb565a110.txt"  # JSOC strike plans
SEED_004 = "004_1a6ad31512e483b4.txt"  # "soft invasion"

STATUS_QUO = "baseline"
REPLICATIONS = 10  # enough for a 5-95% band to mean something, few enough for a lesson
CHOICES = ("higher", "about the same", "lower")
SAME_WITHIN = 0.02  # a change under 2% of the status quo (or a CI across zero) is "about the same"


@dataclass(frozen=True)
class Quote:
    """A short passage of a source document."""

    text: str
    seed: str  # file name in shared/seeds/


@dataclass(frozen=True)
class Step:
    """One stop of the walk: a scenario's phase, what the sources say, one prediction."""

    scenario: str  # shipped scenario reference
    title: str
    start: int  # first month
    end: int  # last month
    quotes: tuple[Quote, ...]
    explain: str  # what the policy does in these months (the scenario file's levers, in words)
    metric: str
    question: str


STEPS: tuple[Step, ...] = (
    Step(
        "unilateral_strikes",
        "Unilateral strikes: the first year",
        1,
        12,
        (
            Quote(
                "This plan, still in its preliminary stages, focuses on drone strikes and "
                "ground operations targeting key drug cartel figures and their laboratories.",
                SEED_003,
            ),
            Quote(
                "targeting cartel leaders essentially produces a succession crisis "
                "characterized by more violence.",
                SEED_004,
            ),
        ),
        "From month 1 a US strike force hits leaders and labs about once a week, without "
        "Mexico's consent (rules R10, R4).",
        "homicides",
        "In the first year of strikes, are homicides in Mexico higher, about the same or "
        "lower than with the status quo?",
    ),
    Step(
        "unilateral_strikes",
        "Unilateral strikes: five years on",
        1,
        60,
        (
            Quote(
                "sovereignty violations harden resistance, fracture cooperation, and "
                "ultimately strengthen the very criminal networks they aim to destroy.",
                SEED_000,
            ),
        ),
        "Every strike on Mexican soil is a sovereignty incident; Mexico's cooperation "
        "reacts to them (rule R9).",
        "cooperation",
        "After five years of strikes, is US-Mexico cooperation higher, about the same or "
        "lower than with the status quo?",
    ),
    Step(
        "bilateral_roadmap",
        "Roadmap Phase 1: trust and rules (months 1-6)",
        1,
        6,
        (
            Quote(
                "Every successful security partnership begins not with weapons, but with rules.",
                SEED_000,
            ),
        ),
        "No unilateral operations; ATF gun tracing, vetting, $2 billion a year of "
        "non-lethal aid, extraditions (rules R7, R9, R13).",
        "cooperation",
        "By the end of Phase 1, is cooperation higher, about the same or lower than with "
        "the status quo?",
    ),
    Step(
        "bilateral_roadmap",
        "Roadmap Phase 2: intelligence and border integrity (months 7-18)",
        7,
        18,
        (
            Quote(
                "If cartels thrive in the dark, intelligence is the light that dissolves them.",
                SEED_000,
            ),
        ),
        "Fusion cells target corridor brokers, financial operations, a firearms trace "
        "initiative and smart borders (rules R5, R6, R7, R8).",
        "fentanyl_to_us_kg",
        "During Phase 2, is the fentanyl reaching the US higher, about the same or lower "
        "than with the status quo?",
    ),
    Step(
        "bilateral_roadmap",
        "Roadmap Phase 3: reclaiming territory (months 19-36)",
        19,
        36,
        (
            Quote(
                "This is the most delicate phase—the moment when the state reasserts itself "
                "in spaces long ruled by fear.",
                SEED_000,
            ),
        ),
        "Mexican-led precision raids, judicial reform, community programmes and "
        "human-rights conditions on aid (rules R2, R11, R12, R14, R19).",
        "territory_cartel_share",
        "By the end of Phase 3, is the share of cartel-controlled regions higher, about "
        "the same or lower than with the status quo?",
    ),
    Step(
        "bilateral_roadmap",
        "Roadmap Phase 4: sustained stability (months 37-60)",
        37,
        60,
        (
            Quote(
                "Cartels are adaptive organisms. Victory is not eradication—it is "
                "containment, fragmentation, and institutional dominance.",
                SEED_000,
            ),
            Quote(
                "Success is measured not in body counts, but in reclaimed institutions, "
                "restored legitimacy, and communities no longer ruled by fear.",
                SEED_000,
            ),
        ),
        "Annual reviews, investment in reclaimed regions, cooperation with Colombia and "
        "Guatemala (rules R14, R16, R18).",
        "legitimacy",
        "At the end of five years, is the state's legitimacy higher, about the same or "
        "lower than with the status quo?",
    ),
)

REFS = (STATUS_QUO, "unilateral_strikes", "bilateral_roadmap")


@dataclass(frozen=True)
class Outcome:
    """What the runs say for one step: the policy and the status quo over the step's months."""

    metric: str
    how: str  # "total", "average" or "at the end" over the months
    policy: tuple[float, float, float]  # mean, p5, p95
    status_quo: tuple[float, float, float]
    diff: tuple[float, float, float]  # mean, CI low, CI high (paired)
    share_better: float
    replications: int
    answer: str  # one of CHOICES

    def relative(self) -> float:
        """The mean change as a share of the status quo (NaN when the status quo is 0)."""
        base = self.status_quo[0]
        return self.diff[0] / abs(base) if base else math.nan


def outcome(comparison: Comparison, step: Step) -> Outcome:
    """Summarise the step's months of the policy against the status quo (paired by replication)."""
    data = comparison.data
    window = data[
        (data["month"] >= step.start)
        & (data["month"] <= step.end)
        & (data["metric"] == step.metric)
    ]
    names = {s.name: ref for s, ref in zip(comparison.scenarios, REFS, strict=True)}
    policy_name = next(n for n, ref in names.items() if ref == step.scenario)
    sq_name = next(n for n, ref in names.items() if ref == STATUS_QUO)
    table = summarize(
        window[window["scenario"].isin([sq_name, policy_name])],
        reference=sq_name,
        scenarios=[sq_name, policy_name],
    )
    sq = table[table["scenario"] == sq_name].iloc[0]
    pol = table[table["scenario"] == policy_name].iloc[0]
    return Outcome(
        metric=step.metric,
        how={"total": "total", "mean": "average", "end": "at the end"}[
            outcome_kind(METRICS[step.metric])
        ],
        policy=(pol["mean"], pol["p5"], pol["p95"]),
        status_quo=(sq["mean"], sq["p5"], sq["p95"]),
        diff=(pol["diff_mean"], pol["diff_ci_low"], pol["diff_ci_high"]),
        share_better=float(pol["share_better"]),
        replications=int(pol["n"]),
        answer=direction(pol["diff_mean"], pol["diff_ci_low"], pol["diff_ci_high"], sq["mean"]),
    )


def direction(mean: float, low: float, high: float, base: float) -> str:
    """``higher``/``lower`` when the 90% CI excludes zero and the change is over 2%, else ``about the same``."""
    if not (low > 0 or high < 0):
        return "about the same"
    if base and abs(mean) < SAME_WITHIN * abs(base):
        return "about the same"
    return "higher" if mean > 0 else "lower"


# --- the ensemble behind the walk: run once per server, shared by every session (read-only) ---

_lock = threading.Lock()
_job: CompareJob | None = None


def ensemble() -> CompareJob:
    """The comparison of status quo, strikes and roadmap the walk reads (started on first call)."""
    global _job
    with _lock:
        if _job is None or _job.state in ("failed", "cancelled"):
            _job = CompareJob(CompareRequest(REFS, STATUS_QUO, REPLICATIONS))
            threading.Thread(
                target=_job.run, kwargs={"with_report": False}, daemon=True, name="classroom"
            ).start()
        return _job


def window_frame(comparison: Comparison, step: Step) -> pd.DataFrame:
    """Monthly values of the step's metric for the status quo and the step's scenario."""
    data = comparison.data
    return data[data["metric"] == step.metric]
