"""Where this thesisbuild was installed from, said so that CI (requirements.txt) and
pre-commit (`repo:`/`rev:`) can install the same one again (PEP 610's direct_url.json)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, distribution

from .. import __version__


@dataclass(frozen=True)
class Origin:
    """A requirements.txt line for thesisbuild, and its git repository when known."""

    requirement: str
    repository: str | None = None
    revision: str | None = None
    local: bool = False  # installed from a file or folder that CI cannot reach


def installed() -> Origin:
    try:
        dist = distribution("thesisbuild")
    except PackageNotFoundError:  # imported from a source tree without installing
        return Origin(f"thesisbuild=={__version__}", local=True)
    return from_direct_url(dist.read_text("direct_url.json"), dist.version)


def from_direct_url(text: str | None, version: str) -> Origin:
    """Git installs name their commit; index installs their version; a local folder or
    wheel has no address CI could use, so it falls back to the version too."""
    data = json.loads(text) if text else {}
    vcs = data.get("vcs_info", {})
    if vcs.get("vcs") == "git" and not data["url"].startswith("file:"):
        url, commit = data["url"], vcs["commit_id"]
        return Origin(f"thesisbuild @ git+{url}@{commit}", url, commit)
    return Origin(f"thesisbuild=={version}", local="url" in data)
