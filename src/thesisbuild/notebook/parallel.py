"""Chapters whose code must run run at the same time, each on a kernel of its own, up to
`execute_jobs` at once; the caller exports them one by one in chapter order as each is
ready, so messages, figure names and warnings come out as in a serial build. A chapter
that fails does not stop the others: once every chapter has run, all failures are
reported together (with `execute_jobs: 1` the build stops at the first, as it always
did). Ctrl-C or SIGTERM in the main thread ends every kernel (kernels.py)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import Any, Generic, TypeVar

from ..core.errors import ThesisbuildError
from .kernels import Kernels

T = TypeVar("T")


def default_jobs() -> int:
    """The cores this process may use (a CI container's quota, not the host's cores)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class ChapterRuns(Generic[T]):
    """A pool of `jobs` threads, each running one chapter's code at a time."""

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self.kernels = Kernels()
        self._pool = ThreadPoolExecutor(self.jobs, thread_name_prefix="thesisbuild-chapter")

    def __enter__(self) -> ChapterRuns[T]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """On any way out by an exception (Ctrl-C, SIGTERM, a failed export) end every
        kernel and wait for the threads, so none outlives the build."""
        if error is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self.kernels.stop()
        self._pool.shutdown(wait=True)

    def start(self, run: Callable[[Kernels], T]) -> Future[T]:
        return self._pool.submit(run, self.kernels)

    def in_order(self, started: Sequence[Future[T]]) -> Iterator[T]:
        """Each chapter's result in chapter order; at the first failure, the failures of
        every chapter (after the others ran, or at once with one job)."""
        for index, future in enumerate(started):
            try:
                result = future.result()
            except ThesisbuildError as error:
                raise self.together(error, started[index + 1 :]) from None
            yield result

    def together(self, first: ThesisbuildError, rest: Sequence[Future[T]]) -> ThesisbuildError:
        """The first failure, with those of the chapters still running or waiting."""
        if self.jobs == 1:
            for future in rest:
                future.cancel()
        errors = [first, *(error for future in rest if (error := failure_of(future)))]
        errors = list({id(error): error for error in errors}.values())  # a gateway's: once
        if len(errors) == 1:
            return first
        gravest = max(errors, key=lambda error: error.exit_code)  # a missing kernel: exit 2
        return type(gravest)("\n".join(error.message for error in errors))


def failure_of(future: Future[Any]) -> ThesisbuildError | None:
    """The chapter's located error once it ran (None when it succeeded or never ran)."""
    if future.cancelled():
        return None
    error = future.exception()
    if error is None or isinstance(error, ThesisbuildError):
        return error
    raise error
