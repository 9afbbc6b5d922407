"""A frame proves the camera works: a snapshot captured after the last camera report clears it,
one captured before it (a late upload from the kiosk's spool) does not. The rule on its own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.domain.camera import (
    CameraRestore,
    frame_clears_camera_report,
    restore_by_frames,
)

DENIED = datetime(2026, 5, 4, 10, 41, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return DENIED + timedelta(seconds=seconds)


@pytest.mark.parametrize(
    ("captured", "clears"),
    [
        (at(65), True),   # captured after the report: the camera works
        (at(0.001), True),
        (at(0), False),   # the same instant proves nothing newer
        (at(-10), False),  # captured before the report, uploaded late from the spool
    ],
)
def test_a_frame_clears_a_camera_report_only_when_captured_after_it(captured, clears):
    assert frame_clears_camera_report(captured, DENIED) is clears


@pytest.mark.parametrize(
    ("denied_at", "frames", "restored_at"),
    [
        (None, [at(65)], None),               # the camera is not reported off: nothing to do
        (DENIED, [], None),                   # no frame stored
        (DENIED, [at(-30), at(-5)], None),    # only late frames from before the report
        (DENIED, [at(-5), at(65)], at(65)),   # a late frame and a new one: the new one counts
        (DENIED, [at(70), at(65)], at(65)),   # several new frames: the earliest one
    ],
)
def test_the_restore_frames_prove_is_dated_at_the_first_frame_after_the_report(
        denied_at, frames, restored_at):
    restore = restore_by_frames(denied_at, frames)
    assert (restore.at if restore else None) == restored_at


def test_the_restore_says_a_frame_arrived_and_the_camera_works_again():
    assert restore_by_frames(DENIED, [at(65)]) == CameraRestore(
        at(65), "A snapshot taken at 10:42:05 UTC arrived: the camera works again")
