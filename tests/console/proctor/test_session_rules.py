"""The card's words about a kiosk, straight from the pure rules (no window)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from console.proctor.proctor_center.session_rules import kiosk_words
from core.domain.samples import sample_sessions

NOW = datetime(2026, 1, 15, 10, 0, tzinfo=UTC)


def silent_session(**changes):
    """A live session whose last snapshot is ten minutes old (30 s interval)."""
    session = sample_sessions(NOW)[0]
    return replace(session, is_sample=False, snapshot_interval_seconds=30,
                   last_snapshot_at=NOW - timedelta(minutes=10), **changes)


def test_a_silent_kiosk_is_called_offline_with_how_long_it_has_been_quiet():
    assert kiosk_words(silent_session(), NOW) == "Kiosk offline · 10 min"


def test_a_kiosk_whose_camera_is_off_but_still_calls_is_not_called_offline():
    calling = silent_session(camera_off=True, kiosk_seen_at=NOW - timedelta(seconds=4))
    assert kiosk_words(calling, NOW) == ""


def test_a_kiosk_whose_camera_is_off_and_stopped_calling_is_offline_since_its_last_call():
    gone = silent_session(camera_off=True, kiosk_seen_at=NOW - timedelta(minutes=3))
    assert kiosk_words(gone, NOW) == "Kiosk offline · 3 min"


def test_a_kiosk_closed_mid_exam_says_so_even_with_its_camera_off():
    closed = silent_session(camera_off=True, kiosk_closed_at=NOW - timedelta(minutes=5))
    assert kiosk_words(closed, NOW) == "Kiosk closed"
