"""The server's offline settings, network guard, CLI registration, and errors kept in their page."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap

import ipyvuetify as v
import pytest
import solara

from simulator.cli import build_parser, main
from simulator.dashboard import server
from simulator.dashboard.components import PageGuard, use_guard


def test_local_addresses_are_recognised():
    for host in ("127.0.0.1", "::1", "localhost", "127.3.4.5", "0.0.0.0", "[::1]"):
        assert server.is_local(host), host
    for host in ("8.8.8.8", "cdn.jsdelivr.net", "pypi.org", "10.0.0.1", None, 5):
        assert not server.is_local(host), host


def test_the_guard_refuses_outgoing_connections_in_its_process():
    code = textwrap.dedent(
        """
        import socket
        from simulator.dashboard.server import install_network_guard
        install_network_guard()
        listener = socket.socket(); listener.bind(("127.0.0.1", 0)); listener.listen()
        socket.create_connection(listener.getsockname(), timeout=2).close()  # local: allowed
        for target in (("93.184.216.34", 80), ("cdn.jsdelivr.net", 443)):
            try:
                socket.create_connection(target, timeout=2)  # looks the name up first
            except PermissionError as e:
                print("refused", e)
        try:
            socket.socket().connect(("93.184.216.34", 80))  # no lookup: the connect itself
        except PermissionError as e:
            print("refused", e)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    refused = [line for line in out.stdout.splitlines() if line.startswith("refused")]
    assert len(refused) == 3, out.stdout
    assert "refused ('93.184.216.34', 80)" in refused[-1]


def test_offline_settings_point_misses_at_a_dead_local_port(tmp_path):
    env = server.offline_environment(tmp_path / "mine", tmp_path / "runs")
    assert env["SOLARA_ASSETS_CDN"].startswith("http://127.0.0.1:9/")
    assert env["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] == "False"
    assert env["SOLARA_ASSETS_PROXY"] == "True"
    assert env["SOLARA_APP"] == "simulator.dashboard.app"
    assert env["CARTELSIM_DASHBOARD_SCENARIOS"] == str((tmp_path / "mine").resolve())


def test_the_dashboard_command_binds_localhost_by_default():
    args = build_parser().parse_args(["dashboard"])
    assert (args.host, args.port) == ("127.0.0.1", server.DEFAULT_PORT)
    assert args.func is server.cmd_dashboard


def test_a_port_in_use_is_refused_with_exit_2(capsys, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        assert main(["dashboard", "--port", str(port), "--scenarios", str(tmp_path)]) == 2
    assert "cannot listen" in capsys.readouterr().err


@solara.component
def Crashing() -> None:
    guard = use_guard()
    count, set_count = solara.use_state(0)

    def boom() -> None:
        raise RuntimeError("callback exploded")

    solara.Button("boom", on_click=guard(boom), classes=["boom"])
    solara.Button(f"fine {count}", on_click=lambda: set_count(count + 1), classes=["fine"])


def test_a_crashing_callback_shows_an_error_in_its_page_only():
    _, crashed = solara.render(PageGuard("Test", children=[Crashing()]), handle_error=False)
    _, other = solara.render(PageGuard("Other", children=[Crashing()]), handle_error=False)
    crashed.find(v.Btn, class_="boom").widget.click()
    alert = crashed.find(v.Alert).widget
    assert "callback exploded" in str(alert.children) and "Test page" in str(alert.children)
    other.find(v.Alert).assert_empty()
    other.find(v.Btn, class_="fine").widget.click()
    assert other.find(v.Btn, class_="fine").widget.children == ["fine 1"]
    crashed.find(v.Btn, children=["Start this page again"]).widget.click()
    crashed.find(v.Alert).assert_empty()


@solara.component
def BrokenRender() -> None:
    raise ValueError("render exploded")


def test_an_exception_while_rendering_is_caught_by_the_page_guard():
    _, rc = solara.render(PageGuard("Broken", children=[BrokenRender()]), handle_error=False)
    assert "render exploded" in str(rc.find(v.Alert).widget.children)


@pytest.mark.parametrize("host", ["0.0.0.0"])
def test_the_guard_allows_looking_up_the_bound_host(host):
    audit = server.network_guard(frozenset({"myhost.lan"}))
    audit("socket.getaddrinfo", ("myhost.lan", 80, 0, 0, 0))  # allowed: the --host value
    with pytest.raises(PermissionError):
        audit("socket.getaddrinfo", ("example.org", 80, 0, 0, 0))
    audit("socket.getaddrinfo", (host, 80, 0, 0, 0))
