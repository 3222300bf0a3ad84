"""Chapters → one pandoc markdown document."""
