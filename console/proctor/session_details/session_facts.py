"""The facts about one session in words, shared by the details header and the PDF report, in
the console's language (context ``SessionFacts``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from console.i18n import local_digits, translate
from console.proctor.formatting import (
    REVIEW_WORDS,
    accommodation_words,
    by_words,
    clock_time,
    date_time,
    duration,
    extra_time_words,
    flag_words,
    not_analysed_words,
    paused_words,
    status_words,
)
from core.domain.enums import EventType, SessionStatus
from core.domain.lifecycle import remaining_seconds
from core.domain.records import EventDTO, SessionDTO


def is_live(session: SessionDTO) -> bool:
    """The session is still running: its exam has not ended (samples look live too)."""
    return session.status == SessionStatus.ACTIVE


def last_actor(events: Sequence[EventDTO], event_type: str) -> str | None:
    """Who did the newest event of ``event_type`` (None when there is none or nobody is
    recorded)."""
    matching = [e for e in events if e.type == event_type]
    if not matching:
        return None
    return max(matching, key=lambda e: e.occurred_at).actor


def status_line(session: SessionDTO, events: Sequence[EventDTO] = ()) -> str:
    """``Active``, ``Active — Paused``, ``Completed — Submitted``, ``Cancelled — Terminated by
    Dana Lee`` (who terminated comes from ``events``, the session's timeline)."""
    if is_live(session) and session.paused:
        return f"{status_words(session.status)} — {translate('Formatting', 'Paused')}"
    if is_live(session) or session.is_sample:
        return status_words(session.status)
    line = f"{status_words(session.status)} — {status_words(session.attempt_status)}"
    if session.status == SessionStatus.CANCELLED:
        line += by_words(last_actor(events, EventType.TERMINATED))
    return line


def time_left(session: SessionDTO, now: datetime) -> int:
    """Whole seconds the candidate has left, by the one rule the kiosk is told (rounded up);
    0 once the session or its attempt has ended."""
    if not is_live(session):
        return 0
    return remaining_seconds(session.attempt_status, session.deadline_at, now,
                             session.paused_at)


def time_left_words(session: SessionDTO, now: datetime) -> str:
    """``42:10``, ``Time is up`` or ``Ended`` (read under a "Time left" caption)."""
    if not is_live(session):
        return translate("SessionFacts", "Ended", "time left")
    remaining = time_left(session, now)
    return duration(remaining) if remaining > 0 else translate("SessionFacts", "Time is up")


def time_taken_words(session: SessionDTO, now: datetime) -> str:
    end = session.ended_at or now
    return duration((end - session.started_at).total_seconds())


def risk_words(session: SessionDTO) -> str:
    level = session.risk_level.capitalize()
    return f"{local_digits(str(session.risk_score))} · {translate('Formatting', level)}"


def review_words(session: SessionDTO, now: datetime, events: Sequence[EventDTO] = ()) -> str:
    """The review in words, with who reviewed when ``events`` (the timeline) says; ``now`` is
    when the words are read (a report made while the session still runs says so)."""
    if session.review_outcome is None:
        if is_live(session):
            return translate("SessionFacts", "Not reviewed yet. Report made during the session at "
                             "{time}; the session was still running").format(
                time=clock_time(now))
        return translate("SessionFacts", "Not reviewed yet")
    outcome = REVIEW_WORDS.get(session.review_outcome)
    outcome = translate("Formatting", outcome) if outcome else session.review_outcome
    note = f" — {session.review_note}" if session.review_note else ""
    who = by_words(last_actor(events, EventType.REVIEWED))
    return translate("SessionFacts", "{outcome} (reviewed {time}{by})").format(
        outcome=outcome, time=date_time(session.reviewed_at), by=who) + note


def no_snapshot_words(session: SessionDTO, events: Sequence[EventDTO]) -> str:
    """What the preview says when the session has no snapshot to show."""
    if any(e.type == "media_purged" for e in events):
        return translate("SessionFacts",
                         "The snapshots of this session were deleted after the retention "
                         "period. The timeline below is kept.")
    if is_live(session):
        return translate("SessionFacts",
                         "No snapshot yet. The kiosk sends the first one within a few seconds "
                         "of the camera opening; it appears here by itself.")
    return translate("SessionFacts", "This session has no snapshots.")


def session_facts(session: SessionDTO, now: datetime,
                  events: Sequence[EventDTO] = ()) -> list[tuple[str, str]]:
    """Label/value pairs in reading order; ``events`` (the timeline) says who terminated and
    who reviewed."""
    not_given = translate("SessionFacts", "Not given by the kiosk")
    snapshots = local_digits(str(session.snapshot_count))
    if session.last_snapshot_at:
        snapshots = translate("SessionFacts", "{count}, the last at {time}").format(
            count=snapshots, time=date_time(session.last_snapshot_at))
    if session.frames_skipped:
        snapshots += f"; {not_analysed_words(session)}"
    facts = [
        (translate("SessionFacts", "Candidate"),
         f"{session.candidate_name} ({session.candidate_ref})"),
        (translate("SessionFacts", "Room"), session.room or not_given),
        (translate("SessionFacts", "Seat"), session.seat or not_given),
        (translate("SessionFacts", "Exam"), session.exam_title),
        (translate("SessionFacts", "Status"), status_line(session, events)),
        (translate("SessionFacts", "Started"), date_time(session.started_at)),
        (translate("SessionFacts", "Ended"), date_time(session.ended_at) if session.ended_at
         else translate("SessionFacts", "Still running")),
        (translate("SessionFacts", "Deadline"), date_time(session.deadline_at)),
        (translate("SessionFacts", "Time taken") if session.ended_at
         else translate("SessionFacts", "Time left"),
         time_taken_words(session, now) if session.ended_at else time_left_words(session, now)),
        (translate("SessionFacts", "Snapshots"), snapshots),
        (translate("SessionFacts", "Risk"), risk_words(session)),
        (translate("SessionFacts", "Flag"), flag_words(session)),
        (translate("SessionFacts", "Review"), review_words(session, now, events)),
    ]
    at = 7  # after "Deadline": what moved it, and a pause going on
    if session.paused and is_live(session):
        facts.insert(at, (translate("SessionFacts", "Paused"), paused_words(session)))
    if extra_time_words(session):
        facts.insert(at, (translate("SessionFacts", "Extra time"), extra_time_words(session)))
    if accommodation_words(session):
        facts.insert(at, (translate("SessionFacts", "Accommodation"), accommodation_words(session)))
    return facts
