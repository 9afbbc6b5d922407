"""The console's plumbing: core events reach the GUI thread (on the real core), background work
reports back, thumbnails load once and are cached (over the in-memory center)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QSize

from console.proctor import thumbnails
from console.proctor.avatar import initials
from tests.helpers import jpeg_bytes, new_snapshot_id


def test_a_session_started_in_another_thread_reaches_the_gui_as_a_signal(
    console_context, exam, qtbot
):
    # On the real core: its bus delivers on the thread that committed, here not the GUI's.
    core = console_context.center.core
    with qtbot.waitSignal(console_context.bridge.session_changed, timeout=3000) as signal:
        worker = threading.Thread(
            target=core.attempts.start_attempt, args=(exam.exam_id, "C-1", "Ann Lee"))
        worker.start()
    worker.join()
    session_id, status, change = signal.args
    assert (status, change) == ("active", "started")
    assert core.proctoring.get_session(session_id).session.candidate_name == "Ann Lee"


def test_background_results_and_errors_come_back_to_their_callbacks(fake_console_context, qtbot):
    results, errors = [], []
    fake_console_context.tasks.submit(lambda a, b: a + b, 2, 3, on_done=results.append)
    fake_console_context.tasks.submit(lambda: 1 / 0, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(results and errors), timeout=3000)
    assert results == [5]
    assert isinstance(errors[0], ZeroDivisionError)


def test_a_thumbnail_is_decoded_once_then_served_from_the_cache(
    fake_console_context, fake_exam, qtbot, monkeypatch
):
    decoded = []
    real_decode = thumbnails.decode_scaled
    monkeypatch.setattr(thumbnails, "decode_scaled",
                        lambda data, size: decoded.append(size) or real_decode(data, size))
    fake_core = fake_console_context.center.core
    started = fake_core.attempts.start_attempt(fake_exam.exam_id, "C-1", "Ann Lee")
    snapshot_id = new_snapshot_id()
    fake_core.snapshots.record_snapshot(started.attempt_id, snapshot_id, jpeg_bytes())
    cache = fake_console_context.thumbnails
    size = QSize(160, 120)
    with qtbot.waitSignal(cache.thumbnail_ready, timeout=3000) as ready:
        assert cache.pixmap(snapshot_id, size) is None  # starts the load
        assert cache.pixmap(snapshot_id, size) is None  # asked again while loading
    assert ready.args == [snapshot_id]
    pixmap = cache.pixmap(snapshot_id, size)
    assert pixmap is not None and pixmap.width() == 160
    assert all(cache.pixmap(snapshot_id, size) is pixmap for _ in range(5))
    fake_console_context.tasks.wait_for_done()
    assert decoded == [size]  # one real JPEG decode for seven asks


def test_an_unknown_snapshot_fails_once_instead_of_retrying_forever(fake_console_context, qtbot):
    cache = fake_console_context.thumbnails
    missing = new_snapshot_id()
    with qtbot.waitSignal(cache.thumbnail_failed, timeout=3000):
        cache.pixmap(missing, QSize(160, 120))
    assert cache.pixmap(missing, QSize(160, 120)) is None
    assert cache.has_failed(missing, QSize(160, 120))
    assert fake_console_context.tasks.pending_count == 0


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Sarah Ahmed", "SA"), ("omar", "OM"), ("Jean-Luc Picard", "JP"), ("", "?"), ("  ", "?")],
)
def test_initials_read_like_a_person_would_write_them(name, expected):
    assert initials(name) == expected
