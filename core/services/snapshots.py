"""Snapshot ingest and evidence reads: validate, store the file atomically, then the row."""

from __future__ import annotations

import logging
import threading
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import String, bindparam, case, func, insert, null, or_, select, update
from sqlalchemy.exc import IntegrityError

from core.db.engine import UnitOfWork, WriteSession
from core.db.models import Attempt, ProctorEvent, ProctorSession, Snapshot, UTCDateTime
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
)
from core.domain.lifecycle import is_overdue
from core.domain.risk import RiskRule
from core.media import MediaStore
from core.services.attempts import AttemptService
from core.services.dto import RecordedSnapshot, SnapshotDTO, StorageStats
from core.services.proctoring import to_snapshot_dto
from core.services.records import new_id, record_event, refresh_risk

log = logging.getLogger(__name__)

#: A kiosk clock this far ahead of the server is not believed; its time is clamped to "now".
MAX_CLOCK_SKEW = timedelta(minutes=5)

SNAPSHOTS = Snapshot.__table__
SESSIONS = ProctorSession.__table__
ATTEMPTS = Attempt.__table__
#: The upload gate in one statement: the attempt, its session, and whether this snapshot_id is
#: already stored (a retry).
_UPLOAD_GATE = (
    select(
        ATTEMPTS.c.status,
        ATTEMPTS.c.deadline_at,
        SESSIONS.c.id,
        SESSIONS.c.status,
        select(SNAPSHOTS.c.id).where(SNAPSHOTS.c.id == bindparam("snapshot_id"))
        .scalar_subquery(),
    )
    .select_from(ATTEMPTS.outerjoin(SESSIONS, SESSIONS.c.attempt_id == ATTEMPTS.c.id))
    .where(ATTEMPTS.c.id == bindparam("attempt_id"))
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
    )
)
_INSERT_SNAPSHOT = insert(SNAPSHOTS)


class SnapshotService:
    def __init__(self, uow: UnitOfWork, clock: Clock, media: MediaStore,
                 attempts: AttemptService, risk: RiskRule) -> None:
        self._uow = uow
        self._clock = clock
        self._media = media
        self._attempts = attempts
        self._risk = risk
        # Uploads queue here rather than in SQLite's busy handler, which sleeps 1, 2, 5, 10 ms...
        # between retries: one waiting thread is woken the moment the previous write commits.
        self._write_lock = threading.Lock()

    # ---- ingest --------------------------------------------------------------------------------
    def record_snapshot(
        self, attempt_id: str, snapshot_id: str, data: bytes, captured_at: datetime | None = None
    ) -> RecordedSnapshot:
        """Store one webcam snapshot of an in-progress attempt. Idempotent on ``snapshot_id``.

        The hot path of the product: one light read decides (repeat? attempt still running?)
        before the image is decoded, and one short write transaction of plain statements
        inserts the row and updates the session summary."""
        snapshot_id = canonical_snapshot_id(snapshot_id)
        now = self._clock.now()
        captured = utc(captured_at) if captured_at else now
        if captured > now + MAX_CLOCK_SKEW:
            captured = now

        existing = self._check_can_upload(attempt_id, snapshot_id, now)
        if existing is not None:
            return RecordedSnapshot(existing, is_new=False)

        image = self._media.validate(data)  # raises SnapshotRejected: nothing written yet
        path, thumb_path = self._media.snapshot_paths(snapshot_id, captured)
        row = {
            "id": snapshot_id, "captured_at": captured, "received_at": now,
            "width": image.width, "height": image.height,
            "size_bytes": len(image.stored_bytes), "path": path, "thumbnail_path": thumb_path,
        }
        try:
            self._media.write_atomic_many(
                [(path, image.stored_bytes), (thumb_path, image.thumbnail_bytes)])
            with self._write_lock, self._uow.write() as ws:
                session_id, session_status = self._live_session_for_upload(ws, attempt_id, now)
                connection = ws.connection()
                connection.execute(_INSERT_SNAPSHOT, {**row, "session_id": session_id})
                connection.execute(_COUNT_SNAPSHOT, {"session_id": session_id,
                                                     "snapshot_id": snapshot_id,
                                                     "captured_at": captured})
                ws.emit(SnapshotRecorded(session_id, snapshot_id))
                ws.emit(SessionChanged(session_id, session_status, "snapshot"))
        except IntegrityError:
            # A concurrent retry of the same snapshot won: its row and our identical file stand.
            existing = self._existing(attempt_id, snapshot_id)
            if existing is None:
                self._media.remove([path, thumb_path])
                raise
            return RecordedSnapshot(existing, is_new=False)
        except BaseException:
            self._media.remove([path, thumb_path])  # files before rows: no row, no file
            raise
        return RecordedSnapshot(
            SnapshotDTO(snapshot_id, session_id, captured, now, image.width, image.height,
                        len(image.stored_bytes)),
            is_new=True,
        )

    def _existing(self, attempt_id: str, snapshot_id: str) -> SnapshotDTO | None:
        with self._uow.read() as s:
            row = s.get(Snapshot, snapshot_id)
            if row is None:
                return None
            owner = s.scalar(
                select(ProctorSession.attempt_id).where(ProctorSession.id == row.session_id)
            )
            if owner != attempt_id:
                raise Conflict("That snapshot_id was already used by another attempt.")
            return to_snapshot_dto(row)

    def _check_can_upload(self, attempt_id: str, snapshot_id: str,
                          now: datetime) -> SnapshotDTO | None:
        """Cheap read-only gate before the image is decoded; the write re-checks. Returns the
        stored snapshot when this is a repeat of an upload that already succeeded."""
        with self._uow.read() as s:
            found = s.connection().execute(
                _UPLOAD_GATE, {"attempt_id": attempt_id, "snapshot_id": snapshot_id}).first()
        if found is None:
            self._existing(attempt_id, snapshot_id)  # another attempt's snapshot_id: 409 first
            raise AttemptNotFound(attempt_id)
        status, deadline_at, session_id, _session_status, stored_id = found
        if stored_id is not None:
            return self._existing(attempt_id, snapshot_id)
        if is_overdue(status, deadline_at, now):
            self._attempts.get_attempt(attempt_id)  # a touch: expires it and closes its session
            raise AttemptEnded(AttemptStatus.EXPIRED)
        if status != AttemptStatus.IN_PROGRESS:
            raise AttemptEnded(status)
        if session_id is None:
            raise ProctoringDisabled()
        return None

    def _live_session_for_upload(self, ws: WriteSession, attempt_id: str,
                                 now: datetime) -> tuple[str, str]:
        """Inside the write transaction: the live session of an in-progress attempt. Anything
        unusual (gone, overdue, ended) takes the attempt service's full path and its errors."""
        found = ws.connection().execute(
            _UPLOAD_GATE, {"attempt_id": attempt_id, "snapshot_id": None}).first()
        if found is not None:
            status, deadline_at, session_id, session_status, _stored_id = found
            if (status == AttemptStatus.IN_PROGRESS and session_id is not None
                    and not is_overdue(status, deadline_at, now)):
                return session_id, session_status
        session = self._attempts.session_for_upload(ws, attempt_id)  # raises the right error
        return session.id, session.status

    # ---- analysis results ------------------------------------------------------------------------
    def record_analysis(
        self,
        snapshot_id: str,
        face_count: int | None,
        cues: tuple[str, ...],
        events: list[tuple[str, str | None]],
    ) -> None:
        """Store one frame's analysis and append the events it raised (source ``analysis``)."""
        now = self._clock.now()
        with self._uow.write() as ws:
            row = ws.get(Snapshot, snapshot_id)
            if row is None:
                return  # purged meanwhile
            session = ws.get(ProctorSession, row.session_id)
            assert session is not None
            row.face_count = face_count
            row.analysis = ",".join(cues) or None
            if session.latest_snapshot_id == snapshot_id:
                session.latest_face_count = face_count
            for event_type, detail in events:
                record_event(ws, session, event_type, source=EventSource.ANALYSIS, now=now,
                             risk=self._risk, detail=detail, occurred_at=row.captured_at)
            if not events:  # an episode may have grown or ended with this frame
                refresh_risk(ws, session, self._risk, now)
            ws.emit(SnapshotAnalysed(session.id, snapshot_id, face_count, cues))
            ws.emit(SessionChanged(session.id, session.status, "analysis"))

    # ---- reads -----------------------------------------------------------------------------------
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

    def _file(self, snapshot_id: str, thumbnail: bool) -> Path:
        with self._uow.read() as s:
            row = s.get(Snapshot, snapshot_id)
            if row is None:
                raise SnapshotNotFound(snapshot_id)
            relative = row.thumbnail_path if thumbnail else row.path
        path = self._media.resolve(relative)
        if not path.is_file():
            raise SnapshotNotFound(snapshot_id)
        return path

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
                ws.add(ProctorEvent(
                    id=new_id(), session_id=session_id, type=EventType.MEDIA_PURGED,
                    detail=f"{len(rows)} snapshots deleted after {retention_days:g} days",
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


def canonical_snapshot_id(value: str) -> str:
    try:
        parsed = uuid.UUID(value.strip())
    except (ValueError, AttributeError):
        raise InvalidInput(
            "snapshot_id must be a UUID such as 1b4e28ba-2fa1-11d2-883f-0016d3cca427."
        ) from None
    return str(parsed)
