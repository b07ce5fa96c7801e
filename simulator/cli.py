"""The ``cartelsim`` command: run, check (and, as they arrive, compare, validate, dashboard).

Exit status: 0 on success, 1 when a check or validation fails, 2 on invalid input
(the message names file, line and field; never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from simulator.metrics import METRICS
from simulator.scenario.errors import ScenarioError

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


def _add_scenario_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--seed", type=int, help="seed (default: the scenario's)")
    p.add_argument("--months", type=int, help="horizon in months (default: the scenario's)")
    p.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="PATH=VALUE",
        help="override a field, e.g. --set policy.phases[1].levers.gun_tracing=0.8 (repeatable)",
    )


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``cartelsim`` command."""
    parser = argparse.ArgumentParser(
        prog="cartelsim",
        description="Agent-based simulator of counter-cartel policy: unilateral strikes vs the bilateral roadmap.",
    )
    parser.add_argument("--version", action="version", version=f"cartelsim {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("run", help="run one scenario once and write its outputs")
    p.add_argument("scenario", type=Path, help="scenario YAML file")
    _add_scenario_options(p)
    p.add_argument("--out", type=Path, help="output folder (default: runs/<scenario name>)")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("check", help="validate scenario files without running them")
    p.add_argument("scenarios", type=Path, nargs="+", help="scenario YAML files")
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="PATH=VALUE")
    p.set_defaults(func=cmd_check)
    return parser


def _version() -> str:
    from simulator.provenance import package_version

    return package_version()


def cmd_run(args: argparse.Namespace) -> int:
    """Run one scenario, write timeseries.csv, events.csv and provenance.json, print a summary."""
    from simulator.experiment import run

    result = run(args.scenario, seed=args.seed, months=args.months, overrides=args.overrides)
    out = args.out or Path("runs") / result.scenario.name
    result.write(out)
    ts = result.timeseries
    months = len(ts)
    print(
        f"{result.scenario.name}: {months} months from {result.scenario.start}, seed {result.seed}"
    )
    print(f"scenario hash {result.provenance['scenario_hash']}, {len(result.events)} events")
    for mid in (
        "homicides",
        "cartel_members",
        "recruits",
        "active_groups",
        "fentanyl_to_us_kg",
        "cooperation",
        "legitimacy",
    ):
        m = METRICS[mid]
        if m.kind == "flow":
            value, unit, how = (
                ts[mid].sum(),
                m.unit.removesuffix("/month"),
                f"total, {months} months",
            )
        else:
            value, unit, how = ts[mid].iloc[-1], m.unit, f"at {ts['date'].iloc[-1]}"
        print(f"  {m.label:<28} {value:>14,.2f}  {unit} ({how})")
    print(f"wrote {out}/timeseries.csv, events.csv, provenance.json")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Validate each scenario file; print every problem; exit 2 if any file is invalid."""
    from simulator.model import CartelModel
    from simulator.scenario.loader import load_scenario

    status = EXIT_OK
    for path in args.scenarios:
        try:
            scenario = load_scenario(path, args.overrides)
            CartelModel(scenario)  # references to the world (regions, cartel ids) are checked here
        except ScenarioError as err:
            print(err, file=sys.stderr)
            status = EXIT_INVALID
        else:
            print(f"{path}: ok ({scenario.name})")
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``cartelsim`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ScenarioError as err:
        print(err, file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
