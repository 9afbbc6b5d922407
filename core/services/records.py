"""Shared write-side steps used by several services: recording an event (and its risk), ending
an attempt by the lifecycle policy, and mapping rows to DTOs."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, bindparam, case, func, or_, select
from sqlalchemy.orm import Session

from core.db.engine import WriteSession
from core.db.models import (
    Accommodation,
    Attempt,
    Candidate,
    Exam,
    ProctorEvent,
    ProctorSession,
    ProctorWarning,
    Snapshot,
    UTCDateTime,
)
from core.domain.accommodations import AccommodationTerms
from core.domain.domain_events import EventRecorded, SessionChanged
from core.domain.enums import AttemptStatus, EventSource, EventType, SessionStatus
from core.domain.errors import AlreadyTerminated, AttemptEnded, Conflict, SessionEnded
from core.domain.event_details import EVENT_MESSAGES, Said, words_of
from core.domain.evidence import PURGED, purge_sentence
from core.domain.lifecycle import EndReason, is_live, outcome_of
from core.domain.messages import time_param
from core.domain.records import EventDTO, SessionDTO, WarningDTO
from core.domain.risk import AnalysedFrame, Evidence, RiskRule, risk_level
from core.domain.webhooks import ATTEMPT_ENDED_TYPES
from core.services.webhooks import queue_attempt_event


def new_id() -> str:
    return str(uuid.uuid4())


def record_event(
    ws: WriteSession,
    session: ProctorSession,
    event_type: str,
    *,
    source: EventSource,
    now: datetime,
    risk: RiskRule,
    detail: str | None = None,
    occurred_at: datetime | None = None,
    event_id: str | None = None,
    actor: str | None = None,
    cause: str | None = None,
    detail_code: str | None = None,
    detail_params: dict[str, Any] | None = None,
) -> ProctorEvent:
    """Insert a timeline event, re-judge the session's risk with it, publish both. ``actor``
    names the person who caused it (None for kiosk, analysis and system events); ``cause``
    says why an ``upload_failed`` happened. A ``detail`` the center wrote (a
    ``core.domain.event_details.Said``) is stored with its code and parameters; a client's
    sentence with the ``detail_code`` and ``detail_params`` it sent."""
    code, params = words_of(detail)
    if detail_code is not None:
        code, params = detail_code, detail_params
    row = ProctorEvent(
        id=event_id or new_id(),
        session_id=session.id,
        type=str(event_type),
        detail=None if detail is None else str(detail),
        detail_code=code,
        detail_params=params,
        source=str(source),
        occurred_at=occurred_at or now,
        recorded_at=now,
        actor=actor,
        cause=cause,
    )
    ws.add(row)
    ws.emit(EventRecorded(session.id, row.id, row.type))
    refresh_risk(ws, session, risk, now)
    camera_off = CAMERA_STATE_AFTER.get(row.type)
    if camera_off is not None and camera_off != bool(session.camera_off):
        session.camera_off = camera_off
        ws.emit(SessionChanged(session.id, session.status, "camera"))
    return row


def refresh_risk(ws: WriteSession, session: ProctorSession, risk: RiskRule, now: datetime) -> None:
    """Score the session's whole evidence timeline (its events, and the analysed frames that
    measure its detected episodes) with the risk rule; publish a change."""
    refresh_risks(ws, [session], risk, now)


def refresh_risks(ws: WriteSession, sessions: Sequence[ProctorSession], risk: RiskRule,
                  now: datetime) -> None:
    """``refresh_risk`` of several sessions, their events and exemptions read in one query
    each (the analysis records many frames of many sessions in one write)."""
    if not sessions:
        return
    timelines: dict[str, list[Evidence]] = {session.id: [] for session in sessions}
    for session_id, kind, at, source, cause in ws.execute(
            _SESSIONS_EVENTS, {"session_ids": list(timelines)}):
        timelines[session_id].append(
            Evidence(kind, at, detected=source == EventSource.ANALYSIS, cause=cause))
    exempt = dict(ws.execute(_EXEMPT, {"attempt_ids": [s.attempt_id for s in sessions]}).all())
    for session in sessions:
        timeline = timelines[session.id]
        detected_since = min((e.at for e in timeline if e.detected), default=None)
        frames: list[AnalysedFrame] = []
        if detected_since is not None:
            rows = ws.execute(_EPISODE_FRAMES, {"session_id": session.id,
                                                "since": detected_since})
            frames = [AnalysedFrame(at, frozenset(cues.split(",")) if cues else frozenset())
                      for at, cues in rows]
        new_score = risk.score(timeline, frames, now,
                               exempt=exempt_kinds(exempt.get(session.attempt_id)))
        if new_score != session.risk_score:
            session.risk_score = new_score
            ws.emit(SessionChanged(session.id, session.status, "risk"))


#: The event types the candidate's accommodation for each attempt's exam exempts (comma list).
_EXEMPT = (
    select(Attempt.id, Accommodation.exempt)
    .join(Attempt, Attempt.exam_id == Accommodation.exam_id)
    .join(Candidate, (Candidate.id == Attempt.candidate_id)
          & (Candidate.ref == Accommodation.candidate_ref))
    .where(Attempt.id.in_(bindparam("attempt_ids", expanding=True)))
)


def exempt_kinds(stored: str | None) -> tuple[str, ...]:
    """The exempt event types kept as a comma list ("" or None: none)."""
    return tuple(k for k in (stored or "").split(",") if k)


def accommodation_terms(row: Accommodation) -> AccommodationTerms:
    return AccommodationTerms(row.extra_percent, row.extra_minutes, exempt_kinds(row.exempt),
                              row.note)


_SESSIONS_EVENTS = (
    select(ProctorEvent.session_id, ProctorEvent.type, ProctorEvent.occurred_at,
           ProctorEvent.source, ProctorEvent.cause)
    .where(ProctorEvent.session_id.in_(bindparam("session_ids", expanding=True)))
)
_LAGGED_FRAMES = (
    select(Snapshot.captured_at, Snapshot.analysis,
           func.lag(Snapshot.analysis).over(order_by=Snapshot.captured_at).label("before"))
    .where(Snapshot.session_id == bindparam("session_id"), Snapshot.face_count.is_not(None),
           Snapshot.captured_at >= bindparam("since", type_=UTCDateTime))
    .subquery()
)
#: The analysed frames the risk rule needs to measure episodes: those with cues, and each one
#: right after them (where an episode ends). A calm frame between calm frames cannot change an
#: episode, so a long session's many calm frames are never loaded.
_EPISODE_FRAMES = (
    select(_LAGGED_FRAMES.c.captured_at, _LAGGED_FRAMES.c.analysis)
    .where(or_(_LAGGED_FRAMES.c.analysis.is_not(None), _LAGGED_FRAMES.c.before.is_not(None)))
    .order_by(_LAGGED_FRAMES.c.captured_at)
)


#: Events that say whether the kiosk's camera works (True: it is off).
CAMERA_STATE_AFTER = {str(EventType.CAMERA_DENIED): True, str(EventType.CAMERA_RESTORED): False}


def end_attempt(
    ws: WriteSession,
    attempt: Attempt,
    session: ProctorSession | None,
    reason: EndReason,
    *,
    now: datetime,
    risk: RiskRule,
    detail: str | None = None,
    source: EventSource = EventSource.SYSTEM,
    actor: str | None = None,
) -> None:
    """Apply the policy table: attempt and its session end together, in one transaction."""
    attempt_status, session_status = outcome_of(reason)
    ended_at = min(now, attempt.deadline_at) if reason is EndReason.EXPIRED else now
    attempt.status = attempt_status
    attempt.ended_at = ended_at
    attempt.end_reason = reason
    queue_attempt_event(ws, ATTEMPT_ENDED_TYPES[attempt_status], attempt, session, now=now,
                        actor=actor, reason=detail, occurred_at=ended_at,
                        status=str(attempt_status))
    if session is None or not is_live(session.status):
        return
    if reason in (EndReason.TERMINATED, EndReason.FORCE_ENDED):
        record_event(ws, session, EventType.TERMINATED, source=source, now=now, risk=risk,
                     detail=detail, actor=actor)
    close_session(ws, session, session_status, now=now, ended_at=ended_at, risk=risk,
                  detail=_ended_detail(reason))


def close_session(
    ws: WriteSession,
    session: ProctorSession,
    status: SessionStatus,
    *,
    now: datetime,
    ended_at: datetime,
    risk: RiskRule,
    detail: str,
) -> None:
    session.status = status
    session.ended_at = ended_at
    record_event(ws, session, EventType.SESSION_ENDED, source=EventSource.SYSTEM, now=now,
                 risk=risk, detail=detail, occurred_at=ended_at)
    ws.emit(SessionChanged(session.id, status, "ended"))


def ended_conflict(s: Session, session: ProctorSession | None, status: str,
                   ended_at: datetime | None) -> Conflict:
    """The refusal for a proctor's action on what already ended, naming who and when: a
    termination by its recorded actor and time, any other ending by its time."""
    if session is not None:
        terminated = s.scalars(
            select(ProctorEvent)
            .where(ProctorEvent.session_id == session.id,
                   ProctorEvent.type == EventType.TERMINATED)
            .order_by(ProctorEvent.occurred_at.desc())
            .limit(1)
        ).first()
        if terminated is not None:
            return AlreadyTerminated(terminated.actor, time_param(terminated.occurred_at))
    at = time_param(ended_at) if ended_at is not None else None
    if session is not None:
        return SessionEnded(session.status, at)
    return AttemptEnded(status, at)


def _ended_detail(reason: EndReason) -> Said:
    code = {
        EndReason.SUBMITTED: "event_submitted",
        EndReason.EXPIRED: "event_time_ran_out",
        EndReason.TERMINATED: "event_terminated_by_proctor",
        EndReason.FORCE_ENDED: "event_force_ended",
    }[reason]
    return Said(EVENT_MESSAGES[code], code)


#: The type of the event a kiosk sends when its window closes during the exam.
KIOSK_CLOSED = "kiosk_closed"

def session_rows() -> Select[ProctorSession, Attempt, Exam, Candidate, datetime | None,
                             datetime | None, datetime | None, Accommodation | None]:
    """The one query behind every session listing: no N+1, the evidence summary is on the row
    (the latest warning and kiosk-closed times come from indexed correlated subqueries)."""
    latest_warning = (
        select(ProctorWarning)
        .where(ProctorWarning.session_id == ProctorSession.id)
        .order_by(ProctorWarning.sent_at.desc())
        .limit(1)
        .correlate(ProctorSession)
    )
    warning_sent_at = latest_warning.with_only_columns(ProctorWarning.sent_at).scalar_subquery()
    warning_acknowledged_at = latest_warning.with_only_columns(
        ProctorWarning.acknowledged_at).scalar_subquery()
    # Only a live session's events since its last snapshot (an index range, not its history):
    # a kiosk that sent a snapshot after closing is back. The time is when the center heard it
    # (its clock, like kiosk_seen_at's, which says whether the kiosk called again since).
    kiosk_closed_at = case(
        (ProctorSession.status == SessionStatus.ACTIVE,
         select(func.max(ProctorEvent.recorded_at))
         .where(ProctorEvent.session_id == ProctorSession.id,
                ProctorEvent.occurred_at >= func.coalesce(ProctorSession.last_snapshot_at,
                                                          ProctorSession.started_at),
                ProctorEvent.type == KIOSK_CLOSED)
         .correlate(ProctorSession)
         .scalar_subquery()),
    )
    return (
        select(ProctorSession, Attempt, Exam, Candidate, warning_sent_at,
               warning_acknowledged_at, kiosk_closed_at, Accommodation)
        .join(Attempt, ProctorSession.attempt_id == Attempt.id)
        .join(Exam, Attempt.exam_id == Exam.id)
        .join(Candidate, Attempt.candidate_id == Candidate.id)
        .outerjoin(Accommodation, (Accommodation.exam_id == Exam.id)
                   & (Accommodation.candidate_ref == Candidate.ref))
    )


def to_session_dto(s: ProctorSession, a: Attempt, e: Exam, c: Candidate,
                   warning_sent_at: datetime | None = None,
                   warning_acknowledged_at: datetime | None = None,
                   kiosk_closed_at: datetime | None = None,
                   accommodation: Accommodation | None = None) -> SessionDTO:
    score = s.risk_score or 0
    terms = accommodation_terms(accommodation) if accommodation is not None else None
    paused = a.status == AttemptStatus.IN_PROGRESS and a.paused_at is not None
    return SessionDTO(
        session_id=s.id,
        attempt_id=a.id,
        candidate_name=c.name,
        candidate_ref=c.ref,
        exam_id=e.id,
        exam_title=e.title,
        status=s.status,
        attempt_status=a.status,
        started_at=s.started_at,
        ended_at=s.ended_at,
        deadline_at=a.deadline_at,
        snapshot_interval_seconds=e.snapshot_interval_seconds,
        snapshot_count=s.snapshot_count or 0,
        last_snapshot_at=s.last_snapshot_at,
        latest_snapshot_id=s.latest_snapshot_id,
        latest_face_count=s.latest_face_count,
        risk_score=score,
        risk_level=risk_level(score),
        is_flagged=bool(s.is_flagged),
        flag_reason=s.flag_reason,
        flag_note=s.flag_note,
        review_outcome=s.review_outcome,
        review_note=s.review_note,
        reviewed_at=s.reviewed_at,
        camera_off=bool(s.camera_off),
        warning_sent_at=warning_sent_at,
        warning_acknowledged_at=warning_acknowledged_at,
        kiosk_closed_at=kiosk_closed_at,
        seat=a.seat,
        flagged_by=s.flagged_by if s.is_flagged else None,
        kiosk_seen_at=s.kiosk_seen_at,
        frames_skipped=s.frames_skipped or 0,
        external_ref=a.external_ref,
        room=a.room,
        paused=paused,
        paused_reason=a.paused_reason if paused else None,
        paused_at=a.paused_at if paused else None,
        paused_seconds=a.paused_seconds or 0,
        added_seconds=a.added_seconds or 0,
        accommodation=terms.summary if terms is not None else None,
        accommodation_percent=terms.extra_percent if terms is not None else 0,
        accommodation_minutes=terms.extra_minutes if terms is not None else 0,
        accommodation_seconds=a.accommodation_seconds or 0,
        accommodation_exempt=terms.exempt if terms is not None else (),
        accommodation_note=terms.note if terms is not None else None,
        accommodation_by=accommodation.set_by if accommodation is not None else None,
    )


def load_session_dto(session: Session, session_id: str) -> SessionDTO | None:
    row = session.execute(session_rows().where(ProctorSession.id == session_id)).first()
    return None if row is None else to_session_dto(*row)


def to_event_dto(e: ProctorEvent) -> EventDTO:
    # A purge's record of the chain positions it removed is for checkers (the bundle and
    # proctor-verify read it from the chain); people see its sentence.
    detail = purge_sentence(e.detail) if e.type == PURGED else e.detail
    return EventDTO(e.id, e.session_id, e.type, detail, e.occurred_at, e.source, e.actor,
                    e.cause, e.detail_code, e.detail_params)


def to_warning_dto(w: ProctorWarning) -> WarningDTO:
    return WarningDTO(w.id, w.message, w.sent_at, w.acknowledged_at, w.cleared_at)
