"""thesisbuild: a thesis written as Jupyter chapter notebooks, built into a PDF."""

__version__ = "0.1.0"
