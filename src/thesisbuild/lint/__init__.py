"""Lint: chapter sources → Findings, and the fixes for the fixable ones."""
