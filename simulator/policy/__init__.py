"""Policy layer: levers, the phase timeline, triggers (R17) and annual reviews (R16)."""

from simulator.policy.timeline import PolicyTimeline

__all__ = ["PolicyTimeline"]
