"""Render console-demo.png: ``proctor-console --demo`` late in its first script cycle.

    QT_QPA_PLATFORM=offscreen python3 tests/screenshots/render_demo_screenshot.py [--out DIR]
        [--speed 1] [--after 158]

Runs the real demo (DemoConsoleApp: temporary data dir, free port, six simulated kiosks
uploading real JPEGs over HTTP, frame analysis on) at ``--speed`` until the scripted moments
(no face, two people, camera denied) are on the grid and ``--after`` seconds of the script have
played (risk weighs episodes by their length in real time, so speed 1 shows the risk a presenter
sees), then grabs the window at 1366x768.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication

from console.proctor.__main__ import build_parser
from console.proctor.demo.demo_mode import DemoConsoleApp

SCRIPTED_EVENTS = {"no_face", "multiple_faces", "camera_denied"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="resources/screenshots")
    parser.add_argument("--speed", type=float, default=1.0)
    parser.add_argument("--after", type=float, default=158.0,
                        help="script seconds to play before the grab")
    args = parser.parse_args()
    for name in [n for n in os.environ if n.startswith("PROCTOR_")]:
        del os.environ[name]
    app = QApplication([sys.argv[0]])
    console = DemoConsoleApp(build_parser().parse_args(["--demo", "--demo-speed",
                                                        str(args.speed)]), app)
    try:
        window = console.start()
        window.resize(1366, 768)
        core = console.core
        started = time.monotonic()
        deadline = started + 120 + args.after / args.speed
        played = started + args.after / args.speed
        while time.monotonic() < deadline:
            app.processEvents()
            seen = {e.type for s in core.proctoring.list_sessions("active")
                    for e in core.proctoring.get_session(s.session_id).events}
            if seen >= SCRIPTED_EVENTS and time.monotonic() >= played:
                break
            time.sleep(0.05)
        settle = time.monotonic() + 2
        while time.monotonic() < settle:  # thumbnails of the latest frames decode and paint
            app.processEvents()
            time.sleep(0.02)
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(out / "console-demo.png"))
        print(f"wrote {out / 'console-demo.png'}")
    finally:
        console.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
