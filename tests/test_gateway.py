"""Chapters' code on a real Jupyter Kernel Gateway on 127.0.0.1 (started here, with a
token): outputs and figures reach the markdown, the execution cache is shared with local
kernels both ways, the token never reaches build/, bad settings are one located error
(exit 2), and a gateway that stops mid-build is an error at the running cell with nothing
cached. Only `thesisbuild md`: LaTeX adds nothing here."""

from __future__ import annotations

import base64
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import run_thesisbuild
from processes import PATIENCE, interrupt, start
from small_project import thesis, tiny_png
from tex import pdf_text, poppler, require_tex

from thesisbuild.builder.doctor import gateway_checks
from thesisbuild.config.model import ExecuteGateway

pytestmark = pytest.mark.kernel
TOKEN = "kg-test-token-3f9c1d"
TOKEN_ENV = "THESIS_TEST_GATEWAY_TOKEN"
GATEWAY = Path(sys.executable).with_name("jupyter-kernelgateway")


@dataclass(frozen=True)
class Server:
    url: str
    process: subprocess.Popen[bytes]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def kernels_on(url: str) -> list[object]:
    headers = {"Authorization": f"token {TOKEN}"}
    asked = urllib.request.Request(f"{url}/api/kernels", headers=headers)
    with urllib.request.urlopen(asked, timeout=10) as answer:
        return list(json.loads(answer.read()))


def start_gateway(home: Path) -> Server:
    """Jupyter Kernel Gateway with a token, its kernels this venv's python3, its files in
    `home`; returns once it answers."""
    if not GATEWAY.exists():
        missing = "jupyter-kernel-gateway is not installed (pip install -e '.[dev]')"
        if os.environ.get("CI") == "true":  # CI installs the dev tools: a skip would hide it
            pytest.fail(missing)
        pytest.skip(missing)
    home.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {
        **os.environ,
        "KG_AUTH_TOKEN": TOKEN,
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "PATH": f"{GATEWAY.parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    argv = [str(GATEWAY), "--KernelGatewayApp.ip=127.0.0.1", f"--KernelGatewayApp.port={port}"]
    argv.append("--JupyterWebsocketPersonality.list_kernels=True")  # for kernels_on
    with (home / "gateway.log").open("wb") as log:
        process = subprocess.Popen(argv, cwd=home, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", process)
    try:
        wait_until_up(server, home / "gateway.log")
    except BaseException:
        stop(server)
        raise
    return server


def wait_until_up(server: Server, log: Path) -> None:
    deadline = time.monotonic() + PATIENCE
    while True:
        try:
            kernels_on(server.url)
            return
        except urllib.error.URLError as error:  # not an HTTPError: a refusal must fail now
            assert not isinstance(error, urllib.error.HTTPError), error
            assert server.process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "the gateway did not answer within 120 s"
            time.sleep(0.2)


def stop(server: Server) -> None:
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        server.process.wait(timeout=60)


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start_gateway(tmp_path_factory.mktemp("gateway"))
    yield server
    stop(server)


@pytest.fixture
def token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)


PICTURE = base64.b64encode(tiny_png()).decode()
REMOTE = f"""# Entfernt

```python
import base64, os
from IPython.display import Image
print("Arbeitsordner:", os.environ.get("KERNEL_WORKING_DIR", "hier"))
Image(data=base64.b64decode("{PICTURE}"))
```
"""
SECOND = "# Zwei\n\n```python\nprint('zwei', {})\n```\n"


def yaml(url: str, *more: str) -> str:
    lines = [f"execute_gateway: {{url: '{url}', token_env: {TOKEN_ENV}, directory: /srv/these}}"]
    return "\n".join(["title: T", "author: A", "execute_jobs: 2", *lines, *more]) + "\n"


@pytest.mark.tex
@pytest.mark.usefixtures("token")
def test_chapters_run_on_the_gateway_and_share_the_cache_with_local_kernels(
    gateway: Server, tmp_path: Path
) -> None:
    """The module's one PDF: the gateway's outputs and figure printed; then `md` only."""
    require_tex()
    root = thesis(tmp_path, yaml(gateway.url), {"01.md": REMOTE, "02.md": SECOND.format(1)})
    remote = run_thesisbuild("pdf", "-C", root)
    assert remote.code == 0, remote.err
    printed = pdf_text(root / "build" / "thesis.pdf", joined=True)
    assert "Arbeitsordner: /srv/these/thesis" in printed and "zwei 1" in printed
    images = poppler("pdfimages", "-list", root / "build" / "thesis.pdf").splitlines()[2:]
    assert len(images) == 1
    markdown = (root / "build" / "thesis.md").read_text()
    assert "Arbeitsordner: /srv/these/thesis" in markdown  # set only for a gateway's kernel
    assert "zwei 1" in markdown
    figures = sorted(path.name for path in (root / "build" / "figures").iterdir())
    assert figures == ["thesis-01-md-cell1-1.png"]
    assert figures[0] in markdown
    written = [path for path in (root / "build").rglob("*") if path.is_file()]
    assert not [path for path in written if TOKEN.encode() in path.read_bytes()]

    (root / "thesis.yaml").write_text("title: T\nauthor: A\n")  # the same code, locally
    local = run_thesisbuild("md", "-C", root)
    assert local.code == 0, local.err
    assert local.err.count("exported (code unchanged: outputs from the cache)") == 2
    assert (root / "build" / "thesis.md").read_text() == markdown

    (root / "thesis" / "02.md").write_text(SECOND.format(2))  # run here, then served there
    assert "thesis/02.md: executed" in run_thesisbuild("md", "-C", root).err
    (root / "thesis.yaml").write_text(yaml(gateway.url))
    again = run_thesisbuild("md", "-C", root)
    assert "thesis/02.md: exported (code unchanged: outputs from the cache)" in again.err
    assert "zwei 2" in (root / "build" / "thesis.md").read_text()
    assert kernels_on(gateway.url) == []  # each chapter's kernel was shut down


CASES = {
    "unreachable": ("http://127.0.0.1:{closed}", TOKEN, None, "cannot be reached"),
    "wrong-token": ("{url}", "falsch", None, f"refused the token in ${TOKEN_ENV} (HTTP 401)"),
    "unknown-kernel": ("{url}", TOKEN, "gpu", "has no kernel 'gpu' (it offers: python3)"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_gateway_is_one_error_naming_it_and_the_chapter(
    gateway: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    """Two chapters at once, both needing the gateway: one error, before any kernel."""
    address, token, kernel, said = CASES[case]
    url = address.format(url=gateway.url, closed=free_port())
    monkeypatch.setenv(TOKEN_ENV, token)
    named = f"kernel: {kernel}, " if kernel else ""
    setting = f"execute_gateway: {{{named}token_env: {TOKEN_ENV}}}"
    chapters = {"01.md": SECOND.format(1), "02.md": SECOND.format(2)}
    root = thesis(tmp_path, f"title: T\nauthor: A\nexecute_jobs: 2\n{setting}\n", chapters)
    done = run_thesisbuild("md", "--gateway", url, "-C", root)
    assert done.code == 2
    # the chapters start at once: the one that asked the gateway first is named
    assert re.match(rf"Error: thesis/0[12]\.md: the kernel gateway {re.escape(url)} ", done.err)
    assert said in done.err
    assert done.err.count("kernel gateway") == 1
    assert "Traceback" not in done.err
    assert not list((root / "build" / ".cache").glob("executed/*"))
    doctor = gateway_checks(ExecuteGateway(url, kernel, TOKEN_ENV))[-1]
    assert not doctor.ok and said in doctor.line()


def test_doctor_says_the_gateway_answers_and_has_the_kernel(
    gateway: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    checks = gateway_checks(ExecuteGateway(gateway.url, None, TOKEN_ENV))
    assert [check.line() for check in checks][-1] == (
        f"ok      kernel gateway {gateway.url}: reachable, kernel 'python3' there"
    )


def sleeper(marker: Path) -> str:
    return (
        "# Lang\n\n```python\nprint('schnell')\n```\n\n```python\nimport pathlib, time\n"
        f"if pathlib.Path('{marker}.slow').exists():\n"
        f"    pathlib.Path('{marker}').touch()\n    time.sleep(120)\n```\n"
    )


def cached(root: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in (root / "build" / ".cache" / "executed").iterdir()}


def wait_for_file(path: Path, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + PATIENCE
    while not path.exists():
        assert process.poll() is None, log.read_text()
        assert time.monotonic() < deadline, f"{path} never appeared:\n{log.read_text()}"
        time.sleep(0.05)


@pytest.mark.usefixtures("token")
def test_a_gateway_stopped_mid_build_is_an_error_at_the_cell(tmp_path: Path) -> None:
    """A gateway of its own, stopped while the second cell runs: exit 1 at that cell,
    the last good outputs (cache entry, build/thesis.md) untouched."""
    server = start_gateway(tmp_path / "gateway")
    try:
        marker = tmp_path / "running"
        root = thesis(tmp_path / "p", yaml(server.url), {"01.md": sleeper(marker)})
        assert run_thesisbuild("md", "-C", root).code == 0
        good = cached(root)
        manuscript = (root / "build" / "thesis.md").read_text()
        Path(f"{marker}.slow").touch()
        log = tmp_path / "build.log"
        process = start("md", "--rerun", "-C", root, log=log)
        wait_for_file(marker, process, log)
        stop(server)
        assert process.wait(timeout=PATIENCE) == 1
    finally:
        stop(server)
    printed = log.read_text()
    assert f"Error: thesis/01.md:8: code cell 3: lost the kernel gateway {server.url}" in printed
    assert "Traceback" not in printed
    assert cached(root) == good
    assert (root / "build" / "thesis.md").read_text() == manuscript


@pytest.mark.usefixtures("token")
def test_ctrl_c_deletes_the_kernel_on_the_gateway(gateway: Server, tmp_path: Path) -> None:
    marker = tmp_path / "running"
    root = thesis(tmp_path / "p", yaml(gateway.url), {"01.md": sleeper(marker)})
    Path(f"{marker}.slow").touch()
    log = tmp_path / "build.log"
    process = start("md", "-C", root, log=log)
    wait_for_file(marker, process, log)
    assert interrupt(process) == 130
    assert kernels_on(gateway.url) == []
