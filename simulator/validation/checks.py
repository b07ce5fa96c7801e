"""The validation suite: checks of the model against published findings and real data.

Each :class:`Check` names a finding, its source and the band the model must hit.
Its function runs the replications it needs (seeds from one common-random-numbers
stream, :func:`simulator.experiment.seeds.replication_seeds`; paired scenarios use the
same seeds as the baseline), measures one or more quantities per replication and
returns a :class:`CheckResult`: per measure the values, their mean and 90% interval
(5th-95th percentile across replications) and whether the mean lies in the band,
plus the data of the check's figure. A measure without a band is shown for context
and does not decide the check.

The bands come from the sources, never from the model: a check the model fails is
reported as failed (see docs and ``cartelsim validate``), not re-banded.
"""

from __future__ import annotations

import math
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from simulator.experiment.seeds import replication_seeds
from simulator.rules.r01_workforce import WEEKS_PER_MONTH, conflict_matrix, workforce_step
from simulator.validation.runs import Runner, Trace, default_data_dir

Band = tuple[float | None, float | None]

PASS, FAIL, SKIPPED, ERROR, INFO = "PASS", "FAIL", "SKIPPED", "ERROR", "info"

BASELINE = "baseline.yaml"
REPLAY = "validation/replay_2012_2022.yaml"
KILL = "validation/single_leader_kill.yaml"
CAPTURE = "validation/single_leader_capture.yaml"
TARGETING = "validation/leadership_targeting.yaml"
INTERDICT = "validation/interdict_crossing.yaml"

# INEGI, Estadísticas de Defunciones Registradas: homicides a year (2018-2021 as in the
# Prieto-Curiel data's Trends2012_2021.csv; 2022 definitive; 2023 and 2024 preliminary,
# INEGI press releases of 2024-08 and 2025-07).
INEGI_HOMICIDES: dict[int, float] = {
    2018: 36_687,
    2019: 36_662,
    2020: 36_773,
    2021: 35_625,
    2022: 33_287,
    2023: 31_062,
    2024: 33_241,
}


# ------------------------------------------------------------------------ data types
@dataclass
class Measure:
    """One measured quantity of a check: a value per replication and, optionally, its band."""

    name: str
    unit: str
    values: Any  # anything numpy turns into a float array: one value per replication
    band: Band | None = None  # None: shown for context, does not decide the check

    def __post_init__(self) -> None:
        self.values = np.atleast_1d(np.asarray(self.values, float))

    @property
    def mean(self) -> float:
        """Mean across replications."""
        return float(np.mean(self.values)) if self.values.size else math.nan

    @property
    def interval(self) -> tuple[float, float]:
        """The 90% interval across replications: 5th and 95th percentiles."""
        if not self.values.size:
            return math.nan, math.nan
        low, high = np.percentile(self.values, [5, 95])
        return float(low), float(high)

    @property
    def passed(self) -> bool | None:
        """True when the mean lies in the band; None for a measure without a band."""
        if self.band is None:
            return None
        return in_band(self.mean, self.band)

    @property
    def status(self) -> str:
        """PASS, FAIL or info."""
        p = self.passed
        return INFO if p is None else PASS if p else FAIL


@dataclass(frozen=True)
class Check:
    """A check of the model against a published finding."""

    id: str
    number: int
    title: str
    source: str  # author-year references, as in DESIGN.md's reference list
    band: Band  # the headline measure's band
    unit: str  # the headline measure's unit
    how: str  # how the model is measured
    run: Callable[[Context], CheckResult] = field(repr=False, compare=False)
    out_of_sample: bool = False  # True: a backtest no parameter was calibrated on (backtests.py)
    exercises: str = ""  # backtests: the calibration parameters the event exercises


@dataclass
class CheckResult:
    """The outcome of one check: its measures, status, a note, and the data of its figure."""

    check: Check
    measures: list[Measure]
    figure: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    skipped: bool = False
    error: str = ""
    replications: int = 0

    @property
    def status(self) -> str:
        """SKIPPED, ERROR, FAIL (any banded measure out of band) or PASS."""
        if self.skipped:
            return SKIPPED
        if self.error:
            return ERROR
        if any(m.passed is False for m in self.measures):
            return FAIL
        return PASS

    @property
    def headline(self) -> Measure | None:
        """The first measure with a band."""
        return next((m for m in self.measures if m.band is not None), None)


@dataclass
class Context:
    """What every check receives: replications, the CRN base seed, data folder, a shared runner."""

    replications: int = 10
    seed: int = 42
    data: Path = field(default_factory=default_data_dir)
    runner: Runner = field(default_factory=Runner)

    @property
    def seeds(self) -> list[int]:
        """The replication seeds, shared by every scenario (common random numbers)."""
        return replication_seeds(self.seed, self.replications)


def in_band(x: float, band: Band) -> bool:
    """Return True when ``x`` lies in the closed band; a None side is unbounded."""
    low, high = band
    if math.isnan(x):
        return False
    return (low is None or x >= low) and (high is None or x <= high)


# ------------------------------------------------------------------------ 1. workforce
def check_workforce(ctx: Context) -> CheckResult:
    """R1 alone on the published 150-cartel network, 2012-2022 (deterministic)."""
    check = CHECK_BY_ID["workforce"]
    folder = Path(ctx.data)
    if not (folder / "BACRIM2020_Nodes.csv").exists():
        return CheckResult(
            check,
            [],
            skipped=True,
            note=f"published cartel network not found at {folder} (give --data DIR)",
        )
    from simulator.world.cartel_network import load_cartel_network, load_national_trends

    sc = ctx.runner.scenario(REPLAY)
    cal = sc.calibration
    net = load_cartel_network(folder)
    k = conflict_matrix(net.rivalry, net.alliance)
    members = net.power_law_members(START_MEMBERS_2012)
    totals_by_week: list[float] = []
    recruits: list[float] = []
    deaths_by_week: list[float] = []
    arrests_by_week: list[float] = []
    for _ in range(sc.months):
        members, flows = workforce_step(
            members,
            k,
            rho=cal.rho,
            eta=cal.eta,
            theta=cal.theta,
            omega=cal.omega,
            substeps=cal.substeps_per_month,
        )
        totals_by_week.append(members.sum())
        recruits.append(flows.recruits.sum())
        deaths_by_week.append(flows.deaths.sum())
        arrests_by_week.append(flows.arrests.sum())
    totals = np.array(totals_by_week)
    deaths, arrests = np.array(deaths_by_week), np.array(arrests_by_week)
    start_year = int(sc.start[:4])
    years = sc.months // 12
    measures = [
        Measure("members at the end of 2021", "members", totals[-1], (160_000, 185_000)),
        Measure(
            "recruits a week, mean 2012-2021",
            "recruits/week",
            np.mean(recruits) / WEEKS_PER_MONTH,
            (350, 370),
        ),
        Measure("killed in the last 12 months", "deaths/year", deaths[-12:].sum(), (5_800, 7_200)),
        Measure(
            "incapacitated in the last 12 months",
            "arrests/year",
            arrests[-12:].sum(),
            (5_400, 6_000),
        ),
    ]
    trends = load_national_trends(folder)
    figure = {
        "months": np.arange(1, sc.months + 1),
        "start_year": start_year,
        "members": np.concatenate([[START_MEMBERS_2012], totals]),
        "years": np.arange(start_year, start_year + years),
        "deaths_per_year": deaths[: years * 12].reshape(years, 12).sum(axis=1),
        "arrests_per_year": arrests[: years * 12].reshape(years, 12).sum(axis=1),
        "trend_years": trends["YEAR"].to_numpy(),
        "trend_homicides": trends["homicide"].to_numpy(float),
    }
    note = (
        "Deterministic (R1 has no randomness): one run, so the interval is the value. "
        f"Starting state: {START_MEMBERS_2012:,} members in {sc.start}, split over the "
        f"{len(net.ids)} cartels by a power law with exponent -1."
    )
    return CheckResult(check, measures, figure, note=note, replications=1)


START_MEMBERS_2012 = 115_000  # Prieto-Curiel et al. 2023: cartel members in 2012


# ------------------------------------------------------------------------ 2. homicides
def check_homicides(ctx: Context) -> CheckResult:
    """Baseline: first-year national homicides vs INEGI; the cartel-conflict share."""
    check = CHECK_BY_ID["homicides"]
    first, share, last = [], [], []
    yearly, shares = [], []
    start_year = int(ctx.runner.scenario(BASELINE).start[:4])
    for seed in ctx.seeds:
        t = ctx.runner.trace(BASELINE, seed)
        h = t.timeseries["homicides"].to_numpy()
        cartel = t.cartel_homicides.sum(axis=1)
        n_years = len(h) // 12
        per_year = h[: n_years * 12].reshape(n_years, 12).sum(axis=1)
        cartel_year = cartel[: n_years * 12].reshape(n_years, 12).sum(axis=1)
        yearly.append(per_year)
        shares.append(100 * cartel_year / per_year)
        first.append(per_year[0])
        share.append(100 * cartel_year[0] / per_year[0])
        last.append(per_year[-1])
    measures = [
        Measure("homicides in the first year (2026)", "homicides/year", first, check.band),
        Measure("cartel-conflict share of homicides, first year", "%", share, (50, 75)),
        Measure(
            "mean homicides a year over the horizon, a projection",
            "homicides/year",
            [y.mean() for y in yearly],
        ),
        Measure(
            f"homicides in the last year ({start_year + len(yearly[0]) - 1}), a projection",
            "homicides/year",
            last,
        ),
    ]
    figure = {
        "start_year": start_year,
        "yearly": np.array(yearly),
        "shares": np.array(shares),
        "inegi": INEGI_HOMICIDES,
        "band": check.band,
        "share_band": (50, 75),
    }
    note = (
        "Band: the range of INEGI's yearly totals 2018-2024 (31.1k-36.8k), rounded outward "
        "to the thousand. Share band: Justice in Mexico (Molzahn, Ríos & Shirk 2012) put "
        "drug-related killings at 63% (2010) and 54% (2011) of INEGI's intentional homicides; "
        "later tallies range from about half to 80% (Semáforo Delictivo 2020), with no "
        "official series: a soft band, not a firm one."
    )
    return CheckResult(check, measures, figure, note=note, replications=len(ctx.seeds))


# ------------------------------------------------------------------------ 3. decapitation
def _operation(runner: Runner, name: str):
    ops = runner.scenario(name).policy.operations
    if len(ops) != 1:
        raise ValueError(f"{name}: a validation scenario must schedule exactly one operation")
    return ops[0]


def check_decapitation(ctx: Context) -> CheckResult:
    """Local spike of cartel homicides after one leader's removal, killing vs capture, paired by seed."""
    check = CHECK_BY_ID["decapitation"]
    op = _operation(ctx.runner, KILL)
    op_capture = _operation(ctx.runner, CAPTURE)
    if (op.month, op.target, op.region) != (op_capture.month, op_capture.target, op_capture.region):
        raise ValueError("the kill and capture scenarios must remove the same leader, same month")
    months = op.month + 11
    window = slice(op.month - 1, op.month + 5)  # the month of the removal and the five after
    spikes: dict[str, list[float]] = {"kill": [], "capture": []}
    lags: dict[str, list[float]] = {"kill": [], "capture": []}
    national: list[float] = []
    monthly: dict[str, list[np.ndarray]] = {"kill": [], "capture": []}
    region = None
    for seed in ctx.seeds:
        base = ctx.runner.trace(BASELINE, seed, months)
        region = base.regions.index(op.region) if op.region else None
        for kind, name in (("kill", KILL), ("capture", CAPTURE)):
            t = ctx.runner.trace(name, seed, months)
            r = region if region is not None else _home(t, op.target)
            local, ref = t.cartel_homicides[:, r], base.cartel_homicides[:, r]
            spikes[kind].append(100 * (local[window].sum() / ref[window].sum() - 1))
            lags[kind].append(float(np.argmax((local - ref)[window])))
            monthly[kind].append(100 * (local / np.maximum(ref, 1e-9) - 1))
            if kind == "kill":
                national.append(
                    100
                    * (t.cartel_homicides[window].sum() / base.cartel_homicides[window].sum() - 1)
                )
    kill, capture = np.array(spikes["kill"]), np.array(spikes["capture"])
    lag_kill, lag_capture = np.array(lags["kill"]), np.array(lags["capture"])
    measures = [
        Measure(
            "host-region spike, 6 months, killing and capture pooled",
            "%",
            (kill + capture) / 2,
            (20, 60),
        ),
        Measure("host-region spike after a killing", "%", kill),
        Measure("host-region spike after a capture", "%", capture),
        Measure("killing minus capture", "pp", kill - capture, (0, None)),
        Measure("peak month after a killing (0 = month of removal)", "months", lag_kill),
        Measure("peak month after a capture (0 = month of removal)", "months", lag_capture),
        Measure("capture peaks later than killing by", "months", lag_capture - lag_kill, (1, None)),
        Measure("national cartel homicides after a killing, same 6 months", "%", national),
    ]
    figure = {
        "months": np.arange(1, months + 1),
        "op_month": op.month,
        "kill": np.array(monthly["kill"]),
        "capture": np.array(monthly["capture"]),
        "spike_kill": kill,
        "spike_capture": capture,
        "band": (20, 60),
        "region": op.region or op.target,
    }
    note = (
        f"{op.target} leader removed in {op.region} in month {op.month}; cartel-related homicides "
        f"in {op.region}, months {op.month}-{op.month + 5}, vs the baseline with the same seeds. "
        "Calderón et al. (2015) measured +36.5% DTO-related homicides in the six months after a "
        "removal in the municipality, larger and faster after killings (about 1 month) than after "
        "captures (about 3 months); the model's host region is a whole state, where a municipal "
        "effect would be diluted, so the band is generous above."
    )
    return CheckResult(check, measures, figure, note=note, replications=len(ctx.seeds))


def _home(t: Trace, cartel: str) -> int:
    return next(c.home for c in t.model.cartels if c.code == cartel)


# ------------------------------------------------------------------------ 4. fragmentation
def check_fragmentation(ctx: Context) -> CheckResult:
    """Sustained leadership targeting for 60 months: armed groups multiply, within plausible bounds."""
    check = CHECK_BY_ID["fragmentation"]
    growth, end, splits, removed, base_growth, majors = [], [], [], [], [], []
    series, base_series = [], []
    start = None
    for seed in ctx.seeds:
        t = ctx.runner.trace(TARGETING, seed)
        b = ctx.runner.trace(BASELINE, seed, len(t.timeseries))
        sc = t.scenario
        start = len(sc.cartels) + sc.local_groups.count
        groups = t.timeseries["active_groups"].to_numpy()
        base_groups = b.timeseries["active_groups"].to_numpy()
        growth.append(100 * (groups[-1] / start - 1))
        base_growth.append(100 * (base_groups[-1] / start - 1))
        end.append(groups[-1])
        ev = t.events
        splits.append(int(((ev["rule"] == "R4") & ev["text"].str.contains(" split ")).sum()))
        removed.append(t.timeseries["leaders_removed"].sum())
        majors.append(sum(1 for c in t.model.cartels if c.kind != "local" and c.active))
        series.append(np.concatenate([[start], groups]))
        base_series.append(np.concatenate([[start], base_groups]))
    measures = [
        Measure("growth of active armed groups over 60 months", "%", growth, (5, None)),
        Measure("active armed groups at the end", "groups", end, (None, 250)),
        Measure("splits (R4 events)", "splits", splits),
        Measure("leaders removed", "leaders", removed),
        Measure("major cartels and factions at the end (9 at the start)", "groups", majors),
        Measure("growth without targeting (baseline, same seeds)", "%", base_growth),
    ]
    figure = {
        "targeting": np.array(series),
        "baseline": np.array(base_series),
        "start": start,
        "low": start * 1.05 if start else None,
        "high": 250,
    }
    note = (
        "Leaders-only strike campaign, about one strike a week for 60 months. Band: after 2006's "
        "kingpin strategy the handful of major DTOs split into many factions (CRS R41576); "
        "Prieto-Curiel et al. (2023) count 150 active cartels in 2020 and Crisis Group 150-200+ "
        "armed groups, so the count must rise (at least +5%) but stay plausible (at most 250)."
    )
    return CheckResult(check, measures, figure, note=note, replications=len(ctx.seeds))


# ------------------------------------------------------------------------ 5. guns
def check_guns(ctx: Context) -> CheckResult:
    """Baseline: guns trafficked south a year and the US-sourced share."""
    check = CHECK_BY_ID["guns"]
    per_year, us_share, yearly = [], [], []
    for seed in ctx.seeds:
        t = ctx.runner.trace(BASELINE, seed)
        guns = t.timeseries["guns_south"].to_numpy()
        n_years = len(guns) // 12
        by_year = guns[: n_years * 12].reshape(n_years, 12).sum(axis=1)
        yearly.append(by_year)
        per_year.append(by_year.mean())
        us_share.append(100 * t.guns_us_sourced.sum() / guns.sum())
    measures = [
        Measure("guns trafficked south a year", "guns/year", per_year, check.band),
        Measure("US-sourced share of trafficked guns", "%", us_share, (65, 75)),
    ]
    figure = {"yearly": np.array(yearly), "band": check.band, "share": np.array(us_share)}
    note = (
        "At the status quo both numbers follow directly from R7's inputs (guns_south_per_year, "
        "us_gun_share): this check guards the wiring of R7, it is not independent evidence."
    )
    return CheckResult(check, measures, figure, note=note, replications=len(ctx.seeds))


# ------------------------------------------------------------------------ 6. displacement
def check_displacement(ctx: Context) -> CheckResult:
    """Interdict the largest crossing: its flow collapses, total flow to the US barely moves."""
    check = CHECK_BY_ID["displacement"]
    op = _operation(ctx.runner, INTERDICT)
    months = op.month - 1 + op.duration_months + 12
    window = slice(op.month - 1, op.month - 1 + op.duration_months)
    local, total, ratio = [], [], []
    share_rel, total_rel, gainers = [], [], []
    crossings: list[str] = []
    for seed in ctx.seeds:
        base = ctx.runner.trace(BASELINE, seed, months)
        t = ctx.runner.trace(INTERDICT, seed, months)
        crossings = t.crossings
        x = crossings.index(op.target)
        fall_local = 100 * (
            1 - t.crossing_flow[window, x].mean() / base.crossing_flow[window, x].mean()
        )
        f, fb = (
            t.timeseries["fentanyl_to_us_kg"].to_numpy(),
            base.timeseries["fentanyl_to_us_kg"].to_numpy(),
        )
        fall_total = 100 * (1 - f[window].sum() / fb[window].sum())
        local.append(fall_local)
        total.append(fall_total)
        ratio.append(fall_total / fall_local if fall_local > 0 else math.inf)
        share_rel.append(t.crossing_flow[:, x] / base.crossing_flow[:, x])
        total_rel.append(f / fb)
        gainers.append(
            t.crossing_flow[window].mean(axis=0) - base.crossing_flow[window].mean(axis=0)
        )
    gain = np.mean(gainers, axis=0)
    measures = [
        Measure(f"fall of {op.target}'s flow share while interdicted", "%", local, (50, None)),
        Measure("fall of fentanyl reaching the US, same months", "%", total),
        Measure("total fall / local fall", "ratio", ratio, (None, 1 / 3)),
    ]
    order = np.argsort(-gain)
    top = ", ".join(f"{crossings[i]} {100 * gain[i]:+.1f} pp" for i in order[:3])
    figure = {
        "months": np.arange(1, months + 1),
        "op_month": op.month,
        "duration": op.duration_months,
        "target": op.target,
        "share_rel": np.array(share_rel),
        "total_rel": np.array(total_rel),
        "crossings": crossings,
        "gain": gain,
    }
    note = (
        f"{op.target} interdicted from month {op.month} for {op.duration_months} months, vs the "
        f"baseline with the same seeds. Flow re-routed mostly to {top} (share of all flow). "
        "Dell (2015) and Magliocca et al. (2019): interdiction displaces trafficking to other "
        "routes rather than removing it, so the total must fall by less than a third of the local fall."
    )
    return CheckResult(check, measures, figure, note=note, replications=len(ctx.seeds))


# ------------------------------------------------------------------------ 7. no false credit
def exogenous_overdoses(dates: Sequence[str], deaths_2024: float, trend: float) -> np.ndarray:
    """The exogenous CDC trend per month: 2024's deaths / 12, compounded from mid-2024.

    ``dates`` are ``YYYY-MM`` labels; 2024-07 is year 0 (2024's total centres on mid-year).
    """
    out = []
    for d in dates:
        y, m = (int(x) for x in d.split("-"))
        years = ((y - 2024) * 12 + (m - 7)) / 12
        out.append(deaths_2024 / 12 * (1 + trend) ** years)
    return np.array(out)


def check_overdoses(ctx: Context) -> CheckResult:
    """Status quo: US overdose deaths follow the exogenous trend (no policy gets false credit)."""
    check = CHECK_BY_ID["overdoses"]
    errors, worst, series = [], [], []
    exo = None
    for seed in ctx.seeds:
        t = ctx.runner.trace(BASELINE, seed)
        cal = t.scenario.calibration
        od = t.timeseries["us_overdose_deaths"].to_numpy()
        exo = exogenous_overdoses(
            t.timeseries["date"], cal.overdose_deaths_2024, cal.overdose_trend
        )
        rel = np.abs(od - exo) / exo
        errors.append(100 * rel.mean())
        worst.append(100 * rel.max())
        series.append(od)
    measures = [
        Measure("mean |deaths - trend| / trend", "%", errors, check.band),
        Measure("largest monthly deviation", "%", worst),
    ]
    figure = {"series": np.array(series), "exogenous": exo}
    note = (
        "With every lever at the status quo, overdose deaths must be the exogenous CDC trend "
        "(80k in 2024, the calibration's overdose_trend a year after), computed here independently "
        "of the model; deviations come only from fentanyl supply drifting from its reference."
    )
    return CheckResult(check, measures, figure, note=note, replications=len(ctx.seeds))


# ------------------------------------------------------------------------ registry
CHECKS: list[Check] = [
    Check(
        "workforce",
        1,
        "Cartel workforce 2012-2022 (R1 replay on the 150-cartel network)",
        "Prieto-Curiel, Campedelli & Hope (2023) Science 381:1312",
        (160_000, 185_000),
        "members",
        "R1 alone, monthly, on the published network from 115k members in 2012: members at "
        "the end of 2021, mean recruits a week, killed and incapacitated in the last year.",
        check_workforce,
    ),
    Check(
        "homicides",
        2,
        "National homicides and the cartel-conflict share",
        "INEGI homicide statistics 2018-2024; Molzahn, Ríos & Shirk (2012, Justice in Mexico)",
        (31_000, 37_000),
        "homicides/year",
        "Baseline: homicides in the first year (2026) and the share of them caused by cartel "
        "conflict (region_cartel_homicides / homicides).",
        check_homicides,
    ),
    Check(
        "decapitation",
        3,
        "Violence after a leader's removal: killing vs capture",
        "Calderón et al. (2015); Dickenson (2014); Lindo & Padilla-Romo (2018); Phillips (2015)",
        (20, 60),
        "%",
        "One CJNG leader killed or captured in Jalisco in month 13 vs the baseline with the "
        "same seeds: change of cartel-related homicides in Jalisco over six months, and the "
        "month of the peak.",
        check_decapitation,
    ),
    Check(
        "fragmentation",
        4,
        "Fragmentation under sustained leadership targeting",
        "CRS R41576 (Beittel); Crisis Group counts of 150-200+ armed groups; Prieto-Curiel et al. (2023)",
        (5, None),
        "%",
        "Leaders-only strike campaign for 60 months: active armed groups at the end vs the start.",
        check_fragmentation,
    ),
    Check(
        "guns",
        5,
        "Guns trafficked south and their US source",
        "GAO-21-322 (2021); seed 000",
        (150_000, 250_000),
        "guns/year",
        "Baseline: guns trafficked south a year and the US-sourced share (guns_us_sourced / guns_south).",
        check_guns,
    ),
    Check(
        "displacement",
        6,
        "Route displacement after interdicting one crossing",
        "Dell (2015); Magliocca et al. (2019)",
        (None, 1 / 3),
        "ratio",
        "Tijuana interdicted for 12 months vs the baseline with the same seeds: fall of its "
        "flow share vs fall of fentanyl reaching the US.",
        check_displacement,
    ),
    Check(
        "overdoses",
        7,
        "No false credit: US overdoses follow the exogenous trend at the status quo",
        "CDC/NCHS provisional overdose deaths (about 80k in 2024)",
        (None, 5),
        "%",
        "Baseline: mean relative deviation of monthly US overdose deaths from the exogenous "
        "trend, computed independently.",
        check_overdoses,
    ),
]
# Checks 8-: out-of-sample backtests of historic leader removals (issue 12).
from simulator.validation.backtests import BACKTESTS  # noqa: E402  (imports this module's types)

CHECKS += BACKTESTS
CHECK_BY_ID: dict[str, Check] = {c.id: c for c in CHECKS}


def run_checks(
    ctx: Context,
    only: Sequence[str] | None = None,
    progress: Callable[[Check], None] | None = None,
) -> list[CheckResult]:
    """Run the checks (all, or those whose id or number is in ``only``), in order.

    A check that raises is reported with status ERROR rather than stopping the suite.
    """
    results = []
    for check in select(only):
        if progress:
            progress(check)
        try:
            result = check.run(ctx)
        except Exception as err:  # report, don't stop: the other checks still run
            result = CheckResult(
                check,
                [],
                error=f"{type(err).__name__}: {err}",
                note=traceback.format_exc(limit=3),
            )
        results.append(result)
    return results


def select(only: Sequence[str] | None) -> list[Check]:
    """The checks named in ``only`` by id or number (all when empty); unknown names raise."""
    if not only:
        return list(CHECKS)
    chosen = []
    for name in only:
        found = next((c for c in CHECKS if name in (c.id, str(c.number))), None)
        if found is None:
            valid = ", ".join(f"{c.number}/{c.id}" for c in CHECKS)
            raise KeyError(f"unknown check {name!r}; valid: {valid}")
        if found not in chosen:
            chosen.append(found)
    return sorted(chosen, key=lambda c: c.number)
