"""Metrics and suite runners behind `companion eval`."""
