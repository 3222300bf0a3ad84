"""Writes that never leave a half-written file: a temporary file beside it, then a rename."""

from __future__ import annotations

import contextlib
import errno
import glob
import json
import os
import re
import secrets
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import EnvironmentProblem

# The temporary file's name is `.<name>.thesisbuild-<16 hex digits>.tmp`: remove_leftovers
# deletes only names of exactly that form, never a user's `.01-intro.md.my-notes.tmp`.
MARKER = "thesisbuild-"
TEMPORARY_SUFFIX = ".tmp"


def temporary_name(path: Path) -> str:
    return f".{path.name}.{MARKER}{secrets.token_hex(8)}{TEMPORARY_SUFFIX}"


def is_leftover(candidate: Path, path: Path) -> bool:
    """A name temporary_name made for path (16 lowercase hex digits, nothing else)."""
    pattern = rf"\.{re.escape(path.name)}\.{MARKER}[0-9a-f]{{16}}{re.escape(TEMPORARY_SUFFIX)}"
    return re.fullmatch(pattern, candidate.name) is not None


def write_text_atomically(path: Path, text: str) -> None:
    """Replace path's content in one step, keeping its permissions (a symlink is replaced,
    not followed: callers that mean its target pass the target)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(temporary_name(path))
    with naming(path):  # O_EXCL: never through a file or link that is already there
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with naming(path), os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        if path.exists():
            shutil.copymode(path, temporary)
        else:  # created 0600; a new file gets the usual mode under the umask
            os.chmod(temporary, 0o666 & ~current_umask())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def remove_leftovers(path: Path) -> None:
    """Delete the temporary files a killed write left beside path, and nothing else."""
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.{MARKER}*"):
        if is_leftover(leftover, path):
            leftover.unlink(missing_ok=True)


def current_umask() -> int:
    """The process's umask, read without setting it where Linux shows it: setting it to 0
    and back would, for that moment, let another thread (chapters run in threads of their
    own) create files and kernels with a umask of 0."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def naming(path: Path) -> Iterator[None]:
    """A failed write (a full disk) names the file; the OS error alone does not."""
    try:
        yield
    except OSError as error:
        if error.filename is None:
            raise OSError(error.errno, error.strerror, str(path)) from error
        raise


def replace_atomically(source: Path, target: Path) -> None:
    """Move a finished file into place; the old target stays until the move succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(f".{target.name}.staged")
    with naming(target):
        shutil.copyfile(source, staged)
    os.replace(staged, target)


def read_json(path: Path) -> Any:
    """JSON the build wrote, None when missing, unreadable or cut off (not UTF-8 counts:
    a torn write can split a character)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None


def read_json_object(path: Path) -> dict[str, Any]:
    """A JSON object the build wrote; missing, unreadable or of another shape reads as {}
    (the record is rebuilt)."""
    loaded = read_json(path)
    return loaded if isinstance(loaded, dict) else {}


KINDS = {stat.S_ISDIR: "a folder", stat.S_ISFIFO: "a named pipe", stat.S_ISSOCK: "a socket",
         stat.S_ISCHR: "a device", stat.S_ISBLK: "a device"}  # fmt: skip


def not_regular(path: Path) -> str | None:
    """What path is when it exists but is no regular file ("a named pipe"), else None:
    reading a named pipe or a device would block or never end."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in KINDS.items() if test(mode)), "not a file")


def read_regular(path: Path) -> bytes:
    """A regular file's bytes; OSError for anything else, without blocking on a named pipe
    that appears between a check and the read."""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        return stream.read()


# What the system says when a folder may not be written: permissions, a read-only mount.
UNWRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}


@contextlib.contextmanager
def writable_folder(folder: Path) -> Iterator[None]:
    """The build's folder and those in it must be writable; a write there that the system
    refuses is one sentence naming the folder (exit 2), not a failed build."""
    for walked, _, _ in os.walk(folder):
        if not os.access(walked, os.W_OK | os.X_OK):
            raise unwritable(folder, Path(walked), os.strerror(errno.EACCES))
    try:
        yield
    except OSError as error:
        place = Path(os.path.abspath(error.filename)) if error.filename else None
        if error.errno in UNWRITABLE and place is not None and place.is_relative_to(folder):
            inner = place if place == folder else place.parent
            raise unwritable(folder, inner, error.strerror or str(error)) from error
        raise


def unwritable(folder: Path, inner: Path, reason: str) -> EnvironmentProblem:
    shown = f"{inner.relative_to(folder.parent)}/"
    return EnvironmentProblem(
        f"{shown}: the build cannot write there ({reason}); make it writable "
        f"(chmod -R u+w {folder.name}) or delete {folder.name}/, or build a copy of the "
        "project in a folder you can write."
    )
