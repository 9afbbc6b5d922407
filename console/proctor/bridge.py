"""CenterEventBridge: the center's changes (delivered on any thread) re-emitted as Qt signals.

The bridge lives on the GUI thread; a core or stream thread that emits reaches GUI-thread
receivers through queued connections, so slots always run on the GUI thread. It also says when a
remote center is lost and found again (``reachability_changed``): after a loss, lists must be
read again. And it says when the center signed this console out (``signed_out``, with the
center's sentence): the console then acts for nobody until someone signs in again.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from console.proctor.center import Center
from core.domain.domain_events import (
    DomainEvent,
    EventRecorded,
    ExamsChanged,
    SessionChanged,
    SnapshotAnalysed,
    SnapshotRecorded,
)


class CenterEventBridge(QObject):
    session_changed = Signal(str, str, str)  # session_id, status, change
    snapshot_recorded = Signal(str, str)  # session_id, snapshot_id
    snapshot_analysed = Signal(str, str)  # session_id, snapshot_id
    event_recorded = Signal(str, str, str)  # session_id, event_id, type
    exams_changed = Signal(str)  # exam_id
    reachability_changed = Signal(bool)  # False: the center is lost; True: it is back
    signed_out = Signal(str)  # the center's sentence: why this console acts for nobody now

    def __init__(self, center: Center, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.is_reachable = True
        #: Why the center signed this console out; "" while it is signed in.
        self.signed_out_reason = ""
        self.reachability_changed.connect(self._remember_reachability)
        self.signed_out.connect(self._remember_sign_out)
        self._unwatch = center.watch_reachability(self.reachability_changed.emit)
        self._unwatch_sign_out = center.watch_sign_out(self.signed_out.emit)
        self._unsubscribe = center.subscribe(self._on_domain_event)

    def close(self) -> None:
        self._unsubscribe()
        self._unwatch()
        self._unwatch_sign_out()

    @property
    def may_act(self) -> bool:
        """The center can be reached and still accepts this console's sign-in."""
        return self.is_reachable and not self.signed_out_reason

    def _remember_reachability(self, reachable: bool) -> None:
        self.is_reachable = reachable

    def _remember_sign_out(self, reason: str) -> None:
        self.signed_out_reason = reason

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
