"""What the Explore page shows: the live run, its baseline, region tiles, rules, chart options."""

from __future__ import annotations

import numpy as np
import pytest

from simulator.dashboard import config
from simulator.dashboard.charts import (
    CONTESTED_GREY,
    LOCAL_COLOUR,
    STATE_BLUE,
    band_option,
    cartel_colours,
    map_legend,
    tilemap_option,
    timeseries_option,
)
from simulator.dashboard.live import LiveRun, baseline_timeseries, status_quo
from simulator.dashboard.regions import MEXICO_TILES, tile_positions
from simulator.dashboard.rulebook import parse_rules, rule, rules
from simulator.experiment import compare, run
from simulator.experiment.summary import monthly_bands
from simulator.scenario import load_scenario
from simulator.world import build_world
from tests.conftest import SCENARIOS


@pytest.fixture(scope="module")
def classroom_run() -> LiveRun:
    live = LiveRun(load_scenario(SCENARIOS / "classroom.yaml"), seed=3)
    live.run_to(20)
    return live


def test_every_rule_has_a_documented_statement_and_source():
    documented = rules()
    assert [f"R{i}" for i in range(1, 21)] == list(documented)
    for r in documented.values():
        assert len(r.statement) > 80 and len(r.source) > 10 and r.title


def test_every_rule_an_event_cites_is_documented(classroom_run):
    result = run(load_scenario(SCENARIOS / "unilateral_strikes.yaml"), months=12)
    cited = set(result.events["rule"]) | {e.rule for e in classroom_run.events()}
    assert cited and all(rule(r) is not None for r in cited), cited - set(rules())


def test_table_rows_are_read_by_cell_even_with_pipes_in_code():
    text = "| id | title | statement | parameters | source |\n|---|---|---|---|---|\n"
    text += "| R7 | Guns | uses `a|b` here | `x` | GAO-21-322 |\n"
    (r7,) = parse_rules(text).values()
    assert (r7.title, r7.statement, r7.source) == ("Guns", "uses `a|b` here", "GAO-21-322")


def test_the_live_run_steps_and_its_baseline_is_the_status_quo_run(classroom_run):
    assert classroom_run.month == 20 and len(classroom_run.history["homicides"]) == 20
    direct = run(load_scenario(SCENARIOS / "classroom.yaml"), seed=3, months=20)
    np.testing.assert_allclose(classroom_run.history["homicides"], direct.timeseries["homicides"])
    sq = run(status_quo(classroom_run.scenario), seed=3, months=36).timeseries
    np.testing.assert_allclose(classroom_run.baseline["legitimacy"], sq["legitimacy"])
    value, base, how = classroom_run.kpi("homicides")
    assert value == pytest.approx(sum(classroom_run.history["homicides"]))
    assert base == pytest.approx(sq["homicides"].iloc[:20].sum()) and how == "total, months 1-20"
    level, _, how = classroom_run.kpi("legitimacy")
    assert level == classroom_run.history["legitimacy"][-1] and how.startswith("in ")


def test_the_status_quo_scenario_compares_with_itself_at_zero():
    baseline = status_quo(load_scenario(SCENARIOS / "classroom.yaml"))
    live = LiveRun(baseline, seed=1, months=12)
    live.run_to(12)
    value, base, _ = live.kpi("homicides")
    assert value == pytest.approx(base)
    assert baseline_timeseries(baseline, 1, 12) is baseline_timeseries(baseline, 1, 12)  # cached


def test_live_runs_over_the_cap_are_refused():
    with pytest.raises(ValueError, match="240"):
        LiveRun(load_scenario(SCENARIOS / "classroom.yaml"), months=config.MAX_MONTHS + 1)


def test_mexico_tiles_are_unique_and_synthetic_worlds_fill_a_grid():
    mexico = build_world("mexico")
    assert set(MEXICO_TILES) == set(mexico.regions)
    assert len(set(MEXICO_TILES.values())) == 32
    grid = tile_positions([f"R{i:02d}" for i in range(1, 10)])
    assert sorted(grid.values()) == [(c, r) for c in range(3) for r in range(3)]


def test_the_map_colours_each_mode(classroom_run):
    model = classroom_run.model
    frame = model.region_frame()
    names = {c: model.world.region_name(c) for c in model.world.regions}
    groups = {c.code: c.name for c in model.cartels}
    majors = [c.code for c in model.cartels if c.kind != "local"]
    local = [c.code for c in model.cartels if c.kind == "local"]
    colours = cartel_colours(majors, local)
    positions = tile_positions(list(frame.index))
    by_cartel = tilemap_option(frame, positions, names, "controlling_cartel", colours, 40, groups)
    tiles = {d["name"]: d["itemStyle"]["color"] for d in by_cartel["series"][0]["data"]}
    assert set(tiles) == set(model.world.regions)
    for code, row in frame.iterrows():
        if row["control"] == -1:
            assert tiles[code] == STATE_BLUE
        elif row["control"] == 0:
            assert tiles[code] == CONTESTED_GREY
        else:
            assert tiles[code] == colours[row["controlling_cartel"]]
    assert all(colours[n] == LOCAL_COLOUR for n in local)
    first = by_cartel["series"][0]["data"][0]
    tip = first["tooltip"]["formatter"]
    strongest = frame.loc[first["name"], "controlling_cartel"]
    assert names[first["name"]] in tip and "per 100k" in tip and groups[strongest] in tip
    rate = tilemap_option(frame, positions, names, "homicide_rate", colours)
    shade = {d["name"]: d["itemStyle"]["color"] for d in rate["series"][0]["data"]}
    if frame["homicide_rate"].max() > frame["homicide_rate"].min():
        assert shade[frame["homicide_rate"].idxmax()] != shade[frame["homicide_rate"].idxmin()]
    labels = [label for label, _ in map_legend("controlling_cartel", colours, frame, groups)]
    assert labels[-2:] == ["contested", "state-controlled"]
    controlled = set(frame.loc[frame["control"] == 1, "controlling_cartel"]) & set(majors)
    assert {groups[c] for c in controlled} <= set(labels)


def test_time_series_option_spans_the_horizon_and_shades_phases(classroom_run):
    option = timeseries_option(
        "homicides",
        classroom_run.history["homicides"],
        classroom_run.baseline_values["homicides"],
        classroom_run.months,
        classroom_run.phases,
        selected_month=5,
    )
    assert option["animation"] is False
    assert option["xAxis"]["max"] == 36
    line, base = option["series"]
    assert len(line["data"]) == 20 and len(base["data"]) == 36
    areas = line["markArea"]["data"]
    assert [a[0]["name"] for a in areas] == ["Status quo", "Strike campaign"]
    assert line["markLine"]["data"] == [{"xAxis": 5}]


def test_band_option_stacks_the_band_on_its_lower_edge():
    c = compare([SCENARIOS / "classroom.yaml"], n=3, months=6, workers=1)
    bands, _ = monthly_bands(c.data)
    option = band_option(bands, "homicides", ["classroom"], {"classroom": "#123456"}, 6)
    low, width, mean = option["series"]
    b = bands[(bands["metric"] == "homicides")].sort_values("month")
    np.testing.assert_allclose(low["data"], b["p5"])
    np.testing.assert_allclose(np.add(low["data"], width["data"]), b["p95"])
    np.testing.assert_allclose(mean["data"], b["mean"])
    assert low["stack"] == width["stack"] and width["areaStyle"]
