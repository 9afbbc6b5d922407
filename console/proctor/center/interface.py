"""What the console's windows need from an exam center, as one typed interface.

Two implementations: ``EmbeddedCenter`` (this process's core) and ``RemoteCenter`` (a running
``proctor-server`` or another console, over HTTP and the live change stream). Widgets and models
see only ``Center`` and the events it delivers; one contract test suite runs against both
(``tests/console/proctor/center/test_center_contract.py``), and against the in-memory center
that the fast widget tests use. Nothing here imports Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import BinaryIO, Protocol

from core.domain.domain_events import DomainEvent
from core.domain.errors import DomainError
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

#: Called with every change the center reports, on a background thread.
ChangeListener = Callable[[DomainEvent], None]
#: Called with True when the center is reachable again and False when it is lost; after a
#: loss (or a ``reset`` of the stream) the lists must be read again.
ReachabilityListener = Callable[[bool], None]
#: Called once, with the center's sentence, when the center signs this console out (the
#: proctor's account was disabled, the sign-in ended elsewhere or expired): the console stops
#: acting and asks to sign in again. A center in this process never signs out.
SignOutListener = Callable[[str], None]


class CenterUnavailable(DomainError):
    """The center could not be reached (network, server stopped); the call changed nothing."""


class CenterRefused(DomainError):
    """The center refused the console's secret (expired or revoked): sign in again."""


class NotAllowed(DomainError):
    """The center knows who is asking, but that person may not do this (say, a proctor
    managing proctor accounts, which only the administrator does)."""


class Center(Protocol):
    """An exam center as the console sees it."""

    #: "embedded" or "remote": for the window title and the status bar, never for behaviour.
    kind: str
    #: Where the center is, in words ("this computer", "https://10.0.0.5:8765").
    location: str
    #: Who acts through this console, as the center records it ("Dana Lee", "Desk 3").
    who: str
    #: True when this console may create, list and disable proctor accounts (the admin).
    can_manage_proctors: bool
    #: True when the grid may show the two sample sessions before any real one (first run of
    #: the console that holds the center; never on a remote console).
    samples_enabled: bool
    #: Why the center, although it answers, cannot be used right now (a refused sign-in, an
    #: identity that changed), as a sentence; "" when it works or simply does not answer.
    last_problem: str

    def now(self) -> datetime: ...

    # ---- reading ---------------------------------------------------------------------------
    def list_sessions(self, status: str = "active", include_samples: bool = False,
                      room: str | None = None) -> list[SessionDTO]: ...

    def get_session(self, session_id: str) -> SessionDetail: ...

    def get_session_summary(self, session_id: str) -> SessionDTO: ...

    def list_snapshots(self, session_id: str, limit: int | None = None,
                       before: datetime | None = None) -> list[SnapshotDTO]: ...

    def get_snapshot(self, snapshot_id: str) -> SnapshotDTO: ...

    def read_image(self, snapshot_id: str) -> bytes: ...

    def read_thumbnail(self, snapshot_id: str) -> bytes: ...

    def list_exams(self, include_archived: bool = False) -> list[ExamDTO]: ...

    def storage_stats(self) -> StorageStats: ...

    def storage_status(self) -> StorageStatus: ...

    def list_proctors(self) -> list[ProctorDTO]: ...

    def write_bundle(self, session_id: str, out: BinaryIO) -> None:
        """Write the session's appeal bundle (a zip that ``proctor-verify`` checks offline),
        signed by the center now, to ``out`` as it comes: never whole in memory."""
        ...

    # ---- acting ----------------------------------------------------------------------------
    def create_exam(self, title: str, duration_seconds: int, proctoring_enabled: bool = True,
                    snapshot_interval_seconds: int = 30) -> ExamDTO: ...

    def update_exam(self, exam_id: str, changes: ExamChanges) -> ExamDTO: ...

    def archive_exam(self, exam_id: str) -> ExamDTO: ...

    def restore_exam(self, exam_id: str) -> ExamDTO: ...

    def create_proctor(self, username: str, display_name: str,
                       password: str) -> ProctorDTO: ...

    def disable_proctor(self, proctor_id: str) -> ProctorDTO: ...

    def flag_session(self, session_id: str, reason: str,
                     note: str | None = None) -> SessionDTO: ...

    def warn_session(self, session_id: str, message: str) -> str: ...

    def terminate_session(self, session_id: str, reason: str) -> SessionDTO: ...

    def review_session(self, session_id: str, outcome: str,
                       note: str | None = None) -> SessionDTO: ...

    def handle_alert(self, session_id: str, alert: str, handling: str) -> SessionDTO:
        """Record that this console's proctor ``acknowledged`` or ``dismissed`` the session's
        alert (its ``episode_key``); every console reads it back from the timeline."""
        ...

    def pause_session(self, session_id: str, reason: str) -> SessionDTO: ...

    def resume_session(self, session_id: str) -> SessionDTO: ...

    def add_time(self, session_id: str, minutes: int, reason: str) -> SessionDTO: ...

    def set_accommodation(self, exam_id: str, candidate_ref: str, *,
                          extra_percent: int | None = None, extra_minutes: int | None = None,
                          exempt: tuple[str, ...] | None = None,
                          note: str | None = None) -> AccommodationDTO: ...

    # ---- webhooks (the center's administrator) -------------------------------------------
    def list_webhooks(self) -> list[WebhookDTO]: ...

    def list_webhook_deliveries(self, webhook_id: str,
                                limit: int = 100) -> list[DeliveryDTO]: ...

    def create_webhook(self, url: str, events: list[str],
                       description: str | None = None) -> WebhookCreated: ...

    def delete_webhook(self, webhook_id: str) -> None: ...

    def test_webhook(self, webhook_id: str) -> WebhookTestResult:
        """Send the webhook a signed test event now (it waits for the answer, 10 s at most)."""
        ...

    # ---- changes ---------------------------------------------------------------------------
    def subscribe(self, listener: ChangeListener) -> Callable[[], None]: ...

    def watch_reachability(self, listener: ReachabilityListener) -> Callable[[], None]: ...

    def watch_sign_out(self, listener: SignOutListener) -> Callable[[], None]: ...

    def close(self) -> None: ...
