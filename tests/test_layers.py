"""The package's shape, read from its imports (AST, nothing is run): no import cycle, no
import from a lower layer up to a higher one, and only the orchestrators (cli/, builder/)
run lint. docs/architecture.md draws the same layers."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "src" / "thesisbuild"
# Top to bottom; a package imports only from the rows below its own.
LAYERS = (
    {"cli"},
    {"builder", "init"},
    {"submission"},
    {"lint", "latex", "word", "review", "changes"},
    {"manuscript"},
    {"notebook"},
    {"text"},
    {"sources"},
    {"config"},
    {"resources"},
    {"core"},
)
MAY_RUN_LINT = {"cli", "builder", "lint"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imported(name: str, path: Path, known: dict[str, Path]) -> Iterator[str]:
    """The package's own modules that `name` imports, anywhere in its body."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level > 1:
                base = base[: len(base) - node.level + 1]
            target = ".".join([*base, node.module] if node.module else base)
            if node.level == 0:
                target = node.module or ""
            if target in known:
                yield target
            for alias in node.names:  # `from . import heading` names a module
                if f"{target}.{alias.name}" in known:
                    yield f"{target}.{alias.name}"
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name in known)


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: set(imported(name, path, known)) - {name} for name, path in known.items()}


def layer_of(name: str) -> int | None:
    parts = name.split(".")
    top = parts[1] if len(parts) > 1 else ""
    return next((rank for rank, layer in enumerate(LAYERS) if top in layer), None)


def test_every_subpackage_has_a_layer() -> None:
    packages = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").is_file()}
    assert packages == set().union(*LAYERS)


def test_no_import_cycle() -> None:
    edges = graph()
    state: dict[str, str] = {}
    cycles: list[list[str]] = []

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for target in sorted(edges[name]):
            if state.get(target) == "open":
                cycles.append([*trail[trail.index(target) :], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[name] = "done"

    for name in sorted(edges):
        if name not in state:
            visit(name, [name])
    assert not cycles, "\n".join(" -> ".join(cycle) for cycle in cycles)


def test_imports_only_go_downward() -> None:
    upward = [
        f"{name} -> {target}"
        for name, targets in graph().items()
        for target in targets
        if (here := layer_of(name)) is not None
        and (there := layer_of(target)) is not None
        and there <= here
        and name.split(".")[1] != target.split(".")[1]
    ]
    assert not upward, "\n".join(sorted(upward))


@pytest.mark.parametrize("layer", sorted(set().union(*LAYERS) - MAY_RUN_LINT))
def test_only_the_orchestrators_import_lint(layer: str) -> None:
    offending = [
        f"{name} -> {target}"
        for name, targets in graph().items()
        if name.split(".")[1:2] == [layer]
        for target in targets
        if target.split(".")[1:2] == ["lint"]
    ]
    assert not offending, "\n".join(sorted(offending))
