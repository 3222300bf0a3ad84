"""The submission check: measure the built PDF (glyph sizes, baselines, the text against
the margins, page counts, fonts, metadata, parts) and judge it by thesis.yaml's
`requirements`."""
