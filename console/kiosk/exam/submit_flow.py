"""SubmitFlow: handing the exam in after the candidate confirmed.

Snapshots still waiting on this computer get up to ``flush_seconds`` to reach the server first
(only while the server answers); then the submit request is sent. A refused submit says why and
lets the candidate press Submit again.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot


class SubmitFlow(QObject):
    send_requested = Signal()  # send the submit request now
    changed = Signal()  # is_submitting changed

    def __init__(self, flush_seconds: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.flush_seconds = flush_seconds
        self.is_submitting = False
        self._pending: Callable[[], int] = lambda: 0
        self._wait_until = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self._check)

    @property
    def is_waiting_for_uploads(self) -> bool:
        return self._timer.isActive()

    def submit(self, pending_snapshots: Callable[[], int], can_wait: bool) -> bool:
        """Start handing in; False when a submit is already under way."""
        if self.is_submitting:
            return False
        self.is_submitting = True
        self.changed.emit()
        self._pending = pending_snapshots
        if can_wait and pending_snapshots():
            self._wait_until = time.monotonic() + self.flush_seconds
            self._timer.start()
        else:
            self.send_requested.emit()
        return True

    def finished(self) -> None:
        """The server answered (either way): the candidate may press Submit again if needed."""
        self.is_submitting = False
        self.stop()

    def stop(self) -> None:
        self._timer.stop()

    @Slot()
    def _check(self) -> None:
        if self._pending() == 0 or time.monotonic() >= self._wait_until:
            self._timer.stop()
            self.send_requested.emit()
