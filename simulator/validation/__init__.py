"""Validation: checks of the model against published findings and real data (``cartelsim validate``)."""

from simulator.validation.checks import CHECKS, Check, CheckResult, Context, Measure, run_checks

__all__ = ["CHECKS", "Check", "CheckResult", "Context", "Measure", "run_checks"]
