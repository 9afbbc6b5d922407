"""The ``--demo`` flags of ``proctor-console``, kept apart from the demo itself so that parsing
them (and ``--help``) imports neither Qt nor the core."""

from __future__ import annotations

import argparse

DEFAULT_KIOSKS = 6
MAX_KIOSKS = 40


def add_demo_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("demo for presenters")
    group.add_argument("--demo", action="store_true",
                       help="run a self-contained demo: a fresh temporary data dir (unless "
                            "--data-dir is given), a demo exam and simulated kiosks")
    group.add_argument("--demo-kiosks", type=_kiosk_count, metavar="N",
                       help=f"how many simulated kiosks the demo runs (default {DEFAULT_KIOSKS}; "
                            "implies --demo)")
    group.add_argument("--demo-speed", type=_speed, default=1.0, metavar="X",
                       help="play the demo script X times faster (default 1: variety within a "
                            "minute)")


def is_demo(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "demo", False) or getattr(args, "demo_kiosks", None))


def _kiosk_count(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= count <= MAX_KIOSKS:
        raise argparse.ArgumentTypeError(f"choose between 1 and {MAX_KIOSKS} kiosks")
    return count


def _speed(text: str) -> float:
    try:
        speed = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.1 <= speed <= 50:
        raise argparse.ArgumentTypeError("choose a speed between 0.1 and 50")
    return speed
