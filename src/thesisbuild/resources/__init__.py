"""Packaged templates, Lua filters, citation styles and strings, and a project's overrides."""
