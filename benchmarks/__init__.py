"""Benchmarks and result checks: run with ``python -m benchmarks``; not part of the test suite."""
