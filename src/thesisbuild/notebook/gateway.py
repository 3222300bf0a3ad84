"""Chapters' code on a Jupyter kernel gateway (Enterprise Gateway, Kernel Gateway, Jupyter
Server in gateway mode) instead of a kernel on this machine: thesis.yaml's
`execute_gateway` or `--gateway URL`. What the gateway gets: the kernel's name, the code
cells one by one, `KERNEL_*` environment variables (the working directory, when
`execute_gateway.directory` is set), and the token from the environment variable
`token_env` in each request's Authorization header; never a file of the project. The
token lives in memory only: Gateway's repr leaves it out, no message names it."""

from __future__ import annotations

import json
import os
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from ..config.model import ExecuteGateway
from ..core.errors import EnvironmentProblem, ThesisbuildError

CHECK_SECONDS = 10


@dataclass
class Checked:
    """The gateway's check, done once per build by the first chapter that needs a kernel,
    and the kernel manager class it gave."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    error: ThesisbuildError | None = None
    manager: type | None = None


@dataclass(frozen=True)
class Gateway:
    """A gateway to run kernels on; `directory`: the project's folder on its side."""

    url: str
    kernel: str | None = None
    token_env: str = "THESIS_GATEWAY_TOKEN"
    directory: str | None = None
    token: str = field(default="", repr=False, compare=False)
    checked: Checked = field(default_factory=Checked, repr=False, compare=False)

    def working_dir(self, chapter_folder: str) -> str | None:
        """The kernel's folder on the gateway's side: the chapter's folder in `directory`."""
        if self.directory is None:
            return None
        return str(PurePosixPath(self.directory) / chapter_folder)


def gateway_of(setting: ExecuteGateway) -> Gateway | None:
    """thesis.yaml's (or --gateway's) gateway, with its token from the environment."""
    if not setting.url:
        return None
    token = os.environ.get(setting.token_env, "")
    url = setting.url.rstrip("/")
    return Gateway(url, setting.kernel, setting.token_env, setting.directory, token)


def request(gateway: Gateway, path: str, method: str = "GET") -> Any:
    """A JSON answer of the gateway's REST API (urllib: quick to fail, clear errors)."""
    headers = {"Authorization": f"token {gateway.token}"} if gateway.token else {}
    asked = urllib.request.Request(gateway.url + path, headers=headers, method=method)
    with urllib.request.urlopen(asked, timeout=CHECK_SECONDS) as answer:
        body = answer.read()
    return json.loads(body) if body else None


def problem(gateway: Gateway, kernel: str) -> str | None:
    """Why kernels named `kernel` cannot run on the gateway, or None when they can."""
    try:
        specs = request(gateway, "/api/kernelspecs")
    except urllib.error.HTTPError as error:
        if error.code in (401, 403):
            return f"refused the token in ${gateway.token_env} (HTTP {error.code})"
        return f"answered HTTP {error.code} {error.reason} for /api/kernelspecs"
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return f"cannot be reached ({reason})"
    names = sorted(specs.get("kernelspecs", {})) if isinstance(specs, dict) else []
    if kernel not in names:
        offered = ", ".join(names) or "none"
        return f"has no kernel {kernel!r} (it offers: {offered})"
    return None


def require(gateway: Gateway, kernel: str, chapter: str, cell_timeout: int) -> type:
    """The kernel manager class for the gateway; stop (exit 2) when it cannot run the
    chapter's kernel. Checked once per build: chapters after the first that found it
    broken raise that one error again, which parallel.py reports once."""
    with gateway.checked.lock:
        if gateway.checked.manager is None and gateway.checked.error is None:
            found = problem(gateway, kernel)
            if found is None:
                gateway.checked.manager = manager_class(gateway, cell_timeout)
            else:
                gateway.checked.error = EnvironmentProblem(
                    f"{chapter}: the kernel gateway {gateway.url} {found}; check "
                    "`execute_gateway` in thesis.yaml (or --gateway), the gateway, and "
                    "`thesisbuild doctor --gateway URL`."
                )
        if gateway.checked.error is not None:
            raise gateway.checked.error
        assert gateway.checked.manager is not None
        return gateway.checked.manager


def end_remote(gateway: Gateway) -> Callable[[Any], None]:
    """How Ctrl-C ends a kernel on the gateway from the main thread: DELETE it, and close
    its websocket, so that the chapter's thread stops waiting for the cell's reply (the
    gateway may keep it open, and Jupyter Server's client takes a kernel it cannot find
    for a live one)."""

    def end(client: Any) -> None:
        kernel_id = getattr(client.km, "kernel_id", None)
        try:
            if kernel_id:
                request(gateway, f"/api/kernels/{kernel_id}", method="DELETE")
        finally:
            socket = getattr(client.kc, "channel_socket", None)
            if socket is not None:
                socket.close()

    return end


def manager_class(gateway: Gateway, cell_timeout: int) -> type:
    """nbclient's kernel manager class for the gateway, Jupyter Server's configured."""
    try:
        from .gatewayclient import TokenKernelManager, configure
    except ImportError as error:
        raise EnvironmentProblem(
            f"running code on a kernel gateway needs jupyter_server ({error.name} is "
            "missing); install it with `pip install 'thesisbuild[gateway]'`."
        ) from None
    configure(gateway.url, gateway.token, cell_timeout)
    return TokenKernelManager
