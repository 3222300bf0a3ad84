"""The data files `inputs` declares and one digest of their contents, part of the execution
cache key and of the no-op check. Hashing a large corpus at every build would cost the
no-op build its speed, so each file's hash is kept with its size and modification time in
build/.cache/inputs.json and computed again only when those change; a memo entry of
another shape (damaged, another FORMAT) is hashed again."""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..config.inputglob import TooManyMatches, matched_files, too_many
from ..config.model import CONFIG_NAME
from ..core.errors import ConfigError
from ..core.files import read_json_object, write_text_atomically
from ..core.paths import refuse_links_on_the_way

CHUNK = 1 << 20
# Raise when the memo's layout changes: __version__ stays the same between commits.
FORMAT = 2
SHA256 = re.compile(r"[0-9a-f]{64}")


def input_files(root: Path, patterns: Sequence[str]) -> list[Path]:
    """The files the patterns match, bounded as thesis.yaml's reader checked them (files
    may have been added since)."""
    try:
        return sorted({path for pattern in patterns for path in matched_files(root, pattern)})
    except TooManyMatches as error:
        raise ConfigError(f"{CONFIG_NAME}: inputs: {too_many(str(error))}.") from None


def inputs_digest(root: Path, patterns: Sequence[str], memo_path: Path) -> str:
    """Hash of the matched files' names and contents; their hashes kept in `memo_path`
    (BuildPaths.inputs_memo, below root)."""
    known, current = load_memo(memo_path), {}
    digest = hashlib.sha256()
    for path in input_files(root, patterns):
        name = str(path.relative_to(root))
        current[name] = file_entry(path, known.get(name))
        digest.update(f"{name}\0{current[name]['sha256']}\0".encode())
    if current != known:
        memo = json.dumps({"format": FORMAT, "files": current})
        refuse_links_on_the_way(root, memo_path.parent)
        with contextlib.suppress(OSError):  # unwritable build/: hashed again next time
            write_text_atomically(memo_path, memo)
    return digest.hexdigest()


def file_entry(path: Path, known: Any) -> dict[str, Any]:
    """{state: [size, mtime], sha256}: the known hash while the state is unchanged."""
    stat = path.stat()
    state = [stat.st_size, stat.st_mtime_ns]
    if isinstance(known, dict) and known.get("state") == state and is_hash(known.get("sha256")):
        return {"state": state, "sha256": known["sha256"]}
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return {"state": state, "sha256": digest.hexdigest()}


def is_hash(value: Any) -> bool:
    return isinstance(value, str) and SHA256.fullmatch(value) is not None


def load_memo(memo_path: Path) -> dict[str, Any]:
    """The known hashes by file name; {} for a memo of another format (each entry is
    checked where it is used)."""
    memo = read_json_object(memo_path)
    files = memo.get("files") if memo.get("format") == FORMAT else None
    return files if isinstance(files, dict) else {}
