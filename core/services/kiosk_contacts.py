"""KioskContacts: when each kiosk last used its attempt's token, kept for ``kiosk_seen_at``.

A heartbeat must never become a durable write of its own nor wait behind uploads, so a call
that writes nothing else (heartbeat, a repeated upload or event) only notes its time here, in
memory: a dict under a lock. A flusher thread writes what was noted every
``CONTACT_FLUSH_SECONDS``, coarsely: one read finds the sessions whose stored time is at least
``CONTACT_WRITE_SECONDS`` older than the noted one, and one transaction updates them all (one
statement, executed for the batch) and numbers a ``kiosk_seen`` session change for each, so
every console's list and live stream sees the kiosk's contact advance. Calls that write the
session anyway (uploads, events, acknowledgements, submit) set it in their own transaction.

With several server processes on one database each holds its own notes; every write keeps the
later time (``later_seen``), so whichever process writes last, the greatest time wins.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, bindparam, case, or_, select, update

from core.db.engine import UnitOfWork
from core.db.models import ProctorSession, UTCDateTime
from core.domain.clock import Clock
from core.domain.domain_events import SessionChanged
from core.domain.enums import SessionStatus
from core.domain.kiosk_state import CONTACT_FLUSH_SECONDS, CONTACT_WRITE_SECONDS

log = logging.getLogger(__name__)

SESSIONS = ProctorSession.__table__
#: The change a flush numbers for each session whose contact time it advanced.
KIOSK_SEEN = "kiosk_seen"


def later_seen(at: datetime | ColumnElement[Any]) -> ColumnElement[Any]:
    """``kiosk_seen_at`` set to ``at`` unless it already holds a later time (another process)."""
    value = at if isinstance(at, ColumnElement) else bindparam(None, at, type_=UTCDateTime)
    column = SESSIONS.c.kiosk_seen_at
    return case((or_(column.is_(None), column < value), value), else_=column)


#: The live sessions of these attempts, with their stored contact time.
_STORED = (
    select(SESSIONS.c.id, SESSIONS.c.attempt_id, SESSIONS.c.kiosk_seen_at)
    .where(SESSIONS.c.attempt_id.in_(bindparam("attempt_ids", expanding=True)),
           SESSIONS.c.status == SessionStatus.ACTIVE)
)
_SEEN_AT = bindparam("seen_at", type_=UTCDateTime)
_WRITE_SEEN = (
    update(SESSIONS)
    .where(SESSIONS.c.id == bindparam("session_id"),
           or_(SESSIONS.c.kiosk_seen_at.is_(None), SESSIONS.c.kiosk_seen_at < _SEEN_AT))
    .values(kiosk_seen_at=_SEEN_AT)
)


class KioskContacts:
    def __init__(self, uow: UnitOfWork, clock: Clock,
                 flush_seconds: float = CONTACT_FLUSH_SECONDS,
                 write_after_seconds: float = CONTACT_WRITE_SECONDS) -> None:
        self._uow = uow
        self._clock = clock
        self.flush_seconds = flush_seconds
        self._write_after = timedelta(seconds=write_after_seconds)
        self._lock = threading.Lock()
        self._noted: dict[str, datetime] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def note(self, attempt_id: str, at: datetime | None = None) -> None:
        """The attempt's token was used at ``at`` (now): remember it, write nothing."""
        at = at or self._clock.now()
        with self._lock:
            known = self._noted.get(attempt_id)
            if known is None or known < at:
                self._noted[attempt_id] = at

    def flush(self) -> int:
        """Write the noted times that move a stored one by the write threshold or more; returns
        how many sessions were written. Notes that fail to be written are kept for the next."""
        with self._lock:
            noted, self._noted = self._noted, {}
        if not noted:
            return 0
        try:
            return self._write(noted)
        except Exception:
            with self._lock:
                for attempt_id, at in noted.items():
                    known = self._noted.get(attempt_id)
                    if known is None or known < at:
                        self._noted[attempt_id] = at
            raise

    def _write(self, noted: dict[str, datetime]) -> int:
        with self._uow.connect() as connection:
            stored = connection.execute(_STORED, {"attempt_ids": list(noted)}).all()
        due = [{"session_id": session_id, "seen_at": noted[attempt_id]}
               for session_id, attempt_id, seen_at in stored
               if seen_at is None or noted[attempt_id] - seen_at >= self._write_after]
        if not due:
            return 0
        with self._uow.write() as ws:
            ws.connection().execute(_WRITE_SEEN, due)
            for row in due:
                ws.emit(SessionChanged(str(row["session_id"]), SessionStatus.ACTIVE, KIOSK_SEEN))
        return len(due)

    # ---- the flusher thread ----------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="kiosk-contacts", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the flusher and write what is noted (a clean stop loses no contact)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        try:
            self.flush()
        except Exception:
            log.exception("writing the kiosks' last contact times failed at stop")

    def _run(self) -> None:
        while not self._stop.wait(self.flush_seconds):
            try:
                self.flush()
            except Exception:
                log.exception("writing the kiosks' contact times failed; trying again")
