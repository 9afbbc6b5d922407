"""Proctoring: the session list (with sample fallback), session details, proctor actions
(flag, warn, terminate), post-exam review and the evidence listing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select

from core.db.engine import UnitOfWork, WriteSession
from core.db.models import Attempt, ProctorEvent, ProctorSession, ProctorWarning, Snapshot
from core.domain.accounts import ADMIN_ACTOR, clean_actor
from core.domain.clock import Clock
from core.domain.domain_events import SessionChanged
from core.domain.enums import EventSource, EventType, ReviewOutcome, SessionFilter
from core.domain.errors import (
    Conflict,
    InvalidInput,
    SampleSessionReadOnly,
    SessionNotFound,
)
from core.domain.lifecycle import EndReason, is_live, is_overdue
from core.domain.records import SessionDetail, SessionDTO, SnapshotDTO, WarningDTO
from core.domain.risk import RiskRule
from core.domain.samples import is_sample_id, sample_sessions
from core.domain.webhooks import WebhookEventType
from core.services.records import (
    end_attempt,
    ended_conflict,
    load_session_dto,
    new_id,
    record_event,
    session_rows,
    to_event_dto,
    to_session_dto,
    to_warning_dto,
)
from core.services.webhooks import queue_session_event

MAX_REASON = 200
MAX_TEXT = 2000


def checked_review_outcome(outcome: str) -> ReviewOutcome:
    """A reviewer's verdict; InvalidInput naming the choices when it is none of them."""
    try:
        return ReviewOutcome(outcome)
    except ValueError:
        choices = ", ".join(o.value for o in ReviewOutcome)
        raise InvalidInput(f"The review outcome must be one of: {choices}.") from None


class ProctoringService:
    def __init__(
        self,
        uow: UnitOfWork,
        clock: Clock,
        risk: RiskRule,
        expire_overdue: Callable[[], int],
        samples_enabled: bool = True,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._risk = risk
        self._expire_overdue = expire_overdue
        self.samples_enabled = samples_enabled

    # ---- reads -------------------------------------------------------------------------------
    def list_sessions(
        self, status: SessionFilter | str = SessionFilter.ACTIVE, include_samples: bool = False
    ) -> list[SessionDTO]:
        """Sessions newest first. With ``include_samples`` and no real active session, exactly
        the two in-memory samples are returned instead (never mixed with real ones)."""
        wanted = SessionFilter(status)
        self._expire_overdue()  # reading is a touch: overdue attempts end before they are shown
        query = session_rows().order_by(ProctorSession.started_at.desc(), ProctorSession.id)
        if wanted is not SessionFilter.ALL:
            query = query.where(ProctorSession.status == wanted.value)
        with self._uow.read() as s:
            sessions = [to_session_dto(*row) for row in s.execute(query)]
        if (
            include_samples
            and self.samples_enabled
            and wanted is SessionFilter.ACTIVE
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
                .order_by(ProctorEvent.occurred_at.desc(), ProctorEvent.recorded_at.desc())
            ).all()
            warnings = s.scalars(
                select(ProctorWarning)
                .where(ProctorWarning.session_id == session_id)
                .order_by(ProctorWarning.sent_at.desc())
            ).all()
            return SessionDetail.of(
                dto,
                tuple(to_event_dto(e) for e in events),
                tuple(to_warning_dto(w) for w in warnings),
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
        reason = _required(reason, "A flag needs a reason.", MAX_REASON)
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
        message = _required(message, "A warning needs a message.", MAX_TEXT)
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
        reason = _required(reason, "Terminating needs a reason.", MAX_TEXT)
        actor = clean_actor(actor)
        now = self._clock.now()
        with self._uow.write() as ws:
            session = self._live_session(ws, session_id)
            attempt = ws.get(Attempt, session.attempt_id)
            assert attempt is not None
            end_attempt(ws, attempt, session, EndReason.TERMINATED, now=now, risk=self._risk,
                        detail=reason, source=EventSource.PROCTOR, actor=actor)
            ws.flush()
            return self._dto(ws, session.id)

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
                raise Conflict("A session is reviewed after it ends; this one is still active.")
            session.review_outcome = verdict
            session.review_note = note
            session.reviewed_at = now
            ws.add(ProctorEvent(id=new_id(), session_id=session.id, type=EventType.REVIEWED,
                                detail=verdict.value + (f" — {note}" if note else ""),
                                source=EventSource.PROCTOR, occurred_at=now, recorded_at=now,
                                actor=actor))
            queue_session_event(ws, WebhookEventType.SESSION_REVIEWED, session, now=now,
                                actor=actor, reason=note, outcome=verdict.value)
            ws.emit(SessionChanged(session.id, session.status, "reviewed"))
            ws.flush()
            return self._dto(ws, session.id)

    # ---- helpers -----------------------------------------------------------------------------
    def _live_session(self, ws: WriteSession, session_id: str) -> ProctorSession:
        if is_sample_id(session_id):
            raise SampleSessionReadOnly()
        session = ws.get(ProctorSession, session_id)  # locked: a second proctor waits, then sees
        if session is None:
            raise SessionNotFound(session_id)
        attempt = ws.get(Attempt, session.attempt_id)
        now = self._clock.now()
        if attempt is not None and is_overdue(attempt.status, attempt.deadline_at, now):
            end_attempt(ws, attempt, session, EndReason.EXPIRED, now=now, risk=self._risk)
            ws.commit_now()
        if not is_live(session.status):
            raise ended_conflict(ws.session, session, session.status, session.ended_at)
        return session

    @staticmethod
    def _dto(ws: WriteSession, session_id: str) -> SessionDTO:
        dto = load_session_dto(ws.session, session_id)
        assert dto is not None
        return dto


def to_snapshot_dto(r: Snapshot) -> SnapshotDTO:
    return SnapshotDTO(r.id, r.session_id, r.captured_at, r.received_at, r.width, r.height,
                       r.size_bytes, r.face_count, r.analysis, r.analysed_at, r.sha256)


def _required(value: str | None, message: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(message)
    if len(value) > limit:
        raise InvalidInput(f"That text is too long: at most {limit} characters.")
    return value


def _optional(value: str | None, limit: int) -> str | None:
    value = (value or "").strip()
    if len(value) > limit:
        raise InvalidInput(f"That text is too long: at most {limit} characters.")
    return value or None
