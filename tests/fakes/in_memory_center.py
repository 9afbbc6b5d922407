"""An exam center held in dicts: ``InMemoryCore`` (the core's services, as far as the console's
tests drive them) and ``InMemoryCenter`` (the console's ``Center`` over it).

No database, no files, no threads: a test builds one in microseconds. The rules the console
relies on are the core's own: the lifecycle policy, the risk rule, the sample sessions, the
validators and the domain errors with their sentences are imported, not rewritten. What the
core computes in SQL (the session summary, the ordering of lists, the latest warning, the
kiosk-closed time) is computed here from the same records. The contract suite
(``tests/console/proctor/center/test_center_contract.py``) runs against ``InMemoryCenter``, and
``tests/fakes/test_in_memory_core_matches_the_core.py`` compares both on one scenario.

Changes are delivered to listeners synchronously, after the change is made (the core delivers
them after its commit, on the thread that committed).
"""

from __future__ import annotations

import hashlib
import io
import logging
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, BinaryIO

from PIL import Image, UnidentifiedImageError

from console.proctor.center.interface import (
    CenterUnavailable,
    ChangeListener,
    ReachabilityListener,
)
from core.domain.accommodations import AccommodationTerms, checked_terms
from core.domain.accounts import (
    ADMIN_ACTOR,
    check_password,
    clean_actor,
    clean_display_name,
    clean_room,
    clean_seat,
    clean_username,
)
from core.domain.alerts import AlertHandling, parse_alert_key
from core.domain.camera import restore_by_frames
from core.domain.clock import Clock, FakeClock, utc
from core.domain.domain_events import (
    DomainEvent,
    EventRecorded,
    ExamsChanged,
    SessionChanged,
    SnapshotAnalysed,
    SnapshotRecorded,
)
from core.domain.enums import (
    AttemptStatus,
    EventSource,
    EventType,
    SessionFilter,
    SessionStatus,
)
from core.domain.errors import (
    AlreadyTerminated,
    AttemptEnded,
    AttemptNotFound,
    Conflict,
    DomainError,
    ExamNotFound,
    InvalidInput,
    ProctoringDisabled,
    ProctorNotFound,
    ReviewWhileActive,
    SampleSessionReadOnly,
    SessionAlreadyPaused,
    SessionEnded,
    SessionNotFound,
    SessionNotPaused,
    SnapshotNotFound,
    SnapshotRejected,
    UsernameTaken,
    WarningNotFound,
)
from core.domain.event_details import (
    checked_client_words,
    resumed,
    reviewed,
    session_started,
    time_added,
    words_of,
)
from core.domain.kiosk_state import CONTACT_WRITE_SECONDS
from core.domain.lifecycle import (
    EndReason,
    check_late_hand_in,
    checked_extra_minutes,
    is_live,
    is_overdue,
    late_hand_in_detail,
    outcome_of,
    remaining_seconds,
    resumed_deadline,
)
from core.domain.messages import time_param
from core.domain.records import (
    AccommodationDTO,
    AttemptState,
    EventDTO,
    ExamDTO,
    ProctorDTO,
    RecordedEvent,
    RecordedSnapshot,
    SessionDetail,
    SessionDTO,
    SnapshotDTO,
    StartedAttempt,
    WarningDTO,
)
from core.domain.risk import AnalysedFrame, Evidence, RiskRule, risk_level
from core.domain.samples import is_sample_id, sample_sessions
from core.domain.storage import GIB, StorageStatus, storage_status
from core.domain.webhooks import WebhookNotFound
from core.media.store import StorageStats, make_thumbnail, strip_jpeg_metadata
from core.services.attempts import MAX_DETAIL, checked_kiosk_event
from core.services.exams import (
    ExamAlreadyStarted,
    ExamArchived,
    ExamChanges,
    _valid_duration,
    _valid_interval,
    _valid_title,
    locked_fields,
)
from core.services.kiosk_contacts import KIOSK_SEEN
from core.services.proctoring import (
    MAX_REASON,
    MAX_TEXT,
    _optional,
    _required,
    checked_review_outcome,
)
from core.services.records import CAMERA_STATE_AFTER, KIOSK_CLOSED, _ended_detail
from core.services.snapshots import MAX_CLOCK_SKEW, SNAPSHOT_ID_TAKEN, canonical_snapshot_id

log = logging.getLogger(__name__)

JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def new_id() -> str:
    return str(uuid.uuid4())


# ---- records ---------------------------------------------------------------------------------
@dataclass
class _Exam:
    id: str
    title: str
    duration_seconds: int
    proctoring_enabled: bool
    snapshot_interval_seconds: int
    created_at: datetime
    is_archived: bool = False


@dataclass
class _Attempt:
    id: str
    exam_id: str
    candidate_ref: str
    status: str
    started_at: datetime
    deadline_at: datetime
    seat: str | None
    ended_at: datetime | None = None
    end_reason: str | None = None
    session_id: str | None = None
    room: str | None = None
    paused_at: datetime | None = None
    paused_reason: str | None = None
    paused_seconds: int = 0
    added_seconds: int = 0
    accommodation_seconds: int = 0


@dataclass
class _Accommodation:
    terms: AccommodationTerms
    set_by: str
    set_at: datetime


@dataclass
class _Session:
    id: str
    attempt_id: str
    status: str
    started_at: datetime
    ended_at: datetime | None = None
    snapshot_count: int = 0
    last_snapshot_at: datetime | None = None
    latest_snapshot_id: str | None = None
    latest_face_count: int | None = None
    risk_score: int = 0
    is_flagged: bool = False
    flagged_by: str | None = None
    flag_reason: str | None = None
    flag_note: str | None = None
    review_outcome: str | None = None
    review_note: str | None = None
    reviewed_at: datetime | None = None
    camera_off: bool = False
    kiosk_seen_at: datetime | None = None


@dataclass
class _Event:
    event: EventDTO
    recorded_at: datetime


@dataclass
class _Warning:
    id: str
    session_id: str
    message: str
    sent_at: datetime
    acknowledged_at: datetime | None = None
    cleared_at: datetime | None = None


@dataclass
class _Snapshot:
    snapshot: SnapshotDTO
    image: bytes
    thumbnail: bytes


@dataclass
class _Proctor:
    id: str
    username: str
    display_name: str
    created_at: datetime
    is_disabled: bool = False


class _Write:
    """One change: the domain events it emits reach listeners once it is done (``commit_now``
    keeps what was done so far even if the rest fails, as the core's expiry-on-touch does)."""

    def __init__(self) -> None:
        self.pending: list[DomainEvent] = []
        self.committed: list[DomainEvent] = []

    def emit(self, event: DomainEvent) -> None:
        self.pending.append(event)

    def commit_now(self) -> None:
        self.committed += self.pending
        self.pending = []


# ---- the state and the core's services over it -----------------------------------------------
class InMemoryCore:
    """The core's services the console and its tests use, over dicts. Service objects have the
    core's names and signatures (``attempts``, ``snapshots``, ``proctoring``, ``exams``,
    ``proctors``), so a test drives a kiosk here as it would a real core."""

    def __init__(self, clock: Clock | None = None, *, risk: RiskRule | None = None,
                 samples_enabled: bool = True, free_bytes: int = 200 * GIB,
                 total_bytes: int = 500 * GIB) -> None:
        self.clock = clock or FakeClock()
        self.risk = risk or RiskRule()
        #: Free and total bytes of the (imaginary) media file system; tests set them.
        self.free_bytes = free_bytes
        self.total_bytes = total_bytes
        self._lock = threading.RLock()
        self._listeners: tuple[ChangeListener, ...] = ()
        self._exams: dict[str, _Exam] = {}
        self._candidates: dict[str, str] = {}  # ref -> name
        self._attempts: dict[str, _Attempt] = {}
        self._sessions: dict[str, _Session] = {}
        self._events: dict[str, list[_Event]] = {}  # session id -> events, in recording order
        self._event_ids: dict[str, str] = {}  # event id -> session id
        self._warnings: dict[str, _Warning] = {}
        self._snapshots: dict[str, _Snapshot] = {}
        self._proctors: dict[str, _Proctor] = {}
        self._accommodations: dict[tuple[str, str], _Accommodation] = {}  # (exam, ref) ->
        self.exams = _Exams(self)
        self.attempts = _Attempts(self)
        self.snapshots = _Snapshots(self)
        self.proctoring = _Proctoring(self, samples_enabled)
        self.proctors = _Proctors(self)

    def storage_status(self) -> StorageStatus:
        return storage_status(self.free_bytes, self.total_bytes)

    def subscribe(self, listener: ChangeListener) -> Callable[[], None]:
        with self._lock:
            self._listeners = (*self._listeners, listener)

        def unsubscribe() -> None:
            with self._lock:
                self._listeners = tuple(x for x in self._listeners if x is not listener)

        return unsubscribe

    def publish(self, event: DomainEvent) -> None:
        for listener in self._listeners:
            try:
                listener(event)
            except Exception:  # as the core's bus: a broken listener never breaks a change
                log.exception("event listener %r failed on %r", listener, event)

    @contextmanager
    def write(self) -> Iterator[_Write]:
        ws = _Write()
        try:
            with self._lock:
                yield ws
                ws.commit_now()
        finally:
            for event in ws.committed:
                self.publish(event)

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._lock:
            yield

    # ---- shared steps (the core's services/records.py) --------------------------------------
    def record_event(self, ws: _Write, session: _Session, event_type: str, *, source: str,
                     now: datetime, detail: str | None = None,
                     occurred_at: datetime | None = None, event_id: str | None = None,
                     actor: str | None = None, cause: str | None = None,
                     detail_code: str | None = None,
                     detail_params: dict[str, Any] | None = None) -> EventDTO:
        words = (detail_code, detail_params) if detail_code is not None else words_of(detail)
        dto = EventDTO(event_id or new_id(), session.id, str(event_type),
                       None if detail is None else str(detail), occurred_at or now, str(source),
                       actor, cause, *words)
        self._events.setdefault(session.id, []).append(_Event(dto, now))
        self._event_ids[dto.event_id] = session.id
        ws.emit(EventRecorded(session.id, dto.event_id, dto.type))
        self.refresh_risk(ws, session, now)
        camera_off = CAMERA_STATE_AFTER.get(dto.type)
        if camera_off is not None and camera_off != session.camera_off:
            session.camera_off = camera_off
            ws.emit(SessionChanged(session.id, session.status, "camera"))
        return dto

    def refresh_risk(self, ws: _Write, session: _Session, now: datetime) -> None:
        events = [e.event for e in self._events.get(session.id, [])]
        timeline = [Evidence(e.type, e.occurred_at, detected=e.source == EventSource.ANALYSIS,
                             cause=e.cause)
                    for e in events]
        since = min((e.at for e in timeline if e.detected), default=None)
        frames: list[AnalysedFrame] = []
        if since is not None:
            analysed = sorted((s.snapshot for s in self._snapshots.values()
                               if s.snapshot.session_id == session.id
                               and s.snapshot.face_count is not None
                               and s.snapshot.captured_at >= since),
                              key=lambda s: s.captured_at)
            before: str | None = None
            for shot in analysed:  # frames with cues, and each one right after them
                if shot.analysis is not None or before is not None:
                    cues = shot.analysis
                    frames.append(AnalysedFrame(shot.captured_at, frozenset(cues.split(","))
                                                if cues else frozenset()))
                before = shot.analysis
        attempt = self._attempts[session.attempt_id]
        granted = self._accommodations.get((attempt.exam_id, attempt.candidate_ref))
        score = self.risk.score(timeline, frames, now,
                                exempt=granted.terms.exempt if granted else ())
        if score != session.risk_score:
            session.risk_score = score
            ws.emit(SessionChanged(session.id, session.status, "risk"))

    def end_attempt(self, ws: _Write, attempt: _Attempt, reason: EndReason, *, now: datetime,
                    detail: str | None = None, source: str = EventSource.SYSTEM,
                    actor: str | None = None) -> None:
        attempt_status, session_status = outcome_of(reason)
        ended_at = min(now, attempt.deadline_at) if reason is EndReason.EXPIRED else now
        attempt.status = attempt_status
        attempt.ended_at = ended_at
        attempt.end_reason = reason
        session = self._sessions.get(attempt.session_id or "")
        if session is None or not is_live(session.status):
            return
        if reason in (EndReason.TERMINATED, EndReason.FORCE_ENDED):
            self.record_event(ws, session, EventType.TERMINATED, source=source, now=now,
                              detail=detail, actor=actor)
        session.status = session_status
        session.ended_at = ended_at
        self.record_event(ws, session, EventType.SESSION_ENDED, source=EventSource.SYSTEM,
                          now=now, detail=_ended_detail(reason), occurred_at=ended_at)
        ws.emit(SessionChanged(session.id, session_status, "ended"))

    def ended_conflict(self, session: _Session | None, status: str,
                       ended_at: datetime | None) -> Conflict:
        if session is not None:
            terminations = [e.event for e in self._events.get(session.id, [])
                            if e.event.type == EventType.TERMINATED]
            if terminations:
                latest = max(terminations, key=lambda e: e.occurred_at)
                return AlreadyTerminated(latest.actor, time_param(latest.occurred_at))
        at = time_param(ended_at) if ended_at is not None else None
        if session is not None:
            return SessionEnded(session.status, at)
        return AttemptEnded(status, at)

    def seen(self, ws: _Write, attempt: _Attempt, now: datetime, *, coarse: bool = False) -> None:
        """The kiosk used its token: ``kiosk_seen_at`` of its live session. A call that writes
        nothing else (``coarse``: heartbeat, repeat) moves it only by CONTACT_WRITE_SECONDS or
        more, with a ``kiosk_seen`` change, as the core's batched flush does (at once here)."""
        session = self._sessions.get(attempt.session_id or "")
        if session is None or not is_live(session.status):
            return
        seen = session.kiosk_seen_at
        if coarse:
            if seen is None or (now - seen).total_seconds() >= CONTACT_WRITE_SECONDS:
                session.kiosk_seen_at = now
                ws.emit(SessionChanged(session.id, session.status, KIOSK_SEEN))
        elif seen is None or seen < now:
            session.kiosk_seen_at = now

    def touch(self, ws: _Write, attempt_id: str) -> _Attempt:
        """The attempt; an overdue one expires first, and that sticks whatever follows."""
        attempt = self._attempts.get(attempt_id)
        if attempt is None:
            raise AttemptNotFound(attempt_id)
        now = self.clock.now()
        if is_overdue(attempt.status, attempt.deadline_at, now, attempt.paused_at):
            self.end_attempt(ws, attempt, EndReason.EXPIRED, now=now,
                             source=EventSource.PROCTOR)
            ws.commit_now()
        return attempt

    def expire_overdue(self) -> int:
        now = self.clock.now()
        with self.write() as ws:
            overdue = [a for a in self._attempts.values()
                       if is_overdue(a.status, a.deadline_at, now, a.paused_at)]
            for attempt in overdue:
                self.end_attempt(ws, attempt, EndReason.EXPIRED, now=now,
                                 source=EventSource.PROCTOR)
            return len(overdue)

    def attempt_count(self, exam_id: str) -> int:
        return sum(1 for a in self._attempts.values() if a.exam_id == exam_id)

    # ---- records as the core returns them ---------------------------------------------------
    def exam_dto(self, exam: _Exam) -> ExamDTO:
        return ExamDTO(exam.id, exam.title, exam.duration_seconds, exam.proctoring_enabled,
                       exam.snapshot_interval_seconds, exam.created_at, exam.is_archived,
                       self.attempt_count(exam.id))

    def session_dto(self, session: _Session) -> SessionDTO:
        attempt = self._attempts[session.attempt_id]
        exam = self._exams[attempt.exam_id]
        warnings = sorted((w for w in self._warnings.values() if w.session_id == session.id),
                          key=lambda w: w.sent_at, reverse=True)
        kiosk_closed_at = None
        granted = self._accommodations.get((attempt.exam_id, attempt.candidate_ref))
        paused = attempt.status == AttemptStatus.IN_PROGRESS and attempt.paused_at is not None
        if session.status == SessionStatus.ACTIVE:
            since = session.last_snapshot_at or session.started_at
            kiosk_closed_at = max((e.recorded_at for e in self._events.get(session.id, [])
                                   if e.event.type == KIOSK_CLOSED
                                   and e.event.occurred_at >= since), default=None)
        return SessionDTO(
            session_id=session.id,
            attempt_id=attempt.id,
            candidate_name=self._candidates[attempt.candidate_ref],
            candidate_ref=attempt.candidate_ref,
            exam_id=exam.id,
            exam_title=exam.title,
            status=session.status,
            attempt_status=attempt.status,
            started_at=session.started_at,
            ended_at=session.ended_at,
            deadline_at=attempt.deadline_at,
            snapshot_interval_seconds=exam.snapshot_interval_seconds,
            snapshot_count=session.snapshot_count,
            last_snapshot_at=session.last_snapshot_at,
            latest_snapshot_id=session.latest_snapshot_id,
            latest_face_count=session.latest_face_count,
            risk_score=session.risk_score,
            risk_level=risk_level(session.risk_score),
            is_flagged=session.is_flagged,
            flag_reason=session.flag_reason,
            flag_note=session.flag_note,
            review_outcome=session.review_outcome,
            review_note=session.review_note,
            reviewed_at=session.reviewed_at,
            camera_off=session.camera_off,
            warning_sent_at=warnings[0].sent_at if warnings else None,
            warning_acknowledged_at=warnings[0].acknowledged_at if warnings else None,
            kiosk_closed_at=kiosk_closed_at,
            seat=attempt.seat,
            flagged_by=session.flagged_by if session.is_flagged else None,
            kiosk_seen_at=session.kiosk_seen_at,
            room=attempt.room,
            paused=paused,
            paused_reason=attempt.paused_reason if paused else None,
            paused_at=attempt.paused_at if paused else None,
            paused_seconds=attempt.paused_seconds,
            added_seconds=attempt.added_seconds,
            accommodation=granted.terms.summary if granted else None,
            accommodation_percent=granted.terms.extra_percent if granted else 0,
            accommodation_minutes=granted.terms.extra_minutes if granted else 0,
            accommodation_seconds=attempt.accommodation_seconds,
            accommodation_exempt=granted.terms.exempt if granted else (),
            accommodation_note=granted.terms.note if granted else None,
            accommodation_by=granted.set_by if granted else None,
        )

    def attempt_state(self, attempt: _Attempt) -> AttemptState:
        exam = self._exams[attempt.exam_id]
        paused_at = attempt.paused_at if attempt.status == AttemptStatus.IN_PROGRESS else None
        session = self._sessions.get(attempt.session_id or "")
        warnings = sorted((w for w in self._warnings.values()
                           if session is not None and w.session_id == session.id),
                          key=lambda w: w.sent_at)
        return AttemptState(
            attempt_id=attempt.id,
            exam_id=exam.id,
            exam_title=exam.title,
            candidate_ref=attempt.candidate_ref,
            candidate_name=self._candidates[attempt.candidate_ref],
            status=attempt.status,
            started_at=attempt.started_at,
            deadline_at=attempt.deadline_at,
            ended_at=attempt.ended_at,
            remaining_seconds=remaining_seconds(attempt.status, attempt.deadline_at,
                                                self.clock.now(), paused_at),
            snapshot_interval_seconds=exam.snapshot_interval_seconds,
            proctor_session_id=session.id if session else None,
            proctor_session_status=session.status if session else None,
            warnings=tuple(_warning_dto(w) for w in warnings),
            seat=attempt.seat,
            room=attempt.room,
            paused=paused_at is not None,
            paused_reason=attempt.paused_reason if paused_at is not None else None,
            paused_at=paused_at,
        )


def _warning_dto(w: _Warning) -> WarningDTO:
    return WarningDTO(w.id, w.message, w.sent_at, w.acknowledged_at, w.cleared_at)


class _Exams:
    def __init__(self, core: InMemoryCore) -> None:
        self._core = core

    def create_exam(self, title: str, duration_seconds: int, proctoring_enabled: bool = True,
                    snapshot_interval_seconds: int = 30) -> ExamDTO:
        core = self._core
        exam = _Exam(new_id(), _valid_title(title), _valid_duration(duration_seconds),
                     proctoring_enabled, _valid_interval(snapshot_interval_seconds),
                     core.clock.now())
        with core.write() as ws:
            core._exams[exam.id] = exam
            ws.emit(ExamsChanged(exam.id))
            return core.exam_dto(exam)

    def list_exams(self, include_archived: bool = False) -> list[ExamDTO]:
        core = self._core
        with core.read():
            exams = sorted(core._exams.values(), key=lambda e: e.title)
            exams.sort(key=lambda e: e.created_at, reverse=True)
            return [core.exam_dto(e) for e in exams if include_archived or not e.is_archived]

    def get_exam(self, exam_id: str) -> ExamDTO:
        with self._core.read():
            return self._core.exam_dto(self._exam(exam_id))

    def update_exam(self, exam_id: str, changes: ExamChanges) -> ExamDTO:
        core = self._core
        title = None if changes.title is None else _valid_title(changes.title)
        if changes.duration_seconds is not None:
            _valid_duration(changes.duration_seconds)
        if changes.snapshot_interval_seconds is not None:
            _valid_interval(changes.snapshot_interval_seconds)
        with core.write() as ws:
            exam = self._exam(exam_id)
            before = core.exam_dto(exam)
            refused = locked_fields(before, changes)
            if refused:
                raise ExamAlreadyStarted(exam.title, before.attempt_count, refused)
            if title is not None:
                exam.title = title
            for name in ("duration_seconds", "proctoring_enabled", "snapshot_interval_seconds"):
                if (value := getattr(changes, name)) is not None:
                    setattr(exam, name, value)
            after = core.exam_dto(exam)
            if after != before:
                ws.emit(ExamsChanged(exam.id))
            return after

    def archive_exam(self, exam_id: str) -> ExamDTO:
        return self._set_archived(exam_id, True)

    def restore_exam(self, exam_id: str) -> ExamDTO:
        return self._set_archived(exam_id, False)

    def _set_archived(self, exam_id: str, is_archived: bool) -> ExamDTO:
        with self._core.write() as ws:
            exam = self._exam(exam_id)
            if exam.is_archived != is_archived:
                exam.is_archived = is_archived
                ws.emit(ExamsChanged(exam.id))
            return self._core.exam_dto(exam)

    def _exam(self, exam_id: str) -> _Exam:
        exam = self._core._exams.get(exam_id)
        if exam is None:
            raise ExamNotFound(exam_id)
        return exam


class _Attempts:
    def __init__(self, core: InMemoryCore) -> None:
        self._core = core

    def start_attempt(self, exam_id: str, candidate_ref: str, candidate_name: str,
                      seat: str | None = None, room: str | None = None) -> StartedAttempt:
        core = self._core
        ref, name = candidate_ref.strip(), candidate_name.strip()
        seat = clean_seat(seat)
        room = clean_room(room)
        if not ref or len(ref) > 100:
            raise InvalidInput("The candidate ID must be 1 to 100 characters.")
        if not name or len(name) > 200:
            raise InvalidInput("The candidate name must be 1 to 200 characters.")
        now = core.clock.now()
        with core.write() as ws:
            exam = core._exams.get(exam_id)
            if exam is None:
                raise ExamNotFound(exam_id)
            attempt = next((a for a in core._attempts.values()
                            if a.exam_id == exam.id and a.candidate_ref == ref
                            and a.status == AttemptStatus.IN_PROGRESS), None)
            if attempt is not None and is_overdue(attempt.status, attempt.deadline_at, now,
                                                  attempt.paused_at):
                core.end_attempt(ws, attempt, EndReason.EXPIRED, now=now,
                                 source=EventSource.PROCTOR)
                attempt = None
            is_new = attempt is None
            if is_new and exam.is_archived:
                raise ExamArchived(exam.title)
            core._candidates[ref] = name
            moved = attempt is not None and (
                (seat is not None and attempt.seat != seat)
                or (room is not None and attempt.room != room))
            if attempt is not None and moved:
                attempt.seat = seat if seat is not None else attempt.seat
                attempt.room = room if room is not None else attempt.room
                if attempt.session_id is not None:
                    ws.emit(SessionChanged(attempt.session_id, SessionStatus.ACTIVE, "seat"))
            if attempt is None:
                granted = core._accommodations.get((exam.id, ref))
                extra = granted.terms.extra_seconds(exam.duration_seconds) if granted else 0
                attempt = _Attempt(new_id(), exam.id, ref, AttemptStatus.IN_PROGRESS, now,
                                   now + timedelta(seconds=exam.duration_seconds + extra), seat,
                                   room=room, accommodation_seconds=extra)
                core._attempts[attempt.id] = attempt
                if exam.proctoring_enabled:
                    session = _Session(new_id(), attempt.id, SessionStatus.ACTIVE, now)
                    core._sessions[session.id] = session
                    attempt.session_id = session.id
                    core.record_event(ws, session, EventType.SESSION_STARTED,
                                      source=EventSource.SYSTEM, now=now,
                                      detail=session_started(name, exam.title))
                    ws.emit(SessionChanged(session.id, session.status, "started"))
            return StartedAttempt(
                attempt_id=attempt.id,
                token=f"attempt-token-{attempt.id}",
                status=attempt.status,
                started_at=attempt.started_at,
                deadline_at=attempt.deadline_at,
                snapshot_interval_seconds=exam.snapshot_interval_seconds,
                proctor_session_id=attempt.session_id,
                exam_id=exam.id,
                exam_title=exam.title,
                is_new=is_new,
                seat=attempt.seat,
                room=attempt.room,
            )

    def get_attempt(self, attempt_id: str) -> AttemptState:
        core = self._core
        with core.write() as ws:
            attempt = core.touch(ws, attempt_id)
            core.seen(ws, attempt, core.clock.now(), coarse=True)
            return core.attempt_state(attempt)

    def submit_attempt(self, attempt_id: str, submitted_at: datetime | None = None
                       ) -> AttemptState:
        core = self._core
        now = core.clock.now()
        pressed = min(utc(submitted_at), now) if submitted_at is not None else None
        with core.write() as ws:
            attempt = core.touch(ws, attempt_id)
            if pressed is not None and attempt.end_reason == EndReason.EXPIRED:
                self._hand_in_late(ws, attempt, pressed, now)
                return core.attempt_state(attempt)
            _require_in_progress(attempt)
            core.seen(ws, attempt, core.clock.now())
            core.end_attempt(ws, attempt, EndReason.SUBMITTED, now=core.clock.now(),
                             source=EventSource.PROCTOR)
            return core.attempt_state(attempt)

    def _hand_in_late(self, ws: _Write, attempt: _Attempt, pressed: datetime,
                      now: datetime) -> None:
        core = self._core
        session = core._sessions.get(attempt.session_id or "")
        contact = None
        if session is not None:
            deadline = attempt.deadline_at
            times = [s.snapshot.received_at for s in core._snapshots.values()
                     if s.snapshot.session_id == session.id
                     and s.snapshot.received_at <= deadline]
            times += [e.recorded_at for e in core._events.get(session.id, [])
                      if e.event.source == EventSource.KIOSK and e.recorded_at <= deadline]
            if session.kiosk_seen_at is not None and session.kiosk_seen_at <= deadline:
                times.append(session.kiosk_seen_at)
            contact = max(times, default=None)
        check_late_hand_in(pressed, attempt.deadline_at, contact)
        attempt.status = AttemptStatus.SUBMITTED
        attempt.end_reason = EndReason.SUBMITTED
        attempt.ended_at = pressed
        if session is not None:
            core.record_event(ws, session, EventType.HANDED_IN, source=EventSource.KIOSK,
                              now=now, occurred_at=pressed,
                              detail=late_hand_in_detail(pressed, now))
            ws.emit(SessionChanged(session.id, session.status, "handed_in"))

    def force_end_attempt(self, attempt_id: str, reason: str | None = None, *,
                          actor: str = ADMIN_ACTOR) -> AttemptState:
        if is_sample_id(attempt_id):
            raise SampleSessionReadOnly()
        reason = (reason or "").strip() or "Force-ended by an administrator"
        if len(reason) > MAX_DETAIL:
            raise InvalidInput(code="reason_too_long", params={"limit": MAX_DETAIL})
        actor = clean_actor(actor)
        core = self._core
        with core.write() as ws:
            attempt = core.touch(ws, attempt_id)
            if attempt.status != AttemptStatus.IN_PROGRESS:
                session = core._sessions.get(attempt.session_id or "")
                raise core.ended_conflict(session, attempt.status, attempt.ended_at)
            core.end_attempt(ws, attempt, EndReason.FORCE_ENDED, now=core.clock.now(),
                             detail=reason, source=EventSource.PROCTOR, actor=actor)
            return core.attempt_state(attempt)

    def expire_overdue(self) -> int:
        return self._core.expire_overdue()

    def record_kiosk_event(self, attempt_id: str, event_type: str, detail: str | None = None,
                           occurred_at: datetime | None = None,
                           event_id: str | None = None,
                           cause: str | None = None, detail_code: str | None = None,
                           detail_params: dict[str, Any] | None = None) -> RecordedEvent:
        kind, cause = checked_kiosk_event(event_type, detail, event_id, cause)
        try:
            detail_code, detail_params = checked_client_words(detail_code, detail_params)
        except ValueError as exc:
            raise InvalidInput(str(exc)) from None
        core = self._core
        now = core.clock.now()
        at = min(utc(occurred_at), now) if occurred_at else now
        with core.write() as ws:
            attempt = core.touch(ws, attempt_id)
            session = _session_of(core, attempt)
            if event_id is not None and event_id in core._event_ids:
                if core._event_ids[event_id] != session.id:
                    raise Conflict("That event_id was already used by another attempt.")
                existing = next(e.event for e in core._events[session.id]
                                if e.event.event_id == event_id)
                core.seen(ws, attempt, now, coarse=True)
                return RecordedEvent(existing, is_new=False)
            _require_in_progress(attempt)
            core.seen(ws, attempt, now)
            dto = core.record_event(ws, session, kind, source=EventSource.KIOSK, now=now,
                                    detail=detail, occurred_at=at, event_id=event_id,
                                    cause=cause, detail_code=detail_code,
                                    detail_params=detail_params)
            return RecordedEvent(dto, is_new=True)

    def acknowledge_warning(self, attempt_id: str, warning_id: str) -> WarningDTO:
        core = self._core
        now = core.clock.now()
        with core.write() as ws:
            attempt = core.touch(ws, attempt_id)
            session = _session_of(core, attempt)
            warning = core._warnings.get(warning_id)
            if warning is None or warning.session_id != session.id:
                raise WarningNotFound(warning_id)
            core.seen(ws, attempt, now, coarse=warning.acknowledged_at is not None)
            if warning.acknowledged_at is None:
                warning.acknowledged_at = now
                core.record_event(ws, session, EventType.WARNING_ACKNOWLEDGED,
                                  source=EventSource.KIOSK, now=now, detail=warning.message)
                ws.emit(SessionChanged(session.id, session.status, "warning_acknowledged"))
            return _warning_dto(warning)


def _require_in_progress(attempt: _Attempt) -> None:
    if attempt.status != AttemptStatus.IN_PROGRESS:
        raise AttemptEnded(attempt.status)


def _session_of(core: InMemoryCore, attempt: _Attempt) -> _Session:
    session = core._sessions.get(attempt.session_id or "")
    if session is None:
        raise ProctoringDisabled()
    return session


class _Snapshots:
    def __init__(self, core: InMemoryCore) -> None:
        self._core = core
        #: Bytes the core's media store accepts in one upload.
        self.max_upload_bytes = 8 * 1024 * 1024
        self.max_side = 4096

    def record_snapshot(self, attempt_id: str, snapshot_id: str, data: bytes,
                        captured_at: datetime | None = None) -> RecordedSnapshot:
        core = self._core
        snapshot_id = canonical_snapshot_id(snapshot_id)
        now = core.clock.now()
        captured = utc(captured_at) if captured_at else now
        if captured > now + MAX_CLOCK_SKEW:
            captured = now
        with core.write() as ws:
            stored = core._snapshots.get(snapshot_id)
            if stored is not None:
                owner = core._sessions[stored.snapshot.session_id].attempt_id
                if owner != attempt_id:
                    raise Conflict(SNAPSHOT_ID_TAKEN)
                core.seen(ws, core._attempts[attempt_id], now, coarse=True)
                return RecordedSnapshot(stored.snapshot, is_new=False)
            attempt = core.touch(ws, attempt_id)
            _require_in_progress(attempt)
            session = _session_of(core, attempt)
            image, thumbnail, width, height = self._validate(data)
            dto = SnapshotDTO(snapshot_id, session.id, captured, now, width, height, len(image),
                              sha256=hashlib.sha256(image).hexdigest())
            core._snapshots[snapshot_id] = _Snapshot(dto, image, thumbnail)
            session.snapshot_count += 1
            core.seen(ws, attempt, now)
            if session.last_snapshot_at is None or session.last_snapshot_at <= captured:
                session.last_snapshot_at = captured
                session.latest_snapshot_id = snapshot_id
                session.latest_face_count = None
            ws.emit(SnapshotRecorded(session.id, snapshot_id))
            ws.emit(SessionChanged(session.id, session.status, "snapshot"))
            denied_at = max((e.event.occurred_at for e in core._events.get(session.id, [])
                             if e.event.type == EventType.CAMERA_DENIED),
                            default=None) if session.camera_off else None
            restore = restore_by_frames(denied_at, [captured])
            if restore is not None:  # a frame proves the camera works
                core.record_event(ws, session, EventType.CAMERA_RESTORED,
                                  source=EventSource.SYSTEM, now=now, detail=restore.detail,
                                  occurred_at=restore.at)
            return RecordedSnapshot(dto, is_new=True)

    def record_analysis(self, snapshot_id: str, face_count: int | None, cues: tuple[str, ...],
                        events: list[tuple[str, str | None]]) -> None:
        core = self._core
        now = core.clock.now()
        with core.write() as ws:
            stored = core._snapshots.get(snapshot_id)
            if stored is None:
                return
            session = core._sessions[stored.snapshot.session_id]
            stored.snapshot = replace(stored.snapshot, face_count=face_count,
                                      analysis=",".join(cues) or None, analysed_at=now)
            if session.latest_snapshot_id == snapshot_id:
                session.latest_face_count = face_count
            for event_type, detail in events:
                core.record_event(ws, session, event_type, source=EventSource.ANALYSIS, now=now,
                                  detail=detail, occurred_at=stored.snapshot.captured_at)
            if not events:
                core.refresh_risk(ws, session, now)
            ws.emit(SnapshotAnalysed(session.id, snapshot_id, face_count, cues))
            ws.emit(SessionChanged(session.id, session.status, "analysis"))

    def get_snapshot(self, snapshot_id: str) -> SnapshotDTO:
        return self._stored(snapshot_id).snapshot

    def read_image(self, snapshot_id: str) -> bytes:
        return self._stored(snapshot_id).image

    def read_thumbnail(self, snapshot_id: str) -> bytes:
        return self._stored(snapshot_id).thumbnail

    def storage_stats(self) -> StorageStats:
        """As the media store counts its files: each snapshot is an image and a thumbnail."""
        with self._core.read():
            stored = list(self._core._snapshots.values())
        return StorageStats(2 * len(stored), sum(len(s.image) + len(s.thumbnail)
                                                 for s in stored))

    def _stored(self, snapshot_id: str) -> _Snapshot:
        with self._core.read():
            stored = self._core._snapshots.get(snapshot_id)
        if stored is None:
            raise SnapshotNotFound(snapshot_id)
        return stored

    def _validate(self, data: bytes) -> tuple[bytes, bytes, int, int]:
        """The media store's checks, in memory: JPEG kept without metadata, PNG re-encoded as
        JPEG, a thumbnail made the same way."""
        if len(data) > self.max_upload_bytes:
            raise SnapshotRejected(413, "image_too_big",
                                   {"size": len(data), "max_bytes": self.max_upload_bytes})
        if data.startswith(JPEG_MAGIC):
            kind = "JPEG"
        elif data.startswith(PNG_MAGIC):
            kind = "PNG"
        else:
            raise SnapshotRejected(415, "image_not_jpeg_or_png")
        try:
            image = Image.open(io.BytesIO(data), formats=[kind])
            width, height = image.size
            pixels = image
            if kind == "JPEG":
                image.draft("RGB", (160, 120))
                image.load()
                stored = strip_jpeg_metadata(data)
            else:
                pixels = image.convert("RGB")
                buffer = io.BytesIO()
                pixels.save(buffer, "JPEG", quality=88)
                stored = buffer.getvalue()
        except UnidentifiedImageError:
            raise SnapshotRejected(422, "image_header_unreadable", {"kind": kind}) from None
        except (OSError, SyntaxError, ValueError) as exc:
            raise SnapshotRejected(422, "image_unreadable",
                                   {"kind": kind, "reason": str(exc)}) from None
        if not (1 <= width <= self.max_side and 1 <= height <= self.max_side):
            raise SnapshotRejected(422, "image_too_many_pixels",
                                   {"width": width, "height": height, "limit": self.max_side})
        return stored, make_thumbnail(pixels), width, height


class _Proctoring:
    def __init__(self, core: InMemoryCore, samples_enabled: bool) -> None:
        self._core = core
        self.samples_enabled = samples_enabled

    def list_sessions(self, status: SessionFilter | str = SessionFilter.ACTIVE,
                      include_samples: bool = False,
                      room: str | None = None) -> list[SessionDTO]:
        wanted = SessionFilter(status)
        room = clean_room(room)
        core = self._core
        core.expire_overdue()
        with core.read():
            rows = sorted(core._sessions.values(), key=lambda s: s.id)
            rows.sort(key=lambda s: s.started_at, reverse=True)
            sessions = [core.session_dto(s) for s in rows
                        if (wanted is SessionFilter.ALL or s.status == wanted.value)
                        and (room is None or core._attempts[s.attempt_id].room == room)]
        if (include_samples and self.samples_enabled and wanted is SessionFilter.ACTIVE
                and room is None and not sessions):
            return sample_sessions(core.clock.now())
        return sessions

    def get_session(self, session_id: str) -> SessionDetail:
        core = self._core
        if is_sample_id(session_id):
            for sample in sample_sessions(core.clock.now()):
                if sample.session_id == session_id:
                    return SessionDetail.of(sample, (), ())
            raise SessionNotFound(session_id)
        core.expire_overdue()
        with core.read():
            session = self._session(session_id)
            # Newest first; among events of the same moments, the one recorded last first.
            events = list(reversed(core._events.get(session.id, [])))
            events.sort(key=lambda e: (e.event.occurred_at, e.recorded_at), reverse=True)
            warnings = sorted((w for w in core._warnings.values()
                               if w.session_id == session.id),
                              key=lambda w: w.sent_at, reverse=True)
            return SessionDetail.of(core.session_dto(session), tuple(e.event for e in events),
                                    tuple(_warning_dto(w) for w in warnings))

    def get_session_summary(self, session_id: str) -> SessionDTO:
        if is_sample_id(session_id):
            return self.get_session(session_id).session
        with self._core.read():
            return self._core.session_dto(self._session(session_id))

    def list_snapshots(self, session_id: str, limit: int | None = None,
                       before: datetime | None = None) -> list[SnapshotDTO]:
        if is_sample_id(session_id):
            return []
        core = self._core
        with core.read():
            self._session(session_id)
            shots = [s.snapshot for s in core._snapshots.values()
                     if s.snapshot.session_id == session_id
                     and (before is None or s.snapshot.captured_at < before)]
        shots.sort(key=lambda s: (s.captured_at, s.snapshot_id), reverse=True)
        return shots if limit is None else shots[:limit]

    def flag_session(self, session_id: str, reason: str, note: str | None = None, *,
                     actor: str = ADMIN_ACTOR) -> SessionDTO:
        reason = _required(reason, "flag_reason_required", MAX_REASON)
        note = _optional(note, MAX_TEXT)
        actor = clean_actor(actor)
        core = self._core
        now = core.clock.now()
        with core.write() as ws:
            session = self._live_session(ws, session_id)
            detail = reason if not note else f"{reason} — {note}"
            if session.is_flagged:  # re-flagging records the new reason; the risk counts once
                core._events[session.id].append(_Event(EventDTO(
                    new_id(), session.id, EventType.FLAGGED, detail, now, EventSource.PROCTOR,
                    actor), now))
            else:
                core.record_event(ws, session, EventType.FLAGGED, source=EventSource.PROCTOR,
                                  now=now, detail=detail, actor=actor)
            session.is_flagged = True
            session.flagged_by = actor
            session.flag_reason = reason
            session.flag_note = note
            ws.emit(SessionChanged(session.id, session.status, "flagged"))
            return core.session_dto(session)

    def warn_session(self, session_id: str, message: str, *,
                     actor: str = ADMIN_ACTOR) -> WarningDTO:
        message = _required(message, "warning_message_required", MAX_TEXT)
        actor = clean_actor(actor)
        core = self._core
        now = core.clock.now()
        with core.write() as ws:
            session = self._live_session(ws, session_id)
            warning = _Warning(new_id(), session.id, message, now)
            core._warnings[warning.id] = warning
            core.record_event(ws, session, EventType.WARNING_SENT, source=EventSource.PROCTOR,
                              now=now, detail=message, actor=actor)
            ws.emit(SessionChanged(session.id, session.status, "warned"))
            return _warning_dto(warning)

    def terminate_session(self, session_id: str, reason: str, *,
                          actor: str = ADMIN_ACTOR) -> SessionDTO:
        reason = _required(reason, "terminate_reason_required", MAX_TEXT)
        actor = clean_actor(actor)
        core = self._core
        now = core.clock.now()
        with core.write() as ws:
            session = self._live_session(ws, session_id)
            core.end_attempt(ws, core._attempts[session.attempt_id], EndReason.TERMINATED,
                             now=now, detail=reason, source=EventSource.PROCTOR, actor=actor)
            return core.session_dto(session)

    def review_session(self, session_id: str, outcome: str, note: str | None = None, *,
                       actor: str = ADMIN_ACTOR) -> SessionDTO:
        if is_sample_id(session_id):
            raise SampleSessionReadOnly()
        verdict = checked_review_outcome(outcome)
        note = _optional(note, MAX_TEXT)
        actor = clean_actor(actor)
        core = self._core
        core.expire_overdue()
        now = core.clock.now()
        with core.write() as ws:
            session = self._session(session_id)
            if is_live(session.status):
                raise ReviewWhileActive()
            session.review_outcome = verdict
            session.review_note = note
            session.reviewed_at = now
            said = reviewed(verdict.value, note)
            core._events[session.id].append(_Event(EventDTO(
                new_id(), session.id, EventType.REVIEWED, str(said), now, EventSource.PROCTOR,
                actor, None, said.code, said.params), now))
            ws.emit(SessionChanged(session.id, session.status, "reviewed"))
            return core.session_dto(session)

    def handle_alert(self, session_id: str, alert: str, handling: AlertHandling | str, *,
                     actor: str = ADMIN_ACTOR) -> SessionDTO:
        if is_sample_id(session_id):
            raise SampleSessionReadOnly()
        try:
            kind, warning_id = parse_alert_key(alert)
            handling = AlertHandling(handling)
        except ValueError as error:
            raise InvalidInput(str(error)) from None
        actor = clean_actor(actor)
        core = self._core
        now = core.clock.now()
        event_type = (EventType.ALERT_ACKNOWLEDGED if handling is AlertHandling.ACKNOWLEDGED
                      else EventType.ALERT_DISMISSED)
        with core.write() as ws:
            session = self._session(session_id)
            key = kind.value
            if warning_id is not None:
                warning = core._warnings.get(warning_id)
                if warning is None or warning.session_id != session.id:
                    raise InvalidInput(code="no_such_warning")
                key = f"{kind.value}:{warning.id}"
                if handling is AlertHandling.DISMISSED and warning.cleared_at is None:
                    warning.cleared_at = now
            event = EventDTO(new_id(), session.id, event_type, key, now, EventSource.PROCTOR,
                             actor)
            core._events[session.id].append(_Event(event, now))
            ws.emit(EventRecorded(session.id, event.event_id, event.type))
            ws.emit(SessionChanged(session.id, session.status, str(event_type)))
            return core.session_dto(session)

    def pause_session(self, session_id: str, reason: str, *,
                      actor: str = ADMIN_ACTOR) -> SessionDTO:
        reason = _required(reason, "pause_reason_required",
                           MAX_REASON)
        actor = clean_actor(actor)
        core = self._core
        now = core.clock.now()
        with core.write() as ws:
            session = self._live_session(ws, session_id)
            attempt = core._attempts[session.attempt_id]
            if attempt.paused_at is not None:
                raise SessionAlreadyPaused(time_param(attempt.paused_at))
            attempt.paused_at = now
            attempt.paused_reason = reason
            core.record_event(ws, session, EventType.PAUSED, source=EventSource.PROCTOR,
                              now=now, detail=reason, actor=actor)
            ws.emit(SessionChanged(session.id, session.status, "paused"))
            return core.session_dto(session)

    def resume_session(self, session_id: str, *, actor: str = ADMIN_ACTOR) -> SessionDTO:
        actor = clean_actor(actor)
        core = self._core
        now = core.clock.now()
        with core.write() as ws:
            session = self._live_session(ws, session_id)
            attempt = core._attempts[session.attempt_id]
            if attempt.paused_at is None:
                raise SessionNotPaused()
            seconds = max(0, round((now - attempt.paused_at).total_seconds()))
            attempt.deadline_at = resumed_deadline(attempt.deadline_at, attempt.paused_at, now)
            attempt.paused_seconds += seconds
            attempt.paused_at = None
            attempt.paused_reason = None
            core.record_event(ws, session, EventType.RESUMED, source=EventSource.PROCTOR,
                              now=now, actor=actor,
                              detail=resumed(seconds))
            ws.emit(SessionChanged(session.id, session.status, "resumed"))
            return core.session_dto(session)

    def add_time(self, session_id: str, minutes: int, reason: str, *,
                 actor: str = ADMIN_ACTOR) -> SessionDTO:
        minutes = checked_extra_minutes(minutes)
        reason = _required(reason, "extra_time_reason_required", MAX_REASON)
        actor = clean_actor(actor)
        core = self._core
        now = core.clock.now()
        with core.write() as ws:
            session = self._live_session(ws, session_id)
            attempt = core._attempts[session.attempt_id]
            attempt.deadline_at += timedelta(minutes=minutes)
            attempt.added_seconds += minutes * 60
            core.record_event(ws, session, EventType.TIME_ADDED, source=EventSource.PROCTOR,
                              now=now, detail=time_added(minutes, reason), actor=actor)
            ws.emit(SessionChanged(session.id, session.status, "time_added"))
            return core.session_dto(session)

    def set_accommodation(self, exam_id: str, candidate_ref: str, *,
                          extra_percent: int | None = None, extra_minutes: int | None = None,
                          exempt: list[str] | tuple[str, ...] | None = None,
                          note: str | None = None,
                          actor: str = ADMIN_ACTOR) -> AccommodationDTO:
        terms = checked_terms(extra_percent, extra_minutes, exempt, note)
        ref = candidate_ref.strip()
        if not ref or len(ref) > 100:
            raise InvalidInput("The candidate ID must be 1 to 100 characters.")
        actor = clean_actor(actor)
        core = self._core
        now = core.clock.now()
        with core.write() as ws:
            exam = core._exams.get(exam_id)
            if exam is None:
                raise ExamNotFound(exam_id)
            core._accommodations[(exam.id, ref)] = _Accommodation(terms, actor, now)
            changed = 0
            for attempt in [a for a in core._attempts.values()
                            if a.exam_id == exam.id and a.candidate_ref == ref]:
                if attempt.status == AttemptStatus.IN_PROGRESS:
                    extra = terms.extra_seconds(exam.duration_seconds)
                    attempt.deadline_at += timedelta(seconds=extra - attempt.accommodation_seconds)
                    attempt.accommodation_seconds = extra
                    changed += 1
                session = core._sessions.get(attempt.session_id or "")
                if session is None:
                    continue
                if is_live(session.status):
                    core.record_event(ws, session, EventType.ACCOMMODATION_SET,
                                      source=EventSource.PROCTOR, now=now, actor=actor,
                                      detail=terms.said)
                else:
                    core.refresh_risk(ws, session, now)
                ws.emit(SessionChanged(session.id, session.status, "accommodation"))
            return AccommodationDTO(exam.id, ref, terms.extra_percent, terms.extra_minutes,
                                    terms.exempt, terms.note, actor, now, terms.summary, changed)

    def list_accommodations(self, exam_id: str) -> list[AccommodationDTO]:
        core = self._core
        with core.read():
            if exam_id not in core._exams:
                raise ExamNotFound(exam_id)
            return [AccommodationDTO(exam, ref, a.terms.extra_percent, a.terms.extra_minutes,
                                     a.terms.exempt, a.terms.note, a.set_by, a.set_at,
                                     a.terms.summary)
                    for (exam, ref), a in sorted(core._accommodations.items())
                    if exam == exam_id]

    def _session(self, session_id: str) -> _Session:
        session = self._core._sessions.get(session_id)
        if session is None:
            raise SessionNotFound(session_id)
        return session

    def _live_session(self, ws: _Write, session_id: str) -> _Session:
        if is_sample_id(session_id):
            raise SampleSessionReadOnly()
        core = self._core
        session = self._session(session_id)
        attempt = core._attempts[session.attempt_id]
        now = core.clock.now()
        if is_overdue(attempt.status, attempt.deadline_at, now, attempt.paused_at):
            core.end_attempt(ws, attempt, EndReason.EXPIRED, now=now)
            ws.commit_now()
        if not is_live(session.status):
            raise core.ended_conflict(session, session.status, session.ended_at)
        return session


class _Proctors:
    def __init__(self, core: InMemoryCore) -> None:
        self._core = core

    def create_proctor(self, username: str, display_name: str, password: str) -> ProctorDTO:
        username = clean_username(username)
        display_name = clean_display_name(display_name)
        check_password(password)
        core = self._core
        with core.write():
            if any(p.username == username for p in core._proctors.values()):
                raise UsernameTaken(username)
            row = _Proctor(new_id(), username, display_name, core.clock.now())
            core._proctors[row.id] = row
            return _proctor_dto(row)

    def list_proctors(self) -> list[ProctorDTO]:
        with self._core.read():
            return [_proctor_dto(p) for p in sorted(self._core._proctors.values(),
                                                    key=lambda p: p.username)]

    def disable_proctor(self, proctor_id: str) -> ProctorDTO:
        with self._core.write():
            row = self._core._proctors.get(proctor_id)
            if row is None:
                raise ProctorNotFound(proctor_id)
            row.is_disabled = True
            return _proctor_dto(row)


def _proctor_dto(p: _Proctor) -> ProctorDTO:
    return ProctorDTO(p.id, p.username, p.display_name, p.created_at, p.is_disabled)


# ---- the console's Center over it ------------------------------------------------------------
class InMemoryCenter:
    """The ``Center`` the console's windows see, over an ``InMemoryCore``: it answers as the
    embedded center does (this computer, the admin acting). A test may make it unreachable
    (``set_reachable(False)``): every call then raises ``CenterUnavailable`` and reachability
    listeners hear it, as from a remote center whose server stopped."""

    kind = "embedded"
    location = "this computer"
    can_manage_proctors = True
    last_problem = ""

    def __init__(self, core: InMemoryCore | None = None, who: str = ADMIN_ACTOR) -> None:
        self.core = core or InMemoryCore()
        self.who = who
        self.samples_enabled = self.core.proctoring.samples_enabled
        self.is_reachable = True
        self._reachability: tuple[ReachabilityListener, ...] = ()
        self.closed = False

    def set_reachable(self, reachable: bool) -> None:
        if reachable == self.is_reachable:
            return
        self.is_reachable = reachable
        for listener in self._reachability:
            listener(reachable)

    def _check(self) -> InMemoryCore:
        if not self.is_reachable:
            raise CenterUnavailable("The exam center cannot be reached; nothing was changed.")
        return self.core

    def now(self) -> datetime:
        return self.core.clock.now()

    def list_sessions(self, status: str = "active", include_samples: bool = False,
                      room: str | None = None) -> list[SessionDTO]:
        return self._check().proctoring.list_sessions(status, include_samples, room)

    def get_session(self, session_id: str) -> SessionDetail:
        return self._check().proctoring.get_session(session_id)

    def get_session_summary(self, session_id: str) -> SessionDTO:
        return self._check().proctoring.get_session_summary(session_id)

    def list_snapshots(self, session_id: str, limit: int | None = None,
                       before: datetime | None = None) -> list[SnapshotDTO]:
        return self._check().proctoring.list_snapshots(session_id, limit, before)

    def get_snapshot(self, snapshot_id: str) -> SnapshotDTO:
        return self._check().snapshots.get_snapshot(snapshot_id)

    def read_image(self, snapshot_id: str) -> bytes:
        return self._check().snapshots.read_image(snapshot_id)

    def read_thumbnail(self, snapshot_id: str) -> bytes:
        return self._check().snapshots.read_thumbnail(snapshot_id)

    def list_exams(self, include_archived: bool = False) -> list[ExamDTO]:
        return self._check().exams.list_exams(include_archived)

    def storage_stats(self) -> StorageStats:
        return self._check().snapshots.storage_stats()

    def storage_status(self) -> StorageStatus:
        return self._check().storage_status()

    def list_proctors(self) -> list[ProctorDTO]:
        return self._check().proctors.list_proctors()

    def list_webhooks(self) -> list:
        """The fake sends no webhooks: it has none, and says so when asked to add one."""
        self._check()
        return []

    def list_webhook_deliveries(self, webhook_id: str, limit: int = 100) -> list:
        self._check()
        raise WebhookNotFound(webhook_id)

    def create_webhook(self, url: str, events: list[str], description: str | None = None):
        self._check()
        raise DomainError("This exam center sends no webhooks; connect the console to a "
                          "proctor-server to add one.")

    def delete_webhook(self, webhook_id: str) -> None:
        self.list_webhook_deliveries(webhook_id)

    def test_webhook(self, webhook_id: str):
        return self.list_webhook_deliveries(webhook_id)

    def write_bundle(self, session_id: str, out: BinaryIO) -> None:
        """The fake keeps no evidence chain and no evidence key, so it signs no bundle: it
        says so, as a center that cannot make one would."""
        self._check().proctoring.get_session_summary(session_id)  # an unknown session: NotFound
        raise DomainError("This exam center makes no evidence bundles (it keeps no signed "
                          "evidence chain). Export the PDF report instead.")

    def create_exam(self, title: str, duration_seconds: int, proctoring_enabled: bool = True,
                    snapshot_interval_seconds: int = 30) -> ExamDTO:
        return self._check().exams.create_exam(title, duration_seconds, proctoring_enabled,
                                               snapshot_interval_seconds)

    def update_exam(self, exam_id: str, changes: ExamChanges) -> ExamDTO:
        return self._check().exams.update_exam(exam_id, changes)

    def archive_exam(self, exam_id: str) -> ExamDTO:
        return self._check().exams.archive_exam(exam_id)

    def restore_exam(self, exam_id: str) -> ExamDTO:
        return self._check().exams.restore_exam(exam_id)

    def create_proctor(self, username: str, display_name: str, password: str) -> ProctorDTO:
        return self._check().proctors.create_proctor(username, display_name, password)

    def disable_proctor(self, proctor_id: str) -> ProctorDTO:
        return self._check().proctors.disable_proctor(proctor_id)

    def flag_session(self, session_id: str, reason: str, note: str | None = None) -> SessionDTO:
        return self._check().proctoring.flag_session(session_id, reason, note, actor=self.who)

    def warn_session(self, session_id: str, message: str) -> str:
        return self._check().proctoring.warn_session(session_id, message,
                                                     actor=self.who).warning_id

    def terminate_session(self, session_id: str, reason: str) -> SessionDTO:
        return self._check().proctoring.terminate_session(session_id, reason, actor=self.who)

    def review_session(self, session_id: str, outcome: str,
                       note: str | None = None) -> SessionDTO:
        return self._check().proctoring.review_session(session_id, outcome, note,
                                                       actor=self.who)

    def handle_alert(self, session_id: str, alert: str, handling: str) -> SessionDTO:
        return self._check().proctoring.handle_alert(session_id, alert, handling,
                                                     actor=self.who)

    def pause_session(self, session_id: str, reason: str) -> SessionDTO:
        return self._check().proctoring.pause_session(session_id, reason, actor=self.who)

    def resume_session(self, session_id: str) -> SessionDTO:
        return self._check().proctoring.resume_session(session_id, actor=self.who)

    def add_time(self, session_id: str, minutes: int, reason: str) -> SessionDTO:
        return self._check().proctoring.add_time(session_id, minutes, reason, actor=self.who)

    def set_accommodation(self, exam_id: str, candidate_ref: str, *,
                          extra_percent: int | None = None, extra_minutes: int | None = None,
                          exempt: tuple[str, ...] | None = None,
                          note: str | None = None) -> AccommodationDTO:
        return self._check().proctoring.set_accommodation(
            exam_id, candidate_ref, extra_percent=extra_percent, extra_minutes=extra_minutes,
            exempt=exempt, note=note, actor=self.who)

    def subscribe(self, listener: ChangeListener) -> Callable[[], None]:
        return self.core.subscribe(listener)

    def watch_reachability(self, listener: ReachabilityListener) -> Callable[[], None]:
        self._reachability = (*self._reachability, listener)

        def unwatch() -> None:
            self._reachability = tuple(x for x in self._reachability if x is not listener)

        return unwatch

    def watch_sign_out(self, listener: Callable[[str], None]) -> Callable[[], None]:
        return lambda: None  # like the embedded center: never signed out

    def close(self) -> None:
        self.closed = True
