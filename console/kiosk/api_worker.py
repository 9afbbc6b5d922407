"""ApiWorker: the kiosk's requests other than uploads (exams, start, heartbeat, warning
acknowledgement, submit, enrolment by code), made one at a time on their own QThread so the
window never waits.

Every request ends in exactly one signal: its result, ``request_failed(kind, status, message)``
with ``status`` 0 when the server could not be reached (NOT_TRUSTED with the sentence for a
fingerprint typed wrong at the first contact, or an http address of an HTTPS-only center), or
``identity_changed(sentence)`` when the pinned center presented another identity (nothing was
sent to it).

A center chosen from the network's announcements comes with the first digits of its
fingerprint: before the first request to it, the certificate it presents is matched against
those digits and pinned, so every request after that is checked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal, Slot

from console.i18n import https_only_sentence, not_pinned_sentence, said
from console.kiosk.kiosk_timings import KioskTimings
from console.kiosk.thread_worker import ThreadWorker
from core.client import (
    ApiError,
    AttemptState,
    CenterIdentityChanged,
    CenterNotPinned,
    ExamDTO,
    FingerprintMismatch,
    PinError,
    ProctorClient,
    ServerUnreachable,
    ServesHttpsOnly,
    StartedAttempt,
    pin_announced_center,
    pin_for,
    remember_pin,
)
from core.client.enrolment import enrol_with_code

log = logging.getLogger(__name__)

UNREACHABLE = 0
#: An https center this kiosk holds no fingerprint for, digits that are no fingerprint, or an
#: http address of a center that serves HTTPS only: the sentence says what to do.
NOT_TRUSTED = -1

LIST_EXAMS = "list_exams"
START = "start"
HEARTBEAT = "heartbeat"
ACKNOWLEDGE = "acknowledge"
SUBMIT = "submit"
ENROL = "enrol"
OVERRIDE = "override"  # a proctor lets a kiosk that is not ready start


class ApiWorker(ThreadWorker):
    thread_name = "kiosk-api"

    exams_listed = Signal(str, list)  # server_url, [ExamDTO]
    attempt_started = Signal(object)  # StartedAttempt
    heartbeat_received = Signal(object)  # AttemptState (``paused``: a proctor paused it)
    warning_acknowledged = Signal(str)
    attempt_submitted = Signal(object)  # AttemptState
    request_failed = Signal(str, int, str)  # kind, HTTP status (0: unreachable), sentence
    identity_changed = Signal(str, str)  # kind, the sentence (it says what to do)
    enrolled = Signal(str, str)  # server_url, kiosk key; the center's pin is remembered
    enrolled_room = Signal(str)  # the room a code enrolled the kiosk in (before ``enrolled``)

    # requests, queued to the worker's thread; "pin digits" are the announced fingerprint's
    # first digits of a center chosen on the network ("" when typed or enrolled)
    list_exams_requested = Signal(str, str, str)  # server_url, kiosk key, pin digits
    start_requested = Signal(str, str, str, str, str, str, str, str)  # + exam, ref, name, seat,
    # room, digits
    heartbeat_requested = Signal(str, str, str)  # server_url, attempt_id, token
    acknowledge_requested = Signal(str, str, str, str)  # server_url, attempt_id, token, warning_id
    submit_requested = Signal(str, str, str, str)  # server_url, attempt_id, token, pressed at
    enrol_requested = Signal(str, str, str)  # center address, code, fingerprint digits
    #: server_url, kiosk key, exam, ref, name, seat, room, pin digits, then the proctor's
    #: {"username", "password", "reason", "not_ready"}
    override_requested = Signal(str, str, str, str, str, str, str, str, object)

    def __init__(self, timeout_seconds: float = KioskTimings.request_timeout_seconds) -> None:
        super().__init__()
        self.timeout_seconds = timeout_seconds
        self._clients: dict[tuple[str, str | None], ProctorClient] = {}  # (url, pin)
        self.list_exams_requested.connect(self._list_exams)
        self.start_requested.connect(self._start)
        self.heartbeat_requested.connect(self._heartbeat)
        self.acknowledge_requested.connect(self._acknowledge)
        self.submit_requested.connect(self._submit)
        self.enrol_requested.connect(self._enrol)
        self.override_requested.connect(self._start_overridden)

    # ---- lifecycle (ThreadWorker hooks) --------------------------------------------------------
    def stopped(self) -> None:
        for client in self._clients.values():
            client.close()
        self._clients.clear()

    # ---- slots (API thread) --------------------------------------------------------------------
    @Slot(str, str, str)
    def _list_exams(self, server_url: str, kiosk_key: str, pin_digits: str) -> None:
        if not self._pin_announced(LIST_EXAMS, server_url, pin_digits):
            return
        result = self._call(LIST_EXAMS, server_url, lambda c: c.list_exams(), kiosk_key)
        if isinstance(result, list) and all(isinstance(exam, ExamDTO) for exam in result):
            self.exams_listed.emit(server_url, result)

    @Slot(str, str, str, str, str, str, str, str)
    def _start(self, server_url: str, kiosk_key: str, exam_id: str, candidate_ref: str,
               candidate_name: str, seat: str, room: str, pin_digits: str) -> None:
        if not self._pin_announced(START, server_url, pin_digits):
            return
        result = self._call(START, server_url, lambda c: c.start_attempt(
            exam_id, candidate_ref, candidate_name, seat or None, room or None), kiosk_key)
        if isinstance(result, StartedAttempt):
            self.attempt_started.emit(result)

    @Slot(str, str, str, str, str, str, str, str, object)
    def _start_overridden(self, server_url: str, kiosk_key: str, exam_id: str,
                          candidate_ref: str, candidate_name: str, seat: str, room: str,
                          pin_digits: str, proctor: dict) -> None:
        if not self._pin_announced(OVERRIDE, server_url, pin_digits):
            return
        result = self._call(OVERRIDE, server_url, lambda c: c.start_attempt_overridden(
            exam_id, candidate_ref, candidate_name, seat or None, room or None,
            username=proctor["username"], password=proctor["password"],
            reason=proctor["reason"], not_ready=list(proctor["not_ready"])), kiosk_key)
        if isinstance(result, StartedAttempt):
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

    @Slot(str, str, str, str)
    def _submit(self, server_url: str, attempt_id: str, token: str, submitted_at: str) -> None:
        """``submitted_at`` (ISO): when the candidate pressed Submit ("" when unknown)."""
        pressed = datetime.fromisoformat(submitted_at) if submitted_at else None
        result = self._call(SUBMIT, server_url, lambda c: c.submit_attempt(
            attempt_id, submitted_at=pressed), token)
        if isinstance(result, AttemptState):
            self.attempt_submitted.emit(result)

    @Slot(str, str, str)
    def _enrol(self, address: str, code: str, digits: str) -> None:
        """Enrol by code: the center proves the digits the proctor's screen shows, then the
        code travels over the pinned channel; the pin is remembered before ``enrolled``."""
        try:
            enrolment = enrol_with_code(address, code, digits, timeout=self.timeout_seconds)
            if enrolment.fingerprint:
                remember_pin(enrolment.server_url, enrolment.fingerprint)
        except CenterIdentityChanged as exc:  # the digits do not match: a typo or another center
            log.warning("enrolment refused: %s", exc)
            self.request_failed.emit(ENROL, NOT_TRUSTED, str(exc))
        except PinError as exc:
            self.request_failed.emit(ENROL, NOT_TRUSTED, str(exc))
        except ServerUnreachable as exc:
            log.info("enrolment: %s", exc)
            self.request_failed.emit(ENROL, UNREACHABLE, str(exc))
        except ApiError as exc:
            log.warning("enrolment refused: %s", exc)
            self.request_failed.emit(ENROL, exc.status, said(exc))
        except Exception as exc:  # a surprising answer is reported, never taken as success
            log.exception("enrolment failed")
            self.request_failed.emit(ENROL, 500, f"Unexpected answer from the center ({exc}).")
        else:
            if enrolment.room:
                self.enrolled_room.emit(enrolment.room)
            self.enrolled.emit(enrolment.server_url, enrolment.kiosk_key)

    # ---- helpers -------------------------------------------------------------------------------
    def _pin_announced(self, kind: str, server_url: str, digits: str) -> bool:
        """A center chosen from the announcements: pin the certificate matching its digits.
        False when the request must not be made (one signal said why)."""
        if not digits:
            return True
        try:
            pin_announced_center(server_url, digits, self.timeout_seconds)
        except CenterIdentityChanged as exc:
            log.error("%s: %s", kind, exc)
            self.identity_changed.emit(kind, str(exc))
            return False
        except ServerUnreachable as exc:
            log.info("%s: %s", kind, exc)
            self.request_failed.emit(kind, UNREACHABLE, str(exc))
            return False
        except PinError as exc:
            self.request_failed.emit(kind, NOT_TRUSTED, str(exc))
            return False
        return True

    def _call(self, kind: str, server_url: str, action: Callable[[ProctorClient], object],
              secret: str) -> object:
        key = (server_url, pin_for(server_url))  # a newly remembered pin means a new client
        client = self._clients.get(key)
        if client is None:
            client = ProctorClient(server_url, timeout=self.timeout_seconds)
            self._clients[key] = client
        client.secret = secret
        try:
            return action(client)
        except FingerprintMismatch as exc:  # a fingerprint typed, never proven: most likely a
            log.warning("%s: %s", kind, exc)  # typing mistake, so the form says where it differs
            self.request_failed.emit(kind, NOT_TRUSTED, str(exc))
        except CenterIdentityChanged as exc:  # nothing was sent: this is not our center
            log.error("%s: %s", kind, exc)
            self.identity_changed.emit(kind, str(exc))
        except CenterNotPinned as exc:
            log.warning("%s: %s", kind, exc)
            self.request_failed.emit(kind, NOT_TRUSTED, not_pinned_sentence(exc.server_url))
        except ServesHttpsOnly as exc:  # joining: say which address to use, never retry it;
            log.warning("%s: %s", kind, exc)  # later on it is as if the server were away
            status = NOT_TRUSTED if kind in (LIST_EXAMS, START, OVERRIDE) else UNREACHABLE
            self.request_failed.emit(kind, status, https_only_sentence(exc.server_url))
        except ServerUnreachable as exc:
            log.info("%s: %s", kind, exc)
            self.request_failed.emit(kind, UNREACHABLE, str(exc))
        except ApiError as exc:
            log.warning("%s refused: %s", kind, exc)
            self.request_failed.emit(kind, exc.status, said(exc))
        except Exception as exc:  # a surprising answer is reported, never taken as success
            log.exception("%s failed", kind)
            self.request_failed.emit(kind, 500, f"Unexpected answer from the server ({exc}).")
        return None
