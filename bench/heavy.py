"""Heavy code: `python bench/heavy.py [--runs N] [--readme bench/README.md]`.

1. Four chapters, each with one cell that takes 3 s: a cold `thesisbuild md` (no build/)
   with `execute_jobs: 1` against the default (the number of cores), alternating, in the
   same run. Goal on 2 cores: ≤ 0.6×.
2. The shipped thesis, `md --rerun` with `execute_jobs: 1`: on local kernels against a
   Jupyter Kernel Gateway on 127.0.0.1 (started here, in the copy's thesis/ so its
   kernels read the same files): what the gateway protocol costs, not a network.

Writes the section between `<!-- heavy -->` and `<!-- end of heavy -->` of the README."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CELL = (
    "# Kapitel {n}\n\nText.\n\n```python\nimport time\ntime.sleep(3)\nprint('fertig', {n})\n```\n"
)
SECTION = re.compile(r"<!-- heavy -->\n.*?<!-- end of heavy -->\n", re.S)
TOKEN = "bench-token"


def thesisbuild(root: Path, *args: str, env: dict[str, str] | None = None) -> float:
    """Seconds one `thesisbuild ARGS -C root` took (it must succeed)."""
    started = time.monotonic()
    done = subprocess.run(
        [str(BIN / "thesisbuild"), *args, "-q", "-C", str(root)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"thesisbuild {' '.join(args)} failed:\n{done.stderr}")
    return time.monotonic() - started


def four_chapters(root: Path) -> Path:
    (root / "thesis").mkdir(parents=True)
    for n in range(1, 5):
        (root / "thesis" / f"0{n}.md").write_text(CELL.format(n=n), encoding="utf-8")
    return root


def cold(root: Path, jobs: str) -> float:
    """A cold `md`: no build/, thesis.yaml with `jobs` (empty: the default)."""
    shutil.rmtree(root / "build", ignore_errors=True)
    (root / "thesis.yaml").write_text(f"title: T\nauthor: A\n{jobs}", encoding="utf-8")
    return thesisbuild(root, "md")


def alternate(
    runs: int, first: Callable[[], float], second: Callable[[], float]
) -> tuple[float, float]:
    """Medians of `runs` rounds of first, then second: both see the same machine load."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        times[0].append(first())
        times[1].append(second())
    return statistics.median(times[0]), statistics.median(times[1])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_gateway(folder: Path, home: Path) -> tuple[str, subprocess.Popen[bytes]]:
    port = free_port()
    env = {**os.environ, "KG_AUTH_TOKEN": TOKEN, "JUPYTER_RUNTIME_DIR": str(home),
           "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}  # fmt: skip
    argv = [str(BIN / "jupyter-kernelgateway"), "--KernelGatewayApp.ip=127.0.0.1",
            f"--KernelGatewayApp.port={port}"]  # fmt: skip
    process = subprocess.Popen(argv, cwd=folder, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    asked = urllib.request.Request(
        url + "/api/kernelspecs", headers={"Authorization": f"token {TOKEN}"}
    )
    for _ in range(600):
        try:
            urllib.request.urlopen(asked, timeout=5).close()
            return url, process
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the gateway did not start")


def shipped_copy(root: Path) -> Path:
    copy = Path(shutil.copytree(REPO / "thesis", root / "thesis"))
    shutil.copy(REPO / "thesis.yaml", root / "thesis.yaml")
    for extra in ("bibliography.bib", "data", "figures", "templates"):
        source = REPO / extra
        if source.is_dir():
            shutil.copytree(source, root / extra)
        elif source.is_file():
            shutil.copy(source, root / extra)
    text = (root / "thesis.yaml").read_text(encoding="utf-8")
    (root / "thesis.yaml").write_text(text + "\nexecute_jobs: 1\n", encoding="utf-8")
    return copy


def gateway_overhead(runs: int, work: Path) -> tuple[float, float]:
    root = work / "shipped"
    shipped_copy(root)
    url, process = start_gateway(root / "thesis", work / "runtime")
    env = {**os.environ, "THESIS_GATEWAY_TOKEN": TOKEN}
    try:
        thesisbuild(root, "md")  # warm: the export cache and the inputs' digest
        return alternate(
            runs,
            lambda: thesisbuild(root, "md", "--rerun"),
            lambda: thesisbuild(root, "md", "--rerun", "--gateway", url, env=env),
        )
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)


def section(runs: int, serial: float, parallel: float, local: float, remote: float) -> str:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    ratio = parallel / serial
    goal = "met" if ratio <= 0.6 else "**missed**"
    four = "4 chapters × one 3 s cell, cold `md`"
    shipped = "shipped thesis, `md --rerun`, `execute_jobs: 1`"
    rows = [
        f"| {four} | `execute_jobs: 1` | {serial:.2f} | |",
        f"| {four} | default `execute_jobs` ({cores}) | {parallel:.2f} | {ratio:.2f}× serial |",
        f"| {shipped} | local kernels | {local:.2f} | |",
        f"| {shipped} | Kernel Gateway on 127.0.0.1 | {remote:.2f} | {remote / local:.2f}× local |",
    ]
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return "\n".join(
        [
            "<!-- heavy -->",
            "## Heavy code: chapters at once, and on a gateway",
            "",
            f"`python bench/heavy.py` rewrites this section ({when}, {cores} cores, load "
            f"{os.getloadavg()[0]:.1f}, median of {runs} alternating runs).",
            "",
            "| case | setting | median s | ratio |",
            "| --- | --- | --- | --- |",
            *rows,
            "",
            "- Cold `md` of the four chapters with the default `execute_jobs` ≤ 0.6× the "
            f"serial one: {goal} ({ratio:.2f}×)",
            "<!-- end of heavy -->",
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--readme", type=Path, default=Path(__file__).with_name("README.md"))
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="thesisbuild-heavy-") as folder:
        work = Path(folder)
        root = four_chapters(work / "four")
        serial, parallel = alternate(options.runs, lambda: cold(root, "execute_jobs: 1\n"),
                                     lambda: cold(root, ""))  # fmt: skip
        local, remote = gateway_overhead(options.runs, work)
    text = section(options.runs, serial, parallel, local, remote)
    print(text)
    readme = options.readme.read_text(encoding="utf-8")
    if SECTION.search(readme):
        readme = SECTION.sub(lambda _: text, readme)
    else:
        readme = readme.replace("## How it is measured", text + "\n## How it is measured", 1)
    options.readme.write_text(readme, encoding="utf-8")


if __name__ == "__main__":
    main()
