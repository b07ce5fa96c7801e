"""The ``cartelsim`` command: run, compare, validate, check, schema, sweep, sweep-analyze, dashboard.

Exit status: 0 on success; 1 when a validation check fails or the results could not
be written (disk full, permissions: the message says why, nothing half-written is left);
2 on invalid input, found before anything runs: a scenario problem (file, line and
field), a flag outside the schema's bounds, or an unusable ``--out`` folder. Never a
traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from simulator.metrics import METRICS
from simulator.output import OutputError, check_folder, default_folder
from simulator.scenario.errors import ScenarioError
from simulator.scenario.parameters import MAX_WORKERS, check_workers, run_parameter

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


def _add_overrides(p: argparse.ArgumentParser, help: str = "override a field (repeatable)") -> None:
    p.add_argument(
        "--set", dest="overrides", action="append", default=[], metavar="PATH=VALUE", help=help
    )


def _schema_value(name: str, flag: str) -> Callable[[str], int]:
    """Argparse type: a value of the scenario field ``name``, within the schema's bounds."""

    def parse(text: str) -> int:
        try:
            return run_parameter(name, text, flag)
        except ScenarioError as err:
            raise argparse.ArgumentTypeError(err.problems[0].message) from None

    parse.__name__ = name  # argparse names the type in its messages
    return parse


def _workers(text: str) -> int:
    """Argparse type: a number of worker processes, 1 to MAX_WORKERS."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    try:
        return check_workers(value, "--workers")
    except ScenarioError as err:
        raise argparse.ArgumentTypeError(err.problems[0].message) from None


from simulator.sweep_cli import bounded_int  # noqa: E402  (one bounded-integer type)


def _add_scenario_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--seed", type=_schema_value("seed", "--seed"), help="seed (default: the scenario's)"
    )
    p.add_argument(
        "--months",
        type=_schema_value("months", "--months"),
        help="horizon in months, 1-600 (default: the scenario's)",
    )
    _add_overrides(
        p, "override a field, e.g. --set policy.phases[1].levers.gun_tracing=0.8 (repeatable)"
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
    p.add_argument(
        "--out",
        type=Path,
        help="output folder, replaced whole (default: runs/<scenario name, made file-safe>)",
    )
    p.set_defaults(func=cmd_run)

    p = sub.add_parser(
        "compare",
        help="replicate scenarios with common random numbers and compare them with a reference",
        description="Run every scenario N times with the same seed stream (common random "
        "numbers), summarise each metric (mean, 5-95%% band, paired difference to the "
        "reference with its 90%% CI, share of replications better) and write summary.csv, "
        "replications.parquet, figures and a self-contained report.html.",
    )
    p.add_argument("scenarios", type=Path, nargs="+", help="scenario YAML files")
    p.add_argument(
        "--replications",
        "-n",
        type=_schema_value("replications", "--replications"),
        help="replications per scenario, 1-10000 (default: the first scenario's)",
    )
    p.add_argument(
        "--months",
        type=_schema_value("months", "--months"),
        help="horizon in months, 1-600 (default: the reference's)",
    )
    p.add_argument(
        "--seed",
        type=_schema_value("seed", "--seed"),
        help="base seed of the shared seed stream (default: the reference's)",
    )
    p.add_argument(
        "--reference", help="reference scenario: its name or its file (default: the first file)"
    )
    p.add_argument(
        "--workers",
        type=_workers,
        help=f"processes, 1-{MAX_WORKERS} (default: one per CPU; 1 = no subprocesses)",
    )
    p.add_argument(
        "--out", type=Path, help="output folder (default: runs/compare-<scenario names>)"
    )
    p.add_argument(
        "--json", action="store_true", help="print the summary and provenance as JSON, nothing else"
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or plan line")
    p.add_argument(
        "--no-report",
        action="store_true",
        help="write only the tables (summary.csv, replications.parquet, rules.csv, "
        "provenance.json), no figures or report.html",
    )
    p.add_argument(
        "--uncertainty",
        action="store_true",
        help="also draw every ranged calibration parameter from its plausible range "
        "(Latin hypercube, the same draws for every scenario); the report then splits "
        "each difference's variance into luck and assumptions (variance.csv)",
    )
    p.add_argument(
        "--seeds-per-draw",
        type=bounded_int("seeds-per-draw", 2, 100),
        default=2,
        help="with --uncertainty: runs (seeds) per parameter draw, 2-100 (default 2)",
    )
    _add_overrides(p, "override a field in every scenario (repeatable)")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser(
        "validate",
        help="run the checks of the model against published findings and write a report",
        description="Run every validation check (scenarios/validation/), print a table "
        "(check, source, band, mean and 90%% interval, pass/fail) and write validation.csv "
        "and validation.html with one figure per check. Exit 1 if a check fails.",
    )
    p.add_argument(
        "--replications",
        "-n",
        type=_schema_value("replications", "--replications"),
        default=10,
        help="replications, 1-10000 (default: 10)",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=Path("runs/validation"),
        help="output folder (default: runs/validation)",
    )
    p.add_argument(
        "--seed",
        type=_schema_value("seed", "--seed"),
        default=42,
        help="base seed of the shared seed stream (default: 42)",
    )
    p.add_argument(
        "--data",
        type=Path,
        help="folder of the published 150-cartel network (default: ../shared/data/cartel_network_2020)",
    )
    p.add_argument("--only", nargs="+", metavar="ID", help="run only these checks (id or number)")
    p.add_argument(
        "--list",
        action="store_true",
        help="list the checks (number, id, in- or out-of-sample, title, source) and exit",
    )
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser(
        "schema", help="print the scenario reference: every field's unit, bounds, default, meaning"
    )
    p.add_argument(
        "--json", action="store_true", help="print the JSON Schema instead of the Markdown table"
    )
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("check", help="validate scenario files without running them")
    p.add_argument("scenarios", type=Path, nargs="+", help="scenario YAML files")
    _add_overrides(p)
    p.set_defaults(func=cmd_check)
    _add_sweep_parsers(sub)
    _add_dashboard_parser(sub)
    return parser


def _add_sweep_parsers(sub: argparse._SubParsersAction) -> None:
    """``sweep`` and ``sweep-analyze``: their options and handlers live in :mod:`simulator.sweep_cli`."""
    from simulator.sweep_cli import add_sweep_parsers

    add_sweep_parsers(sub, _workers)


def _add_dashboard_parser(sub: argparse._SubParsersAction) -> None:
    """``cartelsim dashboard``: parser and handler live in :mod:`simulator.dashboard.server`."""
    from simulator.dashboard.server import add_dashboard_parser

    add_dashboard_parser(sub)


def _usable_folder(command: str, out: Path) -> bool:
    """Check ``out`` before any run; print why it cannot be used and return False if so."""
    try:
        check_folder(out)
    except OutputError as err:
        print(f"{command}: {err}", file=sys.stderr)
        return False
    return True


def _version() -> str:
    from simulator.provenance import package_version

    return package_version()


def cmd_run(args: argparse.Namespace) -> int:
    """Run one scenario, write timeseries.csv, events.csv and provenance.json, print a summary."""
    from simulator.experiment import run
    from simulator.scenario.loader import load_scenario

    scenario = load_scenario(args.scenario, args.overrides)
    out = args.out or default_folder(scenario.name)
    if not _usable_folder("run", out):
        return EXIT_INVALID
    result = run(scenario, seed=args.seed, months=args.months)
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


def _reference_name(reference: str | None, paths: list[Path], names: list[str]) -> str | None:
    """Resolve ``--reference`` (a scenario name or one of the files given) to a name."""
    if reference is None:
        return names[0]
    if reference in names:
        return reference
    target = Path(reference).resolve()
    for path, name in zip(paths, names, strict=True):
        if path.resolve() == target:
            return name
    return None


def _json_safe(value: object) -> object:
    """Replace NaN and infinities by None, recursively, so the output is strict JSON."""
    import math

    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if hasattr(value, "item"):  # numpy scalars
        return _json_safe(value.item())
    return value


def cmd_compare(args: argparse.Namespace) -> int:
    """Replicate scenarios with common random numbers, print the table, write the report."""
    import json
    import time

    from simulator.experiment import compare
    from simulator.experiment.replicate import default_workers
    from simulator.experiment.uncertainty import ParameterUncertainty
    from simulator.report import text_table, write_report
    from simulator.scenario.loader import load_scenario
    from simulator.scenario.parameters import check_workload

    scenarios = [load_scenario(path, args.overrides) for path in args.scenarios]
    names = [s.name for s in scenarios]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        print(
            f"compare: scenario names must differ; repeated: {', '.join(repeated)} "
            "(set a different name: with --set name=... or in the file)",
            file=sys.stderr,
        )
        return EXIT_INVALID
    reference = _reference_name(args.reference, list(args.scenarios), names)
    if reference is None:
        print(
            f"compare: --reference {args.reference!r} is neither a scenario name "
            f"({', '.join(names)}) nor one of the files given",
            file=sys.stderr,
        )
        return EXIT_INVALID
    ref = scenarios[names.index(reference)]
    n = args.replications or scenarios[0].replications
    months = args.months or ref.months
    seed = ref.seed if args.seed is None else args.seed
    check_workload(n * len(scenarios), months, "--replications x --months")
    workers = args.workers or default_workers(n * len(scenarios))
    out = args.out or default_folder(*names, prefix="compare-")
    if not _usable_folder("compare", out):
        return EXIT_INVALID
    chatty = not args.quiet and not args.json
    if chatty:
        print(
            f"comparing {len(scenarios)} scenarios x {n} replications x {months} months "
            f"(reference {reference}, base seed {seed}, {workers} "
            f"process{'es' if workers > 1 else ''})",
            flush=True,
        )
    started = time.perf_counter()
    uncertainty = ParameterUncertainty(args.seeds_per_draw) if args.uncertainty else None
    if uncertainty is not None:
        if not uncertainty.parameters:
            print(
                "compare: --uncertainty: no calibration field declares a plausible range",
                file=sys.stderr,
            )
            return EXIT_INVALID
        if n < 2 * args.seeds_per_draw:
            print(
                f"compare: --uncertainty needs at least 2 parameter draws: --replications "
                f"must be at least 2 x --seeds-per-draw ({2 * args.seeds_per_draw}), got {n}",
                file=sys.stderr,
            )
            return EXIT_INVALID
    comparison = compare(
        scenarios,
        n=n,
        reference=reference,
        seed=seed,
        months=months,
        workers=workers,
        progress=not args.quiet,
        uncertainty=uncertainty,
    )
    elapsed = time.perf_counter() - started
    paths = write_report(comparison, out, figures=not args.no_report, html=not args.no_report)
    summary = comparison.summary()
    if args.json:
        doc = {
            "reference": reference,
            "replications": n,
            "months": months,
            "summary": summary.to_dict(orient="records"),
            "rules": comparison.rules().to_dict(orient="records"),
            "escalation": [
                {"scenario": e.scenario, "first_months": list(e.first_months)}
                for e in comparison.escalation()
            ],
            "provenance": comparison.provenance,
            "files": {k: str(v) for k, v in paths.items()},
        }
        print(json.dumps(_json_safe(doc), indent=2))
        return EXIT_OK
    print(
        f"{n} replications x {len(scenarios)} scenarios, {months} months, in {elapsed:.1f} s. "
        f"Outcomes: flows summed over the horizon, levels at its end; "
        f"Δ = scenario − {reference}, paired by replication, with its 90% CI; "
        f"'better' = share of replications better than {reference}."
    )
    print()
    print(text_table(summary, names, reference))
    print()
    for esc in comparison.escalation():
        print(esc.line())
    if comparison.escalation():
        print()
    written = "summary.csv, replications.parquet, rules.csv, provenance.json"
    if "report" in paths:
        print(f"wrote {out}/: {written}, figures/ (PNG and SVG), report.html")
        print(f"report: {paths['report']}")
    else:
        print(f"wrote {out}/: {written}")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Run the validation suite, print its table, write the report; exit 1 if a check fails."""
    from simulator.validation import Context, run_checks
    from simulator.validation.checks import ERROR, FAIL, select
    from simulator.validation.report import format_table, summary_line, write_report
    from simulator.validation.runs import default_data_dir

    try:
        checks = select(args.only)
    except KeyError as err:
        print(f"validate: {err.args[0]}", file=sys.stderr)
        return EXIT_INVALID
    if args.list:
        for c in checks:
            sample = "out-of-sample" if c.out_of_sample else "in-sample"
            print(f"{c.number:>3}  {c.id:<18} {sample:<14} {c.title}  [{c.source}]")
        return EXIT_OK
    if args.data is not None and not (args.data / "BACRIM2020_Nodes.csv").is_file():
        what = "no such folder" if not args.data.is_dir() else "BACRIM2020_Nodes.csv is not in it"
        print(f"validate: --data {args.data}: {what}", file=sys.stderr)
        return EXIT_INVALID
    if not _usable_folder("validate", args.out):
        return EXIT_INVALID
    data = args.data or default_data_dir()
    ctx = Context(replications=args.replications, seed=args.seed, data=data)
    print(
        f"validating: {len(checks)} checks, {args.replications} replications, "
        f"base seed {args.seed}, data {data}",
        flush=True,
    )
    results = run_checks(
        ctx, args.only, progress=lambda c: print(f"  {c.number}. {c.title}", flush=True)
    )
    print()
    print(format_table(results))
    print()
    meta = {"replications": args.replications, "base seed": args.seed, "cartelsim": _version()}
    csv_path, html_path = write_report(results, args.out, meta)
    print(summary_line(results))
    print(f"wrote {csv_path} and {html_path}")
    return EXIT_FAILED if any(r.status in (FAIL, ERROR) for r in results) else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the scenario reference (Markdown, as in docs/SCENARIO.md) or the JSON Schema."""
    import json

    from simulator.scenario.reference import render_markdown
    from simulator.scenario.schema import Scenario

    if args.json:
        print(json.dumps(Scenario.model_json_schema(), indent=2))
    else:
        print(render_markdown(), end="")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Validate each scenario file; print every problem; exit 2 if any file is invalid.

    The loader checks every field and every reference to the world, so a file that
    passes here runs; no model is built.
    """
    from simulator.scenario.loader import load_scenario

    status = EXIT_OK
    for path in args.scenarios:
        try:
            scenario = load_scenario(path, args.overrides)
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
    except OutputError as err:
        print(f"{args.command}: {err}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
