"""Attempts: start (with its proctor session), heartbeat, submit, force-end, kiosk events,
warning acknowledgement and expiry."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

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
from core.domain.accounts import ADMIN_ACTOR, clean_actor, clean_room, clean_seat
from core.domain.clock import Clock, utc
from core.domain.domain_events import SessionChanged
from core.domain.enums import (
    KIOSK_EVENT_TYPES,
    AttemptStatus,
    EventSource,
    EventType,
    SessionStatus,
    UploadFailureCause,
)
from core.domain.errors import (
    AttemptEnded,
    AttemptNotFound,
    Conflict,
    ExamNotFound,
    InvalidInput,
    ProctoringDisabled,
    SampleSessionReadOnly,
    WarningNotFound,
)
from core.domain.event_details import (
    checked_client_words,
    closed_by_sweeper,
    session_started,
)
from core.domain.lifecycle import (
    EndReason,
    check_late_hand_in,
    is_live,
    is_overdue,
    late_hand_in_detail,
    remaining_seconds,
    session_status_for,
)
from core.domain.readiness import ReadinessOverride
from core.domain.records import AttemptState, RecordedEvent, StartedAttempt, WarningDTO
from core.domain.risk import RiskRule
from core.domain.samples import is_sample_id
from core.domain.webhooks import WebhookEventType
from core.services.exams import ExamArchived
from core.services.kiosk_contacts import KioskContacts, later_seen
from core.services.records import (
    accommodation_terms,
    close_session,
    end_attempt,
    ended_conflict,
    new_id,
    record_event,
    to_event_dto,
    to_warning_dto,
)
from core.services.tokens import AttemptTokens
from core.services.webhooks import queue_attempt_event

CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MAX_DETAIL = 1000
MAX_EXTERNAL_REF = 200


def clean_external_ref(external_ref: str | None) -> str | None:
    """The exam system's own id of an attempt; blank means none."""
    if external_ref is None or not external_ref.strip():
        return None
    external_ref = external_ref.strip()
    if len(external_ref) > MAX_EXTERNAL_REF:
        raise InvalidInput(f"external_ref can be at most {MAX_EXTERNAL_REF} characters.")
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in external_ref):
        raise InvalidInput("external_ref cannot contain control characters.")
    return external_ref


def checked_kiosk_event(event_type: str, detail: str | None, event_id: str | None,
                        cause: str | None = None) -> tuple[EventType, str | None]:
    """The kind of an event a kiosk reports and its cause (``refused`` for an ``upload_failed``
    sent without one, None for other types), once type, detail, id and cause are acceptable;
    InvalidInput with a sentence otherwise."""
    try:
        kind = EventType(event_type)
    except ValueError:
        raise InvalidInput(f"{event_type!r} is not a known event type.") from None
    if kind not in KIOSK_EVENT_TYPES:
        raise InvalidInput(f"A kiosk cannot report {event_type!r} events.")
    if event_id is not None and not CLIENT_ID.match(event_id):
        raise InvalidInput("event_id must be 1 to 64 letters, digits, '-' or '_'.")
    if detail is not None and len(detail) > MAX_DETAIL:
        raise InvalidInput(f"detail can be at most {MAX_DETAIL} characters.")
    if kind != EventType.UPLOAD_FAILED:
        if cause is not None:
            raise InvalidInput(f"cause is given only with upload_failed events, "
                               f"not with {event_type!r}.")
        return kind, None
    if cause is None:
        return kind, UploadFailureCause.REFUSED.value
    try:
        return kind, UploadFailureCause(cause).value
    except ValueError:
        known = ", ".join(c.value for c in UploadFailureCause)
        raise InvalidInput(f"{cause!r} is not a known cause of a failed upload "
                           f"(one of {known}).") from None


_A, _X, _C, _S, _W = (Attempt.__table__, Exam.__table__, Candidate.__table__,
                      ProctorSession.__table__, ProctorWarning.__table__)
#: The heartbeat's one read: the attempt with its exam, candidate, session and warnings (a row
#: per warning, oldest first; one row with null warning columns when there is none).
_HEARTBEAT = (
    select(_A.c.id, _A.c.exam_id, _A.c.status, _A.c.started_at, _A.c.deadline_at,
           _A.c.ended_at, _A.c.seat, _A.c.external_ref, _A.c.room, _A.c.paused_at,
           _A.c.paused_reason, _X.c.title, _X.c.snapshot_interval_seconds,
           _C.c.ref, _C.c.name, _S.c.id.label("session_id"),
           _S.c.status.label("session_status"), _W.c.id.label("warning_id"),
           _W.c.message, _W.c.sent_at, _W.c.acknowledged_at, _W.c.cleared_at)
    .select_from(_A.join(_X, _X.c.id == _A.c.exam_id)
                 .join(_C, _C.c.id == _A.c.candidate_id)
                 .outerjoin(_S, _S.c.attempt_id == _A.c.id)
                 .outerjoin(_W, _W.c.session_id == _S.c.id))
    .where(_A.c.id == bindparam("attempt_id"))
    .order_by(_W.c.sent_at)
)

#: Extra tries of a start that lost a race to a concurrent start of the same attempt.
START_RETRIES = 4


class AttemptService:
    def __init__(self, uow: UnitOfWork, clock: Clock, tokens: AttemptTokens, risk: RiskRule,
                 contacts: KioskContacts | None = None):
        self._uow = uow
        self._clock = clock
        self._tokens = tokens
        self._risk = risk
        #: When each kiosk last used its token (``kiosk_seen_at``): heartbeats are noted there.
        self.contacts = contacts or KioskContacts(uow, clock)

    # ---- start -------------------------------------------------------------------------------
    def start_attempt(
        self, exam_id: str, candidate_ref: str, candidate_name: str, seat: str | None = None,
        room: str | None = None,
        external_ref: str | None = None,
        override: ReadinessOverride | None = None,
    ) -> StartedAttempt:
        """Start (or resume) the candidate's attempt; the proctor session is created with it.
        ``seat`` (e.g. "B-14") and ``room`` (e.g. "Hall 2") are kept on the attempt; a resume
        with a seat or room moves it there. ``external_ref`` (the exam system's own attempt id)
        is kept the same way. The candidate's accommodation for the exam, if any, lengthens a
        new attempt's time. ``override``: a proctor let a kiosk that was not ready start it,
        recorded on the session's timeline (``readiness_overridden``, who and why)."""
        candidate_ref, candidate_name = candidate_ref.strip(), candidate_name.strip()
        seat = clean_seat(seat)
        room = clean_room(room)
        external_ref = clean_external_ref(external_ref)
        if not candidate_ref or len(candidate_ref) > 100:
            raise InvalidInput(code="candidate_ref_length")
        if not candidate_name or len(candidate_name) > 200:
            raise InvalidInput(code="candidate_name_length")
        for _ in range(START_RETRIES):
            try:
                return self._start_once(exam_id, candidate_ref, candidate_name, seat, room,
                                        external_ref, override)
            except IntegrityError:  # a concurrent start won the race (PostgreSQL); look again
                continue
        # its error shows
        return self._start_once(exam_id, candidate_ref, candidate_name, seat, room, external_ref,
                                override)

    def _start_once(self, exam_id: str, ref: str, name: str, seat: str | None,
                    room: str | None, external_ref: str | None = None,
                    override: ReadinessOverride | None = None) -> StartedAttempt:
        now = self._clock.now()
        with self._uow.write() as ws:
            exam = ws.get(Exam, exam_id)
            if exam is None:
                raise ExamNotFound(exam_id)
            candidate = ws.scalar(select(Candidate).where(Candidate.ref == ref))
            if candidate is None:
                candidate = Candidate(id=new_id(), ref=ref, name=name)
                ws.add(candidate)
                ws.flush()
            elif candidate.name != name:
                candidate.name = name
            attempt = ws.scalar(
                select(Attempt).where(
                    Attempt.exam_id == exam.id,
                    Attempt.candidate_id == candidate.id,
                    Attempt.status == AttemptStatus.IN_PROGRESS,
                )
            )
            if attempt is not None and is_overdue(attempt.status, attempt.deadline_at, now,
                                                  attempt.paused_at):
                self._end(ws, attempt, EndReason.EXPIRED, now)
                ws.flush()
                attempt = None
            is_new = attempt is None
            if is_new and exam.is_archived:  # a running attempt may be resumed, not a new one
                raise ExamArchived(exam.title)
            moved = attempt is not None and (
                (seat is not None and attempt.seat != seat)
                or (room is not None and attempt.room != room))
            if attempt is not None and moved:
                attempt.seat = seat if seat is not None else attempt.seat
                attempt.room = room if room is not None else attempt.room
                session_id = ws.scalar(
                    select(ProctorSession.id).where(ProctorSession.attempt_id == attempt.id))
                if session_id is not None:
                    ws.emit(SessionChanged(session_id, SessionStatus.ACTIVE, "seat"))
            if attempt is not None and external_ref is not None:
                attempt.external_ref = external_ref
            if attempt is None:
                granted = ws.scalar(select(Accommodation).where(
                    Accommodation.exam_id == exam.id, Accommodation.candidate_ref == ref))
                extra = (accommodation_terms(granted).extra_seconds(exam.duration_seconds)
                         if granted is not None else 0)
                attempt = Attempt(
                    id=new_id(),
                    exam_id=exam.id,
                    candidate_id=candidate.id,
                    status=AttemptStatus.IN_PROGRESS,
                    started_at=now,
                    deadline_at=now + timedelta(seconds=exam.duration_seconds + extra),
                    seat=seat,
                    external_ref=external_ref,
                    room=room,
                    accommodation_seconds=extra,
                )
                ws.add(attempt)
                ws.flush()
                session = None
                if exam.proctoring_enabled:
                    session = ProctorSession(
                        id=new_id(),
                        attempt_id=attempt.id,
                        status=SessionStatus.ACTIVE,
                        started_at=now,
                        snapshot_count=0,
                        risk_score=0,
                        is_flagged=False,
                    )
                    ws.add(session)
                    ws.flush()
                    record_event(ws, session, EventType.SESSION_STARTED, source=EventSource.SYSTEM,
                                 now=now, risk=self._risk, detail=session_started(name, exam.title))
                    ws.emit(SessionChanged(session.id, session.status, "started"))
                queue_attempt_event(ws, WebhookEventType.ATTEMPT_STARTED, attempt, session,
                                    now=now, exam_title=exam.title,
                                    deadline_at=attempt.deadline_at.isoformat())
            session_id = ws.scalar(
                select(ProctorSession.id).where(ProctorSession.attempt_id == attempt.id)
            )
            if override is not None and session_id is not None:
                overridden = ws.get(ProctorSession, session_id)
                assert overridden is not None
                record_event(ws, overridden, EventType.READINESS_OVERRIDDEN,
                             source=EventSource.PROCTOR, now=now, risk=self._risk,
                             detail=override.detail(), actor=override.actor)
                ws.emit(SessionChanged(overridden.id, overridden.status, "readiness_overridden"))
            return StartedAttempt(
                attempt_id=attempt.id,
                token=self._tokens.issue(attempt.id),
                status=attempt.status,
                started_at=attempt.started_at,
                deadline_at=attempt.deadline_at,
                snapshot_interval_seconds=exam.snapshot_interval_seconds,
                proctor_session_id=session_id,
                exam_id=exam.id,
                exam_title=exam.title,
                is_new=is_new,
                seat=attempt.seat,
                external_ref=attempt.external_ref,
                room=attempt.room,
            )

    # ---- heartbeat / read --------------------------------------------------------------------
    def get_attempt(self, attempt_id: str) -> AttemptState:
        """The kiosk heartbeat. Touching an overdue attempt expires it. The call's time is only
        noted in memory (``kiosk_seen_at`` is written in batches): a heartbeat writes nothing."""
        with self._uow.connect() as connection:  # one read of plain rows: the hot path
            rows = connection.execute(_HEARTBEAT, {"attempt_id": attempt_id}).all()
        if not rows:
            raise AttemptNotFound(attempt_id)
        now = self._clock.now()
        self.contacts.note(attempt_id, now)
        first = rows[0]
        if not is_overdue(first.status, first.deadline_at, now, first.paused_at):
            return self._heartbeat_state(rows, now)
        with self._uow.write() as ws:
            attempt = self._touch(ws, attempt_id)
            return self._state(ws.session, attempt)

    # ---- endings -----------------------------------------------------------------------------
    def submit_attempt(self, attempt_id: str, submitted_at: datetime | None = None
                       ) -> AttemptState:
        """The candidate hands in. ``submitted_at`` is when Submit was pressed, for a kiosk
        that could not reach the center then: when the request arrives after the deadline and
        the press was before it and not before the kiosk's last contact with the center, the
        attempt is ``submitted`` (even if it had expired meanwhile; its session stays
        ``completed``), and a ``handed_in`` event says when it was pressed and when it came."""
        now = self._clock.now()
        pressed = min(utc(submitted_at), now) if submitted_at is not None else None
        with self._uow.write() as ws:
            attempt = self._touch(ws, attempt_id)
            if pressed is not None and attempt.end_reason == EndReason.EXPIRED:
                self._hand_in_late(ws, attempt, pressed, now)
                ws.flush()
                return self._state(ws.session, attempt)
            self._require_in_progress(attempt)
            self._seen(ws, attempt)
            self._end(ws, attempt, EndReason.SUBMITTED, self._clock.now())
            ws.flush()
            return self._state(ws.session, attempt)

    def _hand_in_late(self, ws: WriteSession, attempt: Attempt, pressed: datetime,
                      now: datetime) -> None:
        """An expired attempt becomes submitted when the kiosk's late hand-in holds up."""
        session = ws.scalar(select(ProctorSession).where(ProctorSession.attempt_id == attempt.id))
        contact = self._last_contact_before(ws, session, attempt.deadline_at)
        check_late_hand_in(pressed, attempt.deadline_at, contact)
        attempt.status = AttemptStatus.SUBMITTED
        attempt.end_reason = EndReason.SUBMITTED
        attempt.ended_at = pressed
        if session is not None:
            record_event(ws, session, EventType.HANDED_IN, source=EventSource.KIOSK, now=now,
                         risk=self._risk, occurred_at=pressed,
                         detail=late_hand_in_detail(pressed, now))
            ws.emit(SessionChanged(session.id, session.status, "handed_in"))
        queue_attempt_event(ws, WebhookEventType.ATTEMPT_SUBMITTED, attempt, session, now=now,
                            occurred_at=pressed, status=str(attempt.status),
                            arrived_at=now.isoformat())

    @staticmethod
    def _last_contact_before(ws: WriteSession, session: ProctorSession | None,
                             deadline: datetime) -> datetime | None:
        """The last time before ``deadline`` the center heard from the kiosk (its stored
        contact, its snapshots and its events); None when nothing says."""
        if session is None:
            return None
        times = [ws.scalar(select(func.max(Snapshot.received_at)).where(
                     Snapshot.session_id == session.id, Snapshot.received_at <= deadline)),
                 ws.scalar(select(func.max(ProctorEvent.recorded_at)).where(
                     ProctorEvent.session_id == session.id,
                     ProctorEvent.source == EventSource.KIOSK,
                     ProctorEvent.recorded_at <= deadline))]
        seen = session.kiosk_seen_at
        if isinstance(seen, datetime) and seen <= deadline:
            times.append(seen)
        found = [t for t in times if t is not None]
        return max(found) if found else None

    def force_end_attempt(self, attempt_id: str, reason: str | None = None, *,
                          actor: str = ADMIN_ACTOR) -> AttemptState:
        if is_sample_id(attempt_id):
            raise SampleSessionReadOnly()
        reason = (reason or "").strip() or "Force-ended by an administrator"
        if len(reason) > MAX_DETAIL:
            raise InvalidInput(code="reason_too_long", params={"limit": MAX_DETAIL})
        actor = clean_actor(actor)
        with self._uow.write() as ws:
            attempt = self._touch(ws, attempt_id)
            if attempt.status != AttemptStatus.IN_PROGRESS:  # say who ended it, and when
                session = ws.scalar(
                    select(ProctorSession).where(ProctorSession.attempt_id == attempt.id))
                raise ended_conflict(ws.session, session, attempt.status, attempt.ended_at)
            self._end(ws, attempt, EndReason.FORCE_ENDED, self._clock.now(), detail=reason,
                      actor=actor)
            ws.flush()
            return self._state(ws.session, attempt)

    def expire_overdue(self) -> int:
        """Expire every in-progress attempt past its deadline. Returns how many."""
        now = self._clock.now()
        with self._uow.read() as s:
            overdue = s.scalars(
                select(Attempt.id).where(
                    Attempt.status == AttemptStatus.IN_PROGRESS, Attempt.deadline_at <= now,
                    Attempt.paused_at.is_(None),  # a paused clock stands still
                ).limit(500)
            ).all()
        if not overdue:
            return 0
        with self._uow.write() as ws:
            count = 0
            for attempt_id in overdue:
                attempt = ws.get(Attempt, attempt_id)
                if attempt is not None and is_overdue(attempt.status, attempt.deadline_at, now,
                                                      attempt.paused_at):
                    self._end(ws, attempt, EndReason.EXPIRED, now)
                    count += 1
            return count

    def close_orphan_sessions(self) -> int:
        """Close active sessions whose attempt already ended, by the policy of that ending."""
        now = self._clock.now()
        with self._uow.read() as s:
            orphan_ids = s.scalars(
                select(ProctorSession.id)
                .join(Attempt, ProctorSession.attempt_id == Attempt.id)
                .where(
                    ProctorSession.status == SessionStatus.ACTIVE,
                    Attempt.status != AttemptStatus.IN_PROGRESS,
                )
                .limit(500)
            ).all()
        if not orphan_ids:
            return 0
        with self._uow.write() as ws:
            closed = 0
            for session_id in orphan_ids:
                session = ws.get(ProctorSession, session_id)
                if session is None or not is_live(session.status):
                    continue
                attempt = ws.get(Attempt, session.attempt_id)
                assert attempt is not None
                if attempt.status == AttemptStatus.IN_PROGRESS:
                    continue
                close_session(ws, session, session_status_for(attempt.status), now=now,
                              ended_at=attempt.ended_at or now, risk=self._risk,
                              detail=closed_by_sweeper(attempt.status))
                closed += 1
            return closed

    # ---- kiosk events and warnings -------------------------------------------------------------
    def record_kiosk_event(
        self,
        attempt_id: str,
        event_type: str,
        detail: str | None = None,
        occurred_at: datetime | None = None,
        event_id: str | None = None,
        cause: str | None = None,
        detail_code: str | None = None,
        detail_params: dict[str, Any] | None = None,
    ) -> RecordedEvent:
        """Record what the kiosk reports; ``cause`` (``upload_failed`` only) says whether the
        center failed (``center_unreachable``, ``center_error``) or refused (the default);
        ``detail_code`` and ``detail_params`` are the code and values of the kiosk's template
        of ``detail``, for a reader in another language."""
        kind, cause = checked_kiosk_event(event_type, detail, event_id, cause)
        try:
            detail_code, detail_params = checked_client_words(detail_code, detail_params)
        except ValueError as exc:
            raise InvalidInput(str(exc)) from None
        now = self._clock.now()
        when = min(utc(occurred_at), now) if occurred_at else now
        with self._uow.write() as ws:
            attempt = self._touch(ws, attempt_id)
            session = self._session_of(ws, attempt)
            if event_id is not None:
                existing = ws.get(ProctorEvent, event_id)
                if existing is not None:
                    if existing.session_id != session.id:
                        raise Conflict("That event_id was already used by another attempt.")
                    self.contacts.note(attempt_id, now)
                    return RecordedEvent(to_event_dto(existing), is_new=False)
            self._require_in_progress(attempt)
            session.kiosk_seen_at = later_seen(now)
            row = record_event(ws, session, kind, source=EventSource.KIOSK, now=now,
                               risk=self._risk, detail=detail, occurred_at=when,
                               event_id=event_id, cause=cause, detail_code=detail_code,
                               detail_params=detail_params)
            return RecordedEvent(to_event_dto(row), is_new=True)

    def acknowledge_warning(self, attempt_id: str, warning_id: str) -> WarningDTO:
        now = self._clock.now()
        with self._uow.write() as ws:
            attempt = self._touch(ws, attempt_id)
            session = self._session_of(ws, attempt)
            warning = ws.get(ProctorWarning, warning_id)
            if warning is None or warning.session_id != session.id:
                raise WarningNotFound(warning_id)
            if warning.acknowledged_at is not None:  # a repeat writes nothing: noted only
                self.contacts.note(attempt_id, now)
            elif is_live(session.status):
                session.kiosk_seen_at = later_seen(now)
            if warning.acknowledged_at is None:
                warning.acknowledged_at = now
                record_event(ws, session, EventType.WARNING_ACKNOWLEDGED, source=EventSource.KIOSK,
                             now=now, risk=self._risk, detail=warning.message)
                ws.emit(SessionChanged(session.id, session.status, "warning_acknowledged"))
            return to_warning_dto(warning)

    # ---- helpers -----------------------------------------------------------------------------
    def _seen(self, ws: WriteSession, attempt: Attempt) -> None:
        """The kiosk used its token now: its live session's ``kiosk_seen_at``, in this write."""
        session = ws.scalar(select(ProctorSession).where(ProctorSession.attempt_id == attempt.id))
        if session is not None and is_live(session.status):
            session.kiosk_seen_at = later_seen(self._clock.now())

    def session_for_upload(self, ws: WriteSession, attempt_id: str) -> ProctorSession:
        """For the snapshot service: the live session of an in-progress attempt, or an error."""
        attempt = self._touch(ws, attempt_id)
        self._require_in_progress(attempt)
        return self._session_of(ws, attempt)

    def _touch(self, ws: WriteSession, attempt_id: str) -> Attempt:
        attempt = ws.session.get(Attempt, attempt_id)
        if attempt is None:
            raise AttemptNotFound(attempt_id)
        now = self._clock.now()
        if is_overdue(attempt.status, attempt.deadline_at, now, attempt.paused_at):
            self._end(ws, attempt, EndReason.EXPIRED, now)
            ws.commit_now()  # the expiry sticks even though the caller's action will now fail
        return attempt

    def _end(self, ws: WriteSession, attempt: Attempt, reason: EndReason, now: datetime,
             detail: str | None = None, actor: str | None = None) -> None:
        session = ws.scalar(select(ProctorSession).where(ProctorSession.attempt_id == attempt.id))
        # A force-end is a person's act (its actor is recorded); other endings are the system's.
        end_attempt(ws, attempt, session, reason, now=now, risk=self._risk, detail=detail,
                    source=EventSource.PROCTOR, actor=actor)

    @staticmethod
    def _require_in_progress(attempt: Attempt) -> None:
        if attempt.status != AttemptStatus.IN_PROGRESS:
            raise AttemptEnded(attempt.status)

    @staticmethod
    def _session_of(ws: WriteSession, attempt: Attempt) -> ProctorSession:
        session = ws.session.scalar(
            select(ProctorSession).where(ProctorSession.attempt_id == attempt.id)
        )
        if session is None:
            raise ProctoringDisabled()
        return session

    @staticmethod
    def _heartbeat_state(rows: Sequence[Any], now: datetime) -> AttemptState:
        """The attempt's state from the heartbeat's rows (one per warning)."""
        a = rows[0]
        paused_at = a.paused_at if a.status == AttemptStatus.IN_PROGRESS else None
        return AttemptState(
            attempt_id=a.id,
            exam_id=a.exam_id,
            exam_title=a.title,
            candidate_ref=a.ref,
            candidate_name=a.name,
            status=a.status,
            started_at=a.started_at,
            deadline_at=a.deadline_at,
            ended_at=a.ended_at,
            remaining_seconds=remaining_seconds(a.status, a.deadline_at, now, paused_at),
            snapshot_interval_seconds=a.snapshot_interval_seconds,
            proctor_session_id=a.session_id,
            proctor_session_status=a.session_status,
            warnings=tuple(WarningDTO(r.warning_id, r.message, r.sent_at, r.acknowledged_at,
                                      r.cleared_at)
                           for r in rows if r.warning_id is not None),
            seat=a.seat,
            external_ref=a.external_ref,
            room=a.room,
            paused=paused_at is not None,
            paused_reason=a.paused_reason if paused_at is not None else None,
            paused_at=paused_at,
        )

    def _state(self, s: Session, attempt: Attempt) -> AttemptState:
        """The attempt's state as this transaction sees it (its changes flushed first): the
        heartbeat's one read and rows."""
        rows = s.execute(_HEARTBEAT, {"attempt_id": attempt.id}).all()
        return self._heartbeat_state(rows, self._clock.now())
