"""ReadinessWorker: runs the ReadinessCheck on its own QThread, so the join form stays live
while the camera gives its first frame and the center answers."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal, Slot

from console.kiosk.joining.readiness_check import ReadinessCheck, ReadinessRequest
from console.kiosk.thread_worker import ThreadWorker

log = logging.getLogger(__name__)


class ReadinessWorker(ThreadWorker):
    thread_name = "kiosk-readiness"

    check_requested = Signal(object)  # ReadinessRequest
    checked = Signal(object)  # ReadinessReport

    def __init__(self, check: ReadinessCheck) -> None:
        super().__init__()
        self.check = check
        self.check_requested.connect(self._run)

    @Slot(object)
    def _run(self, request: ReadinessRequest) -> None:
        report = self.check.run(request)
        for line in report.lines:
            log.info("readiness %s: %s %s %s", line.name, line.level, line.text, line.todo)
        self.checked.emit(report)
