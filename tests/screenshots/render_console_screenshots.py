"""Render the console's documentation screenshots offscreen, from a real core in a temp folder.

    QT_QPA_PLATFORM=offscreen python3 tests/screenshots/render_console_screenshots.py [--out DIR]

Writes console-grid.png (eight real sessions with uploaded webcam-like JPEG snapshots: one
flagged, one at high risk, one without a face, one with two people and a warning they have
seen, one whose kiosk went offline, one whose kiosk was closed, one that just started; each
card shows its seat), card-seat.png (the flagged card close up),
console-ended.png (submitted, time ran out, terminated), console-quit.png (the question before
quitting while exams run), console-samples.png (a fresh data dir: the two samples),
console-flag-dialog.png, console-warn-dialog.png, console-terminate-dialog.png,
console-exams.png, console-connect.png (kiosks on this computer only) and connect-kiosks.png
(on the center's network, with its address, the firewall port, the fingerprint and a one-time
code), all at 1366x768-friendly sizes. The network address shown is a fixed example and the
console is not announced on this machine's network while rendering.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PIL import Image, ImageDraw, ImageFilter
from PySide6.QtWidgets import QApplication, QWidget

from console.proctor.actions import FlagDialog, TerminateDialog, WarnDialog
from console.proctor.api_server_controller import ApiServerController
from console.proctor.console_app import console_style_sheet
from console.proctor.console_settings import ConsoleSettings
from console.proctor.context import ConsoleContext
from console.proctor.proctor_center.proctor_center_window import ProctorCenterWindow
from console.proctor.proctor_center.session_list_model import THUMBNAIL_ROLE, SessionView
from core.bootstrap import Core, build_core
from core.config import CoreConfig
from core.db.engine import UnitOfWork
from core.db.models import ProctorSession
from core.domain.clock import FakeClock
from core.domain.enums import EventSource
from core.domain.errors import InvalidInput
from core.net.discovery import CenterAnnouncement
from core.services.records import KIOSK_CLOSED, record_event
from tests.screenshots.screenshot_support import SCREENSHOTS, grab, settle, wait_for

WINDOW_SIZE = (1366, 768)
#: The exam room's network address shown in connect-kiosks.png (an example, never contacted).
SHOWN_ADDRESSES = ["192.168.10.20"]
SKIN = [(241, 194, 167), (224, 172, 138), (198, 134, 98), (160, 104, 72), (111, 73, 52)]
HAIR = [(35, 28, 24), (70, 46, 30), (120, 84, 50), (20, 20, 22), (160, 120, 80)]
SHIRTS = [(52, 94, 148), (150, 60, 60), (60, 120, 90), (90, 90, 100), (200, 170, 90),
          (110, 80, 140), (230, 230, 225), (40, 50, 70)]
WALLS = [(206, 200, 188), (188, 198, 206), (214, 206, 196), (196, 204, 190), (222, 218, 210)]


# ---- webcam-like frames -----------------------------------------------------------------------
def draw_person(draw: ImageDraw.ImageDraw, cx: int, top: int, scale: float, skin: tuple,
                hair: tuple, shirt: tuple, rng: random.Random) -> None:
    head_w, head_h = int(120 * scale), int(150 * scale)
    # Shoulders and torso.
    shoulder_y = top + head_h + int(35 * scale)
    draw.rounded_rectangle((cx - int(175 * scale), shoulder_y, cx + int(175 * scale),
                            shoulder_y + int(320 * scale)), radius=int(70 * scale), fill=shirt)
    collar = tuple(max(0, c - 30) for c in shirt)
    draw.polygon([(cx - int(40 * scale), shoulder_y), (cx + int(40 * scale), shoulder_y),
                  (cx, shoulder_y + int(55 * scale))], fill=collar)
    # Neck.
    neck = tuple(max(0, c - 18) for c in skin)
    draw.rectangle((cx - int(28 * scale), top + head_h - int(20 * scale), cx + int(28 * scale),
                    shoulder_y + int(12 * scale)), fill=neck)
    draw.polygon([(cx - int(28 * scale), shoulder_y), (cx + int(28 * scale), shoulder_y),
                  (cx, shoulder_y + int(38 * scale))], fill=neck)
    # Head, hair, ears.
    left = cx - head_w // 2
    draw.ellipse((left - int(9 * scale), top + int(60 * scale), left + int(14 * scale),
                  top + int(100 * scale)), fill=neck)
    draw.ellipse((left + head_w - int(14 * scale), top + int(60 * scale),
                  left + head_w + int(9 * scale), top + int(100 * scale)), fill=neck)
    draw.ellipse((left, top, left + head_w, top + head_h), fill=skin)
    hair_long = rng.random() < 0.4
    draw.chord((left - int(6 * scale), top - int(12 * scale), left + head_w + int(6 * scale),
                top + int(95 * scale)), 180, 360, fill=hair)
    if hair_long:
        draw.rectangle((left - int(8 * scale), top + int(40 * scale), left + int(14 * scale),
                        top + head_h + int(25 * scale)), fill=hair)
        draw.rectangle((left + head_w - int(14 * scale), top + int(40 * scale),
                        left + head_w + int(8 * scale), top + head_h + int(25 * scale)), fill=hair)
    # Eyes, brows, nose, mouth.
    eye_y = top + int(72 * scale)
    for side in (-1, 1):
        ex = cx + side * int(26 * scale)
        draw.ellipse((ex - int(9 * scale), eye_y - int(5 * scale), ex + int(9 * scale),
                      eye_y + int(5 * scale)), fill=(245, 245, 240))
        draw.ellipse((ex - int(4 * scale), eye_y - int(4 * scale), ex + int(4 * scale),
                      eye_y + int(4 * scale)), fill=(40, 30, 25))
        draw.line((ex - int(12 * scale), eye_y - int(14 * scale), ex + int(12 * scale),
                   eye_y - int(16 * scale)), fill=hair, width=max(2, int(4 * scale)))
    shade = tuple(max(0, c - 35) for c in skin)
    draw.line((cx, eye_y + int(8 * scale), cx - int(6 * scale), eye_y + int(36 * scale),
               cx + int(4 * scale), eye_y + int(38 * scale)), fill=shade,
              width=max(2, int(3 * scale)))
    draw.arc((cx - int(20 * scale), eye_y + int(40 * scale), cx + int(20 * scale),
              eye_y + int(62 * scale)), 20, 160, fill=(150, 70, 70), width=max(2, int(4 * scale)))


def webcam_frame(seed: int, people: int = 1, drift: int = 0) -> bytes:
    """A 640x480 JPEG that looks like a kiosk webcam: a room, a desk, 0-2 people."""
    rng = random.Random(seed)
    wall = WALLS[seed % len(WALLS)]
    image = Image.new("RGB", (640, 480), wall)
    draw = ImageDraw.Draw(image)
    for y in range(480):  # light from the upper left
        tone = 1.06 - y / 480 * 0.22
        draw.line((0, y, 640, y), fill=tuple(min(255, int(c * tone)) for c in wall))
    # Room details: a door or shelf, a picture, a lamp glow.
    trim = tuple(max(0, c - 45) for c in wall)
    if seed % 2:
        draw.rectangle((470, 40, 600, 400), fill=tuple(max(0, c - 25) for c in wall), outline=trim,
                       width=4)
        draw.ellipse((575, 220, 587, 232), fill=(180, 160, 90))
    else:
        draw.rectangle((40, 150, 200, 162), fill=trim)
        for x in range(50, 190, 18):
            draw.rectangle((x, 100 + rng.randint(0, 20), x + 13, 150),
                           fill=rng.choice([(150, 60, 50), (60, 90, 140), (70, 120, 80),
                                            (200, 180, 120)]))
    draw.rectangle((60 + rng.randint(0, 40), 40, 160 + rng.randint(0, 40), 110), fill=trim)
    if people == 0:  # an empty chair
        draw.rounded_rectangle((230, 210, 410, 420), radius=30, fill=(60, 62, 70))
        draw.rectangle((245, 330, 395, 480), fill=(52, 54, 60))
    positions = {1: [(320 + drift, 95, 1.0)],
                 2: [(215 + drift, 110, 0.9), (455 + drift // 2, 130, 0.8)]}.get(people, [])
    for index, (cx, top, scale) in enumerate(positions):
        draw_person(draw, cx, top + rng.randint(-6, 6), scale,
                    SKIN[(seed + index * 2) % len(SKIN)], HAIR[(seed + index) % len(HAIR)],
                    SHIRTS[(seed * 3 + index) % len(SHIRTS)], rng)
    # The desk edge and a keyboard.
    draw.rectangle((0, 432, 640, 480), fill=(120, 92, 66))
    draw.rectangle((0, 428, 640, 434), fill=(96, 72, 52))
    draw.rounded_rectangle((200, 446, 440, 470), radius=4, fill=(40, 40, 44))
    # Webcam character: soft focus, sensor noise, a little vignette.
    image = image.filter(ImageFilter.GaussianBlur(1.1))
    noise = Image.effect_noise((640, 480), 18).convert("RGB")
    image = Image.blend(image, noise, 0.06)
    vignette = Image.radial_gradient("L").resize((640, 480)).point(lambda v: int(v * 0.55))
    image = Image.composite(Image.new("RGB", (640, 480), (0, 0, 0)), image, vignette)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


# ---- a believable exam morning ----------------------------------------------------------------
def populate(core: Core, clock: FakeClock) -> dict[str, str]:
    """Start attempts, upload frames, add analysis, flags and events. Returns name -> session."""
    algebra = core.exams.create_exam("Algebra II — Final", 90 * 60, snapshot_interval_seconds=30)
    chemistry = core.exams.create_exam("Organic Chemistry Midterm", 60 * 60,
                                       snapshot_interval_seconds=20)
    english = core.exams.create_exam("English B2 Certificate", 120 * 60,
                                     snapshot_interval_seconds=30)
    core.exams.create_exam("Physics Mock Exam", 45 * 60, proctoring_enabled=False)
    plan = [
        # name, ref, exam, minutes before now it started, people in frame, stop uploads early
        ("Amira Haddad", "ST-20418", algebra, 52, 1, False),
        ("Lucas Moreau", "ST-20433", algebra, 51, 1, False),
        ("Priya Raman", "ST-20457", chemistry, 57, 1, False),
        ("Jonas Weber", "ST-20461", chemistry, 44, 0, False),
        ("Sofia Alvarez", "ST-20472", english, 38, 2, False),
        ("Kenji Watanabe", "ST-20480", english, 36, 1, True),
        ("Grace Okafor", "ST-20495", algebra, 30, 1, False),
        ("Mateo Rossi", "ST-20502", english, 0, 1, False),
    ]
    # Where each candidate sits (the kiosk says so when the attempt starts).
    seats = {"Amira Haddad": "A-03", "Lucas Moreau": "B-14", "Priya Raman": "B-07",
             "Jonas Weber": "C-02", "Sofia Alvarez": "C-11", "Kenji Watanabe": "D-05",
             "Grace Okafor": "A-09", "Mateo Rossi": "D-12", "Elena Petrova": "E-01",
             "Hannah Becker": "E-04", "Noah Fischer": "B-02"}
    now = clock.now() + timedelta(minutes=60)  # the moment the screenshot shows

    def set_clock(moment: datetime) -> None:
        clock.advance((moment - clock.now()).total_seconds())

    started = {}
    for name, ref, exam, ago, _people, _quiet in sorted(plan, key=lambda p: -p[3]):
        if ago:
            set_clock(now - timedelta(minutes=ago))
            started[name] = core.attempts.start_attempt(exam.exam_id, ref, name,
                                                        seat=seats[name])
    # Finished candidates, for the ended view: one submitted, one out of time, one terminated.
    quiz = core.exams.create_exam("Listening Quiz", 20 * 60, snapshot_interval_seconds=30)
    set_clock(now - timedelta(minutes=45))
    timed_out = core.attempts.start_attempt(quiz.exam_id, "ST-20388", "Elena Petrova",
                                            seat=seats["Elena Petrova"])
    set_clock(now - timedelta(minutes=40))
    done = core.attempts.start_attempt(english.exam_id, "ST-20399", "Hannah Becker",
                                       seat=seats["Hannah Becker"])
    stopped = core.attempts.start_attempt(algebra.exam_id, "ST-20377", "Noah Fischer",
                                          seat=seats["Noah Fischer"])
    for seed, attempt in enumerate((timed_out, done, stopped)):
        core.snapshots.record_snapshot(attempt.attempt_id, str(uuid.uuid4()),
                                       webcam_frame(seed * 5 + 11))
    set_clock(now - timedelta(minutes=22))
    core.attempts.submit_attempt(done.attempt_id)
    core.proctoring.flag_session(stopped.proctor_session_id, "Another person present",
                                 actor="Dana Lee")
    core.proctoring.terminate_session(stopped.proctor_session_id,
                                      "A second person answered questions for the candidate",
                                      actor="Sam Ortiz")
    core.attempts.expire_overdue()

    # The last ten minutes of uploads, every 30 s; one kiosk went quiet three minutes ago.
    set_clock(now - timedelta(minutes=10))
    for step in range(20):
        clock.advance(30)
        for seed, (name, _ref, _exam, ago, people, quiet) in enumerate(plan):
            if ago == 0 or (quiet and step >= 14):
                continue
            frame = webcam_frame(seed * 7 + 3, people=people, drift=(step % 5 - 2) * 4)
            snapshot_id = str(uuid.uuid4())
            core.snapshots.record_snapshot(started[name].attempt_id, snapshot_id, frame,
                                           captured_at=clock.now() - timedelta(seconds=seed * 3))
            events: list[tuple[str, str | None]] = []
            if people == 0 and step in (12, 16, 19):
                events = [("no_face", "No face in the frame")]
            if people == 2 and step in (11, 15, 19):
                events = [("multiple_faces", "2 faces in the frame")]
            core.snapshots.record_analysis(snapshot_id, people, (), events)
    set_clock(now)
    for name, ref, exam, ago, _people, _quiet in plan:
        if not ago:  # just started: no snapshot yet
            started[name] = core.attempts.start_attempt(exam.exam_id, ref, name,
                                                        seat=seats[name])

    sessions = {name: s.proctor_session_id for name, s in started.items()}
    core.proctoring.flag_session(sessions["Lucas Moreau"], "Using a phone or notes",
                                 "Looked down at his lap three times in two minutes",
                                 actor="Dana Lee")
    for event in ("focus_lost", "focus_regained", "focus_lost", "focus_regained", "focus_lost"):
        core.attempts.record_kiosk_event(started["Priya Raman"].attempt_id, event)
    core.attempts.record_kiosk_event(started["Priya Raman"].attempt_id, "camera_denied")
    core.attempts.record_kiosk_event(started["Priya Raman"].attempt_id, "camera_restored")
    core.attempts.record_kiosk_event(started["Grace Okafor"].attempt_id, "focus_lost")
    core.attempts.record_kiosk_event(started["Grace Okafor"].attempt_id, "focus_regained")
    clock.advance(-130)
    warning = core.proctoring.warn_session(sessions["Sofia Alvarez"],
                                           "Only you may be in the room during the exam.",
                                           actor="Sam Ortiz")
    clock.advance(50)
    core.attempts.acknowledge_warning(started["Sofia Alvarez"].attempt_id, warning.warning_id)
    core.proctoring.warn_session(sessions["Jonas Weber"],
                                 "Please keep your face in view of the camera.", actor="Dana Lee")
    clock.advance(80)
    close_kiosk(core, started["Amira Haddad"].attempt_id, sessions["Amira Haddad"])
    clock.advance(12)
    return sessions


def close_kiosk(core: Core, attempt_id: str, session_id: str) -> None:
    """The kiosk's window closed: its kiosk_closed event, through the kiosk service where this
    core knows the type, else written the way that service writes it."""
    try:
        core.attempts.record_kiosk_event(attempt_id, KIOSK_CLOSED)
        return
    except InvalidInput:
        pass
    with UnitOfWork(core.engine, core.bus.publish).write() as ws:
        session = ws.get(ProctorSession, session_id)
        record_event(ws, session, KIOSK_CLOSED, source=EventSource.KIOSK, now=core.clock.now(),
                     risk=core.risk)


# ---- rendering --------------------------------------------------------------------------------




def open_console(app: QApplication, data_dir: Path, clock: FakeClock, port: int | None = None):
    core = build_core(CoreConfig.load(data_dir=data_dir, env={"PROCTOR_ANALYSIS": "0"}), clock)
    context = ConsoleContext.create(core, ConsoleSettings.in_data_dir(data_dir))
    return core, context


def wait_for_cards(app: QApplication, window: ProctorCenterWindow, count: int) -> None:
    """Until the grid shows ``count`` sessions, each with its latest snapshot's thumbnail."""
    wait_for(app, lambda: window.model.rowCount() == count and not window.model.is_loading)
    wait_for(app, lambda: all(
        window.model.index(r).data(THUMBNAIL_ROLE) is not None
        for r in range(count) if window.model.session_at(r).latest_snapshot_id))


def not_announced(host: str, port: int, fingerprint: str | None) -> CenterAnnouncement:
    """Rendering screenshots announces nothing on this machine's network."""
    return CenterAnnouncement(hint="not announced while rendering screenshots")


def fit_height(app: QApplication, widget: QWidget, width: int) -> None:
    """Give a dialog with wrapping text exactly the height its content needs at ``width``."""
    for _ in range(3):
        height = (widget.heightForWidth(width) if widget.hasHeightForWidth()
                  else widget.sizeHint().height())
        widget.resize(width, height)
        settle(app, 0.15)




def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(SCREENSHOTS))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setStyleSheet(console_style_sheet())

    with tempfile.TemporaryDirectory(prefix="console-shots-") as temp:
        # 1. The grid with real sessions.
        clock = FakeClock(datetime(2026, 3, 12, 9, 0, tzinfo=UTC))
        core, context = open_console(app, Path(temp) / "real", clock)
        sessions = populate(core, clock)
        server = ApiServerController(core, "127.0.0.1", 8765, addresses=lambda: SHOWN_ADDRESSES,
                                     announce=not_announced)
        if not server.start():
            server.start(port=0)
        window = ProctorCenterWindow(context, server)
        window.resize(*WINDOW_SIZE)
        window.show()
        wait_for_cards(app, window, 8)
        window.refresh_storage()
        window.select_session(sessions["Grace Okafor"])
        window.grid.setFocus()
        settle(app)
        grab(window, out / "console-grid.png")
        flagged = window.proxy.index(window.proxy.row_of(sessions["Lucas Moreau"]), 0)
        card = window.grid.viewport().grab(window.grid.visualRect(flagged).adjusted(-8, -8, 8, 8))
        card.save(str(out / "card-seat.png"))
        print(f"wrote {out / 'card-seat.png'} ({card.width()}x{card.height()})")

        # 2. The flag dialog over a live session.
        dialog = window.actions.flag(core.proctoring.get_session_summary(sessions["Amira Haddad"]))
        assert isinstance(dialog, FlagDialog)
        dialog.reason_box.setCurrentText("Looking away repeatedly")
        dialog.note_box.setPlainText("Turned to the left window four times since 09:40.")
        dialog.adjustSize()
        settle(app)
        grab(dialog, out / "console-flag-dialog.png")
        dialog.reject()
        warn = window.actions.warn(core.proctoring.get_session_summary(sessions["Jonas Weber"]))
        assert isinstance(warn, WarnDialog)
        warn.adjustSize()
        settle(app)
        grab(warn, out / "console-warn-dialog.png")
        warn.reject()
        terminate = window.actions.terminate(
            core.proctoring.get_session_summary(sessions["Sofia Alvarez"]))
        assert isinstance(terminate, TerminateDialog)
        terminate.reason_box.setPlainText("A second person keeps answering for the candidate.")
        terminate.adjustSize()
        settle(app)
        grab(terminate, out / "console-terminate-dialog.png")
        terminate.reject()

        # 3. Exams and Connect kiosks.
        exams = window.show_exams()
        exams.resize(820, 540)
        wait_for(app, lambda: exams.table.rowCount() == 5)
        exams.title_field.setText("Statistics — Resit")
        exams.duration_field.setValue(75)
        exams.interval_field.setValue(20)
        settle(app)
        grab(exams, out / "console-exams.png")
        exams.close()
        connect = window.show_connect()
        assert connect is not None
        fit_height(app, connect, 720)
        grab(connect, out / "console-connect.png")
        connect.network_switch.click()  # the center's network: HTTPS, the address, a code
        if not server.listens_on_network:
            raise RuntimeError(f"could not listen on the network: {server.network_problem}")
        connect.make_code()
        fit_height(app, connect, 720)
        grab(connect, out / "connect-kiosks.png")
        connect.network_switch.click()
        connect.close()

        # 4. The ended view, and the question when the proctor quits while exams run.
        window.set_view(SessionView.ENDED)
        wait_for(app, lambda: window.model.view is SessionView.ENDED
                 and not window.model.is_loading and window.model.rowCount() == 3)
        wait_for(app, lambda: all(window.model.index(r).data(THUMBNAIL_ROLE) is not None
                                  for r in range(3)))
        settle(app)
        grab(window, out / "console-ended.png")
        window.set_view(SessionView.ACTIVE)
        window.close()
        wait_for(app, lambda: window.quit_box is not None and window.quit_box.isVisible())
        settle(app)
        grab(window.quit_box, out / "console-quit.png")
        window.quit_box.reject()
        window.quit_now()
        server.stop()
        context.close()
        core.close()

        # 5. A fresh data dir: the two samples.
        clock = FakeClock(datetime(2026, 3, 12, 8, 15, tzinfo=UTC))
        core, context = open_console(app, Path(temp) / "empty", clock)
        core.exams.create_exam("Algebra II — Final", 90 * 60)
        server = ApiServerController(core, "127.0.0.1", 8765)
        if not server.start():
            server.start(port=0)
        window = ProctorCenterWindow(context, server)
        window.resize(*WINDOW_SIZE)
        window.show()
        wait_for(app, lambda: window.model.is_showing_samples)
        settle(app)
        grab(window, out / "console-samples.png")
        window.close()
        server.stop()
        context.close()
        core.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
