"""Fakes for unit tests of edge cases only; integration tests use the real servers."""
