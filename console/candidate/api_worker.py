"""ApiWorker: the kiosk's requests other than uploads (exams, start, heartbeat, warning
acknowledgement, submit), made one at a time on their own QThread so the window never waits.

Every request ends in exactly one signal: its result, or ``request_failed(kind, status,
message)`` with ``status`` 0 when the server could not be reached.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Signal, Slot

from console.candidate.kiosk_timings import KioskTimings
from console.candidate.thread_worker import ThreadWorker
from core.client import ApiError, AttemptStart, AttemptState, Exam, ProctorClient, ServerUnreachable

log = logging.getLogger(__name__)

UNREACHABLE = 0

LIST_EXAMS = "list_exams"
START = "start"
HEARTBEAT = "heartbeat"
ACKNOWLEDGE = "acknowledge"
SUBMIT = "submit"


class ApiWorker(ThreadWorker):
    thread_name = "kiosk-api"

    exams_listed = Signal(str, list)  # server_url, [Exam]
    attempt_started = Signal(object)  # AttemptStart
    heartbeat_received = Signal(object)  # AttemptState
    warning_acknowledged = Signal(str)
    attempt_submitted = Signal(object)  # AttemptState
    request_failed = Signal(str, int, str)  # kind, HTTP status (0: unreachable), sentence

    # requests, queued to the worker's thread
    list_exams_requested = Signal(str, str)
    start_requested = Signal(str, str, str, str, str)
    heartbeat_requested = Signal(str, str, str)  # server_url, attempt_id, token
    acknowledge_requested = Signal(str, str, str, str)  # server_url, attempt_id, token, warning_id
    submit_requested = Signal(str, str, str)

    def __init__(self, timeout_seconds: float = KioskTimings.request_timeout_seconds) -> None:
        super().__init__()
        self.timeout_seconds = timeout_seconds
        self._clients: dict[str, ProctorClient] = {}
        self.list_exams_requested.connect(self._list_exams)
        self.start_requested.connect(self._start)
        self.heartbeat_requested.connect(self._heartbeat)
        self.acknowledge_requested.connect(self._acknowledge)
        self.submit_requested.connect(self._submit)

    # ---- lifecycle (ThreadWorker hooks) --------------------------------------------------------
    def stopped(self) -> None:
        for client in self._clients.values():
            client.close()
        self._clients.clear()

    # ---- slots (API thread) --------------------------------------------------------------------
    @Slot(str, str)
    def _list_exams(self, server_url: str, kiosk_key: str) -> None:
        result = self._call(LIST_EXAMS, server_url, lambda c: c.list_exams(), kiosk_key)
        if isinstance(result, list) and all(isinstance(exam, Exam) for exam in result):
            self.exams_listed.emit(server_url, result)

    @Slot(str, str, str, str, str)
    def _start(self, server_url: str, kiosk_key: str, exam_id: str, candidate_ref: str,
               candidate_name: str) -> None:
        result = self._call(START, server_url, lambda c: c.start_attempt(
            exam_id, candidate_ref, candidate_name), kiosk_key)
        if isinstance(result, AttemptStart):
            self.attempt_started.emit(result)

    @Slot(str, str, str)
    def _heartbeat(self, server_url: str, attempt_id: str, token: str) -> None:
        result = self._call(HEARTBEAT, server_url, lambda c: c.get_attempt(attempt_id), token)
        if isinstance(result, AttemptState):
            self.heartbeat_received.emit(result)

    @Slot(str, str, str, str)
    def _acknowledge(self, server_url: str, attempt_id: str, token: str, warning_id: str) -> None:
        result = self._call(ACKNOWLEDGE, server_url,
                            lambda c: c.acknowledge_warning(attempt_id, warning_id), token)
        if result is not None:
            self.warning_acknowledged.emit(warning_id)

    @Slot(str, str, str)
    def _submit(self, server_url: str, attempt_id: str, token: str) -> None:
        result = self._call(SUBMIT, server_url, lambda c: c.submit_attempt(attempt_id), token)
        if isinstance(result, AttemptState):
            self.attempt_submitted.emit(result)

    # ---- helpers -------------------------------------------------------------------------------
    def _call(self, kind: str, server_url: str, action: Callable[[ProctorClient], object],
              secret: str) -> object:
        client = self._clients.get(server_url)
        if client is None:
            client = ProctorClient(server_url, timeout=self.timeout_seconds)
            self._clients[server_url] = client
        client.secret = secret
        try:
            return action(client)
        except ServerUnreachable as exc:
            log.info("%s: %s", kind, exc)
            self.request_failed.emit(kind, UNREACHABLE, str(exc))
        except ApiError as exc:
            log.warning("%s refused: %s", kind, exc)
            self.request_failed.emit(kind, exc.status, exc.detail)
        except Exception as exc:  # a surprising answer is reported, never taken as success
            log.exception("%s failed", kind)
            self.request_failed.emit(kind, 500, f"Unexpected answer from the server ({exc}).")
        return None
