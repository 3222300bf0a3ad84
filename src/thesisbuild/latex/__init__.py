"""The manuscript → thesis.tex (pandoc) → PDF (latexmk), the log explained at chapter lines."""
