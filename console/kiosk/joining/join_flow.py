"""JoinFlow: from the join form (or a provisioned kiosk's settings) to a started attempt.

It checks what the candidate typed, asks the server for its exams, has the kiosk's readiness
checked (camera, center, spool, clock: ``readiness_requested``; no attempt starts while a line
is NOT READY), starts (or resumes) the attempt, says in a sentence why that failed, and lets a
provisioned kiosk try again on its own while the server is away. It also enrols the kiosk with
a center: from an enrolment file, from a one-time code, or by choosing a center announced on
the network (its fingerprint digits become the pin).
"""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTimer, Signal, Slot

from console.kiosk import api_worker as requests
from console.kiosk.api_worker import NOT_TRUSTED, UNREACHABLE, ApiWorker
from console.kiosk.joining.readiness_check import NOT_READY, ReadinessReport
from console.kiosk.joining.readiness_panel import TITLES
from console.kiosk.kiosk_settings import (
    MAX_SEAT,
    KioskSettings,
    SettingsError,
    normalize_server_url,
)
from console.kiosk.kiosk_timings import KioskTimings
from core.client import (
    EnrolmentFileError,
    ExamDTO,
    PinError,
    StartedAttempt,
    read_enrolment_file,
    remember_pin,
)

log = logging.getLogger(__name__)


class JoinFlow(QObject):
    exams_loaded = Signal(list)  # [ExamDTO]
    join_failed = Signal(str)
    join_retry_scheduled = Signal(int)  # seconds until a provisioned kiosk tries again
    joined = Signal(object)  # StartedAttempt, once
    enrolled = Signal(str, str)  # server_url, kiosk key (the center's pin is remembered)
    enrol_failed = Signal(str)  # why a code did not enrol the kiosk
    readiness_requested = Signal(str, str, str, str)  # server_url, pin digits, kiosk key, exam
    readiness_checked = Signal(object)  # ReadinessReport: the form shows it
    identity_refused_in_check = Signal(str)  # the check met another center: its sentence
    #: The last check found something NOT READY that a proctor may let through (True), or
    #: nothing to let through any more (False).
    override_offered = Signal(bool)
    override_failed = Signal(str)  # why a proctor's override did not start the attempt

    def __init__(self, api: ApiWorker, settings: KioskSettings, timings: KioskTimings,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._api = api
        self.settings = settings
        self.server_url: str | None = None
        self.kiosk_key: str | None = None
        self.candidate_ref = ""
        self.candidate_name = ""
        self.seat = ""
        self.attempt: StartedAttempt | None = None
        self.is_joining = False
        self._values: tuple[str, str, str, str, str, str, str, str] | None = None
        self.report: ReadinessReport | None = None
        self._is_override = False
        self._announced: dict[str, str] = {}  # url of a chosen center -> its fingerprint digits
        self._enrol_address = ""
        #: The room an enrolment done here gave (file or code): it wins over the settings'.
        self.enrolled_room: str | None = None
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.setInterval(max(1, int(timings.join_retry_seconds * 1000)))
        self._retry_timer.timeout.connect(self._retry)
        self._retry_seconds = math.ceil(timings.join_retry_seconds)
        api.exams_listed.connect(self._on_exams_listed)
        api.attempt_started.connect(self._on_attempt_started)
        api.enrolled.connect(self.enrolled)
        api.enrolled_room.connect(self._take_enrolled_room)

    def load_exams(self, server_text: str, kiosk_key: str) -> bool:
        """Ask the server for its exams; False (and ``join_failed``) when the input is unusable."""
        try:
            url = normalize_server_url(server_text)
        except SettingsError as exc:
            self.join_failed.emit(settings_sentence(exc))
            return False
        if not kiosk_key.strip():
            self.join_failed.emit(self.tr("Enter the kiosk key (the invigilator has it)."))
            return False
        self._api.list_exams_requested.emit(url, kiosk_key.strip(), self._announced.get(url, ""))
        return True

    # ---- which center ----------------------------------------------------------------------------
    def choose_center(self, server_url: str, fingerprint_digits: str) -> None:
        """A center chosen from the network's announcements: its first requests pin the
        certificate whose fingerprint starts with these digits."""
        try:
            url = normalize_server_url(server_url)
        except SettingsError:
            return
        if fingerprint_digits:
            self._announced[url] = fingerprint_digits
        else:
            self._announced.pop(url, None)

    def use_enrolment_file(self, path: str) -> tuple[str, str] | None:
        """Read the proctor's enrolment file and pin its center: (server URL, kiosk key), or
        None after ``join_failed`` said why (the form keeps what was typed)."""
        try:
            enrolment = read_enrolment_file(path)
            if enrolment.fingerprint:
                remember_pin(enrolment.server_url, enrolment.fingerprint)
        except (EnrolmentFileError, PinError) as exc:
            self.join_failed.emit(f"{exc} " + self.tr("Nothing was changed in the form."))
            return None
        log.info("enrolled with %s from an enrolment file", enrolment.server_url)
        if enrolment.room:
            self.enrolled_room = enrolment.room
        return enrolment.server_url, enrolment.kiosk_key

    def enrol_with_code(self, address: str, code: str, fingerprint_digits: str) -> bool:
        """Enrol by the proctor's one-time code; ``enrolled`` or ``enrol_failed`` follows."""
        missing = [label for label, value in (
            (self.tr("the center's address"), address), (self.tr("the enrolment code"), code),
            (self.tr("the fingerprint digits"), fingerprint_digits),
        ) if not value.strip()]
        if missing:
            self.enrol_failed.emit(self.tr("Enter {missing} as the proctor's screen shows "
                                           "them.").format(missing=_join_words(missing)))
            return False
        self._enrol_address = address.strip()
        self._api.enrol_requested.emit(address.strip(), code.strip(), fingerprint_digits.strip())
        return True

    # ---- the attempt ---------------------------------------------------------------------------
    def join(self, server_text: str, kiosk_key: str, exam_id: str, candidate_ref: str,
             candidate_name: str, seat: str = "") -> bool:
        """Start (or resume) the attempt; False (and ``join_failed``) when input is missing."""
        if self.attempt is not None or self.is_joining:
            return False
        try:
            url = normalize_server_url(server_text)
        except SettingsError as exc:
            self.join_failed.emit(settings_sentence(exc))
            return False
        missing = [label for label, value in (
            (self.tr("the kiosk key"), kiosk_key), (self.tr("the exam"), exam_id),
            (self.tr("your candidate ID"), candidate_ref),
            (self.tr("your full name"), candidate_name),
        ) if not value.strip()]
        if missing:
            self.join_failed.emit(self.tr("Enter {missing} to start.").format(
                missing=_join_words(missing)))
            return False
        if len(seat.strip()) > MAX_SEAT:
            self.join_failed.emit(self.tr("The seat can be at most {count} characters, for "
                                          "example B-14.").format(
                count=QLocale().toString(MAX_SEAT)))
            return False
        self._values = (url, kiosk_key.strip(), exam_id.strip(), candidate_ref.strip(),
                        candidate_name.strip(), seat.strip(),
                        self.enrolled_room or self.settings.room or "",
                        self._announced.get(url, ""))
        self.is_joining = True
        self._check_readiness()
        return True

    def _check_readiness(self) -> None:
        """Before the clock starts: the readiness check, then (unless NOT READY) the start."""
        assert self._values is not None
        url, key, exam_id, digits = (self._values[0], self._values[1], self._values[2],
                                     self._values[7])
        self.override_offered.emit(False)
        self.readiness_requested.emit(url, digits, key, exam_id)

    def take_readiness(self, report: ReadinessReport) -> None:
        """The check's answer: start the attempt, or say what to do (and, for a provisioned
        kiosk whose only trouble is a center that does not answer, try again by itself)."""
        self.report = report
        self.readiness_checked.emit(report)
        if not self.is_joining or self._values is None or self.attempt is not None:
            return
        if report.identity_changed is not None:
            self.is_joining = False
            self.identity_refused_in_check.emit(report.identity_changed)
            return
        if report.is_blocking:
            self.is_joining = False
            self.join_failed.emit(report.summary())
            self.override_offered.emit(self.can_override)
            if self.settings.is_provisioned and report.is_only_the_center_away:
                self._retry_timer.start()
                self.join_retry_scheduled.emit(self._retry_seconds)
            return
        self._api.start_requested.emit(*self._values)

    @property
    def can_override(self) -> bool:
        """A proctor may let this kiosk through: the check found something NOT READY, but the
        center answers (it records the override), and no attempt runs yet."""
        report = self.report
        center = report.line("center") if report is not None else None
        return (report is not None and report.is_blocking and self._values is not None
                and self.attempt is None and center is not None and center.level != NOT_READY)

    def not_ready_lines(self) -> list[str]:
        """What the last check found NOT READY, one line each (for the timeline)."""
        if self.report is None:
            return []
        return [f"{TITLES.get(line.name, line.name)}: {line.text}"
                for line in self.report.lines if line.level == NOT_READY][:4]

    def override(self, username: str, password: str, reason: str) -> bool:
        """A proctor, signed in here for this one start, lets the kiosk through although the
        check found something NOT READY; the center records who and why on the timeline."""
        if not self.can_override or self.is_joining:
            return False
        missing = [label for label, value in ((self.tr("your username"), username),
                                              (self.tr("your password"), password),
                                              (self.tr("the reason"), reason))
                   if not value.strip()]
        if missing:
            self.override_failed.emit(self.tr("Enter {missing}.").format(
                missing=_join_words(missing)))
            return False
        assert self._values is not None
        self.is_joining = True
        self._is_override = True
        self._api.override_requested.emit(*self._values, {
            "username": username.strip(), "password": password, "reason": reason.strip(),
            "not_ready": self.not_ready_lines()})
        return True

    def resume(self, server_url: str, attempt: StartedAttempt, candidate_ref: str,
               candidate_name: str, seat: str) -> None:
        """The attempt kept with the spool (the kiosk was restarted mid-attempt): it goes on,
        without the form and without a readiness check (its clock is already running)."""
        self.server_url = server_url
        self.candidate_ref, self.candidate_name, self.seat = candidate_ref, candidate_name, seat
        self.attempt = attempt
        log.info("attempt %s started for %s again: resumed after a restart", attempt.attempt_id,
                 candidate_ref)
        self.joined.emit(attempt)

    def join_provisioned(self) -> bool:
        s = self.settings
        return self.join(s.server_url or "", s.kiosk_key or "", s.exam_id or "",
                         s.candidate_ref or "", s.candidate_name or "", s.seat)

    def stop(self) -> None:
        self._retry_timer.stop()

    def identity_refused(self) -> None:
        """The center did not prove its identity: no more tries (nothing was sent)."""
        self.is_joining = False
        self._retry_timer.stop()

    def request_failed(self, kind: str, status: int, message: str) -> None:
        """A LIST_EXAMS, START or ENROL request failed: say why, and maybe try again."""
        if kind == requests.ENROL:
            self.enrol_failed.emit(self._enrol_text(status, message))
            return
        self.is_joining = False
        if kind == requests.OVERRIDE:
            self.override_failed.emit(self._override_text(status, message))
            return
        url = self._values[0] if (kind == requests.START and self._values) else ""
        if status == NOT_TRUSTED:
            text = message
        elif status == UNREACHABLE and url:
            text = self.tr("The exam server at {url} cannot be reached. Check the address and "
                           "that the proctor console is running, then try again.").format(url=url)
        elif status == UNREACHABLE:
            text = self.tr("The exam server cannot be reached. Check the address and that the "
                           "proctor console is running, then try again.")
        elif status in (401, 403):
            text = self.tr("The server did not accept this kiosk key. Check the key with the "
                           "invigilator.")
        elif status == 404 and kind == requests.START:
            text = self.tr("The server has no such exam. Choose the exam again or ask the "
                           "invigilator.")
        else:
            text = message
        self.join_failed.emit(text)
        is_transient = status == UNREACHABLE or status >= 500
        if kind == requests.START and self.settings.is_provisioned and is_transient:
            self._retry_timer.start()
            self.join_retry_scheduled.emit(self._retry_seconds)

    @Slot()
    def _retry(self) -> None:
        if self._values is not None and self.attempt is None and not self.is_joining:
            self.is_joining = True
            self._check_readiness()

    @Slot(str, list)
    def _on_exams_listed(self, server_url: str, exams: list[ExamDTO]) -> None:
        self.server_url = server_url
        self.exams_loaded.emit(exams)

    @Slot(object)
    def _on_attempt_started(self, attempt: StartedAttempt) -> None:
        self.is_joining = False
        if self.attempt is not None or self._values is None:
            return
        url, key, _exam_id, ref, name, seat, _room, _digits = self._values
        self.server_url, self.kiosk_key = url, key
        self.candidate_ref, self.candidate_name, self.seat = ref, name, seat
        self.attempt = attempt
        log.info("attempt %s started for %s (proctored: %s)", attempt.attempt_id, ref,
                 attempt.is_proctored)
        self.joined.emit(attempt)

    @Slot(str)
    def _take_enrolled_room(self, room: str) -> None:
        self.enrolled_room = room

    def _override_text(self, status: int, message: str) -> str:
        if status == UNREACHABLE:
            return self.tr("The exam center does not answer, so it cannot record the override. "
                           "Try again.")
        if status == 401:
            return self.tr("{sentence} Check the username and password (a proctor account of "
                           "this center).").format(sentence=message)
        return message

    def _enrol_text(self, status: int, message: str) -> str:
        if status == UNREACHABLE:
            return self.tr("The center at {address} did not answer over a secure connection. "
                           "Check the address the proctor gives you, then try again.").format(
                address=self._enrol_address)
        return message  # the center's or the pin check's sentence says what to do


def _join_words(items: list[str]) -> str:
    """"a, b and c"; in another language its own way (QLocale's list)."""
    if QLocale().language() not in (QLocale.Language.C, QLocale.Language.English):
        return QLocale().createSeparatedList(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def settings_sentence(error: SettingsError) -> str:
    """A setting's sentence in the window's language."""
    if error.words is None:
        return str(error)
    return QCoreApplication.translate("KioskSettings", error.words).format(**error.values)
