"""The facts about one session in words, shared by the details header and the PDF report."""

from __future__ import annotations

from datetime import datetime

from console.formatting import REVIEW_WORDS, date_time, duration, status_words
from core.services.dto import SessionDTO


def is_live(session: SessionDTO) -> bool:
    return session.status == "active"


def status_line(session: SessionDTO) -> str:
    """``Active``, ``Completed — Submitted``, ``Cancelled — Terminated``."""
    if is_live(session) or session.is_sample:
        return status_words(session.status)
    return f"{status_words(session.status)} — {status_words(session.attempt_status)}"


def time_left_words(session: SessionDTO, now: datetime) -> str:
    if not is_live(session):
        return "Ended"
    remaining = (session.deadline_at - now).total_seconds()
    if remaining <= 0:
        return "Time is up"
    return f"{duration(remaining)} left"


def time_taken_words(session: SessionDTO, now: datetime) -> str:
    end = session.ended_at or now
    return duration((end - session.started_at).total_seconds())


def risk_words(session: SessionDTO) -> str:
    return f"{session.risk_score} · {session.risk_level.capitalize()}"


def flag_words(session: SessionDTO) -> str:
    if not session.is_flagged:
        return "Not flagged"
    reason = session.flag_reason or "no reason given"
    return f"Flagged: {reason}" + (f" — {session.flag_note}" if session.flag_note else "")


def review_words(session: SessionDTO) -> str:
    if session.review_outcome is None:
        return "Not reviewed yet" if not is_live(session) else "Reviewed after the session ends"
    outcome = REVIEW_WORDS.get(session.review_outcome, session.review_outcome)
    note = f" — {session.review_note}" if session.review_note else ""
    return f"{outcome}{note} (reviewed {date_time(session.reviewed_at)})"


def session_facts(session: SessionDTO, now: datetime) -> list[tuple[str, str]]:
    """Label/value pairs in reading order."""
    return [
        ("Candidate", f"{session.candidate_name} ({session.candidate_ref})"),
        ("Exam", session.exam_title),
        ("Status", status_line(session)),
        ("Started", date_time(session.started_at)),
        ("Ended", date_time(session.ended_at) if session.ended_at else "Still running"),
        ("Deadline", date_time(session.deadline_at)),
        ("Time taken" if session.ended_at else "Time left",
         time_taken_words(session, now) if session.ended_at else time_left_words(session, now)),
        ("Snapshots", f"{session.snapshot_count}"
         + (f", the last at {date_time(session.last_snapshot_at)}"
            if session.last_snapshot_at else "")),
        ("Risk", risk_words(session)),
        ("Flag", flag_words(session)),
        ("Review", review_words(session)),
    ]
