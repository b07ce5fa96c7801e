"""Serve the dashboard: offline Solara settings, a network guard, the ``dashboard`` subcommand.

Offline means no request from the browser or the server leaves the machine
(``../shared/notes/dashboard-offline.md``):

* the browser asks only this server: Solara's asset proxy serves the CDN files from
  ``solara-assets`` (installed into ``<venv>/share/solara/cdn``);
* a file missing from that cache would be fetched from ``SOLARA_ASSETS_CDN``, which
  points at a dead local port, so a miss fails here instead of going out;
* telemetry and the PyPI version check are off, the server runs in production mode
  (no dev-mode iframe to solara.dev);
* and :func:`install_network_guard` refuses, inside the server process, any outgoing
  connection or name lookup that is not local, logging what was refused.

The server binds 127.0.0.1 unless ``--host`` says otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.request
import warnings
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from simulator.dashboard import config

log = logging.getLogger("cartelsim.dashboard")

DEAD_CDN = "http://127.0.0.1:9/npm/"  # port 9 (discard) has no listener: a cache miss fails here
APP_MODULE = "simulator.dashboard.app"
DEFAULT_PORT = 8765

OFFLINE_ENV: dict[str, str] = {
    "SOLARA_APP": APP_MODULE,
    "SOLARA_ASSETS_PROXY": "True",  # the browser only asks this server for assets
    "SOLARA_ASSETS_CDN": DEAD_CDN,
    "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",
    "SOLARA_THEME_SHOW_BANNER": "False",
    "SOLARA_THEME_TITLE": "CartelSim",
    "SOLARA_MODE": "production",
    "REACTON_FAST": "1",
    "SOLARA_SERVER_SYNC_WS_WRITE": "True",  # re-render only the components whose state changed (not the whole tree)
}

_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


def is_local(host: object) -> bool:
    """True for loopback addresses and names, unix sockets' paths and the unspecified address."""
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    if not isinstance(host, str):
        return False
    name = host.strip("[]").lower()
    if name in _LOCAL_NAMES:
        return True
    try:
        address = ipaddress.ip_address(name.split("%", 1)[0])
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def network_guard(allowed: frozenset[str] = frozenset()) -> Callable[[str, tuple[Any, ...]], None]:
    """An audit hook refusing outgoing connections and lookups of hosts that are not local.

    ``allowed`` names hosts that may be looked up too (the address the server binds).
    """

    def audit(event: str, args: tuple[Any, ...]) -> None:
        if event == "socket.connect":
            sock, address = args
            if sock.family in (socket.AF_INET, socket.AF_INET6) and not is_local(address[0]):
                log.warning("offline guard refused a connection to %s", address)
                raise PermissionError(f"cartelsim dashboard is offline: refused {address}")
        elif event == "socket.getaddrinfo":
            host = args[0]
            if host is not None and not is_local(host) and str(host) not in allowed:
                log.warning("offline guard refused a name lookup of %r", host)
                raise PermissionError(f"cartelsim dashboard is offline: refused lookup of {host!r}")

    return audit


def install_network_guard(allowed: frozenset[str] = frozenset()) -> None:
    """Refuse, for the rest of this process, every non-local connection (an audit hook)."""
    sys.addaudithook(network_guard(allowed))


def offline_environment(
    user_scenarios: Path | None = None, runs: Path | None = None
) -> dict[str, str]:
    """The environment variables the server process needs (Solara's settings and our folders)."""
    env = dict(OFFLINE_ENV)
    if user_scenarios is not None:
        env[config.ENV_SCENARIOS] = str(Path(user_scenarios).resolve())
    if runs is not None:
        env[config.ENV_RUNS] = str(Path(runs).resolve())
    return env


def serve(host: str, port: int, user_scenarios: Path, runs: Path) -> None:
    """Run the dashboard server in this process until interrupted."""
    # Solara reads its settings when solara.server is first imported: set them before.
    os.environ.update(offline_environment(user_scenarios, runs))
    install_network_guard(frozenset({host}))
    import threadpoolctl
    import uvicorn

    threadpoolctl.threadpool_limits(limits=1, user_api="blas")  # small matrices, many sessions
    # Known and harmless here: uvicorn's legacy websockets protocol is the one Solara's
    # synchronous frame writer needs; plain-http cookies fall back to SameSite=Lax.
    warnings.filterwarnings("ignore", message="The `websockets` implementation is deprecated")
    warnings.filterwarnings("ignore", message="Cookies with samesite=none require https")
    try:
        uvicorn.run(
            "solara.server.starlette:app",
            host=host,
            port=port,
            log_level="warning",
            ws_max_size=16 * 1024 * 1024,
            ws="websockets",  # the implementation Solara's synchronous frame writer needs
            ws_per_message_deflate=False,  # compressing frames to localhost costs both ends CPU
        )
    finally:
        from simulator.dashboard.jobs import cancel_all

        cancel_all()  # comparisons still running stop after their current run


# --- the CLI subcommand -----------------------------------------------------------------------


def add_dashboard_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``cartelsim dashboard`` on the CLI's subparsers."""
    p = sub.add_parser(
        "dashboard",
        help="serve the Solara dashboard (explore, compare, edit, sweeps, classroom), offline",
        description="Serve the dashboard on http://HOST:PORT/. It binds 127.0.0.1 unless "
        "--host says otherwise, and makes no request outside the machine.",
    )
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to bind (default 127.0.0.1; 0.0.0.0 serves a classroom network)",
    )
    p.add_argument(
        "--scenarios",
        type=Path,
        default=Path("my_scenarios"),
        help="the user's scenario folder: listed beside the shipped scenarios, and the only "
        "place the editor saves to (default: ./my_scenarios, created when needed)",
    )
    p.add_argument(
        "--runs",
        type=Path,
        default=Path("runs"),
        help="folder whose sweep results the Sweeps page opens (default: ./runs)",
    )
    p.set_defaults(func=cmd_dashboard)


def cmd_dashboard(args: argparse.Namespace) -> int:
    """Serve the dashboard until Ctrl-C; exit 2 if the port cannot be used."""
    if not 0 < args.port < 65536:
        print(f"dashboard: --port must be between 1 and 65535, got {args.port}", file=sys.stderr)
        return 2
    problem = _port_problem(args.host, args.port)
    if problem:
        print(f"dashboard: cannot listen on {args.host}:{args.port}: {problem}", file=sys.stderr)
        return 2
    try:
        args.scenarios.mkdir(parents=True, exist_ok=True)  # extends paths resolve from here
    except OSError as e:
        print(
            f"dashboard: cannot create the scenario folder {args.scenarios}: {e}", file=sys.stderr
        )
        return 2
    shown = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    print(f"CartelSim dashboard: http://{shown}:{args.port}/", flush=True)
    print(
        f"  scenarios: shipped {config.SHIPPED_SCENARIOS}, yours {args.scenarios.resolve()}; "
        f"sweeps from {args.runs.resolve()}. Ctrl-C stops it.",
        flush=True,
    )
    with contextlib.suppress(KeyboardInterrupt):
        serve(args.host, args.port, args.scenarios, args.runs)
    return 0


def _port_problem(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be bound, or None when it can."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as e:
            return e.strerror or str(e)
    return None


# --- a server in a subprocess, for tests, screenshots and benchmarks ---------------------------


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def running_server(
    user_scenarios: Path,
    runs: Path | None = None,
    port: int | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 90.0,
) -> Iterator[tuple[str, Path]]:
    """Start ``cartelsim dashboard`` as a subprocess; yield its URL and log file; stop it after.

    The server is the real one users run (same command, same settings), on a free
    port of 127.0.0.1. Its output goes to a log file beside ``user_scenarios``.
    """
    port = port or free_port()
    runs = runs or user_scenarios.parent / "runs"
    logfile = user_scenarios.parent / f"dashboard-{port}.log"
    cmd = [
        sys.executable,
        "-m",
        "simulator",
        "dashboard",
        "--port",
        str(port),
        "--scenarios",
        str(user_scenarios),
        "--runs",
        str(runs),
    ]
    with open(logfile, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            cmd, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_until_up(url, proc, logfile, timeout)
        yield url, logfile
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_until_up(url: str, proc: subprocess.Popen[bytes], logfile: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"dashboard exited with {proc.returncode}:\n{logfile.read_text(errors='replace')}"
            )
        try:
            with urllib.request.urlopen(url + "readyz", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"dashboard did not answer at {url} within {timeout:.0f} s")
