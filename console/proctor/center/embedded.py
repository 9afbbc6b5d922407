"""``EmbeddedCenter``: the console's own core, in this process."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import BinaryIO

from console.i18n import translate
from console.proctor.center.interface import (
    ChangeListener,
    ReachabilityListener,
    SignOutListener,
)
from core.bootstrap import Core
from core.domain.accounts import ADMIN_ACTOR
from core.domain.records import (
    AccommodationDTO,
    DeliveryDTO,
    ExamDTO,
    ProctorDTO,
    SessionDetail,
    SessionDTO,
    SnapshotDTO,
    StorageStats,
    WebhookCreated,
    WebhookDTO,
    WebhookTestResult,
)
from core.domain.storage import StorageStatus
from core.services.exams import ExamChanges


class EmbeddedCenter:
    kind = "embedded"

    can_manage_proctors = True
    last_problem = ""

    def __init__(self, core: Core, who: str = ADMIN_ACTOR) -> None:
        self.core = core
        # The name of the proctor at this desk: the ``actor`` of everything done here. It may
        # be changed while the console runs (File ▸ Proctor at this desk…).
        self.who = who
        self.samples_enabled = core.proctoring.samples_enabled

    @property
    def location(self) -> str:
        """Where the center is: this computer, in the console's language (read when shown)."""
        return translate("EmbeddedCenter", "this computer")

    def now(self) -> datetime:
        return self.core.clock.now()

    def list_sessions(self, status: str = "active", include_samples: bool = False,
                      room: str | None = None) -> list[SessionDTO]:
        return self.core.proctoring.list_sessions(status, include_samples, room)

    def get_session(self, session_id: str) -> SessionDetail:
        return self.core.proctoring.get_session(session_id)

    def get_session_summary(self, session_id: str) -> SessionDTO:
        return self.core.proctoring.get_session_summary(session_id)

    def list_snapshots(self, session_id: str, limit: int | None = None,
                       before: datetime | None = None) -> list[SnapshotDTO]:
        return self.core.proctoring.list_snapshots(session_id, limit, before)

    def get_snapshot(self, snapshot_id: str) -> SnapshotDTO:
        return self.core.snapshots.get_snapshot(snapshot_id)

    def read_image(self, snapshot_id: str) -> bytes:
        return self.core.snapshots.read_image(snapshot_id)

    def read_thumbnail(self, snapshot_id: str) -> bytes:
        return self.core.snapshots.read_thumbnail(snapshot_id)

    def list_exams(self, include_archived: bool = False) -> list[ExamDTO]:
        return self.core.exams.list_exams(include_archived)

    def storage_stats(self) -> StorageStats:
        return self.core.snapshots.storage_stats()

    def storage_status(self) -> StorageStatus:
        return self.core.storage_status()

    def list_proctors(self) -> list[ProctorDTO]:
        return self.core.proctors.list_proctors()

    def write_bundle(self, session_id: str, out: BinaryIO) -> None:
        self.core.evidence.write_bundle(session_id, out)

    def create_exam(self, title: str, duration_seconds: int, proctoring_enabled: bool = True,
                    snapshot_interval_seconds: int = 30) -> ExamDTO:
        return self.core.exams.create_exam(title, duration_seconds, proctoring_enabled,
                                           snapshot_interval_seconds)

    def update_exam(self, exam_id: str, changes: ExamChanges) -> ExamDTO:
        return self.core.exams.update_exam(exam_id, changes)

    def archive_exam(self, exam_id: str) -> ExamDTO:
        return self.core.exams.archive_exam(exam_id)

    def restore_exam(self, exam_id: str) -> ExamDTO:
        return self.core.exams.restore_exam(exam_id)

    def create_proctor(self, username: str, display_name: str, password: str) -> ProctorDTO:
        return self.core.proctors.create_proctor(username, display_name, password)

    def disable_proctor(self, proctor_id: str) -> ProctorDTO:
        return self.core.proctors.disable_proctor(proctor_id)

    def flag_session(self, session_id: str, reason: str, note: str | None = None) -> SessionDTO:
        return self.core.proctoring.flag_session(session_id, reason, note, actor=self.who)

    def warn_session(self, session_id: str, message: str) -> str:
        return self.core.proctoring.warn_session(session_id, message,
                                                 actor=self.who).warning_id

    def terminate_session(self, session_id: str, reason: str) -> SessionDTO:
        return self.core.proctoring.terminate_session(session_id, reason, actor=self.who)

    def review_session(self, session_id: str, outcome: str,
                       note: str | None = None) -> SessionDTO:
        return self.core.proctoring.review_session(session_id, outcome, note, actor=self.who)

    def pause_session(self, session_id: str, reason: str) -> SessionDTO:
        return self.core.proctoring.pause_session(session_id, reason, actor=self.who)

    def resume_session(self, session_id: str) -> SessionDTO:
        return self.core.proctoring.resume_session(session_id, actor=self.who)

    def handle_alert(self, session_id: str, alert: str, handling: str) -> SessionDTO:
        return self.core.proctoring.handle_alert(session_id, alert, handling, actor=self.who)

    def add_time(self, session_id: str, minutes: int, reason: str) -> SessionDTO:
        return self.core.proctoring.add_time(session_id, minutes, reason, actor=self.who)

    def set_accommodation(self, exam_id: str, candidate_ref: str, *,
                          extra_percent: int | None = None, extra_minutes: int | None = None,
                          exempt: tuple[str, ...] | None = None,
                          note: str | None = None) -> AccommodationDTO:
        return self.core.proctoring.set_accommodation(
            exam_id, candidate_ref, extra_percent=extra_percent, extra_minutes=extra_minutes,
            exempt=exempt, note=note, actor=self.who)

    def list_webhooks(self) -> list[WebhookDTO]:
        return self.core.webhooks.list_webhooks()

    def list_webhook_deliveries(self, webhook_id: str, limit: int = 100) -> list[DeliveryDTO]:
        return self.core.webhooks.list_deliveries(webhook_id, limit)

    def create_webhook(self, url: str, events: list[str],
                       description: str | None = None) -> WebhookCreated:
        return self.core.webhooks.create_webhook(url, events, description)

    def delete_webhook(self, webhook_id: str) -> None:
        self.core.webhooks.delete_webhook(webhook_id)

    def test_webhook(self, webhook_id: str) -> WebhookTestResult:
        return self.core.webhook_sender.send_test(webhook_id)

    def subscribe(self, listener: ChangeListener) -> Callable[[], None]:
        # Also what other server processes on the same database committed.
        return self.core.bus.subscribe(listener, include_remote=True)

    def watch_reachability(self, listener: ReachabilityListener) -> Callable[[], None]:
        return lambda: None  # the core is in this process: it never goes away

    def watch_sign_out(self, listener: SignOutListener) -> Callable[[], None]:
        return lambda: None  # the desk's console is never signed out of its own core

    def close(self) -> None:
        """The core belongs to whoever built it; nothing to release here."""
