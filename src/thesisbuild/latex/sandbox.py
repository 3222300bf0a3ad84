r"""What a build may read and run. Raw LaTeX in a chapter is a legitimate tool, but a
project someone else wrote must not read the builder's files through it: TeX reads only
below its working folder, the project and the TeX installation (kpathsea's `p`aranoid
mode refuses absolute paths and `..`), writes only below build/, and runs nothing
(`-no-shell-escape`; latexmk `-norc` so no rc file runs as Perl).

kpathsea's policy binds TeX's own reads only: xdvipdfmx embeds any file a `\special`
names (`pdf:fstream @x (/etc/passwd)`), XeTeX reads any picture (`\XeTeXpicfile`), and
neither asks kpathsea. So on Linux latexmk runs in a bubblewrap sandbox whose file system
holds only the system's programs and libraries (/usr), the TeX installation, fonts, the
project (read-only) and build/ (writable), without network: whatever LaTeX or a tool it
starts opens, a file outside is not there. Where there is no working sandbox (macOS,
Windows, a container without namespaces), a project with `execute: never` is refused
rather than built with a weaker promise; a trusted one, whose code runs anyway, builds."""

from __future__ import annotations

import functools
import glob
import os
import shutil
import sys
from pathlib import Path

from ..config.model import Config
from ..core.errors import ConfigError, EnvironmentProblem
from ..core.proc import failure_of


def confined(root: Path) -> dict[str, str]:
    """Environment for LaTeX: the project root on TeX's input path (so `\\input{tabellen/x}`
    from a chapter resolves), then the user's TEXINPUTS or (empty entry) TeX's default."""
    search = os.pathsep.join((".", str(root), os.environ.get("TEXINPUTS", "")))
    return {
        "openin_any": "p",
        "openout_any": "p",
        "TEXINPUTS": search,
    }


SANDBOX = "bwrap"
# What LaTeX, latexmk (Perl), xdvipdfmx and Ghostscript need besides /usr, read-only;
# `-try`: absent ones are skipped. No /etc/passwd, /home, /root, /tmp of the host.
SYSTEM = ("/etc/texmf", "/etc/fonts", "/etc/alternatives", "/etc/ld.so.cache", "/etc/perl",
          "/etc/papersize", "/var/lib/texmf", "/var/cache/fontconfig")  # fmt: skip
MERGED_USR = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
# the user's TeX tree and caches (TEXMFHOME, TEXMFVAR, TEXMFCONFIG) and fonts, read-only
HOME_TEX = ("texmf", ".texlive*", ".fonts", ".local/share/fonts", ".cache/fontconfig")


def sandboxed(argv: list[str], root: Path, work: Path) -> list[str]:
    """argv run in the sandbox, in `work`; where there is none, argv as it is."""
    if sandbox_problem() is not None:  # refused before for `execute: never`
        return argv
    root = root.resolve()
    build = (root / "build").resolve()
    return [
        SANDBOX, "--unshare-all", "--die-with-parent", "--new-session",
        "--tmpfs", "/tmp", "--dev", "/dev", "--proc", "/proc",
        "--ro-bind", "/usr", "/usr", *system_binds(argv[0]),
        "--ro-bind", str(root), str(root), "--bind", str(build), str(build),
        "--chdir", str(work.resolve()), "--", *argv,
    ]  # fmt: skip


def system_binds(tool: str) -> list[str]:
    """The read-only rest of the system LaTeX needs: /bin and /lib (links into /usr where
    /usr is merged), /etc's TeX and font settings, a TeX installation outside /usr
    (/opt/texlive/2024, found from the tool's path) and the user's TeX files and fonts."""
    binds = []
    for folder in MERGED_USR:
        if os.path.islink(folder):
            binds += ["--symlink", os.readlink(folder), folder]
        else:
            binds += ["--ro-bind-try", folder, folder]
    home = Path.home()
    extra = [str(folder) for folder in [tex_live(tool)] if folder]
    extra += sorted(path for name in HOME_TEX for path in glob.glob(str(home / name)))
    for path in (*SYSTEM, *extra):
        binds += ["--ro-bind-try", path, path]
    return binds


def tex_live(tool: str) -> Path | None:
    """A TeX Live installed outside /usr, from its layout: /opt/texlive/2024/bin/<arch>/tool."""
    found = shutil.which(tool)
    if found is None or Path(found).parent.parent.name != "bin":
        return None
    installed = Path(found).parents[2]
    return None if installed.is_relative_to("/usr") or installed == Path("/") else installed


@functools.cache
def sandbox_problem() -> str | None:
    """Why LaTeX cannot run sandboxed here, or None: bubblewrap missing, or not allowed
    to make a namespace (a container without user namespaces, an AppArmor rule)."""
    if not sys.platform.startswith("linux"):
        return f"no sandbox for LaTeX on {sys.platform} (bubblewrap is Linux's)"
    if shutil.which(SANDBOX) is None:
        return "bubblewrap (bwrap) is not installed"
    failed = failure_of([SANDBOX, "--unshare-all", "--ro-bind", "/", "/", "true"])
    return f"bubblewrap (bwrap) does not work here: {failed}" if failed else None


def refuse_unconfined(config: Config) -> None:
    """Without the sandbox XeTeX and xdvipdfmx can read files outside the project: a
    project that may run no code of its own (`execute: never`) is refused, as for
    LuaLaTeX; a trusted one builds, its code cells run with the user's rights anyway."""
    problem = sandbox_problem()
    if problem is not None and config.execute == "never":
        raise EnvironmentProblem(
            f"{problem}: without it LaTeX can read files outside the project, and "
            "thesis.yaml says `execute: never`; install bubblewrap on Linux "
            "(`thesisbuild doctor`), or set `execute: auto` if you trust the project."
        )


def refuse_untrusted_lua(config: Config) -> None:
    """LuaLaTeX runs Lua from raw LaTeX (`\\directlua`) with the user's rights: it can read
    and write any file, which TeX's file policy does not confine. That is project code,
    which `execute: never` forbids, like a project's own Lua filter
    (resources.lookup.lua_filter)."""
    if config.engine == "lualatex" and config.execute == "never":
        raise ConfigError(
            "thesis.yaml: engine: lualatex runs the project's Lua (\\directlua) with your "
            "rights, and thesis.yaml says `execute: never`; build with `engine: xelatex`, "
            "or set `execute: auto` if you trust the project."
        )
