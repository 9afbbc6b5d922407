"""Proctoring: the session list (with sample fallback), session details, proctor actions
(flag, warn, terminate), post-exam review and the evidence listing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import select

from core.db.engine import UnitOfWork, WriteSession
from core.db.models import (
    Accommodation,
    Attempt,
    Candidate,
    Exam,
    ProctorEvent,
    ProctorSession,
    ProctorWarning,
    Snapshot,
)
from core.domain.accommodations import checked_terms
from core.domain.accounts import ADMIN_ACTOR, clean_actor, clean_room
from core.domain.alerts import AlertHandling, parse_alert_key
from core.domain.clock import Clock
from core.domain.domain_events import EventRecorded, SessionChanged
from core.domain.enums import AttemptStatus, EventSource, EventType, ReviewOutcome, SessionFilter
from core.domain.errors import (
    ExamNotFound,
    InvalidInput,
    ReviewWhileActive,
    SampleSessionReadOnly,
    SessionAlreadyPaused,
    SessionNotFound,
    SessionNotPaused,
)
from core.domain.event_details import resumed, reviewed, time_added
from core.domain.lifecycle import (
    EndReason,
    checked_extra_minutes,
    is_live,
    is_overdue,
    resumed_deadline,
)
from core.domain.messages import time_param
from core.domain.records import (
    AccommodationDTO,
    SessionDetail,
    SessionDTO,
    SnapshotDTO,
    WarningDTO,
)
from core.domain.risk import RiskRule
from core.domain.samples import is_sample_id, sample_sessions
from core.domain.webhooks import WebhookEventType
from core.services.records import (
    accommodation_terms,
    end_attempt,
    ended_conflict,
    load_session_dto,
    new_id,
    record_event,
    refresh_risk,
    session_rows,
    to_event_dto,
    to_session_dto,
    to_warning_dto,
)
from core.services.webhooks import queue_session_event

MAX_REASON = 200
MAX_TEXT = 2000
#: Extra time a proctor may add at once (minutes).


def checked_review_outcome(outcome: str) -> ReviewOutcome:
    """A reviewer's verdict; InvalidInput naming the choices when it is none of them."""
    try:
        return ReviewOutcome(outcome)
    except ValueError:
        choices = ", ".join(o.value for o in ReviewOutcome)
        raise InvalidInput(code="review_outcome_unknown", params={"choices": choices}) from None


class ProctoringService:
    def __init__(
        self,
        uow: UnitOfWork,
        clock: Clock,
        risk: RiskRule,
        expire_overdue: Callable[[], int],
        samples_enabled: bool = True,
        evidence_key_sha256: str | None = None,
    ) -> None:
        self._uow = uow
        self._evidence_key_sha256 = evidence_key_sha256
        self._clock = clock
        self._risk = risk
        self._expire_overdue = expire_overdue
        self.samples_enabled = samples_enabled

    # ---- reads -------------------------------------------------------------------------------
    def list_sessions(
        self, status: SessionFilter | str = SessionFilter.ACTIVE, include_samples: bool = False,
        room: str | None = None,
    ) -> list[SessionDTO]:
        """Sessions newest first; with ``room``, only that room's. With ``include_samples`` and
        no real active session (and no room asked for), exactly the two in-memory samples are
        returned instead (never mixed with real ones)."""
        wanted = SessionFilter(status)
        room = clean_room(room)
        self._expire_overdue()  # reading is a touch: overdue attempts end before they are shown
        query = session_rows().order_by(ProctorSession.started_at.desc(), ProctorSession.id)
        if wanted is not SessionFilter.ALL:
            query = query.where(ProctorSession.status == wanted.value)
        if room is not None:
            query = query.where(Attempt.room == room)
        with self._uow.read() as s:
            sessions = [to_session_dto(*row) for row in s.execute(query)]
        if (
            include_samples
            and self.samples_enabled
            and wanted is SessionFilter.ACTIVE
            and room is None
            and not sessions
        ):
            return sample_sessions(self._clock.now())
        return sessions

    def get_session(self, session_id: str) -> SessionDetail:
        if is_sample_id(session_id):
            for sample in sample_sessions(self._clock.now()):
                if sample.session_id == session_id:
                    return SessionDetail.of(sample, (), ())
            raise SessionNotFound(session_id)
        self._expire_overdue()
        with self._uow.read() as s:
            dto = load_session_dto(s, session_id)
            if dto is None:
                raise SessionNotFound(session_id)
            events = s.scalars(
                select(ProctorEvent)
                .where(ProctorEvent.session_id == session_id)
                # Events of one moment (a fast clock, a batch) newest first by their place in
                # the session's evidence chain, else the database's order would decide.
                .order_by(ProctorEvent.occurred_at.desc(), ProctorEvent.recorded_at.desc(),
                          ProctorEvent.chain_seq.desc().nulls_last())
            ).all()
            warnings = s.scalars(
                select(ProctorWarning)
                .where(ProctorWarning.session_id == session_id)
                .order_by(ProctorWarning.sent_at.desc())
            ).all()
            length, head = s.execute(
                select(ProctorSession.chain_length, ProctorSession.chain_head)
                .where(ProctorSession.id == session_id)).one()
            return SessionDetail.of(
                dto,
                tuple(to_event_dto(e) for e in events),
                tuple(to_warning_dto(w) for w in warnings),
                chain_length=length or 0, chain_head=head,
                evidence_key_sha256=self._evidence_key_sha256,
            )

    def get_session_summary(self, session_id: str) -> SessionDTO:
        if is_sample_id(session_id):
            return self.get_session(session_id).session
        with self._uow.read() as s:
            dto = load_session_dto(s, session_id)
        if dto is None:
            raise SessionNotFound(session_id)
        return dto

    def list_snapshots(
        self, session_id: str, limit: int | None = None, before: datetime | None = None
    ) -> list[SnapshotDTO]:
        """Evidence newest first; ``limit``/``before`` page through long sessions."""
        if is_sample_id(session_id):
            return []
        with self._uow.read() as s:
            if s.get(ProctorSession, session_id) is None:
                raise SessionNotFound(session_id)
            query = (
                select(Snapshot)
                .where(Snapshot.session_id == session_id)
                .order_by(Snapshot.captured_at.desc(), Snapshot.id.desc())
            )
            if before is not None:
                query = query.where(Snapshot.captured_at < before)
            if limit is not None:
                query = query.limit(limit)
            return [to_snapshot_dto(r) for r in s.scalars(query)]

    # ---- proctor actions ---------------------------------------------------------------------
    # Every action takes ``actor``: who it is recorded as (a proctor's display name, "admin" for
    # the admin key, the embedded console's desk name).
    def flag_session(self, session_id: str, reason: str, note: str | None = None, *,
                     actor: str = ADMIN_ACTOR) -> SessionDTO:
        reason = _required(reason, "flag_reason_required", MAX_REASON)
        note = _optional(note, MAX_TEXT)
        actor = clean_actor(actor)
        now = self._clock.now()
        with self._uow.write() as ws:
            session = self._live_session(ws, session_id)
            detail = reason if not note else f"{reason} — {note}"
            if session.is_flagged:
                # Re-flagging records the new reason; the risk weight counts once.
                ws.add(ProctorEvent(id=new_id(), session_id=session.id, type=EventType.FLAGGED,
                                    detail=detail, source=EventSource.PROCTOR, occurred_at=now,
                                    recorded_at=now, actor=actor))
            else:
                record_event(ws, session, EventType.FLAGGED, source=EventSource.PROCTOR, now=now,
                             risk=self._risk, detail=detail, actor=actor)
            session.is_flagged = True
            session.flagged_by = actor
            session.flag_reason = reason
            session.flag_note = note
            queue_session_event(ws, WebhookEventType.SESSION_FLAGGED, session, now=now,
                                actor=actor, reason=reason, note=note)
            ws.emit(SessionChanged(session.id, session.status, "flagged"))
            ws.flush()
            return self._dto(ws, session.id)

    def warn_session(self, session_id: str, message: str, *,
                     actor: str = ADMIN_ACTOR) -> WarningDTO:
        message = _required(message, "warning_message_required", MAX_TEXT)
        actor = clean_actor(actor)
        now = self._clock.now()
        with self._uow.write() as ws:
            session = self._live_session(ws, session_id)
            warning = ProctorWarning(id=new_id(), session_id=session.id, message=message,
                                     sent_at=now)
            ws.add(warning)
            record_event(ws, session, EventType.WARNING_SENT, source=EventSource.PROCTOR, now=now,
                         risk=self._risk, detail=message, actor=actor)
            queue_session_event(ws, WebhookEventType.SESSION_WARNED, session, now=now,
                                actor=actor, reason=message, warning_id=warning.id)
            ws.emit(SessionChanged(session.id, session.status, "warned"))
            return to_warning_dto(warning)

    def terminate_session(self, session_id: str, reason: str, *,
                          actor: str = ADMIN_ACTOR) -> SessionDTO:
        reason = _required(reason, "terminate_reason_required", MAX_TEXT)
        actor = clean_actor(actor)
        now = self._clock.now()
        with self._uow.write() as ws:
            session, attempt = self._live_session_and_attempt(ws, session_id)
            end_attempt(ws, attempt, session, EndReason.TERMINATED, now=now, risk=self._risk,
                        detail=reason, source=EventSource.PROCTOR, actor=actor)
            ws.flush()
            return self._dto(ws, session.id)

    def pause_session(self, session_id: str, reason: str, *,
                      actor: str = ADMIN_ACTOR) -> SessionDTO:
        """Stop the attempt's clock (until ``resume_session``); the kiosk is told the reason.
        What happens while paused is recorded but does not weigh on the risk."""
        reason = _required(reason, "pause_reason_required",
                           MAX_REASON)
        actor = clean_actor(actor)
        now = self._clock.now()
        with self._uow.write() as ws:
            session, attempt = self._live_session_and_attempt(ws, session_id)
            if attempt.paused_at is not None:
                raise SessionAlreadyPaused(time_param(attempt.paused_at))
            attempt.paused_at = now
            attempt.paused_reason = reason
            record_event(ws, session, EventType.PAUSED, source=EventSource.PROCTOR, now=now,
                         risk=self._risk, detail=reason, actor=actor)
            queue_session_event(ws, WebhookEventType.SESSION_PAUSED, session, now=now,
                                actor=actor, reason=reason)
            ws.emit(SessionChanged(session.id, session.status, "paused"))
            ws.flush()
            return self._dto(ws, session.id)

    def resume_session(self, session_id: str, *, actor: str = ADMIN_ACTOR) -> SessionDTO:
        """Start the attempt's clock again; its deadline moves by the paused time."""
        actor = clean_actor(actor)
        now = self._clock.now()
        with self._uow.write() as ws:
            session, attempt = self._live_session_and_attempt(ws, session_id)
            if attempt.paused_at is None:
                raise SessionNotPaused()
            paused_seconds = max(0, round((now - attempt.paused_at).total_seconds()))
            attempt.deadline_at = resumed_deadline(attempt.deadline_at, attempt.paused_at, now)
            attempt.paused_seconds = (attempt.paused_seconds or 0) + paused_seconds
            attempt.paused_at = None
            attempt.paused_reason = None
            record_event(ws, session, EventType.RESUMED, source=EventSource.PROCTOR, now=now,
                         risk=self._risk, actor=actor,
                         detail=resumed(paused_seconds))
            queue_session_event(ws, WebhookEventType.SESSION_RESUMED, session, now=now,
                                actor=actor, paused_seconds=paused_seconds)
            ws.emit(SessionChanged(session.id, session.status, "resumed"))
            ws.flush()
            return self._dto(ws, session.id)

    def add_time(self, session_id: str, minutes: int, reason: str, *,
                 actor: str = ADMIN_ACTOR) -> SessionDTO:
        """Give the candidate ``minutes`` more: the deadline moves."""
        minutes = checked_extra_minutes(minutes)
        reason = _required(reason, "extra_time_reason_required", MAX_REASON)
        actor = clean_actor(actor)
        now = self._clock.now()
        with self._uow.write() as ws:
            session, attempt = self._live_session_and_attempt(ws, session_id)
            attempt.deadline_at = attempt.deadline_at + timedelta(minutes=minutes)
            attempt.added_seconds = (attempt.added_seconds or 0) + minutes * 60
            record_event(ws, session, EventType.TIME_ADDED, source=EventSource.PROCTOR, now=now,
                         risk=self._risk, detail=time_added(minutes, reason), actor=actor)
            queue_session_event(ws, WebhookEventType.SESSION_TIME_ADDED, session, now=now,
                                actor=actor, reason=reason, minutes=minutes)
            ws.emit(SessionChanged(session.id, session.status, "time_added"))
            ws.flush()
            return self._dto(ws, session.id)

    def set_accommodation(self, exam_id: str, candidate_ref: str, *,
                          extra_percent: int | None = None, extra_minutes: int | None = None,
                          exempt: list[str] | tuple[str, ...] | None = None,
                          note: str | None = None,
                          actor: str = ADMIN_ACTOR) -> AccommodationDTO:
        """Set (or replace) what ``candidate_ref`` is granted for the exam. A running attempt's
        deadline moves by the difference; every attempt's risk is judged again with the
        exemptions. A later start gets the longer time from the beginning."""
        terms = checked_terms(extra_percent, extra_minutes, exempt, note)
        ref = candidate_ref.strip()
        if not ref or len(ref) > 100:
            raise InvalidInput(code="candidate_ref_length")
        actor = clean_actor(actor)
        now = self._clock.now()
        with self._uow.write() as ws:
            exam = ws.get(Exam, exam_id)
            if exam is None:
                raise ExamNotFound(exam_id)
            row = ws.scalar(select(Accommodation).where(Accommodation.exam_id == exam.id,
                                                        Accommodation.candidate_ref == ref))
            if row is None:
                row = Accommodation(id=new_id(), exam_id=exam.id, candidate_ref=ref)
                ws.add(row)
            row.extra_percent = terms.extra_percent
            row.extra_minutes = terms.extra_minutes
            row.exempt = ",".join(terms.exempt)
            row.note = terms.note
            row.set_by = actor
            row.set_at = now
            ws.flush()
            changed = 0
            attempts = ws.scalars(
                select(Attempt).join(Candidate, Attempt.candidate_id == Candidate.id)
                .where(Attempt.exam_id == exam.id, Candidate.ref == ref))
            for attempt in list(attempts):
                session = ws.scalar(select(ProctorSession)
                                    .where(ProctorSession.attempt_id == attempt.id))
                if attempt.status == AttemptStatus.IN_PROGRESS:
                    extra = terms.extra_seconds(exam.duration_seconds)
                    attempt.deadline_at = attempt.deadline_at + timedelta(
                        seconds=extra - (attempt.accommodation_seconds or 0))
                    attempt.accommodation_seconds = extra
                    changed += 1
                if session is None:
                    continue
                if is_live(session.status):
                    record_event(ws, session, EventType.ACCOMMODATION_SET,
                                 source=EventSource.PROCTOR, now=now, risk=self._risk,
                                 detail=terms.said, actor=actor)
                else:
                    refresh_risk(ws, session, self._risk, now)
                ws.emit(SessionChanged(session.id, session.status, "accommodation"))
            return AccommodationDTO(
                exam_id=exam.id, candidate_ref=ref, extra_percent=terms.extra_percent,
                extra_minutes=terms.extra_minutes, exempt=terms.exempt, note=terms.note,
                set_by=actor, set_at=now, accommodation=terms.summary, attempts_changed=changed)

    def list_accommodations(self, exam_id: str) -> list[AccommodationDTO]:
        with self._uow.read() as s:
            if s.get(Exam, exam_id) is None:
                raise ExamNotFound(exam_id)
            rows = s.scalars(select(Accommodation).where(Accommodation.exam_id == exam_id)
                             .order_by(Accommodation.candidate_ref)).all()
            return [_accommodation_dto(r) for r in rows]

    def review_session(self, session_id: str, outcome: str, note: str | None = None, *,
                       actor: str = ADMIN_ACTOR) -> SessionDTO:
        if is_sample_id(session_id):
            raise SampleSessionReadOnly()
        verdict = checked_review_outcome(outcome)
        note = _optional(note, MAX_TEXT)
        actor = clean_actor(actor)
        self._expire_overdue()
        now = self._clock.now()
        with self._uow.write() as ws:
            session = ws.get(ProctorSession, session_id)
            if session is None:
                raise SessionNotFound(session_id)
            if is_live(session.status):
                raise ReviewWhileActive()
            session.review_outcome = verdict
            session.review_note = note
            session.reviewed_at = now
            said = reviewed(verdict.value, note)
            ws.add(ProctorEvent(id=new_id(), session_id=session.id, type=EventType.REVIEWED,
                                detail=str(said), detail_code=said.code,
                                detail_params=said.params, source=EventSource.PROCTOR,
                                occurred_at=now, recorded_at=now, actor=actor))
            queue_session_event(ws, WebhookEventType.SESSION_REVIEWED, session, now=now,
                                actor=actor, reason=note, outcome=verdict.value)
            ws.emit(SessionChanged(session.id, session.status, "reviewed"))
            ws.flush()
            return self._dto(ws, session.id)

    def handle_alert(self, session_id: str, alert: str, handling: AlertHandling | str, *,
                     actor: str = ADMIN_ACTOR) -> SessionDTO:
        """Record that a proctor acknowledged or dismissed the session's alert ``alert`` (its
        episode key, see ``core.domain.alerts``): an event with the actor, which every console
        reads back, so the whole team sees it. Dismissing an unanswered warning's alert clears
        the warning: the kiosk tells the candidate they may continue. Ended sessions too (their
        alerts stay listed)."""
        if is_sample_id(session_id):
            raise SampleSessionReadOnly()
        try:
            kind, warning_id = parse_alert_key(alert)
            handling = AlertHandling(handling)
        except ValueError as error:
            raise InvalidInput(str(error)) from None
        actor = clean_actor(actor)
        now = self._clock.now()
        event_type = (EventType.ALERT_ACKNOWLEDGED if handling is AlertHandling.ACKNOWLEDGED
                      else EventType.ALERT_DISMISSED)
        with self._uow.write() as ws:
            session = ws.get(ProctorSession, session_id)
            if session is None:
                raise SessionNotFound(session_id)
            key = kind.value
            if warning_id is not None:
                warning = ws.get(ProctorWarning, warning_id)
                if warning is None or warning.session_id != session.id:
                    raise InvalidInput(code="no_such_warning")
                key = f"{kind.value}:{warning.id}"
                if handling is AlertHandling.DISMISSED and warning.cleared_at is None:
                    warning.cleared_at = now
            row = ProctorEvent(id=new_id(), session_id=session.id, type=event_type, detail=key,
                               source=EventSource.PROCTOR, occurred_at=now, recorded_at=now,
                               actor=actor)
            ws.add(row)
            ws.emit(EventRecorded(session.id, row.id, row.type))
            ws.emit(SessionChanged(session.id, session.status, str(event_type)))
            ws.flush()
            return self._dto(ws, session.id)

    # ---- helpers -----------------------------------------------------------------------------
    def _live_session(self, ws: WriteSession, session_id: str) -> ProctorSession:
        return self._live_session_and_attempt(ws, session_id)[0]

    def _live_session_and_attempt(self, ws: WriteSession,
                                  session_id: str) -> tuple[ProctorSession, Attempt]:
        """The live session (locked for this write) and its attempt; an overdue attempt is
        expired first, and a session that is not live is refused with who ended it."""
        if is_sample_id(session_id):
            raise SampleSessionReadOnly()
        session = ws.get(ProctorSession, session_id)  # locked: a second proctor waits, then sees
        if session is None:
            raise SessionNotFound(session_id)
        attempt = ws.get(Attempt, session.attempt_id)
        now = self._clock.now()
        if attempt is not None and is_overdue(attempt.status, attempt.deadline_at, now,
                                              attempt.paused_at):
            end_attempt(ws, attempt, session, EndReason.EXPIRED, now=now, risk=self._risk)
            ws.commit_now()
        if not is_live(session.status):
            raise ended_conflict(ws.session, session, session.status, session.ended_at)
        assert attempt is not None  # the session's foreign key
        return session, attempt

    @staticmethod
    def _dto(ws: WriteSession, session_id: str) -> SessionDTO:
        dto = load_session_dto(ws.session, session_id)
        assert dto is not None
        return dto


def _accommodation_dto(row: Accommodation) -> AccommodationDTO:
    terms = accommodation_terms(row)
    return AccommodationDTO(row.exam_id, row.candidate_ref, terms.extra_percent,
                            terms.extra_minutes, terms.exempt, terms.note, row.set_by, row.set_at,
                            terms.summary)


def to_snapshot_dto(r: Snapshot) -> SnapshotDTO:
    return SnapshotDTO(r.id, r.session_id, r.captured_at, r.received_at, r.width, r.height,
                       r.size_bytes, r.face_count, r.analysis, r.analysed_at, r.sha256)


def _required(value: str | None, code: str, limit: int) -> str:
    """``value`` without surrounding space; InvalidInput with ``code``'s sentence (the
    catalogue's) when it is empty, or ``text_too_long`` when it is over ``limit``."""
    value = (value or "").strip()
    if not value:
        raise InvalidInput(code=code)
    if len(value) > limit:
        raise InvalidInput(code="text_too_long", params={"limit": limit})
    return value


def _optional(value: str | None, limit: int) -> str | None:
    value = (value or "").strip()
    if len(value) > limit:
        raise InvalidInput(code="text_too_long", params={"limit": limit})
    return value or None
