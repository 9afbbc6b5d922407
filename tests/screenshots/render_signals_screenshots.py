"""Render the pictures of signals that tell the truth, offscreen, from a real core in a temp
folder: ten minutes of an exam room with six kiosks, simulated call by call (heartbeats every
5 s, snapshots every 30 s, kiosk events), every snapshot analysed by the product's own frame
analysis (YuNet) on webcam-like frames of real people (console.proctor.demo).

    QT_QPA_PLATFORM=offscreen python3 tests/screenshots/render_signals_screenshots.py [--out DIR]

Writes:

- console-camera-states.png: the grid. Nadia Karimi's kiosk reported its camera unavailable,
  was restarted and sends pictures again: no "Camera off" on her card. Tomás Herrera's camera
  is off but his kiosk keeps calling: "Camera off", not offline. Ivan Petrov's camera was off
  and his kiosk was killed 75 s ago: "Camera off" and "Kiosk offline", counted in the header.
- details-camera-restored.png: Nadia Karimi's details: the timeline shows the kiosk's "Camera
  unavailable" and the "Camera restored" the center recorded itself (source System) when the
  first picture after it arrived.
- details-center-problems.png: Omar Farouk's details: two uploads that failed while the center
  was unreachable or failing read in their own words and grey, counted apart from his evidence;
  one upload the center refused stays his evidence.
- report-center-problems.png: the first page of Omar Farouk's PDF report, rendered with
  pdftoppm (poppler-utils): his timeline, then "Center problems during the session".
- details-looking-away.png: a candidate (a real CC0 photo of a head turned aside, from
  tests/benchmarks/faces) whose head stayed turned for two snapshots in a row: "Looking away"
  on the timeline, the badge on the snapshots.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSize  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from console.proctor.api_server_controller import ApiServerController  # noqa: E402
from console.proctor.console_app import console_style_sheet  # noqa: E402
from console.proctor.console_settings import ConsoleSettings  # noqa: E402
from console.proctor.context import ConsoleContext  # noqa: E402
from console.proctor.demo.demo_frames import DemoFrames, Scene  # noqa: E402
from console.proctor.proctor_center.proctor_center_window import (  # noqa: E402
    ProctorCenterWindow,
)
from console.proctor.proctor_center.session_list_model import THUMBNAIL_ROLE  # noqa: E402
from console.proctor.session_details.details_windows import DetailsWindows  # noqa: E402
from console.proctor.session_details.gallery_delegate import THUMBNAIL_SIZE  # noqa: E402
from console.proctor.session_details.report_exporter import ReportExporter  # noqa: E402
from core.bootstrap import Core, build_core  # noqa: E402
from core.config import CoreConfig  # noqa: E402
from core.domain.clock import FakeClock  # noqa: E402
from core.domain.kiosk_state import KIOSK_HEARTBEAT_SECONDS  # noqa: E402
from tests.screenshots.screenshot_support import SCREENSHOTS, grab, settle, wait_for  # noqa: E402

WINDOW_SIZE = (1366, 768)
DETAILS_SIZE = QSize(1366, 768)
INTERVAL = 30
MINUTES = 10
#: A real photo of a head turned aside (CC0; listed in tests/benchmarks/faces/manifest.json).
TURNED_PHOTO = "turned-040.jpg"


class Kiosk:
    """One simulated kiosk: its attempt, its camera pictures and what it does when."""

    def __init__(self, core: Core, exam_id: str, ref: str, name: str, seat: str,
                 person: int) -> None:
        self.core = core
        self.attempt = core.attempts.start_attempt(exam_id, ref, name, seat=seat)
        self.frames = DemoFrames(seed=person)
        self.session_id = self.attempt.proctor_session_id or ""
        self.is_alive = True
        self.is_camera_on = True
        self.tick = 0

    def heartbeat(self) -> None:
        if self.is_alive:
            self.core.attempts.get_attempt(self.attempt.attempt_id)

    def snapshot(self, jpeg: bytes | None = None,
                 captured_at: datetime | None = None) -> None:
        if not (self.is_alive and self.is_camera_on):
            return
        self.tick += 1
        data = jpeg if jpeg is not None else self.frames.frame(Scene.ONE_PERSON, self.tick)
        self.core.snapshots.record_snapshot(self.attempt.attempt_id, str(uuid.uuid4()), data,
                                            captured_at=captured_at)

    def event(self, kind: str, detail: str | None = None, cause: str | None = None,
              occurred_at: datetime | None = None) -> None:
        self.core.attempts.record_kiosk_event(self.attempt.attempt_id, kind, detail,
                                              occurred_at=occurred_at, cause=cause)


def turned_frames() -> list[bytes]:
    """Webcam-like frames of the real photo of a head turned aside (the benchmark's way)."""
    import numpy as np

    from tests.benchmarks.faces_frames import load, to_jpeg, variant

    rng = np.random.default_rng(7)
    photo = load(TURNED_PHOTO)
    frames = []
    for kind in ("webcam", "aside", "webcam", "dimmer", "webcam", "brighter", "aside", "webcam"):
        picture, quality = variant(photo, kind, rng)
        frames.append(to_jpeg(picture, quality, rng))
    return frames


def exam_room(core: Core, clock: FakeClock) -> dict[str, Kiosk]:
    """Ten minutes of six kiosks; the clock ends at the moment the pictures show."""
    exam = core.exams.create_exam("Statistics — Final", 90 * 60,
                                  snapshot_interval_seconds=INTERVAL)
    people = [("Nadia Karimi", "ST-31002", "A-02"), ("Tomás Herrera", "ST-31015", "B-05"),
              ("Ivan Petrov", "ST-31021", "B-09"), ("Omar Farouk", "ST-31034", "C-04"),
              ("Aiko Tanaka", "ST-31040", "C-07"), ("Marcus Bell", "ST-31058", "D-01")]
    kiosks = {name.split()[0]: Kiosk(core, exam.exam_id, ref, name, seat, number)
              for number, (name, ref, seat) in enumerate(people)}
    nadia, tomas, ivan, omar = (kiosks[n] for n in ("Nadia", "Tomás", "Ivan", "Omar"))
    steps = MINUTES * 60 // KIOSK_HEARTBEAT_SECONDS
    outage = range(12, 24)  # 1 min into the exam, for a minute: Omar's uploads cannot get in
    spool: list[datetime] = []
    for step in range(1, steps + 1):
        clock.advance(KIOSK_HEARTBEAT_SECONDS)
        seconds = step * KIOSK_HEARTBEAT_SECONDS
        left = MINUTES * 60 - seconds
        # What happens to the kiosks at this moment.
        if seconds == 150:
            nadia.event("camera_denied", "The camera stopped sending pictures")
            nadia.is_camera_on = False
        if 210 <= seconds < 235:
            nadia.is_alive = False  # the technician restarts the kiosk ...
        if seconds == 235:
            nadia.is_alive = nadia.is_camera_on = True  # ... with a working camera
        if left == 240:
            tomas.event("camera_denied", "Camera in use by another program")
            tomas.is_camera_on = False
        if left == 300:
            ivan.event("camera_denied", "Camera unplugged")
            ivan.is_camera_on = False
        if left == 75:
            ivan.is_alive = False  # the kiosk's computer is switched off
        if step in outage:
            if step % (INTERVAL // KIOSK_HEARTBEAT_SECONDS) == 0:
                spool.append(clock.now())
        elif step == outage.stop:
            omar.event("upload_failed", f"Snapshot upload failed 3 times; {len(spool)} "
                       "snapshot(s) are kept.", cause="center_unreachable",
                       occurred_at=clock.now() - timedelta(seconds=40))
            for captured_at in spool:
                omar.snapshot(captured_at=captured_at)
        if left == 200:
            omar.event("upload_failed", "Snapshot upload failed 3 times; 1 snapshot(s) are "
                       "kept.", cause="center_error")
        if left == 110:
            omar.event("upload_failed", "The center refused a snapshot (HTTP 422).",
                       cause="refused")
        # The kiosks' calls.
        for kiosk in kiosks.values():
            if kiosk is omar and step in outage:
                continue
            kiosk.heartbeat()
            if step % (INTERVAL // KIOSK_HEARTBEAT_SECONDS) == 0 or (
                    kiosk is nadia and seconds == 240):  # the restarted kiosk's first picture
                kiosk.snapshot()
        core.attempts.contacts.flush()
        if core.analysis is not None:
            core.analysis.drain()
    return kiosks


def looking_away_session(core: Core, clock: FakeClock) -> str:
    """Leo Brandt (a real photo of a head turned aside): four minutes of snapshots, then he
    hands in."""
    exam = core.exams.create_exam("Economics — Quiz 3", 30 * 60,
                                  snapshot_interval_seconds=INTERVAL)
    attempt = core.attempts.start_attempt(exam.exam_id, "ST-31077", "Leo Brandt", seat="E-03")
    for jpeg in turned_frames():
        clock.advance(INTERVAL)
        core.snapshots.record_snapshot(attempt.attempt_id, str(uuid.uuid4()), jpeg)
        if core.analysis is not None:
            core.analysis.drain()
    clock.advance(20)
    core.attempts.submit_attempt(attempt.attempt_id)
    return attempt.proctor_session_id or ""


def first_snapshot_after_restore(core: Core, session_id: str) -> str:
    """The first snapshot captured after the camera report: its arrival made the center record
    ``camera_restored``."""
    detail = core.proctoring.get_session(session_id)
    [denied] = [e for e in detail.events if e.type == "camera_denied"]
    later = [s for s in core.proctoring.list_snapshots(session_id, limit=100)
             if s.captured_at > denied.occurred_at]
    return min(later, key=lambda s: s.captured_at).snapshot_id


def grab_details(app: QApplication, windows: DetailsWindows, context: ConsoleContext,
                 session_id: str, path: Path, snapshot_id: str | None = None) -> None:
    window = windows.open(session_id)
    window.resize(DETAILS_SIZE)
    wait_for(app, lambda: window.session is not None)
    wait_for(app, lambda: window.gallery_model.rowCount() > 0)
    if snapshot_id is not None:
        wait_for(app, lambda: window.gallery_model.row_of(snapshot_id) >= 0)
        window.select_row(window.gallery_model.row_of(snapshot_id))
    wait_for(app, lambda: window.preview.shown_snapshot_id is not None)
    ids = [window.gallery_model.snapshot(r).snapshot_id
           for r in range(min(12, window.gallery_model.rowCount()))]
    wait_for(app, lambda: all(context.thumbnails.pixmap(i, THUMBNAIL_SIZE) is not None
                              for i in ids))
    settle(app)
    grab(window, path)
    window.close()


def render_report_page(core: Core, session_id: str, temp: Path, path: Path) -> None:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print(f"skipped {path}: pdftoppm (poppler-utils) is not installed")
        return
    detail = core.proctoring.get_session(session_id)
    exporter = ReportExporter(core.snapshots.read_image, core.clock.now)
    report = exporter.write(temp / "report.pdf", detail, [])
    subprocess.run([pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                    str(report), str(path.with_suffix(""))], check=True)
    print(f"wrote {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(SCREENSHOTS))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setStyleSheet(console_style_sheet())
    with tempfile.TemporaryDirectory(prefix="signals-shots-") as temp:
        # A morning in local time, so the times on screen read like a real session.
        nine = datetime.now().astimezone().replace(hour=9, minute=0, second=0, microsecond=0)
        clock = FakeClock(nine.astimezone(UTC))
        data_dir = Path(temp) / "data"
        config = CoreConfig.load(data_dir=data_dir, env={
            "PROCTOR_ANALYSIS": "1", "PROCTOR_SAMPLES": "0"})
        core = build_core(config, clock)
        context = ConsoleContext.create(core, ConsoleSettings.in_data_dir(data_dir))
        server = ApiServerController(core, "127.0.0.1", 0)
        try:
            leo = looking_away_session(core, clock)
            kiosks = exam_room(core, clock)
            server.start(port=0)
            window = ProctorCenterWindow(context, server)
            window.resize(*WINDOW_SIZE)
            window.show()
            wait_for(app, lambda: window.model.rowCount() == 6 and not window.model.is_loading)
            wait_for(app, lambda: all(window.model.index(r).data(THUMBNAIL_ROLE) is not None
                                      for r in range(6)))
            window.select_session(kiosks["Nadia"].session_id)
            settle(app)
            grab(window, out / "console-camera-states.png")
            windows = DetailsWindows(context)
            nadia = kiosks["Nadia"].session_id
            grab_details(app, windows, context, nadia, out / "details-camera-restored.png",
                         first_snapshot_after_restore(core, nadia))
            grab_details(app, windows, context, kiosks["Omar"].session_id,
                         out / "details-center-problems.png")
            grab_details(app, windows, context, leo, out / "details-looking-away.png")
            render_report_page(core, kiosks["Omar"].session_id, Path(temp),
                               out / "report-center-problems.png")
            windows.close_all()
            window.quit_now()
        finally:
            server.stop()
            context.tasks.wait_for_done()
            context.close()
            core.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
