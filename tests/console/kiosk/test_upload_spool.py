"""The kiosk's on-disk spool: capture order, capture times, and survival across restarts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from console.kiosk.uploads.upload_spool import UploadSpool
from tests.helpers import jpeg_bytes


def test_snapshots_come_back_in_capture_order_with_their_bytes_and_times(tmp_path):
    spool = UploadSpool(tmp_path, "attempt-1")
    start = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
    images = [jpeg_bytes(seed=n) for n in range(3)]
    added = [spool.add_snapshot(image, captured_at=start + timedelta(seconds=n))
             for n, image in enumerate(images)]

    pending = spool.pending_snapshots()
    assert [p.snapshot_id for p in pending] == [a.snapshot_id for a in added]
    assert [UploadSpool.read_image(p) for p in pending] == images
    assert [p.captured_at for p in pending] == [start + timedelta(seconds=n) for n in range(3)]


def test_the_queue_survives_a_restart_of_the_kiosk(tmp_path):
    first = UploadSpool(tmp_path, "attempt-1")
    kept = first.add_snapshot(jpeg_bytes(), snapshot_id="5f0c1b9e-0c1f-4d9a-9f57-1d2c3b4a5e6f")
    first.add_event("camera_denied", "Camera 0 could not be opened.")

    again = UploadSpool(tmp_path, "attempt-1")
    assert [p.snapshot_id for p in again.pending_snapshots()] == [kept.snapshot_id]
    events = again.pending_events()
    assert [(e.type, e.detail) for e in events] == [("camera_denied",
                                                     "Camera 0 could not be opened.")]
    assert UploadSpool(tmp_path, "attempt-2").pending_snapshot_count() == 0


def test_removed_items_are_gone_and_clear_empties_the_queue(tmp_path):
    spool = UploadSpool(tmp_path, "attempt-1")
    first = spool.add_snapshot(jpeg_bytes(seed=1))
    spool.add_snapshot(jpeg_bytes(seed=2))
    spool.add_event("focus_lost")
    spool.remove(first)
    assert spool.pending_snapshot_count() == 1
    assert spool.clear() == 2
    assert spool.pending_snapshot_count() == spool.pending_event_count() == 0
    spool.add_snapshot(jpeg_bytes(seed=3))  # the folder is still usable after clear()
    assert spool.pending_snapshot_count() == 1


def test_snapshots_taken_in_the_same_instant_keep_their_order(tmp_path):
    spool = UploadSpool(tmp_path, "attempt-1")
    same = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
    ids = [spool.add_snapshot(b"\xff\xd8\xff" + bytes([n]), captured_at=same).snapshot_id
           for n in range(5)]
    assert [p.snapshot_id for p in spool.pending_snapshots()] == ids


def test_half_written_files_are_not_in_the_queue(tmp_path):
    spool = UploadSpool(tmp_path, "attempt-1")
    (spool.snapshot_folder / ".00000000000000000001-x.jpg.ab12cd34.tmp").write_bytes(b"partial")
    (spool.snapshot_folder / "notes.txt").write_text("not a snapshot")
    assert spool.pending_snapshots() == []


def test_an_unreadable_event_file_is_dropped_instead_of_blocking_the_queue(tmp_path):
    spool = UploadSpool(tmp_path, "attempt-1")
    broken = spool.event_folder / "01700000000000000000-0b5e.json"
    broken.write_text("{not json")
    good = spool.add_event("focus_regained")
    assert [e.event_id for e in spool.pending_events()] == [good.event_id]
    assert not broken.exists()


def test_the_cause_of_failed_uploads_survives_a_restart_of_the_kiosk(tmp_path):
    UploadSpool(tmp_path, "attempt-1").add_event("upload_failed", "three tries failed",
                                                 cause="center_unreachable")
    UploadSpool(tmp_path, "attempt-1").add_event("focus_lost")

    events = UploadSpool(tmp_path, "attempt-1").pending_events()
    assert [(e.type, e.cause) for e in events] == [("upload_failed", "center_unreachable"),
                                                   ("focus_lost", None)]


def test_an_event_spooled_before_causes_existed_is_read_without_one(tmp_path):
    spool = UploadSpool(tmp_path, "attempt-1")
    old = spool.event_folder / "01700000000000000000-0b5e.json"
    old.write_text('{"type": "upload_failed", "detail": "Snapshot upload failed 3 times"}')

    [event] = spool.pending_events()
    assert (event.event_id, event.type, event.cause) == ("0b5e", "upload_failed", None)
    assert event.detail == "Snapshot upload failed 3 times"
