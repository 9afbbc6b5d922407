"""Why the kiosk's uploads failed, as the proctor is told: a center that does not answer
(stopped, a closed port, a silent one, an unknown name, a TLS handshake that never completes) is
``center_unreachable``, a center that answers 5xx is ``center_error``, one that answers 4xx is
``refused``. The ``upload_failed`` event carries that cause through the spool to the center,
and only ``refused`` weighs on the candidate's risk. (A center that presents another identity is
not a failed upload: the kiosk stops sending, see test_kiosk_identity.py.)"""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from contextlib import closing, contextmanager

import pytest

from console.kiosk.uploads.upload_spool import UploadSpool
from console.kiosk.uploads.upload_worker import UploadWorker
from core.client import ApiError, ProctorClient, ServerUnreachable, failure_cause
from core.domain.risk import DEFAULT_RISK_WEIGHTS
from core.media.store import SNAPSHOT_DIR
from tests.console.kiosk.kiosk_support import FAST
from tests.helpers import jpeg_bytes

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def cause_of_a_failed_upload(url: str, token: str = "token", attempt_id: str = "a-1",
                             **client_options) -> str:
    """Upload one frame with a real client; the cause its failure is classified as."""
    with ProctorClient(url, token, timeout=1.0, **client_options) as client:
        try:
            client.upload_snapshot(attempt_id, "0b5e", jpeg_bytes())
        except (ServerUnreachable, ApiError) as exc:
            return failure_cause(exc).value
    raise AssertionError("the upload did not fail")


def test_a_center_that_does_not_answer_is_unreachable():
    with closing(socket.socket()) as free:
        free.bind(("127.0.0.1", 0))
        closed_port = free.getsockname()[1]
    assert cause_of_a_failed_upload(f"http://127.0.0.1:{closed_port}") == "center_unreachable"
    with closing(socket.socket()) as silent:  # accepts the connection, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        assert cause_of_a_failed_upload(f"http://127.0.0.1:{port}") == "center_unreachable"
        # A pinned center whose TLS handshake never completes.
        assert cause_of_a_failed_upload(f"https://127.0.0.1:{port}",
                                        fingerprint="ab" * 32) == "center_unreachable"
    assert cause_of_a_failed_upload("http://no-such-center.invalid:8765") == "center_unreachable"


def test_a_center_that_answers_4xx_refused_the_upload(server, kiosk_exam):
    started = server.core.attempts.start_attempt(kiosk_exam.exam_id, "C-9", "Ann Lee")
    assert cause_of_a_failed_upload(server.url, "wrong-token", started.attempt_id) == "refused"
    assert cause_of_a_failed_upload(server.url, started.token, "no-such-attempt") == "refused"


def timeline(core, session_id: str) -> list[tuple[str, str | None]]:
    """(type, cause) of the session's events on the server, oldest first."""
    return [(e.type, e.cause) for e in reversed(core.proctoring.get_session(session_id).events)]


def risk_score(core, session_id: str) -> int:
    return core.proctoring.get_session(session_id).session.risk_score


def spooled_causes(spool: UploadSpool) -> list[str | None]:
    return [e.cause for e in spool.pending_events() if e.type == "upload_failed"]


@contextmanager
def uploading(client: ProctorClient, attempt_id: str, spool: UploadSpool) -> Iterator[UploadWorker]:
    worker = UploadWorker(client, attempt_id, spool, FAST)
    worker.run_on_own_thread()
    try:
        yield worker
    finally:
        worker.shutdown()


def test_uploads_while_the_center_is_down_are_reported_as_center_unreachable_and_weigh_nothing(
        qtbot, restartable_server, spool_dir):
    server = restartable_server
    core = server.core
    exam = core.exams.create_exam("Physics", duration_seconds=3600)
    started = core.attempts.start_attempt(exam.exam_id, "C-1", "Ann Lee")
    spool = UploadSpool(spool_dir, started.attempt_id)
    spool.add_snapshot(jpeg_bytes())
    server.stop()

    with uploading(ProctorClient(server.url, started.token, timeout=1.0),
                   started.attempt_id, spool):
        qtbot.waitUntil(lambda: spooled_causes(spool) == ["center_unreachable"], timeout=5000)
        server.start()
        qtbot.waitUntil(lambda: spool.pending_event_count() == 0
                        and spool.pending_snapshot_count() == 0, timeout=8000)

    session_id = started.proctor_session_id
    assert ("upload_failed", "center_unreachable") in timeline(core, session_id)
    assert risk_score(core, session_id) == 0


def test_uploads_a_center_cannot_store_are_reported_as_center_error_and_weigh_nothing(
        qtbot, server, kiosk_exam, spool_dir):
    core = server.core
    started = core.attempts.start_attempt(kiosk_exam.exam_id, "C-2", "Bo Chen")
    spool = UploadSpool(spool_dir, started.attempt_id)
    spool.add_snapshot(jpeg_bytes())
    session_id = started.proctor_session_id
    # A real fault on the server: its snapshot folder is replaced by a file (500 on every frame).
    media = core.config.media_root / SNAPSHOT_DIR
    parked = core.config.media_root / "parked"
    media.mkdir(parents=True, exist_ok=True)
    shutil.move(str(media), str(parked))
    media.write_text("not a folder")
    try:
        with uploading(ProctorClient(server.url, started.token), started.attempt_id, spool):
            # Events still reach the center: the outage is on its timeline while it goes on.
            qtbot.waitUntil(lambda: ("upload_failed", "center_error")
                            in timeline(core, session_id), timeout=5000)
    finally:
        media.unlink()
        shutil.move(str(parked), str(media))

    assert spool.pending_snapshot_count() == 1  # kept on the kiosk until the center has it
    assert risk_score(core, session_id) == 0


def test_uploads_the_center_refuses_are_reported_as_refused_and_weigh_on_the_risk(
        qtbot, server, kiosk_exam, spool_dir):
    core = server.core
    started = core.attempts.start_attempt(kiosk_exam.exam_id, "C-3", "Cy Diaz")
    other = core.attempts.start_attempt(kiosk_exam.exam_id, "C-4", "Di Eng")
    spool = UploadSpool(spool_dir, started.attempt_id)
    spool.add_snapshot(jpeg_bytes())

    # Another attempt's token: the center answers 403 to every frame (and to the event).
    with uploading(ProctorClient(server.url, other.token), started.attempt_id, spool):
        qtbot.waitUntil(lambda: spooled_causes(spool) == ["refused"], timeout=5000)
    # The kiosk again, with its own token: the spooled event goes out with its cause.
    with uploading(ProctorClient(server.url, started.token), started.attempt_id, spool):
        qtbot.waitUntil(lambda: spool.pending_event_count() == 0
                        and spool.pending_snapshot_count() == 0, timeout=5000)

    session_id = started.proctor_session_id
    assert ("upload_failed", "refused") in timeline(core, session_id)
    assert risk_score(core, session_id) == DEFAULT_RISK_WEIGHTS["upload_failed"]
