"""The four kinds of agent: governments, cartels, enforcement bodies and communities."""

from simulator.agents.cartel import Cartel
from simulator.agents.community import Community
from simulator.agents.enforcement import EnforcementBody
from simulator.agents.government import Government

__all__ = ["Cartel", "Community", "EnforcementBody", "Government"]
