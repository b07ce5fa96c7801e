"""Policy layer: levers, the phase timeline (R16), triggers (R17) and annual reviews (R16)."""

from simulator.policy.review import ReviewResults, annual_review, autonomy_gain
from simulator.policy.timeline import PolicyTimeline
from simulator.policy.triggers import TriggerState

__all__ = ["PolicyTimeline", "ReviewResults", "TriggerState", "annual_review", "autonomy_gain"]
