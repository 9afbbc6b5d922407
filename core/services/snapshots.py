"""Snapshot ingest and evidence reads: validate, store the file atomically, then the row."""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
import uuid
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import (
    Integer,
    String,
    bindparam,
    case,
    cast,
    func,
    insert,
    null,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.attributes import set_committed_value

from core.db.engine import UnitOfWork, WriteSession
from core.db.evidence_chain import lock_heads, place_snapshots
from core.db.models import Attempt, ProctorEvent, ProctorSession, Snapshot, UTCDateTime
from core.domain.camera import restore_by_frames
from core.domain.clock import Clock, utc
from core.domain.domain_events import SessionChanged, SnapshotAnalysed, SnapshotRecorded
from core.domain.enums import AttemptStatus, EventSource, EventType, SessionStatus
from core.domain.errors import (
    AttemptEnded,
    AttemptNotFound,
    Conflict,
    InvalidInput,
    ProctoringDisabled,
    SnapshotNotFound,
    StorageFull,
)
from core.domain.event_details import media_purged_params
from core.domain.evidence import purge_detail
from core.domain.lifecycle import is_overdue
from core.domain.records import RecordedSnapshot, SnapshotDTO, StorageStats
from core.domain.risk import RiskRule
from core.media.ingest_writer import GroupCommitWriter
from core.media.store import MediaStore
from core.services.attempts import AttemptService
from core.services.kiosk_contacts import later_seen
from core.services.proctoring import to_snapshot_dto
from core.services.records import new_id, record_event, refresh_risks

log = logging.getLogger(__name__)

#: Frames whose analysis input is kept from their write (more than any backlog holds: each
#: session's newest frame plus ``PROCTOR_ANALYSIS_QUEUE``, for a few thousand sessions).
STORED_INPUTS = 8192
SNAPSHOT_ID_TAKEN = "That snapshot_id was already used by another attempt."
#: A kiosk clock this far ahead of the server is not believed; its time is clamped to "now".
MAX_CLOCK_SKEW = timedelta(minutes=5)

SNAPSHOTS = Snapshot.__table__
SESSIONS = ProctorSession.__table__
ATTEMPTS = Attempt.__table__
EVENTS = ProctorEvent.__table__
#: The upload gate in one statement: the attempt, its session (with whether its camera is
#: reported off), and whether this snapshot_id is already stored (a retry).
_UPLOAD_GATE = (
    select(
        ATTEMPTS.c.status,
        ATTEMPTS.c.deadline_at,
        SESSIONS.c.id,
        SESSIONS.c.status,
        SESSIONS.c.camera_off,
        select(SNAPSHOTS.c.id).where(SNAPSHOTS.c.id == bindparam("snapshot_id"))
        .scalar_subquery(),
    )
    .select_from(ATTEMPTS.outerjoin(SESSIONS, SESSIONS.c.attempt_id == ATTEMPTS.c.id))
    .where(ATTEMPTS.c.id == bindparam("attempt_id"))
)
#: The same for a batch (without the repeat check, done before the batch's files are written).
_BATCH_GATE = (
    select(ATTEMPTS.c.id, ATTEMPTS.c.status, ATTEMPTS.c.deadline_at, SESSIONS.c.id,
           SESSIONS.c.status, SESSIONS.c.camera_off)
    .select_from(ATTEMPTS.outerjoin(SESSIONS, SESSIONS.c.attempt_id == ATTEMPTS.c.id))
    .where(ATTEMPTS.c.id.in_(bindparam("attempt_ids", expanding=True)))
)
#: Which of these snapshot ids are stored, and the attempt each belongs to.
_STORED_OWNERS = (
    select(SNAPSHOTS.c.id, SESSIONS.c.attempt_id)
    .select_from(SNAPSHOTS.join(SESSIONS, SESSIONS.c.id == SNAPSHOTS.c.session_id))
    .where(SNAPSHOTS.c.id.in_(bindparam("snapshot_ids", expanding=True)))
)
_IS_LATEST = or_(SESSIONS.c.last_snapshot_at.is_(None),
                 SESSIONS.c.last_snapshot_at <= bindparam("captured_at", type_=UTCDateTime))
#: The session summary: one more snapshot, and the latest one unless a newer one is known (a
#: frame captured earlier but delivered late does not become the latest).
_COUNT_SNAPSHOT = (
    update(SESSIONS)
    .where(SESSIONS.c.id == bindparam("session_id"))
    .values(
        snapshot_count=func.coalesce(SESSIONS.c.snapshot_count, 0) + 1,
        last_snapshot_at=case((_IS_LATEST, bindparam("captured_at", type_=UTCDateTime)),
                              else_=SESSIONS.c.last_snapshot_at),
        latest_snapshot_id=case((_IS_LATEST, bindparam("snapshot_id", type_=String)),
                                else_=SESSIONS.c.latest_snapshot_id),
        latest_face_count=case((_IS_LATEST, null()), else_=SESSIONS.c.latest_face_count),
        kiosk_seen_at=later_seen(bindparam("received_at", type_=UTCDateTime)),
    )
)
#: The same, and the session's chain moved to the snapshot's place (``place_snapshots``).
_COUNT_AND_CHAIN = _COUNT_SNAPSHOT.values(chain_length=bindparam("chain_length"),
                                          chain_head=bindparam("chain_head", type_=String))
_INSERT_SNAPSHOT = insert(SNAPSHOTS)
#: Of these sessions, those whose camera is reported off, and when it was last reported off
#: (asked only for sessions the gate saw with the camera off: most batches have none).
_CAMERA_OFF_SINCE = (
    select(SESSIONS.c.id, func.max(EVENTS.c.occurred_at))
    .select_from(SESSIONS.join(EVENTS, EVENTS.c.session_id == SESSIONS.c.id))
    .where(SESSIONS.c.id.in_(bindparam("session_ids", expanding=True)),
           SESSIONS.c.camera_off == true(), EVENTS.c.type == str(EventType.CAMERA_DENIED))
    .group_by(SESSIONS.c.id)
)


#: The session and capture time of each of these frames (the analysis stores their results).
_ANALYSED_SESSION_OF = (
    select(SNAPSHOTS.c.id, SNAPSHOTS.c.session_id, SNAPSHOTS.c.captured_at)
    .where(SNAPSHOTS.c.id.in_(bindparam("snapshot_ids", expanding=True)))
)


def _write_analyses(ws: WriteSession, stored: dict[str, AnalysisResult],
                    sessions: Sequence[ProctorSession], now: datetime) -> None:
    """The frames' face counts and cues in one ``UPDATE``, and their sessions' skipped frames
    and latest face counts (as ``_store_analysis`` left them) in one more."""
    if not stored:
        return
    by_id, by_session = SNAPSHOTS.c.id, SESSIONS.c.id
    # Cast: a CASE whose every value is NULL is text to PostgreSQL, not the column's type.
    ws.execute(update(SNAPSHOTS).where(by_id.in_(list(stored))).values(
        face_count=cast(case({i: r.face_count for i, r in stored.items()}, value=by_id),
                        Integer),
        analysis=cast(case({i: ",".join(r.cues) or None for i, r in stored.items()},
                           value=by_id), String),
        analysed_at=now))
    ws.execute(update(SESSIONS).where(by_session.in_([s.id for s in sessions])).values(
        frames_skipped=cast(case({s.id: s.frames_skipped for s in sessions}, value=by_session),
                            Integer),
        latest_face_count=cast(case({s.id: s.latest_face_count for s in sessions},
                                    value=by_session), Integer)))


#: What the analysis reads of one frame, in one plain statement (it reads one per frame).
_ANALYSIS_INPUT = (
    select(SNAPSHOTS.c.session_id, SNAPSHOTS.c.captured_at, SNAPSHOTS.c.width,
           SNAPSHOTS.c.face_count, SNAPSHOTS.c.path)
    .where(SNAPSHOTS.c.id == bindparam("snapshot_id"))
)
#: A session's newest analysed frames, newest first (what rebuilds the analysis's state of a
#: session after a restart; a new session has none, and this is asked once per session).
_ANALYSED_FRAMES = (
    select(SNAPSHOTS.c.id, SNAPSHOTS.c.captured_at, SNAPSHOTS.c.face_count,
           SNAPSHOTS.c.analysis, SNAPSHOTS.c.width, SNAPSHOTS.c.path)
    .where(SNAPSHOTS.c.session_id == bindparam("session_id"),
           SNAPSHOTS.c.face_count.is_not(None))
    .order_by(SNAPSHOTS.c.captured_at.desc(), SNAPSHOTS.c.id.desc())
    .limit(bindparam("limit"))
)


class AnalysisInput(NamedTuple):
    """A stored frame as the analysis needs it."""

    snapshot_id: str
    session_id: str
    captured_at: datetime
    width: int
    face_count: int | None  # not None: analysed already
    path: Path


class AnalysedFrameRow(NamedTuple):
    """A frame the analysis has looked at, with what it found."""

    snapshot_id: str
    captured_at: datetime
    face_count: int
    analysis: str | None  # its cues, comma-separated
    width: int
    path: Path  # its image (gone once its media is purged)


@dataclass(frozen=True)
class PreparedSnapshot:
    """A validated upload, ready for the writer: its files' bytes and its row."""

    attempt_id: str
    snapshot_id: str
    captured_at: datetime
    received_at: datetime
    width: int
    height: int
    size_bytes: int
    path: str
    thumbnail_path: str
    files: tuple[tuple[str, bytes], ...]
    #: SHA-256 (hex) of the stored image and of its thumbnail, computed where the bytes are made.
    sha256: str | None = None
    thumbnail_sha256: str | None = None


@dataclass(frozen=True)
class AnalysisResult:
    """What the analysis found in one frame, to be stored (``SnapshotService.record_analyses``)."""

    snapshot_id: str
    face_count: int | None
    cues: tuple[str, ...]
    #: The episodes' events it raised: (type, detail).
    events: tuple[tuple[str, str | None], ...] = ()
    #: Frames of its session skipped since the session's last analysed frame.
    skipped_before: int = 0


class _NotLive(Exception):
    """Inside a batch: the attempt is not simply in progress; its upload takes the full path
    (which may expire the attempt and commit that) in a transaction of its own."""


class SnapshotService:
    def __init__(self, uow: UnitOfWork, clock: Clock, media: MediaStore,
                 attempts: AttemptService, risk: RiskRule) -> None:
        self._uow = uow
        self._clock = clock
        self._media = media
        self._attempts = attempts
        self._risk = risk
        #: One thread stores every upload: files and rows of uploads that arrive together share
        #: one durability barrier and one write transaction (see core.media.ingest_writer).
        self.writer: GroupCommitWriter[PreparedSnapshot, RecordedSnapshot] = GroupCommitWriter(
            media, _SnapshotBatches(self))
        #: What the analysis needs of the frames this process stored a moment ago, from what it
        #: stored: ``analysis_input`` then reads nothing (see ``_just_stored``).
        self._stored_inputs: OrderedDict[str, tuple[str, datetime, int, str]] = OrderedDict()
        self._stored_inputs_lock = threading.Lock()

    def close(self) -> None:
        """Store what was submitted and stop the writer thread."""
        self.writer.stop()

    # ---- ingest --------------------------------------------------------------------------------
    def record_snapshot(
        self, attempt_id: str, snapshot_id: str, data: bytes, captured_at: datetime | None = None
    ) -> RecordedSnapshot:
        """Store one webcam snapshot of an in-progress attempt. Idempotent on ``snapshot_id``.

        Returns once the image, its thumbnail and its row are on stable storage."""
        prepared = self.prepare_snapshot(attempt_id, snapshot_id, data, captured_at)
        if isinstance(prepared, RecordedSnapshot):
            return prepared
        return self.submit(prepared).result()

    def prepare_snapshot(
        self, attempt_id: str, snapshot_id: str, data: bytes, captured_at: datetime | None = None
    ) -> PreparedSnapshot | RecordedSnapshot:
        """The caller's share of an upload (CPU work, off the writer thread): one light read
        decides (repeat? attempt still running?) before the image is decoded; then the image
        is validated and its thumbnail made. A repeat of a stored upload is answered here."""
        snapshot_id = canonical_snapshot_id(snapshot_id)
        now = self._clock.now()
        captured = utc(captured_at) if captured_at else now
        if captured > now + MAX_CLOCK_SKEW:
            captured = now

        existing = self._check_can_upload(attempt_id, snapshot_id, now)
        if existing is not None:
            self._attempts.contacts.note(attempt_id, now)  # a retry writes nothing else
            return RecordedSnapshot(existing, is_new=False)

        image = self._media.validate(data)  # raises SnapshotRejected: nothing written yet
        path, thumb_path = self._media.snapshot_paths(snapshot_id, captured)
        return PreparedSnapshot(
            attempt_id, snapshot_id, captured, now, image.width, image.height,
            len(image.stored_bytes), path, thumb_path,
            ((path, image.stored_bytes), (thumb_path, image.thumbnail_bytes)),
            hashlib.sha256(image.stored_bytes).hexdigest(),
            hashlib.sha256(image.thumbnail_bytes).hexdigest(),
        )

    def submit(self, prepared: PreparedSnapshot) -> Future[RecordedSnapshot]:
        """Hand a prepared upload to the writer; the future is answered once it is durable."""
        return self.writer.submit(prepared.snapshot_id, prepared.files, prepared)

    def oldest_upload_wait(self) -> float:
        """How long the oldest upload not stored yet has waited for the writer, in seconds."""
        return self.writer.oldest_wait()

    # ---- the writer's side (called on the writer thread) ----------------------------------------
    def _known(self, batch: Sequence[PreparedSnapshot]
               ) -> list[RecordedSnapshot | Exception | None]:
        """Which uploads of a batch are already stored: a repeat (200) or another attempt's
        snapshot_id (409)."""
        with self._uow.connect() as connection:
            owners = dict(connection.execute(
                _STORED_OWNERS, {"snapshot_ids": [p.snapshot_id for p in batch]}).all())
        answers: list[RecordedSnapshot | Exception | None] = []
        for prepared in batch:
            owner = owners.get(prepared.snapshot_id)
            if owner is None:
                answers.append(None)
            elif owner != prepared.attempt_id:
                answers.append(Conflict(SNAPSHOT_ID_TAKEN))
            else:
                answers.append(RecordedSnapshot(self.get_snapshot(prepared.snapshot_id),
                                                is_new=False))
        return answers

    def _commit(self, batch: Sequence[PreparedSnapshot]
                ) -> list[RecordedSnapshot | Exception]:
        """The rows of a batch whose files are durable, in one write transaction: one query
        checks every attempt, one statement inserts the rows, one updates the summaries. When
        that fails, the transaction is redone with a savepoint per row, so the failing row
        alone fails. An upload whose attempt is not simply in progress takes the full path
        (which may expire the attempt) in a transaction of its own."""
        results: list[RecordedSnapshot | Exception] = []
        try:
            with self._uow.write(urgent=True) as ws:
                results = self._insert_many(ws, batch)
        except Exception as exc:
            if len(batch) == 1:
                results = [exc]
            else:
                log.info("a row of a batch of %d snapshots failed (%s); storing the others "
                         "one savepoint each", len(batch), exc)
                results = []
                with self._uow.write(urgent=True) as ws:
                    for prepared in batch:
                        try:
                            with ws.begin_nested():
                                results.append(self._insert(ws, prepared))
                        except Exception as row_error:
                            results.append(row_error)
        for index, result in enumerate(results):
            if isinstance(result, _NotLive):
                try:
                    with self._uow.write() as ws:
                        results[index] = self._insert(ws, batch[index], full_path=True)
                except Exception as exc:
                    results[index] = exc
        return [_storage_full_or(result) for result in results]

    def _insert_many(self, ws: WriteSession, batch: Sequence[PreparedSnapshot]
                     ) -> list[RecordedSnapshot | Exception]:
        connection = ws.connection()
        now = batch[0].received_at
        live = {
            attempt_id: (session_id, session_status, camera_off)
            for attempt_id, status, deadline_at, session_id, session_status, camera_off
            in connection.execute(_BATCH_GATE,
                                  {"attempt_ids": list({p.attempt_id for p in batch})})
            if (status == AttemptStatus.IN_PROGRESS and session_id is not None
                and not is_overdue(status, deadline_at, now))
        }
        results: list[RecordedSnapshot | Exception] = []
        rows: list[dict[str, object]] = []
        counts: list[dict[str, object]] = []
        stored: list[tuple[PreparedSnapshot, tuple[str, str, bool]]] = []  # with their sessions
        for p in batch:
            session = live.get(p.attempt_id)
            if session is None:
                results.append(_NotLive())
                continue
            stored.append((p, session))
            rows.append(_row(p, session[0]))
            counts.append({"session_id": session[0], "snapshot_id": p.snapshot_id,
                           "captured_at": p.captured_at, "received_at": p.received_at})
            results.append(_recorded(p, session[0]))
        if rows:
            # The rows go in with their places in their chains (and the sessions' heads move
            # in the summary's update), so the commit has no snapshot left to chain.
            place_snapshots(lock_heads(connection, (str(row["session_id"]) for row in rows),
                                       connection.dialect.name == "postgresql"), rows)
            for row, count in zip(rows, counts, strict=True):
                count["chain_length"], count["chain_head"] = row["chain_seq"], row["chain_hash"]
            connection.execute(_INSERT_SNAPSHOT, rows)
            connection.execute(_COUNT_AND_CHAIN, counts)
            ws.snapshots_placed = True
        self._just_stored([(p, session[0]) for p, session in stored])
        for p, session in stored:
            ws.emit(SnapshotRecorded(session[0], p.snapshot_id))
            ws.emit(SessionChanged(session[0], session[1], "snapshot"))
        self._restore_cameras(ws, [(session[0], p.captured_at) for p, session in stored
                                   if session[2]], now)
        return results

    def _insert(self, ws: WriteSession, p: PreparedSnapshot,
                full_path: bool = False) -> RecordedSnapshot:
        """One upload's row and the session summary, inside the caller's transaction."""
        session_id, session_status, camera_off = self._live_session_for_upload(
            ws, p.attempt_id, p.received_at, full_path)
        connection = ws.connection()
        connection.execute(_INSERT_SNAPSHOT, _row(p, session_id))
        connection.execute(_COUNT_SNAPSHOT, {"session_id": session_id,
                                             "snapshot_id": p.snapshot_id,
                                             "captured_at": p.captured_at,
                                             "received_at": p.received_at})
        self._just_stored([(p, session_id)])
        ws.emit(SnapshotRecorded(session_id, p.snapshot_id))
        ws.emit(SessionChanged(session_id, session_status, "snapshot"))
        if camera_off:
            self._restore_cameras(ws, [(session_id, p.captured_at)], p.received_at)
        return _recorded(p, session_id)

    def _restore_cameras(self, ws: WriteSession, stored: Sequence[tuple[str, datetime]],
                         now: datetime) -> None:
        """A frame proves the camera works (core.domain.camera): a session reported camera off
        gets its ``camera_restored`` (source ``system``) when one of the snapshots just stored
        (session id, captured at) was captured after the last report, in the same transaction."""
        captured: dict[str, list[datetime]] = {}
        for session_id, at in stored:
            captured.setdefault(session_id, []).append(at)
        if not captured:
            return
        off_since = ws.connection().execute(_CAMERA_OFF_SINCE,
                                            {"session_ids": list(captured)}).all()
        for session_id, denied_at in off_since:
            restore = restore_by_frames(denied_at, captured[session_id])
            if restore is None:
                continue
            session = ws.get(ProctorSession, session_id)
            assert session is not None
            record_event(ws, session, EventType.CAMERA_RESTORED, source=EventSource.SYSTEM,
                         now=now, risk=self._risk, detail=restore.detail,
                         occurred_at=restore.at)

    def _existing(self, attempt_id: str, snapshot_id: str) -> SnapshotDTO | None:
        with self._uow.read() as s:
            row = s.get(Snapshot, snapshot_id)
            if row is None:
                return None
            owner = s.scalar(
                select(ProctorSession.attempt_id).where(ProctorSession.id == row.session_id)
            )
            if owner != attempt_id:
                raise Conflict(SNAPSHOT_ID_TAKEN)
            return to_snapshot_dto(row)

    def _check_can_upload(self, attempt_id: str, snapshot_id: str,
                          now: datetime) -> SnapshotDTO | None:
        """Cheap read-only gate before the image is decoded; the write re-checks. Returns the
        stored snapshot when this is a repeat of an upload that already succeeded."""
        with self._uow.connect() as connection:
            found = connection.execute(
                _UPLOAD_GATE, {"attempt_id": attempt_id, "snapshot_id": snapshot_id}).first()
        if found is None:
            self._existing(attempt_id, snapshot_id)  # another attempt's snapshot_id: 409 first
            raise AttemptNotFound(attempt_id)
        status, deadline_at, session_id, _session_status, _camera_off, stored_id = found
        if stored_id is not None:
            return self._existing(attempt_id, snapshot_id)
        if is_overdue(status, deadline_at, now):
            # A touch: expires it and closes its session (unless a proctor paused its clock).
            status = self._attempts.get_attempt(attempt_id).status
        if status != AttemptStatus.IN_PROGRESS:
            raise AttemptEnded(status)
        if session_id is None:
            raise ProctoringDisabled()
        return None

    def _live_session_for_upload(self, ws: WriteSession, attempt_id: str, now: datetime,
                                 full_path: bool) -> tuple[str, str, bool]:
        """Inside the write transaction: the live session of an in-progress attempt (id, status,
        whether its camera is reported off). Anything unusual (gone, overdue, ended) takes the
        attempt service's full path and its errors."""
        found = ws.connection().execute(
            _UPLOAD_GATE, {"attempt_id": attempt_id, "snapshot_id": None}).first()
        if found is not None:
            status, deadline_at, session_id, session_status, camera_off, _stored_id = found
            if (status == AttemptStatus.IN_PROGRESS and session_id is not None
                    and not is_overdue(status, deadline_at, now)):
                return session_id, session_status, bool(camera_off)
        if not full_path:
            raise _NotLive()
        session = self._attempts.session_for_upload(ws, attempt_id)  # raises the right error
        return session.id, session.status, bool(session.camera_off)

    # ---- analysis results ------------------------------------------------------------------------
    def record_analyses(self, results: Sequence[AnalysisResult]) -> None:
        """Store frames' analysis and append the events they raised (source ``analysis``), with
        the frames of their sessions the analysis skipped: one write for them all. The frames
        and their sessions are read in one query each, the frames' and the sessions' new values
        written in one statement each (an ``executemany`` is a step per row, and under load
        each step waited to get the interpreter back while this write held the writers' turn),
        and every session's risk is judged once, after its last frame (this write holds the
        database's single writer: the uploads' commits wait for it)."""
        now = self._clock.now()
        with self._uow.write() as ws:
            ids = list(dict.fromkeys(result.snapshot_id for result in results))
            frames = {snapshot_id: (session_id, captured_at) for snapshot_id, session_id,
                      captured_at in ws.execute(_ANALYSED_SESSION_OF, {"snapshot_ids": ids})}
            sessions = {session.id: session for session in ws.scalars(
                select(ProctorSession).where(ProctorSession.id.in_(
                    {session_id for session_id, _ in frames.values()})))}
            stored: dict[str, AnalysisResult] = {}
            judged: dict[str, bool] = {}  # session id -> its risk is judged with every frame
            for result in results:
                frame = frames.get(result.snapshot_id)
                if frame is None:
                    continue  # purged meanwhile
                session = sessions[frame[0]]
                stored[result.snapshot_id] = result
                self._store_analysis(ws, session, result, frame[1], now)
                # an event re-judges the risk; without one, an episode may still have grown or
                # ended with this frame: judged below, once
                judged[session.id] = bool(result.events)
            _write_analyses(ws, stored, [sessions[session_id] for session_id in judged], now)
            refresh_risks(ws, [sessions[session_id] for session_id, done in judged.items()
                               if not done], self._risk, now)

    def record_analysis(self, snapshot_id: str, face_count: int | None,
                        cues: tuple[str, ...], events: list[tuple[str, str | None]]) -> None:
        """Store one frame's analysis (see ``record_analyses``)."""
        self.record_analyses([AnalysisResult(snapshot_id, face_count, cues, tuple(events))])

    def _store_analysis(self, ws: WriteSession, session: ProctorSession, result: AnalysisResult,
                        captured_at: datetime, now: datetime) -> None:
        """A frame's events, and its session's summary as the ORM knows it (without marking it
        changed: ``_write_analyses`` writes the columns)."""
        skipped = (session.frames_skipped or 0) + max(0, result.skipped_before)
        set_committed_value(session, "frames_skipped", skipped)
        if session.latest_snapshot_id == result.snapshot_id:
            set_committed_value(session, "latest_face_count", result.face_count)
        for event_type, detail in result.events:
            record_event(ws, session, event_type, source=EventSource.ANALYSIS, now=now,
                         risk=self._risk, detail=detail, occurred_at=captured_at)
        ws.emit(SnapshotAnalysed(session.id, result.snapshot_id, result.face_count, result.cues))
        ws.emit(SessionChanged(session.id, session.status, "analysis"))

    def record_skipped_frames(self, counts: dict[str, int]) -> None:
        """Count frames the analysis skipped on their sessions (session id -> how many)."""
        with self._uow.write() as ws:
            for session_id, count in counts.items():
                session = ws.get(ProctorSession, session_id)
                if session is None or count <= 0:
                    continue
                session.frames_skipped = (session.frames_skipped or 0) + count
                ws.emit(SessionChanged(session.id, session.status, "analysis"))

    # ---- reads -----------------------------------------------------------------------------------
    def _just_stored(self, stored: Sequence[tuple[PreparedSnapshot, str]]) -> None:
        """Keep what the analysis will ask of these frames (inside their write: if it does not
        commit, no event announces them and nobody asks; the oldest are let go past
        ``STORED_INPUTS``)."""
        with self._stored_inputs_lock:
            for p, session_id in stored:
                self._stored_inputs[p.snapshot_id] = (session_id, p.captured_at, p.width, p.path)
            while len(self._stored_inputs) > STORED_INPUTS:
                self._stored_inputs.popitem(last=False)

    def analysis_input(self, snapshot_id: str) -> AnalysisInput:
        """What the analysis needs of a stored snapshot: of a frame this process stored a moment
        ago (asked once, by the analysis its event started), from what it stored, without a
        read; else in one plain read. Under load the read cost the analysis more than a tenth
        of each frame's time, most of it waiting to get the interpreter back."""
        with self._stored_inputs_lock:
            stored = self._stored_inputs.pop(snapshot_id, None)
        if stored is not None:
            session_id, captured_at, width, path = stored
            return AnalysisInput(snapshot_id, session_id, captured_at, width, None,
                                 self._media.resolve_written(path))
        with self._uow.connect() as connection:
            row = connection.execute(_ANALYSIS_INPUT, {"snapshot_id": snapshot_id}).first()
        if row is None:
            raise SnapshotNotFound(snapshot_id)
        session_id, captured_at, width, face_count, path = row
        return AnalysisInput(snapshot_id, session_id, captured_at, width, face_count,
                             self._media.resolve(path))

    def analysed_frames(self, session_id: str, limit: int) -> list[AnalysedFrameRow]:
        """The session's ``limit`` newest analysed frames, newest first."""
        with self._uow.connect() as connection:
            rows = connection.execute(_ANALYSED_FRAMES,
                                      {"session_id": session_id, "limit": limit}).all()
        return [AnalysedFrameRow(*row[:-1], self._media.resolve(row[-1])) for row in rows]

    def get_snapshot(self, snapshot_id: str) -> SnapshotDTO:
        with self._uow.read() as s:
            row = s.get(Snapshot, snapshot_id)
            if row is None:
                raise SnapshotNotFound(snapshot_id)
            return to_snapshot_dto(row)

    def image_path(self, snapshot_id: str) -> Path:
        return self._file(snapshot_id, thumbnail=False)

    def thumbnail_path(self, snapshot_id: str) -> Path:
        return self._file(snapshot_id, thumbnail=True)

    def read_thumbnail(self, snapshot_id: str) -> bytes:
        return self.thumbnail_path(snapshot_id).read_bytes()

    def read_image(self, snapshot_id: str) -> bytes:
        return self.image_path(snapshot_id).read_bytes()

    def read_with_digest(self, snapshot_id: str, thumbnail: bool = False) -> tuple[bytes, str]:
        """The image's (or thumbnail's) bytes and the SHA-256 (hex) recorded for them at ingest:
        bytes changed on disk since then no longer match it. A snapshot stored before digests
        existed gets the digest of the bytes read."""
        path, digest = self._file_and_digest(snapshot_id, thumbnail)
        data = path.read_bytes()
        return data, digest or hashlib.sha256(data).hexdigest()

    def _file(self, snapshot_id: str, thumbnail: bool) -> Path:
        return self._file_and_digest(snapshot_id, thumbnail)[0]

    def _file_and_digest(self, snapshot_id: str, thumbnail: bool) -> tuple[Path, str | None]:
        with self._uow.read() as s:
            row = s.get(Snapshot, snapshot_id)
            if row is None:
                raise SnapshotNotFound(snapshot_id)
            relative = row.thumbnail_path if thumbnail else row.path
            digest = row.thumbnail_sha256 if thumbnail else row.sha256
        path = self._media.resolve(relative)
        if not path.is_file():
            raise SnapshotNotFound(snapshot_id)
        return path, digest

    def storage_stats(self) -> StorageStats:
        return self._media.stats()

    # ---- housekeeping (called by the sweeper) ----------------------------------------------------
    def purge_expired_media(self, retention_days: float, batch_size: int = 20) -> int:
        """Delete the evidence of sessions that ended more than ``retention_days`` ago, a small
        batch at a time, rows and files together, and record it on each timeline."""
        now = self._clock.now()
        cutoff = now - timedelta(days=retention_days)
        with self._uow.read() as s:
            session_ids = s.scalars(
                select(ProctorSession.id)
                .where(
                    ProctorSession.status != SessionStatus.ACTIVE,
                    ProctorSession.ended_at < cutoff,
                    ProctorSession.media_purged_at.is_(None),
                )
                .limit(batch_size)
            ).all()
        purged = 0
        for session_id in session_ids:
            files: list[str] = []
            with self._uow.write() as ws:
                session = ws.get(ProctorSession, session_id)
                if session is None or session.media_purged_at is not None:
                    continue
                rows = ws.scalars(select(Snapshot).where(Snapshot.session_id == session_id)).all()
                for row in rows:
                    files += [row.path, row.thumbnail_path]
                    ws.delete(row)
                session.media_purged_at = now
                session.latest_snapshot_id = None
                # The chain records what left it, so a checker tells this purge from tampering.
                by = f"retention period of {retention_days:g} days"
                ws.add(ProctorEvent(
                    id=new_id(), session_id=session_id, type=EventType.MEDIA_PURGED,
                    detail=purge_detail(
                        f"{len(rows)} snapshots deleted after {retention_days:g} days",
                        [(row.chain_seq, row.chain_hash) for row in rows
                         if row.chain_seq is not None and row.chain_hash is not None], by),
                    detail_code="event_media_purged",
                    detail_params=media_purged_params(len(rows), retention_days),
                    source=EventSource.SYSTEM, occurred_at=now, recorded_at=now,
                ))
                ws.emit(SessionChanged(session_id, session.status, "media_purged"))
            self._media.remove(files)
            purged += 1
        return purged

    def remove_orphan_files(self, grace_seconds: float) -> int:
        with self._uow.read() as s:
            known: set[str] = set()
            for path, thumb in s.execute(select(Snapshot.path, Snapshot.thumbnail_path)):
                known.add(path)
                known.add(thumb)
        return self._media.remove_orphans(known, grace_seconds)


def _row(p: PreparedSnapshot, session_id: str) -> dict[str, object]:
    return {
        "id": p.snapshot_id, "session_id": session_id, "captured_at": p.captured_at,
        "received_at": p.received_at, "width": p.width, "height": p.height,
        "size_bytes": p.size_bytes, "path": p.path, "thumbnail_path": p.thumbnail_path,
        "sha256": p.sha256, "thumbnail_sha256": p.thumbnail_sha256,
    }


def _recorded(p: PreparedSnapshot, session_id: str) -> RecordedSnapshot:
    return RecordedSnapshot(
        SnapshotDTO(p.snapshot_id, session_id, p.captured_at, p.received_at, p.width, p.height,
                    p.size_bytes, sha256=p.sha256),
        is_new=True,
    )


class _SnapshotBatches:
    """The writer's view of the snapshot service (core.media.ingest_writer.BatchStore)."""

    def __init__(self, service: SnapshotService) -> None:
        self._service = service

    def known(self, payloads: Sequence[PreparedSnapshot]
              ) -> Sequence[RecordedSnapshot | Exception | None]:
        return self._service._known(payloads)

    def commit(self, payloads: Sequence[PreparedSnapshot]
               ) -> Sequence[RecordedSnapshot | Exception]:
        return self._service._commit(payloads)


def _storage_full_or(result: RecordedSnapshot | Exception) -> RecordedSnapshot | Exception:
    """SQLite's "database or disk is full" is the same full disk the files would meet."""
    if isinstance(result, OperationalError):
        code = getattr(result.orig, "sqlite_errorcode", None)
        if code == sqlite3.SQLITE_FULL:
            full = StorageFull()
            full.__cause__ = result
            return full
    return result


def canonical_snapshot_id(value: str) -> str:
    try:
        parsed = uuid.UUID(value.strip())
    except (ValueError, AttributeError):
        raise InvalidInput(
            "snapshot_id must be a UUID such as 1b4e28ba-2fa1-11d2-883f-0016d3cca427."
        ) from None
    return str(parsed)
