"""thesisbuild: a thesis written as Jupyter chapter notebooks, built into a PDF."""

import sys

__version__ = "0.1.0"

# jsonschema, which nbformat validates notebooks with, imports rfc3987_syntax when it is
# installed (jupyter_server's dependencies bring it: thesisbuild[gateway]), and that module
# builds a grammar for 1.2 s at import: a third of a prose edit's build. nbformat's schema
# checks no IRI format, so the module stays out (jsonschema expects it may be missing).
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
# jupytext's package imports its Jupyter contents managers, which import jupyter_server
# and tornado (0.2–0.3 s); thesisbuild only reads and writes text, so they stay out
# (jupytext expects them to fail to import and raises only when they are used).
for _manager in ("jupytext.sync_contentsmanager", "jupytext.async_contentsmanager"):
    sys.modules.setdefault(_manager, None)  # type: ignore[arg-type]
