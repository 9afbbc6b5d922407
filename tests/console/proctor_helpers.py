"""Helpers for the Proctor Center tests: start sessions, make recognisable JPEGs, read the grid."""

from __future__ import annotations

import io

from PIL import Image

from console.proctor_center.proctor_center_window import ProctorCenterWindow
from core.services.dto import StartedAttempt

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
