"""Render the session details window offscreen at 1366x768 (into resources/screenshots/):

- details-live.png: a live session with its gallery, a selected snapshot in the preview
  and a timeline with kiosk, analysis and proctor events;
- details-ended.png: an ended session that a reviewer marked as reviewed;
- details-sample.png: a sample session, which explains itself and holds no gallery;
- details-timeline-actors.png: a terminated and reviewed session whose timeline names the
  two proctors who acted on it, with the seat and who terminated in the header.

Everything is real: a core on a temporary SQLite file, snapshots recorded through the snapshot
service (webcam-like frames from console.proctor.demo), analysis results stored through the
service the analysis engine uses, and the window drawn by Qt's offscreen platform.

    python3 tests/screenshots/render_details_screenshots.py [--out DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, QSize  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from console.proctor.context import ConsoleContext  # noqa: E402
from console.proctor.demo.demo_frames import DemoFrames, Scene  # noqa: E402
from console.proctor.session_details.details_windows import DetailsWindows  # noqa: E402
from console.proctor.session_details.gallery_delegate import THUMBNAIL_SIZE  # noqa: E402
from core.bootstrap import build_core  # noqa: E402
from core.config import CoreConfig  # noqa: E402
from core.domain.clock import FakeClock  # noqa: E402

SIZE = QSize(1366, 768)
INTERVAL = 30


def wait_until(app: QApplication, condition, timeout_s: float = 20.0) -> None:
    deadline = datetime.now() + timedelta(seconds=timeout_s)
    while not condition():
        if datetime.now() > deadline:
            raise TimeoutError("the window did not finish loading in time")
        app.processEvents()


def record(core, clock: FakeClock, attempt_id: str, frames: DemoFrames, scene: Scene,
           tick: int, findings: tuple[int, tuple[str, ...]],
           events: list[tuple[str, str | None]] | None = None) -> str:
    snapshot_id = str(uuid.uuid4())
    core.snapshots.record_snapshot(attempt_id, snapshot_id, frames.frame(scene, tick),
                                   captured_at=clock.now())
    faces, cues = findings
    core.snapshots.record_analysis(snapshot_id, faces, cues, events or [])
    return snapshot_id


ONE = (1, ())
NOBODY = (0, ("no_face",))
TWO = (2, ("multiple_faces",))
DARK = (0, ("too_dark",))


def live_session(core, clock: FakeClock, exam_id: str) -> tuple[str, str]:
    """Sarah Mitchell, 14 minutes into the exam; returns (session id, snapshot to preview)."""
    started = core.attempts.start_attempt(exam_id, "C-2041", "Sarah Mitchell", seat="A-07")
    frames = DemoFrames(seed=7)
    attempt = started.attempt_id
    chosen = ""
    plan = [Scene.ONE_PERSON] * 28
    plan[6] = plan[7] = Scene.NOBODY
    plan[12] = Scene.DARK
    plan[23] = Scene.TWO_PEOPLE
    for tick, scene in enumerate(plan):
        clock.advance(INTERVAL)
        if tick == 5:
            core.attempts.record_kiosk_event(attempt, "focus_lost", "Switched to another window",
                                             occurred_at=clock.now() - timedelta(seconds=8))
        if tick == 8:
            core.attempts.record_kiosk_event(attempt, "focus_regained", None,
                                             occurred_at=clock.now() - timedelta(seconds=20))
        findings, events = {
            Scene.ONE_PERSON: (ONE, []),
            Scene.NOBODY: (NOBODY, [("no_face", "No face in view")] if tick == 6 else []),
            Scene.TWO_PEOPLE: (TWO, [("multiple_faces", "2 faces in view")]),
            Scene.DARK: (DARK, [("too_dark", "Picture too dark to see the candidate")]),
        }[scene]
        snapshot_id = record(core, clock, attempt, frames, scene, tick, findings, events)
        if scene is Scene.TWO_PEOPLE:
            chosen = snapshot_id
            clock.advance(6)
            core.proctoring.warn_session(started.proctor_session_id,
                                         "Only you may be in the room during the exam.",
                                         actor="Dana Lee")
            clock.advance(4)
            core.proctoring.flag_session(started.proctor_session_id, "Another person present",
                                         "Second person at the left edge of the picture",
                                         actor="Dana Lee")
        if tick == 25:
            core.attempts.acknowledge_warning(attempt, core.proctoring.get_session(
                started.proctor_session_id).warnings[0].warning_id)
    clock.advance(9)
    return started.proctor_session_id or "", chosen


def ended_session(core, clock: FakeClock, exam_id: str) -> str:
    """Daniel Okafor: submitted after 40 minutes, reviewed as suspicious."""
    started = core.attempts.start_attempt(exam_id, "C-1987", "Daniel Okafor", seat="C-03")
    frames = DemoFrames(seed=3)
    attempt = started.attempt_id
    for tick in range(16):
        clock.advance(150)
        scene = Scene.NOBODY if tick in (9, 10) else Scene.ONE_PERSON
        findings = NOBODY if scene is Scene.NOBODY else ONE
        events = [("no_face", "No face in view")] if tick == 9 else []
        record(core, clock, attempt, frames, scene, tick, findings, events)
        if tick == 9:
            core.attempts.record_kiosk_event(attempt, "focus_lost", "Switched to another window")
        if tick == 11:
            core.attempts.record_kiosk_event(attempt, "focus_regained")
    clock.advance(90)
    core.attempts.submit_attempt(attempt)
    clock.advance(3600)
    core.proctoring.review_session(
        started.proctor_session_id, "suspicious",
        "Away from the camera for about 5 minutes mid-exam; answers unchanged. Follow up.",
        actor="Sam Ortiz")
    return started.proctor_session_id or ""


def actors_session(core, clock: FakeClock, exam_id: str) -> tuple[str, str]:
    """Priya Raman at seat B-14: Dana Lee flags a second person, Sam Ortiz warns, the person
    comes back and Sam Ortiz terminates; Dana Lee reviews it afterwards. Returns (session id,
    snapshot to preview)."""
    started = core.attempts.start_attempt(exam_id, "C-2107", "Priya Raman", seat="B-14")
    session_id = started.proctor_session_id or ""
    frames = DemoFrames(seed=11)
    attempt = started.attempt_id
    chosen = ""
    for tick in range(22):
        clock.advance(INTERVAL)
        two = tick in (12, 13, 20, 21)
        findings = TWO if two else ONE
        events = [("multiple_faces", "2 faces in view")] if tick in (12, 20) else []
        scene = Scene.TWO_PEOPLE if two else Scene.ONE_PERSON
        snapshot_id = record(core, clock, attempt, frames, scene, tick, findings, events)
        if tick == 12:
            clock.advance(7)
            core.proctoring.flag_session(session_id, "Another person present",
                                         "Someone stood behind the candidate", actor="Dana Lee")
        if tick == 13:
            clock.advance(5)
            core.proctoring.warn_session(session_id,
                                         "Only you may be in the room during the exam.",
                                         actor="Sam Ortiz")
        if tick == 15:
            core.attempts.acknowledge_warning(attempt, core.proctoring.get_session(
                session_id).warnings[0].warning_id)
        if tick == 20:
            chosen = snapshot_id
    clock.advance(8)
    core.proctoring.terminate_session(session_id, "The second person came back after a warning",
                                      actor="Sam Ortiz")
    clock.advance(25 * 60)
    core.proctoring.review_session(session_id, "violation",
                                   "Two people in view twice; confirmed on the snapshots.",
                                   actor="Dana Lee")
    return session_id, chosen


def render(out: Path) -> list[Path]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as data:
        # A weekday morning in local time, so the times on screen read like a real session.
        local_nine = datetime.now().astimezone().replace(hour=8, minute=30, second=0,
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
            ended_id = ended_session(core, clock, exam.exam_id)
            actors_id, actors_chosen = actors_session(core, clock, exam.exam_id)
            live_id, chosen = live_session(core, clock, exam.exam_id)
            shots = [
                (out / "details-live.png", live_id, chosen),
                (out / "details-ended.png", ended_id, None),
                (out / "details-sample.png", "sample-1", None),
                (out / "details-timeline-actors.png", actors_id, actors_chosen),
            ]
            written = []
            for path, session_id, snapshot_id in shots:
                window = windows.open(session_id)
                window.resize(SIZE)
                wait_until(app, lambda w=window: w.session is not None)
                if not window.is_sample:
                    wait_until(app, lambda w=window: w.gallery_model.rowCount() > 0)
                    if snapshot_id:
                        wait_until(app, lambda w=window, s=snapshot_id:
                                   w.gallery_model.row_of(s) >= 0)
                        window.select_row(window.gallery_model.row_of(snapshot_id))
                    wait_until(app, lambda w=window: w.preview.shown_snapshot_id is not None)
                    ids = [window.gallery_model.snapshot(r).snapshot_id
                           for r in range(min(12, window.gallery_model.rowCount()))]
                    wait_until(app, lambda ids=ids: all(
                        context.thumbnails.pixmap(i, THUMBNAIL_SIZE) is not None for i in ids))
                for _ in range(5):
                    app.processEvents()
                window.grab().save(str(path))
                written.append(path)
                window.close()
            return written
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
