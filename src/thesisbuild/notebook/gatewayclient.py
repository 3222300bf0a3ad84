"""nbclient's kernel manager for a kernel on a Jupyter kernel gateway: Jupyter Server's own
GatewayKernelManager (REST to start and delete kernels, one websocket for the messages),
with two changes. Imported only when a build runs code on a gateway, since jupyter_server
is an optional dependency (`pip install thesisbuild[gateway]`)."""

from __future__ import annotations

import asyncio
import time
from queue import Empty
from threading import Thread
from typing import Any

import websocket
from jupyter_client.client import KernelClient
from jupyter_server.gateway.gateway_client import GatewayClient
from jupyter_server.gateway.managers import (
    ChannelQueue,
    GatewayKernelClient,
    GatewayKernelManager,
    HBChannelQueue,
)
from jupyter_server.utils import url_escape, url_path_join

CHANNELS = ("shell", "iopub", "stdin", "control")


class WaitingQueue(ChannelQueue):  # type: ignore[misc]
    """A channel that waits for the next message without spinning: jupyter_server's
    polls with `asyncio.sleep(0)`, a busy loop that takes a core from the kernels while
    chapters run at once on a gateway next door."""

    async def _async_get(self, timeout: float | None = None) -> Any:
        end = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            try:
                return self.get(block=False)
            except Empty:
                if self.response_router_finished:
                    raise RuntimeError("Response router had finished") from None
                if time.monotonic() > end:
                    raise
                await asyncio.sleep(0.005)


class TokenKernelClient(GatewayKernelClient):  # type: ignore[misc]
    """Opens the kernel's websocket with the token the REST calls carry: jupyter_server
    2.x sends none there, and a gateway with a token (Kernel Gateway's KG_AUTH_TOKEN,
    Enterprise Gateway's) refuses the connection."""

    async def start_channels(
        self,
        shell: bool = True,
        iopub: bool = True,
        stdin: bool = True,
        hb: bool = True,
        control: bool = True,
    ) -> None:
        gateway = GatewayClient.instance()
        address = url_path_join(
            gateway.ws_url or "", gateway.kernels_endpoint, url_escape(self.kernel_id), "channels"
        )
        headers = gateway.load_connection_args().get("headers", {})
        self.channel_socket = websocket.create_connection(
            address,
            timeout=gateway.KERNEL_LAUNCH_TIMEOUT,
            enable_multithread=True,
            header=headers,
        )
        self.prepare_queues()
        # jupyter_client's part of start_channels (GatewayKernelClient's would connect again)
        KernelClient.start_channels(self, shell, iopub, stdin, hb, control)
        self.response_router = Thread(target=self._route_responses, daemon=True)
        self.response_router.start()

    def prepare_queues(self) -> None:
        """The channel queues, made before jupyter_server's properties would make theirs."""
        for name in CHANNELS:
            queue = WaitingQueue(name, self.channel_socket, self.log)
            setattr(self, f"_{name}_channel", queue)
            self._channel_queues[name] = queue
        self._hb_channel = HBChannelQueue("hb", self.channel_socket, self.log)
        self._channel_queues["hb"] = self._hb_channel


class TokenKernelManager(GatewayKernelManager):  # type: ignore[misc]
    """A gateway kernel whose client sends the token on the websocket too."""

    client_class = "thesisbuild.notebook.gatewayclient.TokenKernelClient"
    client_factory = TokenKernelClient


# Past execute_timeout: Jupyter Server uses KERNEL_LAUNCH_TIMEOUT also as the websocket's
# read timeout, so a cell silent that long would read as a lost gateway, not as a cell
# past execute_timeout (which nbclient reports at its line). Clusters (YARN, Kubernetes)
# may take minutes to start a kernel: the same bound serves.
TIMEOUT_MARGIN = 60


def configure(url: str, token: str, cell_timeout: int) -> None:
    """Point Jupyter Server's one GatewayClient at the gateway (once per build, before
    any chapter starts a kernel)."""
    launch_timeout = cell_timeout + TIMEOUT_MARGIN
    gateway = GatewayClient.instance()
    gateway.url = url.rstrip("/")
    gateway.ws_url = "ws" + gateway.url.removeprefix("http")  # https → wss
    gateway.auth_token = token
    gateway.request_timeout = float(launch_timeout + gateway.launch_timeout_pad)
    GatewayClient.KERNEL_LAUNCH_TIMEOUT = launch_timeout
    gateway.init_connection_args()
