"""CoreEventBridge: the core's domain events (published on any thread) re-emitted as Qt signals.

The bridge lives on the GUI thread; a core thread that emits reaches GUI-thread receivers
through queued connections, so slots always run on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from core.domain.domain_events import (
    DomainEvent,
    EventRecorded,
    ExamsChanged,
    SessionChanged,
    SnapshotAnalysed,
    SnapshotRecorded,
)
from core.events import EventBus


class CoreEventBridge(QObject):
    session_changed = Signal(str, str, str)  # session_id, status, change
    snapshot_recorded = Signal(str, str)  # session_id, snapshot_id
    snapshot_analysed = Signal(str, str)  # session_id, snapshot_id
    event_recorded = Signal(str, str, str)  # session_id, event_id, type
    exams_changed = Signal(str)  # exam_id

    def __init__(self, bus: EventBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Also changes that another server process on the same database committed.
        self._unsubscribe = bus.subscribe(self._on_domain_event, include_remote=True)

    def close(self) -> None:
        self._unsubscribe()

    def _on_domain_event(self, event: DomainEvent) -> None:
        match event:
            case SessionChanged(session_id, status, change):
                self.session_changed.emit(session_id, status, change)
            case SnapshotRecorded(session_id, snapshot_id):
                self.snapshot_recorded.emit(session_id, snapshot_id)
            case SnapshotAnalysed(session_id=session_id, snapshot_id=snapshot_id):
                self.snapshot_analysed.emit(session_id, snapshot_id)
            case EventRecorded(session_id, event_id, event_type):
                self.event_recorded.emit(session_id, event_id, event_type)
            case ExamsChanged(exam_id):
                self.exams_changed.emit(exam_id)
