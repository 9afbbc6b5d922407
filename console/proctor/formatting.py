"""Human-friendly times and labels shared by every window (and the PDF report), in the console's
language: words through Qt's translation (context ``Formatting``), times and durations in the
language's digits."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject

from console.i18n import embedded, local_digits, translate
from core.domain.accounts import ADMIN_ACTOR
from core.domain.enums import FLAG_REASONS, AttemptStatus, SessionStatus
from core.domain.records import SessionDTO


def clock_time(value: datetime | None) -> str:
    """Local wall-clock time, e.g. ``14:05:09``; an em dash for none."""
    if value is None:
        return "—"
    return local_digits(value.astimezone().strftime("%H:%M:%S"))


def date_time(value: datetime | None) -> str:
    if value is None:
        return "—"
    return local_digits(value.astimezone().strftime("%Y-%m-%d %H:%M:%S"))


def duration(seconds: float) -> str:
    """``1:02:03`` or ``12:04``; never negative."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return local_digits(f"{hours}:{minutes:02d}:{secs:02d}" if hours
                        else f"{minutes:02d}:{secs:02d}")


class AgoWords(QObject):
    """Sentences with a number in Qt's plural forms: ``self.tr`` with the number is what
    lupdate reads as a plural (a module's ``translate`` it reads as one form only)."""

    def words(self, which: str, count: int) -> str:
        if which == "s":
            return self.tr("%Ln s ago", "", count)
        if which == "min":
            return self.tr("%Ln min ago", "", count)
        return self.tr("%Ln h ago", "", count)


def ago(then: datetime | None, now: datetime) -> str:
    """``just now``, ``45 s ago``, ``3 min ago``, ``2 h ago`` in the console's language (Qt's
    plural forms: Arabic says one, two, a few and many its own ways, in its digits)."""
    if then is None:
        return translate("Formatting", "never")
    seconds = max(0, int((now - then).total_seconds()))
    if seconds < 5:
        return translate("Formatting", "just now")
    if seconds < 60:
        return AgoWords().words("s", seconds)
    if seconds < 3600:
        minutes = seconds // 60
        return AgoWords().words("min", minutes)
    hours = seconds // 3600
    return AgoWords().words("h", hours)


#: How the console names each timeline event type (an unknown type reads as its own words).
EVENT_TYPE_WORDS: dict[str, str] = {
    "session_started": QT_TRANSLATE_NOOP("Formatting", "Session started"),
    "session_ended": QT_TRANSLATE_NOOP("Formatting", "Session ended"),
    "camera_denied": QT_TRANSLATE_NOOP("Formatting", "Camera unavailable"),
    "camera_restored": QT_TRANSLATE_NOOP("Formatting", "Camera restored"),
    "upload_failed": QT_TRANSLATE_NOOP("Formatting", "Upload failed"),
    "focus_lost": QT_TRANSLATE_NOOP("Formatting", "Left the exam window"),
    "focus_regained": QT_TRANSLATE_NOOP("Formatting", "Back in the exam window"),
    "no_face": QT_TRANSLATE_NOOP("Formatting", "No face in view"),
    "multiple_faces": QT_TRANSLATE_NOOP("Formatting", "More than one face"),
    "too_dark": QT_TRANSLATE_NOOP("Formatting", "Picture too dark"),
    "camera_blocked": QT_TRANSLATE_NOOP("Formatting", "Camera blocked or frozen"),
    "looking_away": QT_TRANSLATE_NOOP("Formatting", "Looking away"),
    "warning_sent": QT_TRANSLATE_NOOP("Formatting", "Warning sent"),
    "warning_acknowledged": QT_TRANSLATE_NOOP("Formatting", "Warning acknowledged"),
    "flagged": QT_TRANSLATE_NOOP("Formatting", "Flagged"),
    "terminated": QT_TRANSLATE_NOOP("Formatting", "Terminated"),
    "reviewed": QT_TRANSLATE_NOOP("Formatting", "Reviewed"),
    "media_purged": QT_TRANSLATE_NOOP("Formatting", "Evidence deleted (retention)"),
    "kiosk_closed": QT_TRANSLATE_NOOP("Formatting", "Kiosk closed"),
    "paused": QT_TRANSLATE_NOOP("Formatting", "Paused"),
    "resumed": QT_TRANSLATE_NOOP("Formatting", "Resumed"),
    "time_added": QT_TRANSLATE_NOOP("Formatting", "Time added"),
    "accommodation_set": QT_TRANSLATE_NOOP("Formatting", "Accommodation set"),
    "handed_in": QT_TRANSLATE_NOOP("Formatting", "Handed in late (network cut)"),
    "alert_acknowledged": QT_TRANSLATE_NOOP("Formatting", "Alert acknowledged"),
    "alert_dismissed": QT_TRANSLATE_NOOP("Formatting", "Alert dismissed"),
    "readiness_overridden": QT_TRANSLATE_NOOP("Formatting", "Let through although not ready"),
}


def event_words(event_type: str) -> str:
    words = EVENT_TYPE_WORDS.get(event_type)
    return translate("Formatting", words) if words else event_type.replace("_", " ").capitalize()


#: How an ``upload_failed`` reads when its cause is the center's own problem (never evidence
#: against the candidate; the kiosk kept its frames and retried).
CENTER_PROBLEM_WORDS: dict[str, str] = {
    "center_unreachable": QT_TRANSLATE_NOOP("Formatting", "Center unreachable — upload retried"),
    "center_error": QT_TRANSLATE_NOOP("Formatting", "Center error — upload retried"),
}


#: How the actor of the admin key (and of a console without proctor accounts) reads.
ADMIN_WORDS = QT_TRANSLATE_NOOP("Formatting", "the administrator")


def actor_words(actor: str | None) -> str:
    """Who did something, as a person reads it: a proctor's or desk's name as recorded,
    ``the administrator`` for the admin key; "" when nobody is recorded (kiosk, analysis,
    system)."""
    if not actor or not actor.strip():
        return ""
    return translate("Formatting", ADMIN_WORDS) if actor.strip() == ADMIN_ACTOR else actor.strip()


def by_words(actor: str | None) -> str:
    """`` by Dana Lee`` to follow an action's name; "" when nobody is recorded."""
    who = actor_words(actor)
    return translate("Formatting", " by {who}").format(who=who) if who else ""


def paused_words(session: SessionDTO) -> str:
    """``Paused since 10:42: Fire alarm`` ("" when not paused)."""
    if not session.paused:
        return ""
    words = (translate("Formatting", "Paused since {time}").format(
        time=clock_time(session.paused_at)[:5]) if session.paused_at
        else translate("Formatting", "Paused"))
    return f"{words}: {embedded(session.paused_reason)}" if session.paused_reason else words


def exempt_words(kinds: Iterable[str]) -> str:
    """Event types an accommodation exempts, as the timeline names them (``Left the exam
    window``), joined as the language joins a list."""
    return translate("Formatting", ", ").join(event_words(str(kind)) for kind in kinds)


def terms_words(percent: int, minutes: int, exempt: Iterable[str], note: str | None) -> str:
    """An accommodation's short text from its parts, in the console's language and digits:
    ``+25 % time``, ``+10 min``, both, or the exemptions when no time is given
    (``Not counted: Left the exam window``); ``Accommodation`` for a note alone; "" for none."""
    parts = []
    if percent:
        parts.append(translate("Formatting", "+{percent} % time").format(
            percent=local_digits(str(percent))))
    if minutes:
        parts.append(translate("Formatting", "+{minutes} min").format(
            minutes=local_digits(str(minutes))))
    if parts:
        return translate("Formatting", ", ").join(parts)
    kinds = tuple(exempt)
    if kinds:
        return translate("Formatting", "Not counted: {kinds}").format(kinds=exempt_words(kinds))
    return translate("Formatting", "Accommodation") if note else ""


def accommodation_summary(session: SessionDTO) -> str:
    """The session's accommodation as the card's pill says it (``+25 % time``) in the console's
    language, from its parts; the center's own text when it sends no parts (an older center);
    "" when there is none."""
    if not (session.accommodation_percent or session.accommodation_minutes
            or session.accommodation_exempt or session.accommodation_note):
        return session.accommodation or ""
    return terms_words(session.accommodation_percent, session.accommodation_minutes,
                       session.accommodation_exempt, session.accommodation_note)


def accommodation_set_words(params: Mapping[str, Any]) -> str:
    """What an ``accommodation_set`` event says, from its parameters (``percent``,
    ``minutes``, ``exempt``, ``note``): ``+25 % time — not counted: Left the exam window —
    Screen reader`` in the console's language. KeyError, TypeError or ValueError for
    parameters that do not fit."""
    percent, minutes = int(params["percent"]), int(params["minutes"])
    exempt = [str(kind) for kind in params["exempt"]]
    note = params.get("note")
    parts = [terms_words(percent, minutes, exempt, note)
             or translate("Formatting", "No extra time")]
    if exempt and (percent or minutes):
        parts.append(translate("Formatting", "not counted: {kinds}").format(
            kinds=exempt_words(exempt)))
    if note:
        parts.append(embedded(str(note)))
    return " — ".join(parts)


def extra_time_words(session: SessionDTO) -> str:
    """What moved the deadline: ``+25 % time (accommodation, 15 min) · +10 min added ·
    paused 7 min`` ("" when nothing did)."""
    parts = []
    summary = accommodation_summary(session)
    if summary:
        parts.append(translate("Formatting", "{what} (accommodation by {who})").format(
            what=summary, who=actor_words(session.accommodation_by))
            if session.accommodation_by else
            translate("Formatting", "{what} (accommodation)").format(what=summary))
    if session.added_seconds:
        parts.append(translate("Formatting", "+{minutes} min added").format(
            minutes=local_digits(str(session.added_seconds // 60))))
    if session.paused_seconds:
        parts.append(translate("Formatting", "paused {minutes} min in all").format(
            minutes=local_digits(str(max(1, round(session.paused_seconds / 60))))))
    return " · ".join(parts)


def accommodation_words(session: SessionDTO) -> str:
    """``Not counted for this candidate: Left the exam window — Note: Screen reader`` (the
    accommodation's exemptions and note; its time is in ``extra_time_words``); "" when there
    are none."""
    parts = []
    if session.accommodation_exempt:
        parts.append(translate("Formatting", "Not counted for this candidate: {kinds}").format(
            kinds=exempt_words(session.accommodation_exempt)))
    if session.accommodation_note:
        parts.append(translate("Formatting", "Note: {note}").format(
            note=embedded(session.accommodation_note)))
    return " — ".join(parts)


def flag_words(session: SessionDTO, with_note: bool = True) -> str:
    """``Flagged by Dana Lee: Looking away — keeps turning round`` ("Not flagged" when not)."""
    if not session.is_flagged:
        return translate("Formatting", "Not flagged")
    if session.flag_reason in FLAG_REASONS:  # the flag dialog's reasons, in its words
        reason = translate("FlagDialog", session.flag_reason)
    elif session.flag_reason:
        reason = embedded(session.flag_reason)
    else:
        reason = translate("Formatting", "no reason given")
    note = f" — {embedded(session.flag_note)}" if with_note and session.flag_note else ""
    return translate("Formatting", "Flagged{by}: {reason}").format(
        by=by_words(session.flagged_by), reason=reason) + note


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
    words = STATUS_WORDS.get(status)
    return translate("Formatting", words) if words else status.replace("_", " ").capitalize()


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
    return translate("Formatting", "{count} not analysed (the center's analysis was behind or "
                     "the session ended first; the newest frame always went first)").format(
        count=local_digits(str(n)))


def camera_is_off(session: SessionDTO) -> bool:
    """The kiosk of this live session reports its camera unavailable (ended sessions: never)."""
    return session.camera_off and session.status == SessionStatus.ACTIVE
