"""Render the exam day as the proctor sees it, offscreen at 1366x768 (into resources/screenshots/):

- details-paused.png: a session in Hall 2 paused for a fire alarm, whose candidate has +25 %
  time and an exemption for focus loss (the header's banners, the timeline's pause and
  accommodation entries).

Everything is real, as in render_details_screenshots.py: a core on a temporary SQLite file,
snapshots through the snapshot service, the window drawn by Qt's offscreen platform.

    python3 tests/screenshots/render_exam_day_screenshots.py [--out DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from console.proctor.context import ConsoleContext  # noqa: E402
from console.proctor.demo.demo_frames import DemoFrames, Scene  # noqa: E402
from console.proctor.session_details.details_windows import DetailsWindows  # noqa: E402
from core.bootstrap import build_core  # noqa: E402
from core.config import CoreConfig  # noqa: E402
from core.domain.clock import FakeClock  # noqa: E402
from tests.screenshots.render_details_screenshots import (  # noqa: E402
    INTERVAL,
    ONE,
    SIZE,
    record,
    wait_until,
)


def render(out: Path) -> list[Path]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as data:
        local_nine = datetime.now().astimezone().replace(hour=9, minute=0, second=0,
                                                         microsecond=0)
        clock = FakeClock(local_nine.astimezone(UTC))
        config = CoreConfig.load(data_dir=Path(data), env={"PROCTOR_ANALYSIS": "0"})
        core = build_core(config, clock, analysis=False)
        settings = QSettings(str(Path(data) / "console.ini"), QSettings.Format.IniFormat)
        context = ConsoleContext.create(core, settings)
        windows = DetailsWindows(context)
        try:
            exam = core.exams.create_exam("Algebra final — Paper 2", duration_seconds=90 * 60,
                                          snapshot_interval_seconds=INTERVAL)
            core.proctoring.set_accommodation(exam.exam_id, "C-2041", extra_percent=25,
                                              exempt=["focus_lost"],
                                              note="Screen reader takes the focus",
                                              actor="Dana Lee")
            started = core.attempts.start_attempt(exam.exam_id, "C-2041", "Sarah Mitchell",
                                                  "A-07", "Hall 2")
            frames = DemoFrames(seed=7)
            for tick in range(12):
                clock.advance(INTERVAL)
                if tick == 4:
                    core.attempts.record_kiosk_event(started.attempt_id, "focus_lost",
                                                     "Screen reader")
                if tick == 5:
                    core.attempts.record_kiosk_event(started.attempt_id, "focus_regained")
                record(core, clock, started.attempt_id, frames, Scene.ONE_PERSON, tick, ONE)
            session_id = started.proctor_session_id or ""
            core.proctoring.add_time(session_id, 10, "The kiosk was restarted",
                                     actor="Dana Lee")
            clock.advance(20)
            core.proctoring.pause_session(session_id,
                                          "Fire alarm: leave the room calmly and wait outside.",
                                          actor="Dana Lee")
            clock.advance(95)
            path = out / "details-paused.png"
            window = windows.open(session_id)
            window.resize(SIZE)
            wait_until(app, lambda: window.session is not None)
            wait_until(app, lambda: window.gallery_model.rowCount() > 0)
            wait_until(app, lambda: window.preview.shown_snapshot_id is not None)
            for _ in range(5):
                app.processEvents()
            window.grab().save(str(path))
            window.close()
            return [path]
        finally:
            windows.close_all()
            context.close()
            core.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for path in render(args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
