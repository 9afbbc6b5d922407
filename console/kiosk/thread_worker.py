"""ThreadWorker: the one QThread lifecycle of the kiosk's workers (camera, uploads, requests).

A worker object lives on its own QThread: ``run_on_own_thread`` (GUI thread) makes the thread,
moves the worker there and starts it; ``shutdown`` (GUI thread, blocking) asks the worker to stop
on its own thread, waits for the thread to end and then releases what the GUI thread may close.
Subclasses fill in the hooks; everything else talks to the worker through queued signals.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QThread, QTimer, Slot

log = logging.getLogger(__name__)


class ThreadWorker(QObject):
    #: The thread's name (seen in debuggers and ``ps -L``).
    thread_name = "kiosk-worker"
    #: How long ``shutdown`` waits for the thread to end.
    stop_timeout_ms = 15000

    def __init__(self) -> None:
        super().__init__()
        self.thread_: QThread | None = None

    # ---- lifecycle (GUI thread) ----------------------------------------------------------------
    def run_on_own_thread(self) -> QThread:
        thread = QThread()
        thread.setObjectName(self.thread_name)
        self.moveToThread(thread)
        thread.started.connect(self._on_thread_started)
        self.thread_ = thread
        thread.start()
        return thread

    @property
    def is_running(self) -> bool:
        return self.thread_ is not None and self.thread_.isRunning()

    def shutdown(self, timeout_ms: int | None = None) -> None:
        """Stop after the work in hand; returns when the worker's thread has ended."""
        self.stop_requested()
        thread = self.thread_
        if thread is not None and thread.isRunning():
            QTimer.singleShot(0, self, self._stop_on_thread)
            wait_ms = self.stop_timeout_ms if timeout_ms is None else timeout_ms
            if not thread.wait(wait_ms):
                log.error("the %s thread did not stop within %d ms", self.thread_name, wait_ms)
        self.stopped()

    # ---- hooks ---------------------------------------------------------------------------------
    def started(self) -> None:
        """On the worker's thread, once it runs."""

    def stop_requested(self) -> None:
        """On the GUI thread, before the stop is queued (set flags the work in hand reads)."""

    def stopping(self) -> None:
        """On the worker's thread, just before it quits (stop timers, close devices)."""

    def stopped(self) -> None:
        """On the GUI thread, once the thread has ended (or never ran)."""

    # ---- slots (worker thread) -----------------------------------------------------------------
    @Slot()
    def _on_thread_started(self) -> None:
        self.started()

    @Slot()
    def _stop_on_thread(self) -> None:
        self.stopping()
        thread = self.thread()
        if thread is not None:
            thread.quit()
