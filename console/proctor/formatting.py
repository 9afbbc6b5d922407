"""Human-friendly times and labels shared by every window."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP

from core.domain.accounts import ADMIN_ACTOR
from core.domain.enums import AttemptStatus, SessionStatus
from core.domain.records import SessionDTO


def clock_time(value: datetime | None) -> str:
    """Local wall-clock time, e.g. ``14:05:09``; an em dash for none."""
    if value is None:
        return "—"
    return value.astimezone().strftime("%H:%M:%S")


def date_time(value: datetime | None) -> str:
    if value is None:
        return "—"
    return value.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def duration(seconds: float) -> str:
    """``1:02:03`` or ``12:04``; never negative."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def ago(then: datetime | None, now: datetime) -> str:
    """``just now``, ``45 s ago``, ``3 min ago``, ``2 h ago``."""
    if then is None:
        return "never"
    seconds = max(0, int((now - then).total_seconds()))
    if seconds < 5:
        return "just now"
    if seconds < 60:
        return f"{seconds} s ago"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    return f"{seconds // 3600} h ago"


#: How the console names each timeline event type (an unknown type reads as its own words).
EVENT_TYPE_WORDS: dict[str, str] = {
    "session_started": "Session started",
    "session_ended": "Session ended",
    "camera_denied": "Camera unavailable",
    "camera_restored": "Camera restored",
    "upload_failed": "Upload failed",
    "focus_lost": "Left the exam window",
    "focus_regained": "Back in the exam window",
    "no_face": "No face in view",
    "multiple_faces": "More than one face",
    "too_dark": "Picture too dark",
    "camera_blocked": "Camera blocked or frozen",
    "looking_away": "Looking away",
    "warning_sent": "Warning sent",
    "warning_acknowledged": "Warning acknowledged",
    "flagged": "Flagged",
    "terminated": "Terminated",
    "reviewed": "Reviewed",
    "media_purged": "Evidence deleted (retention)",
    "kiosk_closed": "Kiosk closed",
    "paused": "Paused",
    "resumed": "Resumed",
    "time_added": "Time added",
    "accommodation_set": "Accommodation set",
    "handed_in": "Handed in late (network cut)",
    "alert_acknowledged": "Alert acknowledged",
    "alert_dismissed": "Alert dismissed",
    "readiness_overridden": "Let through although not ready",
}


def event_words(event_type: str) -> str:
    return EVENT_TYPE_WORDS.get(event_type, event_type.replace("_", " ").capitalize())


#: How an ``upload_failed`` reads when its cause is the center's own problem (never evidence
#: against the candidate; the kiosk kept its frames and retried).
CENTER_PROBLEM_WORDS: dict[str, str] = {
    "center_unreachable": "Center unreachable — upload retried",
    "center_error": "Center error — upload retried",
}


#: How the actor of the admin key (and of a console without proctor accounts) reads.
ADMIN_WORDS = QT_TRANSLATE_NOOP("Formatting", "the administrator")


def actor_words(actor: str | None) -> str:
    """Who did something, as a person reads it: a proctor's or desk's name as recorded,
    ``the administrator`` for the admin key; "" when nobody is recorded (kiosk, analysis,
    system)."""
    if not actor or not actor.strip():
        return ""
    return ADMIN_WORDS if actor.strip() == ADMIN_ACTOR else actor.strip()


def by_words(actor: str | None) -> str:
    """`` by Dana Lee`` to follow an action's name; "" when nobody is recorded."""
    who = actor_words(actor)
    return f" by {who}" if who else ""


def seat_words(seat: str | None) -> str:
    """``Seat B-14``; "" when the kiosk gave no seat."""
    return f"Seat {seat.strip()}" if seat and seat.strip() else ""


def place_words(session: SessionDTO) -> str:
    """``Hall 2 · Seat B-14``, ``Hall 2``, ``Seat B-14`` or "": where the proctor walks to."""
    seat = seat_words(session.seat)
    room = (session.room or "").strip()
    return " · ".join(part for part in (room, seat) if part)


def paused_words(session: SessionDTO) -> str:
    """``Paused since 10:42: Fire alarm`` ("" when not paused)."""
    if not session.paused:
        return ""
    since = f" since {clock_time(session.paused_at)[:5]}" if session.paused_at else ""
    reason = f": {session.paused_reason}" if session.paused_reason else ""
    return f"Paused{since}{reason}"


def extra_time_words(session: SessionDTO) -> str:
    """What moved the deadline: ``+25 % time (accommodation, 15 min) · +10 min added ·
    paused 7 min`` ("" when nothing did)."""
    parts = []
    if session.accommodation:
        parts.append(f"{session.accommodation} (accommodation"
                     + (f" by {session.accommodation_by}" if session.accommodation_by else "")
                     + ")")
    if session.added_seconds:
        parts.append(f"+{session.added_seconds // 60} min added")
    if session.paused_seconds:
        parts.append(f"paused {max(1, round(session.paused_seconds / 60))} min in all")
    return " · ".join(parts)


def accommodation_words(session: SessionDTO) -> str:
    """``Not counted for this candidate: focus lost — Screen reader`` (the accommodation's
    exemptions and note; its time is in ``extra_time_words``); "" when there are none."""
    parts = []
    if session.accommodation_exempt:
        parts.append("Not counted for this candidate: "
                     + ", ".join(k.replace("_", " ") for k in session.accommodation_exempt))
    if session.accommodation_note:
        parts.append(f"Note: {session.accommodation_note}")
    return " — ".join(parts)


def flag_words(session: SessionDTO, with_note: bool = True) -> str:
    """``Flagged by Dana Lee: Looking away — keeps turning round`` ("Not flagged" when not)."""
    if not session.is_flagged:
        return "Not flagged"
    reason = session.flag_reason or "no reason given"
    note = f" — {session.flag_note}" if with_note and session.flag_note else ""
    return f"Flagged{by_words(session.flagged_by)}: {reason}{note}"


STATUS_WORDS = {
    "active": QT_TRANSLATE_NOOP("Formatting", "Active"),
    "completed": QT_TRANSLATE_NOOP("Formatting", "Completed"),
    "cancelled": QT_TRANSLATE_NOOP("Formatting", "Cancelled"),
    "in_progress": QT_TRANSLATE_NOOP("Formatting", "In progress"),
    "submitted": QT_TRANSLATE_NOOP("Formatting", "Submitted"),
    "expired": QT_TRANSLATE_NOOP("Formatting", "Time ran out"),
    "terminated": QT_TRANSLATE_NOOP("Formatting", "Terminated"),
}

REVIEW_WORDS = {"no_issue": QT_TRANSLATE_NOOP("Formatting", "No issue"),
                "suspicious": QT_TRANSLATE_NOOP("Formatting", "Suspicious"),
                "violation": QT_TRANSLATE_NOOP("Formatting", "Violation")}


def status_words(status: str) -> str:
    return STATUS_WORDS.get(status, status.replace("_", " ").capitalize())


def outcome_words(session: SessionDTO) -> str:
    """How a session stands: "Active", or how its exam ended ("Submitted", "Time ran out",
    "Terminated") rather than the session's bare "Completed"/"Cancelled"."""
    if (session.status == SessionStatus.ACTIVE
            or session.attempt_status == AttemptStatus.IN_PROGRESS):
        return status_words(session.status)
    return status_words(session.attempt_status)


def not_analysed_words(session: SessionDTO) -> str:
    """``3 not analysed (the center was busy; each newest frame went first)``, "" when none."""
    n = session.frames_skipped
    if not n:
        return ""
    return (f"{n} not analysed (the center's analysis was behind or the session ended first; "
            "the newest frame always went first)")


def camera_is_off(session: SessionDTO) -> bool:
    """The kiosk of this live session reports its camera unavailable (ended sessions: never)."""
    return session.camera_off and session.status == SessionStatus.ACTIVE
