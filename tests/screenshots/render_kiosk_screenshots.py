"""Render the kiosk's screenshots offscreen into resources/screenshots/:
python3 tests/screenshots/render_kiosk_screenshots.py

Every picture shows a real state reached for real: a real core and HTTP server on a temporary
folder, the kiosk window talking to it over HTTP, the synthetic camera, and real faults (a
webcam gone once the exam opens it, for the camera banner; the server's snapshot folder made
unwritable for the upload banner; a camera setting with a typo for the readiness check; the
server stopped for the hand-in kept on the kiosk). The center on the network is a real HTTPS
center announced with zeroconf on 127.0.0.1; the changed identity is another HTTPS server
taking over its address mid-exam.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _name in [n for n in os.environ if n.startswith("PROCTOR_")]:
    del os.environ[_name]
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from console.kiosk.camera.frame_source import CameraUnavailable, FrameSource  # noqa: E402
from console.kiosk.camera.synthetic_frame_source import SyntheticFrameSource  # noqa: E402
from console.kiosk.kiosk_settings import KioskSettings  # noqa: E402
from console.kiosk.kiosk_timings import KioskTimings  # noqa: E402
from console.kiosk.kiosk_window import KioskWindow  # noqa: E402
from core.api.app import create_app  # noqa: E402
from core.api.server import ApiServer  # noqa: E402
from core.bootstrap import Core, build_core  # noqa: E402
from core.client import BrowseResult, browse_centers, remember_pin  # noqa: E402
from core.config import CoreConfig  # noqa: E402
from core.media.store import SNAPSHOT_DIR  # noqa: E402
from core.net.discovery import announce_center  # noqa: E402
from core.net.tls import ensure_server_certificates  # noqa: E402

DOCS = ROOT / "resources" / "screenshots"
TIMINGS = KioskTimings(heartbeat_seconds=0.5, first_snapshot_delay_seconds=0.3,
                       retry_backoff_seconds=(0.2, 0.4), failing_retry_seconds=30,
                       toast_seconds=30)


class UnpluggedAfterTheCheck(SyntheticFrameSource):
    """A webcam that passes the readiness check and is gone when the exam opens it (unplugged,
    or taken by another program): the camera banner."""

    description = "camera 0"

    def __init__(self) -> None:
        super().__init__()
        self.opened = 0

    def open(self) -> None:
        self.opened += 1
        if self.opened > 1:
            raise CameraUnavailable("Camera 0 could not be opened. It may be unplugged, used "
                                    "by another program, or access to it was denied.")
        super().open()


def nothing_on_the_network(_seconds: float, _stop: threading.Event) -> BrowseResult:
    return BrowseResult()


def loopback_network(seconds: float, stop: threading.Event) -> BrowseResult:
    return browse_centers(seconds, interfaces=["127.0.0.1"], stop=stop)


@contextmanager
def https_center(data_dir: Path, port: int = 0) -> Iterator[tuple[Core, ApiServer, str]]:
    """A real HTTPS center with its own certificates: (core, server, fingerprint)."""
    config = CoreConfig.load(data_dir=data_dir, env={"PROCTOR_ANALYSIS": "0", "PROCTOR_TLS": "1"})
    certificates = ensure_server_certificates(config.data_dir, "127.0.0.1")
    core = build_core(config)
    server = ApiServer(create_app(core), "127.0.0.1", port, ssl_certfile=certificates.cert_chain,
                       ssl_keyfile=certificates.key)
    server.start()
    try:
        yield core, server, certificates.fingerprint
    finally:
        server.stop()
        core.close()


def wait_until(condition: Callable[[], bool], timeout: float = 15.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what or condition}")
        loop = QEventLoop()
        QTimer.singleShot(30, loop.quit)
        loop.exec()


def settle(seconds: float = 0.4) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def save(window: KioskWindow, name: str) -> None:
    settle(0.3)
    path = DOCS / name
    if not window.grab().save(str(path)):
        raise RuntimeError(f"cannot write {path}")
    print(f"wrote {path.relative_to(ROOT)}")


def save_now(window: KioskWindow, name: str) -> None:
    """Grab at once, without letting the event loop move on (a state that lasts a moment)."""
    path = DOCS / name
    if not window.grab().save(str(path)):
        raise RuntimeError(f"cannot write {path}")
    print(f"wrote {path.relative_to(ROOT)}")


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    DOCS.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="kiosk-shots-"))
    config = CoreConfig.load(data_dir=work / "data", env={"PROCTOR_ANALYSIS": "0"})
    core = build_core(config)
    server = ApiServer(create_app(core), "127.0.0.1", 0)
    server.start()
    for noisy in ("core.api.errors", "uvicorn.error"):  # the 500s below are on purpose
        logging.getLogger(noisy).setLevel(logging.CRITICAL)
    windows: list[KioskWindow] = []
    try:
        exam = core.exams.create_exam("Mathematics — Paper 2", duration_seconds=90 * 60,
                                      snapshot_interval_seconds=30)
        core.exams.create_exam("English Literature", duration_seconds=60 * 60)

        def kiosk(ref: str, name: str, source: FrameSource | None = None,
                  provisioned: bool = True, camera: str = "synthetic") -> KioskWindow:
            """``camera``: read as --camera is, when no source is given."""
            settings = KioskSettings(
                server_url=server.url, kiosk_key=config.kiosk_key,
                exam_id=exam.exam_id if provisioned else None,
                candidate_ref=ref if provisioned else None,
                candidate_name=name if provisioned else None,
                seat="B-14", camera=camera, spool_dir=work / f"spool-{len(windows)}")
            if source is None and camera == "synthetic":
                source = SyntheticFrameSource()
            window = KioskWindow(settings, TIMINGS, source, nothing_on_the_network)
            window.show()
            windows.append(window)
            return window

        # 1. join form, exams listed from the server whose address was typed
        join = kiosk("", "", provisioned=False)
        wait_until(lambda: join.join_page.exam_combo.count() == 2, what="the exam list")
        join.join_page.ref_edit.setText("C-1042")
        join.join_page.name_edit.setText("Ada Lovelace")
        save(join, "kiosk-join.png")
        join.shutdown()
        join.close()

        # 1a. the readiness check: ready (taken the moment it answers, before the exam page)
        # and not ready (a typo in the camera setting)
        ready = kiosk("", "", provisioned=False)
        wait_until(lambda: ready.join_page.exam_combo.count() == 2, what="the exam list")
        ready.join_page.ref_edit.setText("C-1042")
        ready.join_page.name_edit.setText("Ada Lovelace")

        def shoot_ready(_report: object) -> None:
            for _ in range(3):  # lay the lines out, but let no answer of the center in yet
                QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            save_now(ready, "kiosk-readiness-ready.png")

        ready.controller.joining.readiness_checked.connect(shoot_ready)
        ready.join_page.start_button.click()
        wait_until(lambda: ready.pages.currentWidget() is ready.exam_page, what="the exam")
        ready.shutdown()
        ready.close()
        typo = kiosk("", "", provisioned=False, camera="synthetc")
        wait_until(lambda: typo.join_page.exam_combo.count() == 2, what="the exam list")
        typo.join_page.ref_edit.setText("C-1043")
        typo.join_page.name_edit.setText("Alan Turing")
        typo.join_page.start_button.click()
        wait_until(lambda: typo.join_page.readiness.report is not None, what="the check")
        save(typo, "kiosk-readiness-not-ready.png")
        override = typo.ask_for_override()  # a proctor lets it through, with a reason
        override.username_edit.setText("dana")
        override.password_edit.setText("correct horse battery")
        override.reason_edit.setText("No webcam here; the candidate is watched in person")
        settle()
        override.grab().save(str(DOCS / "kiosk-override.png"))
        print(f"wrote {DOCS / 'kiosk-override.png'}")
        override.reject()
        typo.shutdown()
        typo.close()

        # 1b. a center announced on the network, chosen; 1c. its identity changes mid-exam
        render_center_shots(work, windows)

        # 2. capturing: provisioned kiosk, snapshots reaching the server
        live = kiosk("C-1042", "Ada Lovelace")
        wait_until(lambda: live.controller.view().uploaded_count >= 1, what="a first snapshot")
        settle(0.6)
        save(live, "kiosk-capturing.png")

        # 3. a proctor's warning
        session_id = live.controller.attempt.proctor_session_id
        core.proctoring.warn_session(session_id, "Please keep your face in view of the camera "
                                                 "and your eyes on your own screen.")
        wait_until(lambda: live.warning_panel.isVisible(), what="the warning")
        save(live, "kiosk-warning.png")
        live.warning_panel.accept_button.click()

        # 3b. paused by the proctor, then resumed
        core.proctoring.pause_session(session_id, "Fire alarm in the building: everyone stays "
                                                  "seated until the all-clear.")
        wait_until(lambda: live.pause_panel.isVisible(), what="the pause")
        save(live, "kiosk-paused.png")
        core.proctoring.resume_session(session_id)
        wait_until(lambda: not live.pause_panel.isVisible(), what="the resume")
        wait_until(live.exam_page.notice_banner.isVisible, what="the you-may-continue notice")
        save(live, "kiosk-may-continue.png")
        live.exam_page.notice_banner.hide()

        # 4. uploads failing while the server answers: its snapshot folder cannot be written
        media = config.media_root / SNAPSHOT_DIR
        parked = config.media_root / "parked-snapshots"
        shutil.move(str(media), str(parked))
        media.write_text("not a folder")
        for _ in range(3):
            live.controller.capture_snapshot()
            settle(0.2)
        wait_until(lambda: live.controller.view().upload_error is not None, what="failing uploads")
        wait_until(lambda: live.controller.view().pending_snapshots >= 3, what="waiting snapshots")
        live.toast.hide()
        save(live, "kiosk-upload-failing.png")
        media.unlink()
        shutil.move(str(parked), str(media))

        # 5. the camera cannot be opened
        denied = kiosk("C-2077", "Grace Hopper", UnpluggedAfterTheCheck())
        wait_until(lambda: denied.controller.view().camera_error is not None,
                   what="the camera banner")
        save(denied, "kiosk-camera-denied.png")
        denied.shutdown()
        denied.close()

        # 6. submitted
        live.ask_to_submit()
        live.confirm_panel.accept_button.click()
        wait_until(lambda: live.controller.ended_status is not None, what="the end screen")
        save(live, "kiosk-ended.png")

        # 7. handed in while the center is down: kept on the kiosk, sent when it answers
        late = kiosk("C-3001", "Katherine Johnson")
        wait_until(lambda: late.controller.view().uploaded_count >= 1, what="a first snapshot")
        server.stop()
        late.ask_to_submit()
        late.confirm_panel.accept_button.click()
        wait_until(lambda: late.controller.is_handed_in, what="the kept hand-in")
        save(late, "kiosk-handed-in.png")
    finally:
        for window in windows:
            window.shutdown()
            window.close()
        app.processEvents()
        server.stop()
        core.close()
        shutil.rmtree(work, ignore_errors=True)
    return 0


def render_center_shots(work: Path, windows: list[KioskWindow]) -> None:
    with https_center(work / "center") as (core, server, fingerprint):
        exam = core.exams.create_exam("Mathematics — Paper 2", duration_seconds=90 * 60,
                                      snapshot_interval_seconds=30)
        announcement = announce_center("Room 2 console", server.port or 0,
                                       fingerprint=fingerprint, version="0.1.0",
                                       addresses=["127.0.0.1"], interfaces=["127.0.0.1"])
        if not announcement.is_active:
            raise RuntimeError(f"cannot announce on 127.0.0.1: {announcement.hint}")
        try:
            settings = KioskSettings(seat="B-14", camera="synthetic", spool_dir=work / "spool2")
            found = KioskWindow(settings, TIMINGS, SyntheticFrameSource(), loopback_network)
            found.show()
            windows.append(found)
            form = found.join_page
            wait_until(lambda: form.centers_list.count() >= 1, what="the announced center")
        finally:
            announcement.close()
        item = form.centers_list.item(0)
        item.setSelected(True)
        form.centers_list.itemClicked.emit(item)
        form.key_edit.setText(core.config.kiosk_key)
        form.request_exams()
        wait_until(lambda: form.exam_combo.count() == 1, what="the center's exams")
        form.ref_edit.setText("C-1042")
        form.name_edit.setText("Ada Lovelace")
        save(found, "kiosk-join-found-center.png")
        found.shutdown()
        found.close()

        remember_pin(server.url, fingerprint)
        live_settings = KioskSettings(server_url=server.url, kiosk_key=core.config.kiosk_key,
                                      exam_id=exam.exam_id, candidate_ref="C-2077",
                                      candidate_name="Grace Hopper", seat="B-15",
                                      camera="synthetic", spool_dir=work / "spool3")
        live = KioskWindow(live_settings, TIMINGS, SyntheticFrameSource(), nothing_on_the_network)
        live.show()
        windows.append(live)
        wait_until(lambda: live.controller.view().uploaded_count >= 1, what="a first snapshot")
        port = server.port or 0
        server.stop()
    with https_center(work / "impostor", port):  # another server takes the center's address
        live.controller.capture_snapshot()
        wait_until(lambda: live.pages.currentWidget() is live.identity_page,
                   what="the identity page")
        save(live, "kiosk-identity-changed.png")
        live.shutdown()
        live.close()


if __name__ == "__main__":
    sys.exit(main())
