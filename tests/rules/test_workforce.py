"""R1, the cartel workforce equation, against Prieto-Curiel et al. (2023)."""

from __future__ import annotations

import numpy as np
import pytest

from simulator.rules.r01_workforce import WEEKS_PER_MONTH, conflict_matrix, workforce_step
from simulator.scenario.schema import Calibration
from simulator.world.cartel_network import load_cartel_network


def replay(network_folder, months: int = 120):
    """Run R1 alone, monthly, on the 150-cartel network from 115k members in 2012."""
    net = load_cartel_network(network_folder)
    k = conflict_matrix(net.rivalry, net.alliance)
    cal = Calibration()  # the paper's parameters are the defaults
    members = net.power_law_members(115_000)
    totals, recruits, deaths, arrests = [], [], [], []
    for _ in range(months):
        members, flows = workforce_step(
            members, k, rho=cal.rho, eta=cal.eta, theta=cal.theta, omega=cal.omega
        )
        totals.append(members.sum())
        recruits.append(flows.recruits.sum())
        deaths.append(flows.deaths.sum())
        arrests.append(flows.arrests.sum())
    return np.array(totals), np.array(recruits), np.array(deaths), np.array(arrests)


def test_network_has_150_cartels_and_symmetric_relations(network_folder):
    net = load_cartel_network(network_folder)
    assert len(net.ids) == 150
    assert np.allclose(net.rivalry, net.rivalry.T)
    assert np.allclose(net.alliance, net.alliance.T)
    assert net.power_law_members(115_000).sum() == pytest.approx(115_000)


def test_r1_reproduces_growth_2012_to_2022(network_folder):
    totals, recruits, _, _ = replay(network_folder)
    assert 160_000 <= totals[-1] <= 185_000, f"members in 2022: {totals[-1]:,.0f}"
    weekly_recruits = recruits.mean() / WEEKS_PER_MONTH
    assert 350 <= weekly_recruits <= 370, f"recruits a week: {weekly_recruits:.0f}"


def test_r1_losses_by_2022_match_the_paper(network_folder):
    """About 6,500 killed and 5,700 incapacitated a year by 2022 (Prieto-Curiel et al. 2023)."""
    _, _, deaths, arrests = replay(network_folder)
    assert 5_800 <= deaths[-12:].sum() <= 7_200
    assert arrests[-12:].sum() == pytest.approx(110 * 52.18, rel=0.01)  # eta = 110 a week


def test_arrests_are_shared_by_size():
    members = np.array([1000.0, 3000.0])
    _, flows = workforce_step(
        members, np.zeros((2, 2)), rho=0, eta=100, theta=0, omega=0, substeps=1
    )
    assert flows.arrests[1] == pytest.approx(3 * flows.arrests[0])
    assert flows.arrests.sum() == pytest.approx(100 * WEEKS_PER_MONTH)


def test_conflict_deaths_follow_rivalry_and_alliances():
    rivalry = np.array([[0, 5, 0], [5, 0, 0], [0, 0, 0]], float)
    alliance = np.array([[0, 0, 0], [0, 0, 3], [0, 3, 0]], float)
    k = conflict_matrix(rivalry, alliance)
    assert np.all(np.diag(k) == 0)
    assert k[0, 1] == pytest.approx(6.0)  # (5 + 1) / (0 + 1)
    assert k[1, 0] == pytest.approx(1.5)  # (5 + 1) / (3 + 1): alliances protect cartel 1
    _, flows = workforce_step(np.full(3, 1000.0), k, rho=0, eta=0, theta=1e-6, omega=0, substeps=1)
    assert flows.deaths[0] > flows.deaths[1] > flows.deaths[2] > 0
    assert flows.deaths_by_pair.sum() == pytest.approx(flows.deaths.sum())


def test_groups_never_go_negative():
    members, _ = workforce_step(
        np.array([5.0, 1e6]), np.ones((2, 2)) - np.eye(2), rho=0, eta=1e5, theta=1e-3, omega=0
    )
    assert np.all(members >= 0)
