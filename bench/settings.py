"""The command line's choices: which tasks at which sizes, how many runs within what
budget, and where the report goes."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

README = Path(__file__).resolve().parent / "README.md"
TASKS = ("lint", "md", "loop", "stats", "diff", "check")


@dataclass(frozen=True)
class Settings:
    runs: int
    budget: float
    sizes: tuple[int, ...]
    md_sizes: tuple[int, ...]
    loop_sizes: tuple[int, ...]
    only: tuple[str, ...]
    readme: Path | None


def numbers(text: str) -> tuple[int, ...]:
    values = tuple(int(part) for part in text.split(",") if part.strip())
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"expected positive numbers like 1,10,100, not {text!r}")
    return values


def tasks(text: str) -> tuple[str, ...]:
    chosen = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = sorted(set(chosen) - set(TASKS))
    if not chosen or unknown:
        raise argparse.ArgumentTypeError(f"expected some of {','.join(TASKS)}, not {text!r}")
    return chosen


def parse(argv: Sequence[str] | None, description: str | None) -> Settings:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--runs", type=int, default=5, help="runs per case (median; default 5)")
    parser.add_argument("--sizes", type=numbers, default=(1, 10, 100), help="lint sizes")
    parser.add_argument("--md-sizes", type=numbers, default=(1, 10), help="md sizes")
    parser.add_argument("--loop-sizes", type=numbers, default=(1, 10), help="loop sizes")
    parser.add_argument("--only", type=tasks, default=None, help=f"some of {','.join(TASKS)}")
    parser.add_argument("--budget", type=float, default=120.0, help="seconds per case")
    parser.add_argument("--readme", type=Path, default=None, help="write the report here")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    readme = args.readme or (README if args.only is None else None)
    return Settings(
        args.runs,
        args.budget,
        args.sizes,
        args.md_sizes,
        args.loop_sizes,
        args.only or TASKS,
        readme,
    )
