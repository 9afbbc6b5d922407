"""Render the exam day as the proctor sees it, offscreen at 1366x768 (into resources/screenshots/):

- details-paused.png: a session in Hall 2 paused for a fire alarm, whose candidate has +25 %
  time and an exemption for focus loss (the header's banners, the timeline's pause and
  accommodation entries).
- console-grid-paused.png: the Proctor Center with that session's card badged Paused among
  three running ones.
- details-800.png: the same details window on an 800x600 screen (792x560): the buttons under
  the header, the three columns narrower.
- connect-kiosks-remote.png: Connect kiosks on a console signed in to a real HTTPS center with
  the administrator's key, a code made for Hall 2's kiosks without webcams.

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

from console.proctor.center import with_admin_key  # noqa: E402
from console.proctor.console_app import console_style_sheet  # noqa: E402
from console.proctor.context import ConsoleContext  # noqa: E402
from console.proctor.demo.demo_frames import DemoFrames, Scene  # noqa: E402
from console.proctor.dialogs.remote_connect_dialog import RemoteConnectDialog  # noqa: E402
from console.proctor.proctor_center.proctor_center_window import ProctorCenterWindow  # noqa: E402
from console.proctor.proctor_center.session_list_model import THUMBNAIL_ROLE  # noqa: E402
from console.proctor.session_details.details_windows import DetailsWindows  # noqa: E402
from console.tasks import TaskRunner  # noqa: E402
from core.bootstrap import build_core  # noqa: E402
from core.config import CoreConfig  # noqa: E402
from core.domain.clock import FakeClock  # noqa: E402
from core.net.pinning import forget_pins  # noqa: E402
from tests.screenshots.render_details_screenshots import (  # noqa: E402
    INTERVAL,
    ONE,
    SIZE,
    record,
    wait_until,
)
from tests.screenshots.render_kiosk_screenshots import https_center  # noqa: E402
from tests.screenshots.screenshot_support import settle  # noqa: E402


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
            small = out / "details-800.png"
            window.resize(792, 560)
            settle(app, 0.5)
            window.grab().save(str(small))
            window.close()
            grid = render_grid(app, core, context, clock, exam.exam_id, out)
            return [path, small, grid, render_remote_connect(app, out)]
        finally:
            windows.close_all()
            context.close()
            core.close()


def render_grid(app: QApplication, core, context: ConsoleContext, clock: FakeClock,
                exam_id: str, out: Path) -> Path:
    """Three more candidates at work beside the paused one: the grid as a proctor sees it."""
    for n, (ref, name, seat, room) in enumerate((("C-2042", "Tom Becker", "A-08", "Hall 2"),
                                                 ("C-2043", "Aiko Tanaka", "B-02", "Hall 1"),
                                                 ("C-2044", "Lucas Moreau", "B-05", "Hall 1"))):
        started = core.attempts.start_attempt(exam_id, ref, name, seat, room)
        frames = DemoFrames(seed=11 + n)
        for tick in range(3):
            record(core, clock, started.attempt_id, frames, Scene.ONE_PERSON, tick, ONE)
            clock.advance(10)
    window = ProctorCenterWindow(context)
    window.resize(SIZE)
    window.show()
    wait_until(app, lambda: window.model.rowCount() == 4 and not window.model.is_loading)
    wait_until(app, lambda: all(window.model.index(r).data(THUMBNAIL_ROLE) is not None
                                for r in range(4)))
    for _ in range(10):
        app.processEvents()
    path = out / "console-grid-paused.png"
    window.grab().save(str(path))
    window.quit_now()
    return path


def render_remote_connect(app: QApplication, out: Path) -> Path:
    """Connect kiosks on a remote console with the admin key, against a real HTTPS center."""
    app.setStyleSheet(console_style_sheet())  # the console's look, as in its own windows
    with tempfile.TemporaryDirectory() as data, \
            https_center(Path(data) / "center") as (center_core, server, fingerprint):
        remote = with_admin_key(server.url, center_core.config.admin_key,
                                fingerprint=f"sha256:{fingerprint}")
        tasks = TaskRunner()
        try:
            dialog = RemoteConnectDialog(remote, tasks)
            dialog.camera_choice.setCurrentIndex(dialog.camera_choice.findData("synthetic"))
            dialog.room_field.setText("Hall 2")
            dialog.resize(640, dialog.sizeHint().height())
            dialog.show()  # asks the center for the kiosk key at once
            wait_until(app, lambda: bool(dialog.key_field.text()))
            dialog.make_code()
            wait_until(app, dialog.code_card.isVisible)
            for _ in range(5):
                app.processEvents()
            dialog.resize(640, dialog.sizeHint().height())
            for _ in range(5):
                app.processEvents()
            path = out / "connect-kiosks-remote.png"
            dialog.grab().save(str(path))
            dialog.close()
            return path
        finally:
            tasks.wait_for_done()
            remote.close()
            forget_pins()


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
