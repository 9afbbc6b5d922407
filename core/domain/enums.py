"""Status and type vocabularies: the exact strings the HTTP API sends and accepts."""

from __future__ import annotations

from enum import StrEnum


class AttemptStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    EXPIRED = "expired"
    TERMINATED = "terminated"


class SessionStatus(StrEnum):
    ACTIVE = "active"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class SessionFilter(StrEnum):
    ACTIVE = "active"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    ALL = "all"


class EventSource(StrEnum):
    KIOSK = "kiosk"
    ANALYSIS = "analysis"
    PROCTOR = "proctor"
    SYSTEM = "system"


class EventType(StrEnum):
    SESSION_STARTED = "session_started"
    SESSION_ENDED = "session_ended"
    CAMERA_DENIED = "camera_denied"
    CAMERA_RESTORED = "camera_restored"
    UPLOAD_FAILED = "upload_failed"
    FOCUS_LOST = "focus_lost"
    FOCUS_REGAINED = "focus_regained"
    KIOSK_CLOSED = "kiosk_closed"
    NO_FACE = "no_face"
    MULTIPLE_FACES = "multiple_faces"
    TOO_DARK = "too_dark"
    CAMERA_BLOCKED = "camera_blocked"
    LOOKING_AWAY = "looking_away"
    WARNING_SENT = "warning_sent"
    WARNING_ACKNOWLEDGED = "warning_acknowledged"
    FLAGGED = "flagged"
    TERMINATED = "terminated"
    REVIEWED = "reviewed"
    MEDIA_PURGED = "media_purged"
    PAUSED = "paused"
    RESUMED = "resumed"
    TIME_ADDED = "time_added"
    ACCOMMODATION_SET = "accommodation_set"
    HANDED_IN = "handed_in"
    ALERT_ACKNOWLEDGED = "alert_acknowledged"
    ALERT_DISMISSED = "alert_dismissed"
    READINESS_OVERRIDDEN = "readiness_overridden"


#: What a kiosk may report itself. Everything else is written by the core, a proctor or analysis.
KIOSK_EVENT_TYPES: frozenset[EventType] = frozenset(
    {
        EventType.CAMERA_DENIED,
        EventType.CAMERA_RESTORED,
        EventType.UPLOAD_FAILED,
        EventType.FOCUS_LOST,
        EventType.FOCUS_REGAINED,
        EventType.KIOSK_CLOSED,
        EventType.NO_FACE,
        EventType.MULTIPLE_FACES,
    }
)


class UploadFailureCause(StrEnum):
    """Why a kiosk's uploads failed (the ``cause`` of an ``upload_failed`` event)."""

    CENTER_UNREACHABLE = "center_unreachable"  # no answer: connection refused, timeout, DNS, TLS
    CENTER_ERROR = "center_error"  # the center answered 5xx
    REFUSED = "refused"  # the center answered 4xx (the default when no cause is given)


#: Causes that are the center's own problems: never evidence against the candidate.
CENTER_PROBLEM_CAUSES: frozenset[str] = frozenset(
    {UploadFailureCause.CENTER_UNREACHABLE, UploadFailureCause.CENTER_ERROR}
)


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class ReviewOutcome(StrEnum):
    NO_ISSUE = "no_issue"
    SUSPICIOUS = "suspicious"
    VIOLATION = "violation"


#: Fixed reasons offered by the console's Flag dialog (the API accepts any short text).
FLAG_REASONS: tuple[str, ...] = (
    "Looking away repeatedly",
    "Another person present",
    "Camera covered or off",
    "Using a phone or notes",
    "Left the seat",
    "Other",
)
