"""One build at a time per project: two builds writing build/ at once (a `watch` and a
`pdf`, two terminals) would truncate each other's LaTeX files. The second one waits."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from .files import writable_folder
from .paths import refuse_links_on_the_way

LOCK_FILE = ".lock"


@contextmanager
def build_lock(build_dir: Path, on_wait: Callable[[str], None]) -> Iterator[None]:
    """Hold build/.lock; say so once when another build holds it, then wait for it. The
    operating system releases the lock when its holder dies, so a killed build leaves
    none behind. A planted `build -> elsewhere` or `build/.lock -> ~/.bashrc` (which the
    lock would create or truncate) is refused first."""
    build_dir = build_dir.absolute()
    refuse_links_on_the_way(build_dir.parent, build_dir / LOCK_FILE)
    with writable_folder(build_dir):
        try:
            build_dir.mkdir(parents=True, exist_ok=True)
        except FileExistsError:  # a file named build: say what is wrong with it
            raise NotADirectoryError(
                errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(build_dir)
            ) from None
        lock = FileLock(build_dir / LOCK_FILE)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            on_wait("another thesisbuild is building this project; waiting for it to finish")
            lock.acquire()
        try:
            yield
        finally:
            lock.release()
