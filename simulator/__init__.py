"""CartelSim: agent-based policy-scenario simulator for counter-cartel strategies."""
