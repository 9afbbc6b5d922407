"""Sweeper: background housekeeping on a fixed period.

Each cycle expires overdue attempts, closes orphan active sessions, and (when a retention period
is set) purges old evidence in small batches. At start and every ``orphan_every`` cycles it also
removes temp files older than ``temp_grace_seconds`` (left by writes a crash cut short) and media
files no row points to that are older than ``orphan_grace_seconds``. Only old files go, because
several processes may share one media root. It drops changes older than the change log's window.
A failing step is logged and never stops the loop.

Several server processes on one PostgreSQL database each run a sweeper; a cycle runs only in the
process that claims it (a PostgreSQL advisory lock held for the cycle), so no job runs twice. On
SQLite there is one process and the claim is always granted.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import Engine, func, select

from core.media.store import MediaStore
from core.services.attempts import AttemptService
from core.services.snapshots import SnapshotService

log = logging.getLogger(__name__)


class JobClaims:
    """Claims a named job for this process while it runs (PostgreSQL session advisory lock)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._is_postgres = engine.dialect.name == "postgresql"

    @contextlib.contextmanager
    def claim(self, job: str) -> Iterator[bool]:
        """Yields True when this process may run ``job`` now, False when another one is."""
        if not self._is_postgres:
            yield True
            return
        key = zlib.crc32(f"proctor-job:{job}".encode())
        with self._engine.connect() as connection:
            granted = bool(connection.execute(select(func.pg_try_advisory_lock(key))).scalar())
            connection.commit()
            try:
                yield granted
            finally:
                if granted:
                    connection.execute(select(func.pg_advisory_unlock(key)))
                    connection.commit()


@dataclass
class SweepReport:
    expired: int = 0
    orphans_closed: int = 0
    sessions_purged: int = 0
    orphan_files_removed: int = 0
    changes_pruned: int = 0
    skipped: bool = False  # another process ran this cycle
    temp_files_removed: int = 0
    heads_signed: int = 0
    errors: list[str] = field(default_factory=list)


class Sweeper:
    def __init__(
        self,
        attempts: AttemptService,
        snapshots: SnapshotService,
        period_seconds: float,
        retention_days: float | None = None,
        orphan_grace_seconds: float = 3600.0,
        orphan_every: int = 120,
        claims: JobClaims | None = None,
        prune_changes: Callable[[], int] | None = None,
        media: MediaStore | None = None,
        temp_grace_seconds: float = 600.0,
        sign_heads: Callable[[], int] | None = None,
    ) -> None:
        #: Signs running sessions' chain heads that moved (at most once a minute each).
        self._sign_heads = sign_heads
        self._claims = claims
        self._prune_changes = prune_changes
        self._attempts = attempts
        self._snapshots = snapshots
        self.period_seconds = period_seconds
        self.retention_days = retention_days
        self.orphan_grace_seconds = orphan_grace_seconds
        self.temp_grace_seconds = temp_grace_seconds
        self._media = media
        self._orphan_every = max(1, orphan_every)
        self._cycles = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run_once(self, include_orphan_files: bool = False) -> SweepReport:
        if self._claims is None:
            return self._run_steps(include_orphan_files)
        with self._claims.claim("sweeper") as granted:
            return self._run_steps(include_orphan_files) if granted else SweepReport(skipped=True)

    def _run_steps(self, include_orphan_files: bool) -> SweepReport:
        report = SweepReport()
        steps = [
            ("expired", self._attempts.expire_overdue),
            ("orphans_closed", self._attempts.close_orphan_sessions),
        ]
        if self.retention_days:
            days = self.retention_days
            steps.append(("sessions_purged", lambda: self._snapshots.purge_expired_media(days)))
        if include_orphan_files:
            grace = self.orphan_grace_seconds
            steps.append(
                ("orphan_files_removed", lambda: self._snapshots.remove_orphan_files(grace))
            )
        if self._prune_changes is not None:
            steps.append(("changes_pruned", self._prune_changes))
        if self._sign_heads is not None:
            steps.append(("heads_signed", self._sign_heads))
        if include_orphan_files and self._media is not None:
            media, temp_grace = self._media, self.temp_grace_seconds
            steps.append(
                ("temp_files_removed", lambda: media.remove_stale_temp_files(temp_grace))
            )
        for name, step in steps:
            try:
                setattr(report, name, step())
            except Exception as exc:
                log.exception("sweeper step %s failed", name)
                report.errors.append(f"{name}: {exc}")
        return report

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="proctor-sweeper", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    @property
    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _loop(self) -> None:
        report = self.run_once(include_orphan_files=True)  # at start: what a crash left
        while True:
            if (report.expired or report.orphans_closed or report.sessions_purged
                    or report.orphan_files_removed or report.temp_files_removed):
                log.info("sweeper: %s", report)
            if self._stop.wait(self.period_seconds):
                return
            self._cycles += 1
            report = self.run_once(include_orphan_files=self._cycles % self._orphan_every == 0)
