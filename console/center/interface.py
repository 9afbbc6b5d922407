"""What the console's windows need from an exam center, as one typed interface.

Two implementations: ``EmbeddedCenter`` (this process's core) and ``RemoteCenter`` (a running
``proctor-server`` or another console, over HTTP and the live change stream). Widgets and models
see only ``Center`` and the events it delivers; one contract test suite runs against both
(``tests/contract``). Nothing here imports Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from core.domain.domain_events import DomainEvent
from core.domain.errors import DomainError
from core.media import StorageStats
from core.services.dto import ExamDTO, SessionDetail, SessionDTO, SnapshotDTO

#: Called with every change the center reports, on a background thread.
ChangeListener = Callable[[DomainEvent], None]
#: Called with True when the center is reachable again and False when it is lost; after a
#: loss (or a ``reset`` of the stream) the lists must be read again.
ReachabilityListener = Callable[[bool], None]


class CenterUnavailable(DomainError):
    """The center could not be reached (network, server stopped); the call changed nothing."""


class CenterRefused(DomainError):
    """The center refused the console's secret (expired or revoked): sign in again."""


class Center(Protocol):
    """An exam center as the console sees it."""

    #: "embedded" or "remote": for the window title and the status bar, never for behaviour.
    kind: str
    #: Where the center is, in words ("this computer", "https://10.0.0.5:8765").
    location: str

    def now(self) -> datetime: ...

    # ---- reading ---------------------------------------------------------------------------
    def list_sessions(self, status: str = "active",
                      include_samples: bool = False) -> list[SessionDTO]: ...

    def get_session(self, session_id: str) -> SessionDetail: ...

    def get_session_summary(self, session_id: str) -> SessionDTO: ...

    def list_snapshots(self, session_id: str, limit: int | None = None,
                       before: datetime | None = None) -> list[SnapshotDTO]: ...

    def read_image(self, snapshot_id: str) -> bytes: ...

    def read_thumbnail(self, snapshot_id: str) -> bytes: ...

    def list_exams(self) -> list[ExamDTO]: ...

    def storage_stats(self) -> StorageStats: ...

    # ---- acting ----------------------------------------------------------------------------
    def create_exam(self, title: str, duration_seconds: int, proctoring_enabled: bool = True,
                    snapshot_interval_seconds: int = 30) -> ExamDTO: ...

    def flag_session(self, session_id: str, reason: str,
                     note: str | None = None) -> SessionDTO: ...

    def warn_session(self, session_id: str, message: str) -> str: ...

    def terminate_session(self, session_id: str, reason: str) -> SessionDTO: ...

    def review_session(self, session_id: str, outcome: str,
                       note: str | None = None) -> SessionDTO: ...

    # ---- changes ---------------------------------------------------------------------------
    def subscribe(self, listener: ChangeListener) -> Callable[[], None]: ...

    def watch_reachability(self, listener: ReachabilityListener) -> Callable[[], None]: ...

    def close(self) -> None: ...
