"""A frame proves the camera works: when a stored snapshot clears a kiosk's camera report.

``camera_off`` becomes false as soon as a snapshot captured after the last ``camera_denied`` is
stored. When the kiosk sent no ``camera_restored``, the server records one (source ``system``),
dated at the first such frame, so the camera episode's risk stops there. A snapshot captured
before the report (a late upload from the kiosk's spool) does not clear it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from core.domain.event_details import Said
from core.domain.messages import time_param

#: The detail of the ``camera_restored`` event the server records for a frame.
RESTORED_BY_FRAME = "A snapshot taken at {at:%H:%M:%S} UTC arrived: the camera works again"


def frame_clears_camera_report(captured_at: datetime, denied_at: datetime) -> bool:
    """Does a snapshot captured at ``captured_at`` clear a camera report made at ``denied_at``?
    Only a frame captured after it: one captured before says nothing about the camera since."""
    return captured_at > denied_at


@dataclass(frozen=True)
class CameraRestore:
    """The ``camera_restored`` event the server records: when, and the sentence it shows."""

    at: datetime
    detail: str


def restore_by_frames(last_denied_at: datetime | None,
                      captured: Iterable[datetime]) -> CameraRestore | None:
    """For a session whose camera is reported off since ``last_denied_at`` (None: it is not
    off), the restore that newly stored frames captured at ``captured`` prove, if any: dated at
    the earliest of them captured after the report."""
    if last_denied_at is None:
        return None
    clearing = [at for at in captured if frame_clears_camera_report(at, last_denied_at)]
    if not clearing:
        return None
    at = min(clearing)
    return CameraRestore(at, Said(RESTORED_BY_FRAME.format(at=at), "event_camera_works_again",
                                  {"captured_at": time_param(at)}))
