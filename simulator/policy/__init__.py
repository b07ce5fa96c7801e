"""Policy layer: levers, the phase timeline (R16), triggers (R17) and annual reviews (R16)."""

from simulator.policy.review import annual_review
from simulator.policy.timeline import PolicyTimeline
from simulator.policy.triggers import TriggerState

__all__ = ["PolicyTimeline", "TriggerState", "annual_review"]
