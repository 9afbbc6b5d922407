"""Helpers for the Proctor Center tests: start sessions, make recognisable JPEGs, read the grid."""

from __future__ import annotations

import io

from PIL import Image

from console.proctor.proctor_center.proctor_center_window import ProctorCenterWindow
from core.domain.records import StartedAttempt

#: The offscreen platform has no window manager and says so when a window is shown or raised.
OFFSCREEN_NOISE = r"This plugin does not support (propagateSizeHints|raise|grabbing)"


def start(core, exam, ref: str, name: str) -> StartedAttempt:
    return core.attempts.start_attempt(exam.exam_id, ref, name)


def solid_jpeg(color: tuple[int, int, int], size: tuple[int, int] = (640, 480)) -> bytes:
    """A real one-colour JPEG, so a test can recognise its pixels on screen."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def shown_names(window: ProctorCenterWindow) -> list[str]:
    return [window.model.session(sid).candidate_name for sid in window.visible_session_ids()]


def close_kiosk(core, started: StartedAttempt) -> None:
    """The kiosk reports that its exam window was closed (a ``kiosk_closed`` event). Through
    the kiosk API's service where this core accepts the type; else written as that service
    writes it (same event row, same domain event)."""
    from core.db.engine import UnitOfWork
    from core.db.models import ProctorSession
    from core.domain.enums import EventSource
    from core.domain.errors import InvalidInput
    from core.services.records import KIOSK_CLOSED, record_event

    try:
        core.attempts.record_kiosk_event(started.attempt_id, KIOSK_CLOSED)
        return
    except InvalidInput:
        pass
    with UnitOfWork(core.engine, core.bus.publish).write() as ws:
        session = ws.get(ProctorSession, started.proctor_session_id)
        record_event(ws, session, KIOSK_CLOSED, source=EventSource.KIOSK, now=core.clock.now(),
                     risk=core.risk)
