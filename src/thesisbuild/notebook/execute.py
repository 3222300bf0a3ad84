"""Run a chapter's code cells on a real Jupyter kernel (nbclient), cell by cell, so a
failure names the chapter file, the cell's line and the exception."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from queue import Empty
from typing import IO, Any

from ..config.model import ExecuteMode, Figures
from ..core.errors import BuildFailed, EnvironmentProblem, ThesisbuildError
from ..core.progress import Running, ticking
from ..sources.chapter import ChapterSource
from .figures import cell_code, startup_code
from .gateway import Gateway, end_remote, require
from .kernels import Kernels

SKIP_TAG = "skip-execution"
WAIT_SLICE = 0.25  # seconds between looks at whether the build was stopped
PRINT_QUALITY = Figures()
CELL_LINE = re.compile(r"(?:Cell In ?\[(\d*)\]|<ipython-input-(\d+)-[^>]*>), line (\d+)")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class Execution:
    """When and how chapters run: `inputs` is the digest of the declared data files,
    `rerun` ignores cached and stored outputs, `running` hears of long cells, `jobs`
    chapters run at once, on `gateway` when set; `figures` are matplotlib's settings
    (notebook/figures.py)."""

    mode: ExecuteMode
    timeout: int = 600
    inputs: str = ""
    rerun: bool = False
    running: Running | None = None
    jobs: int = 1
    gateway: Gateway | None = None
    figures: Figures = PRINT_QUALITY


def needs_execution(notebook: Any, execution: Execution) -> bool:
    """never; always (or --rerun); auto: when no code cell was ever run (no outputs, no
    execution count), so a notebook saved after running is shown as saved even where an
    `import` printed nothing (running a Colab notebook here would fail on `google.colab`)."""
    runnable = [
        cell
        for cell in notebook.cells
        if cell.cell_type == "code"
        and str(cell.source).strip()
        and SKIP_TAG not in cell.metadata.get("tags", [])
    ]
    if execution.mode == "never" or not runnable:
        return False
    if execution.mode == "always" or execution.rerun:
        return True
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    return not any(cell.get("outputs") or cell.get("execution_count") for cell in code)


def execute(
    notebook: Any,
    chapter: ChapterSource,
    kernel_log: Path,
    execution: Execution,
    kernels: Kernels | None = None,
) -> None:
    """Execute in place, in the chapter's folder, with the notebook's kernel (here, or on
    the gateway). What the kernel process itself prints (ipykernel's TCP warning, a
    crash) goes to kernel_log. `kernels` tracks the kernel so that another thread can end
    it (parallel.py)."""
    from nbclient import NotebookClient

    kernels = kernels or Kernels()
    options = kernel_options(notebook, chapter, execution)
    client = NotebookClient(notebook, timeout=execution.timeout, **options)
    ending = end_remote(execution.gateway) if execution.gateway else None
    kernel_log.parent.mkdir(parents=True, exist_ok=True)
    place = Place(chapter, notebook, options["kernel_name"], kernel_log, execution)
    with (
        kernel_log.open("w", encoding="utf-8") as log,
        located(place),
        kernel_of(client, log, kernels, ending),
    ):
        place.started = True
        python = is_python(notebook)
        if python:
            quietly(client, startup_code(execution.figures), kernels)
        for index, cell in enumerate(notebook.cells):
            place.index = index
            kernels.check()
            with ticking(cell_label(chapter, index), execution.running):
                run_cell(client, cell, index, execution.figures if python else None, kernels)


def kernel_options(notebook: Any, chapter: ChapterSource, execution: Execution) -> dict[str, Any]:
    """nbclient's kernel: the notebook's, started here in the chapter's folder, or the
    one `execute_gateway` names, started on the gateway (in `directory`, if set)."""
    kernel = notebook.metadata.get("kernelspec", {}).get("name") or "python3"
    gateway = execution.gateway
    if gateway is None:
        return {
            "kernel_name": kernel,
            "resources": {"metadata": {"path": str(chapter.path.parent)}},
        }
    kernel = gateway.kernel or kernel
    manager = require(gateway, kernel, chapter.display, execution.timeout)
    remote = gateway.working_dir(PurePosixPath(chapter.display).parent.as_posix())
    metadata = {"path": remote} if remote else {}
    return {
        "kernel_name": kernel,
        "kernel_manager_class": manager,
        "resources": {"metadata": metadata},
    }


@dataclass
class Place:
    """Where a chapter's run is: its cell, whether the kernel started."""

    chapter: ChapterSource
    notebook: Any
    kernel: str
    kernel_log: Path
    execution: Execution
    index: int = 0
    started: bool = False


@contextmanager
def located(place: Place) -> Iterator[None]:
    """nbclient's and the gateway's exceptions as errors at the chapter and cell."""
    from jupyter_client.kernelspec import NoSuchKernel
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    chapter = place.chapter
    try:
        yield
    except NoSuchKernel:
        raise EnvironmentProblem(not_installed(chapter, place.kernel)) from None
    except CellTimeoutError:
        raise BuildFailed(timed_out(chapter, place.index, place.execution.timeout)) from None
    except CellExecutionError as error:
        count = place.notebook.cells[place.index].get("execution_count")
        raise BuildFailed(failure(chapter, place.index, error, count)) from None
    except DeadKernelError:
        raise BuildFailed(died(chapter, place.index, place.kernel_log)) from None
    except Exception as error:
        if place.execution.gateway is None:
            raise
        raise gateway_failure(place, error) from None


def not_installed(chapter: ChapterSource, kernel: str) -> str:
    return (
        f"{chapter.display}: Jupyter kernel {kernel!r} is not installed; "
        f"install it (e.g. `python -m ipykernel install --user --name {kernel}`) "
        "or change the notebook's kernelspec."
    )


def gateway_failure(place: Place, error: Exception) -> ThesisbuildError:
    """The gateway failed to start the kernel (exit 2), or went away while a cell ran
    (exit 1): nothing of the chapter is cached, the last build's files stay."""
    assert place.execution.gateway is not None
    url = place.execution.gateway.url
    reason = (str(error).strip().splitlines() or [type(error).__name__])[0][:300]
    if not place.started:
        return EnvironmentProblem(
            f"{place.chapter.display}: the kernel gateway {url} did not start kernel "
            f"{place.kernel!r}: {reason}"
        )
    return BuildFailed(
        f"{cell_label(place.chapter, place.index)}: lost the kernel gateway {url} while the "
        f"cell ran ({reason}).\nNothing of the chapter was cached and the last build's files "
        "stay; build again once the gateway runs."
    )


def is_python(notebook: Any) -> bool:
    """An IPython kernel, whose `%config` sets matplotlib's figures (R's kernel has none)."""
    language = notebook.metadata.get("kernelspec", {}).get("language") or "python"
    return str(language).lower() == "python"


def run_cell(client: Any, cell: Any, index: int, figures: Figures | None, kernels: Kernels) -> None:
    """The cell, within its own figure settings (`#| fig-width: 3`) if it has any."""
    options = cell.metadata.get("thesisbuild", {}) if cell.cell_type == "code" else {}
    around = cell_code(options, figures) if figures is not None else None
    if around is not None:
        quietly(client, around[0], kernels)
    client.execute_cell(cell, index)
    if around is not None:
        quietly(client, around[1], kernels)


def quietly(client: Any, code: str, kernels: Kernels) -> None:
    """Run the build's own code in the kernel: no history, no output, no execution count.
    Only the shell channel's reply is awaited (a gateway's channels have no socket to
    poll); the kernel's status messages carry this request's id, which nbclient skips."""
    from nbclient.util import run_sync

    request = client.kc.execute(code, silent=True, store_history=False)
    with suppress(TimeoutError):  # a kernel that hangs here hangs in the cell: said there
        run_sync(replied)(client.kc, request, kernels)


async def replied(kernel_client: Any, request: str, kernels: Kernels, seconds: float = 60) -> None:
    """Until the shell channel answers `request`; TimeoutError after `seconds`, Stopped
    as soon as the build is (Ctrl-C ended the kernel: no answer comes)."""
    from jupyter_core.utils import ensure_async

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        kernels.check()
        try:
            reply = await ensure_async(kernel_client.shell_channel.get_msg(timeout=WAIT_SLICE))
        except Empty:
            continue
        if reply.get("parent_header", {}).get("msg_id") == request:
            return
    raise TimeoutError(request)


def cell_label(chapter: ChapterSource, index: int) -> str:
    """`thesis/03.md:41: code cell 2`: where a running cell starts."""
    cell = chapter.cells[index]
    return f"{chapter.locate(cell, 0, 0).at_cell()}: code cell {cell.number}"


def timed_out(chapter: ChapterSource, index: int, seconds: int) -> str:
    return (
        f"{cell_label(chapter, index)} ran longer than {seconds} s and was stopped.\n"
        "Make it faster (or load a saved result), or raise `execute_timeout` in thesis.yaml."
    )


@contextmanager
def kernel_of(
    client: Any, log: IO[str], kernels: Kernels, ending: Callable[[Any], None] | None = None
) -> Iterator[None]:
    """The client's kernel while the cells run. nbclient shuts it down only once it has
    started; Ctrl-C while it starts would leave it running in its own session."""
    from nbclient.util import run_sync

    kernels.check()
    client.km = client.create_kernel_manager()
    kernels.add(client, ending)
    try:
        with client.setup_kernel(stderr=log):
            yield
    except BaseException:
        if client.km is not None and client.km.has_kernel:  # an AsyncKernelManager
            run_sync(client.km.shutdown_kernel)(now=True)
        raise
    finally:
        kernels.discard(client)


def failure(chapter: ChapterSource, index: int, error: Any, count: int | None = None) -> str:
    """`thesis/03.md:41: cell 2 raised ZeroDivisionError: division by zero`."""
    cell = chapter.cells[index]
    place = chapter.locate(cell, failing_line(error, count), 0).at_line()
    exception = f"{error.ename}: {error.evalue}" if getattr(error, "ename", "") else str(error)
    return (
        f"{place}: code cell {cell.number} raised {exception}\n"
        "Fix the cell, add `#| error: true` to print its traceback in the PDF, or tag it "
        "`skip-execution` to keep it out of the build."
    )


def died(chapter: ChapterSource, index: int, kernel_log: Path) -> str:
    """The kernel process ended (os._exit, a segfault, out of memory) while a cell ran."""
    return (
        f"{cell_label(chapter, index)}: the kernel died (what it printed: "
        f"{kernel_log.as_posix()}).\nFix the cell, or tag it `skip-execution` to keep it out "
        "of the build."
    )


def failing_line(error: Any, count: int | None) -> int:
    """0-based line of the failing cell: its deepest frame in the traceback (a frame in a
    function another cell defined names that cell's line, so it is not taken)."""
    traceback = getattr(error, "traceback", "") or ""
    if not isinstance(traceback, str):  # nbclient gives a str; an error output a list
        traceback = "\n".join(traceback)
    frames = [
        (new or old, int(line)) for new, old, line in CELL_LINE.findall(ANSI.sub("", traceback))
    ]
    own = [line for frame, line in frames if count is not None and frame == str(count)]
    if own:
        return own[-1] - 1
    return frames[0][1] - 1 if frames else 0
