"""ReadinessCheck: is this kiosk ready for the exam, before the candidate's clock starts?

Four lines, each READY, WARNING or NOT READY with what was found and what to do:

- the camera opens and gives a frame (the source chosen with ``--camera``; a setting that names
  no camera is told so with the nearest correct one);
- the center answers, with its pinned identity when this kiosk has a pin, and accepts the kiosk
  key (its exam list also says whether the exam is proctored: the camera of an exam that is not
  is never opened);
- the spool folder can be written and its disk has room (``min_free_bytes``, 200 MB);
- this computer's clock agrees with the center's (its HTTP ``Date`` header) within
  ``CLOCK_TOLERANCE_SECONDS``; a clock further off is a WARNING (the exam's time is the
  center's, but snapshot times and the candidate's "ends at" would read wrong).

The attempt starts only when no line is NOT READY. ``run`` blocks (a camera takes a moment to
give its first frame, a center a moment to answer): call it on a worker thread.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from console.i18n import not_pinned_sentence
from console.kiosk.camera.frame_source import CameraUnavailable, FrameSource
from core.client import (
    ApiError,
    CenterIdentityChanged,
    CenterNotPinned,
    FingerprintMismatch,
    PinError,
    ProctorClient,
    ServerUnreachable,
    pin_announced_center,
)

READY = "ready"
WARNING = "warning"
NOT_READY = "not_ready"
LEVELS = (READY, WARNING, NOT_READY)
#: The verdict's words (shown through ReadinessPanel's translation).
LEVEL_WORDS = {READY: QT_TRANSLATE_NOOP("ReadinessPanel", "READY"),
               WARNING: QT_TRANSLATE_NOOP("ReadinessPanel", "WARNING"),
               NOT_READY: QT_TRANSLATE_NOOP("ReadinessPanel", "NOT READY")}

#: The spool's disk must have this much room (about 4,000 snapshots of 50 KB).
MIN_SPOOL_FREE_BYTES = 200 * 1024 * 1024
#: A kiosk clock further off the center's than this is a WARNING.
CLOCK_TOLERANCE_SECONDS = 60.0
PROBE_NAME = ".readiness-probe"
#: Qt's translation (lupdate reads translate("Context", "sentence") calls by this name too).
translate = QCoreApplication.translate
CAMERA_WORDS = ("synthetic",)


@dataclass(frozen=True)
class ReadinessLine:
    name: str  # camera, center, spool, clock
    level: str  # READY, WARNING or NOT_READY
    text: str  # what the check found
    todo: str = ""  # what to do about it ("" when ready)
    #: The center presented another identity than this kiosk's pin (not a typing mistake):
    #: the kiosk shows its red page, as for any request refused so.
    is_identity_changed: bool = False


@dataclass(frozen=True)
class ReadinessReport:
    lines: tuple[ReadinessLine, ...]

    @property
    def level(self) -> str:
        return max((line.level for line in self.lines), key=LEVELS.index, default=READY)

    @property
    def is_blocking(self) -> bool:
        """NOT READY: the attempt must not start."""
        return self.level == NOT_READY

    def line(self, name: str) -> ReadinessLine | None:
        return next((line for line in self.lines if line.name == name), None)

    @property
    def is_only_the_center_away(self) -> bool:
        """Only the center failed, for want of an answer: a provisioned kiosk tries again."""
        blocking = [line for line in self.lines if line.level == NOT_READY]
        center = self.line("center")
        return bool(blocking) and blocking == [center] and center is not None \
            and center.todo == _tr(CENTER_AWAY_TODO)

    @property
    def identity_changed(self) -> str | None:
        """The sentence of a center that presented another identity, if one did."""
        center = self.line("center")
        return center.text if center is not None and center.is_identity_changed else None

    def summary(self) -> str:
        """The join form's message: the verdict, and the NOT READY lines in full."""
        if self.level == READY:
            return translate("ReadinessCheck", "This kiosk is ready for the exam.")
        names = [line.name for line in self.lines if line.level == self.level]
        words = _join_words([_tr(NAME_WORDS[name]) for name in names])
        if self.level == WARNING:
            return translate("ReadinessCheck",
                             "Ready, with a warning about {what} (see below).").format(what=words)
        blocking = " ".join(line.text for line in self.lines if line.level == NOT_READY)
        return translate(
            "ReadinessCheck", "Not ready, so the exam has not started. {problems} What to do is "
            "on the left; then press Start exam again.").format(problems=blocking)


NAME_WORDS = {"camera": QT_TRANSLATE_NOOP("ReadinessCheck", "the camera"),
              "center": QT_TRANSLATE_NOOP("ReadinessCheck", "the exam center"),
              "spool": QT_TRANSLATE_NOOP("ReadinessCheck", "the folder for snapshots"),
              "clock": QT_TRANSLATE_NOOP("ReadinessCheck", "this computer's clock")}
CENTER_AWAY_TODO = QT_TRANSLATE_NOOP(
    "ReadinessCheck", "Check the network cable or Wi-Fi and the center's address, or call the "
    "invigilator.")


@dataclass(frozen=True)
class ReadinessRequest:
    """What to check: the center (with the announced fingerprint digits of a center chosen on
    the network, "" otherwise), the kiosk key and exam, the camera and its setting, and the
    spool folder."""

    server_url: str
    pin_digits: str
    kiosk_key: str
    exam_id: str
    camera: FrameSource
    camera_setting: str
    is_camera_given: bool  # a source handed to the kiosk (tests, demos), not read from a setting
    spool_dir: Path


class ReadinessCheck:
    def __init__(self, camera_seconds: float = 5.0, timeout_seconds: float = 8.0,
                 min_free_bytes: int = MIN_SPOOL_FREE_BYTES,
                 wall: Callable[[], datetime] | None = None) -> None:
        self.camera_seconds = camera_seconds
        self.timeout_seconds = timeout_seconds
        self.min_free_bytes = min_free_bytes
        self.wall = wall or (lambda: datetime.now(UTC))

    def run(self, request: ReadinessRequest) -> ReadinessReport:
        center, clock, is_proctored = self.check_center(
            request.server_url, request.pin_digits, request.kiosk_key, request.exam_id)
        if is_proctored is False:
            camera = ReadinessLine("camera", READY, translate(
                "ReadinessCheck", "Camera not needed: this exam is not proctored."))
        else:
            camera = self.check_camera(request)
        spool = self.check_spool(request.spool_dir)
        return ReadinessReport((camera, center, spool, clock))

    # ---- the camera ----------------------------------------------------------------------------
    def check_camera(self, request: ReadinessRequest) -> ReadinessLine:
        source = request.camera
        setting = request.camera_setting.strip()
        if not request.is_camera_given:
            problem = camera_setting_problem(setting)
            if problem is not None:
                return ReadinessLine("camera", NOT_READY, *problem)
        try:
            source.open()
        except CameraUnavailable as exc:
            return ReadinessLine("camera", NOT_READY, exc.shown, _tr(CAMERA_TODO))
        except Exception as exc:  # a driver's error: say what happened, never crash the check
            return ReadinessLine("camera", NOT_READY, translate(
                "ReadinessCheck", "The {camera} could not be opened ({error}).").format(
                camera=source.description, error=exc), _tr(CAMERA_TODO))
        try:
            deadline = time.monotonic() + self.camera_seconds
            while time.monotonic() < deadline:
                try:
                    frame = source.read()
                except Exception as exc:
                    return ReadinessLine("camera", NOT_READY, translate(
                        "ReadinessCheck", "The {camera} failed while giving a picture ({error})."
                    ).format(camera=source.description, error=exc), _tr(CAMERA_TODO))
                if frame is not None:
                    height, width = frame.shape[:2]
                    return ReadinessLine("camera", READY, translate(
                        "ReadinessCheck",
                        "The {camera} gives a picture ({width}x{height}).").format(
                        camera=source.description, width=width, height=height))
                time.sleep(0.05)
        finally:
            with contextlib.suppress(Exception):  # closing must not hide the answer
                source.close()
        return ReadinessLine("camera", NOT_READY, translate(
            "ReadinessCheck", "The {camera} opened but gave no picture within {seconds} seconds."
        ).format(camera=source.description, seconds=QLocale().toString(round(
            self.camera_seconds))), _tr(CAMERA_TODO))

    # ---- the center and its clock --------------------------------------------------------------
    def check_center(self, server_url: str, pin_digits: str = "", kiosk_key: str = "",
                     exam_id: str = "") -> tuple[ReadinessLine, ReadinessLine, bool | None]:
        """The center's line, the clock's line, and whether the exam is proctored (None: not
        known)."""
        unchecked = ReadinessLine(
            "clock", WARNING,
            translate("ReadinessCheck", "The clock was not compared: the center did not answer."),
            translate("ReadinessCheck",
                      "Nothing to do now; it is compared again with the next check."))
        try:
            if pin_digits:
                pin_announced_center(server_url, pin_digits, self.timeout_seconds)
            with ProctorClient(server_url, kiosk_key or None,
                               timeout=self.timeout_seconds) as client:
                sent_wall = self.wall()
                answer = client.check_health()
                kiosk_time = sent_wall.astimezone(UTC) + (
                    (self.wall() - sent_wall) / 2)
                secure = client.fingerprint is not None
                exams = client.list_exams() if kiosk_key else []
        except FingerprintMismatch as exc:  # typed, never proven: the sentence shows where
            return ReadinessLine("center", NOT_READY, str(exc)), unchecked, None
        except CenterIdentityChanged as exc:
            return ReadinessLine("center", NOT_READY, str(exc), is_identity_changed=True), \
                unchecked, None
        except CenterNotPinned as exc:  # the sentence says what to do
            return ReadinessLine("center", NOT_READY, not_pinned_sentence(exc.server_url)), \
                unchecked, None
        except PinError as exc:
            return ReadinessLine("center", NOT_READY, str(exc)), unchecked, None
        except ServerUnreachable:
            return ReadinessLine("center", NOT_READY, translate(
                "ReadinessCheck", "The exam center at {url} cannot be reached.").format(
                url=server_url), _tr(CENTER_AWAY_TODO)), unchecked, None
        except ApiError as exc:
            if exc.status in (401, 403):
                return ReadinessLine(
                    "center", NOT_READY,
                    translate("ReadinessCheck", "The server did not accept this kiosk key."),
                    translate("ReadinessCheck", "Check the key with the invigilator.")), \
                    unchecked, None
            return ReadinessLine("center", NOT_READY, translate(
                "ReadinessCheck", "The exam center answers but cannot run an exam now "
                "({reason})").format(reason=exc.detail), translate(
                "ReadinessCheck", "Wait a minute and press Start exam again; if it stays, call "
                "the invigilator.")), unchecked, None
        except Exception as exc:  # an answer that is not the contract's
            return ReadinessLine("center", NOT_READY, translate(
                "ReadinessCheck", "The exam center gave an unexpected answer ({error}).").format(
                error=exc), translate("ReadinessCheck", "Call the invigilator.")), unchecked, None
        how = (translate("ReadinessCheck", "its identity checked against this kiosk's pin")
               if secure else translate("ReadinessCheck", "over the network"))
        center = ReadinessLine("center", READY, translate(
            "ReadinessCheck", "The exam center answers ({how}, version {version}).").format(
            how=how, version=answer.health.version))
        exam = next((e for e in exams if e.exam_id == exam_id), None)
        return (center, self.compare_clocks(kiosk_time, answer.center_time),
                None if exam is None else exam.proctoring_enabled)

    @staticmethod
    def compare_clocks(kiosk_time: datetime, center_time: datetime | None) -> ReadinessLine:
        if center_time is None:
            return ReadinessLine("clock", WARNING, translate(
                "ReadinessCheck", "The center did not say its time, so this computer's clock "
                "was not compared."), translate(
                "ReadinessCheck", "Nothing to do: the exam's time is kept by the center."))
        offset = (kiosk_time - center_time).total_seconds()
        if abs(offset) <= CLOCK_TOLERANCE_SECONDS:
            return ReadinessLine("clock", READY, translate(
                "ReadinessCheck",
                "This computer's clock agrees with the center's (within {seconds} s).").format(
                seconds=QLocale().toString(max(1, round(abs(offset))))))
        sentence = (translate("ReadinessCheck",
                              "This computer's clock is {duration} ahead of the center's.")
                    if offset > 0 else
                    translate("ReadinessCheck",
                              "This computer's clock is {duration} behind the center's."))
        return ReadinessLine(
            "clock", WARNING, sentence.format(duration=duration_words(abs(offset))), translate(
                "ReadinessCheck", "Your exam time is kept by the center, so it is not affected. "
                "Ask the invigilator to set this computer's clock (automatic time)."))

    # ---- the spool -----------------------------------------------------------------------------
    def check_spool(self, folder: Path) -> ReadinessLine:
        todo_write = translate(
            "ReadinessCheck", "Ask the invigilator to give the kiosk a folder it can write "
            "(--spool-dir or spool_dir in the kiosk's configuration).")
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            probe = folder / PROBE_NAME
            fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                os.write(fd, b"ready\n")
                os.fsync(fd)
            finally:
                os.close(fd)
            probe.unlink()
        except OSError as exc:
            reason = exc.strerror or str(exc)
            return ReadinessLine("spool", NOT_READY, translate(
                "ReadinessCheck", "Snapshots cannot be kept in {folder} ({reason}).").format(
                folder=folder, reason=reason), todo_write)
        free = shutil.disk_usage(folder).free
        if free < self.min_free_bytes:
            return ReadinessLine("spool", NOT_READY, translate(
                "ReadinessCheck", "Only {free} free on the disk that keeps snapshots ({folder}); "
                "the exam needs {needed}.").format(free=size_words(free), folder=folder,
                                                   needed=size_words(self.min_free_bytes)),
                translate("ReadinessCheck", "Ask the invigilator to free space on this computer, "
                          "or to choose another folder (--spool-dir)."))
        return ReadinessLine("spool", READY, translate(
            "ReadinessCheck", "Snapshots can be kept on this computer ({size} free).").format(
            size=size_words(free)))

CAMERA_TODO = QT_TRANSLATE_NOOP(
    "ReadinessCheck", "Check that the webcam is plugged in and that no other program uses it, "
    "then press Start exam to check again. If it keeps failing, call the invigilator.")


def camera_setting_problem(setting: str) -> tuple[str, str] | None:
    """(what is wrong, what to do) when a ``--camera`` setting names no camera at all: not a
    device number, not ``synthetic``, and no video file of that name."""
    if setting.isdigit() or setting.lower() in CAMERA_WORDS:
        return None
    if Path(setting).expanduser().is_file():
        return None
    close = difflib.get_close_matches(setting.lower(), CAMERA_WORDS, n=1, cutoff=0.6)
    hint = (translate("ReadinessCheck", "Did you mean '{word}'?").format(word=close[0]) + " "
            if close else "")
    return (translate("ReadinessCheck", "The camera setting '{setting}' names no camera: it is "
                      "not a camera number (0 is the first webcam), not 'synthetic', and no "
                      "video file of that name exists.").format(setting=setting),
            hint + translate("ReadinessCheck", "Ask the invigilator to correct the kiosk's "
                             "camera setting (--camera, or camera in the kiosk's configuration "
                             "file) and start the kiosk again."))

def size_words(size: int) -> str:
    locale = QLocale()
    if size >= 1024 ** 3:
        gigabytes = locale.toString(size / 1024 ** 3, "f", 1)
        return translate("ReadinessCheck", "{size} GB").format(size=gigabytes)
    megabytes = locale.toString(round(size / 1024 ** 2))
    return translate("ReadinessCheck", "{size} MB").format(size=megabytes)


def duration_words(seconds: float) -> str:
    seconds = round(seconds)
    number = QLocale().toString
    if seconds >= 3600:
        hours, rest = divmod(seconds, 3600)
        return translate("ReadinessCheck", "{hours} h {minutes} min").format(
            hours=number(hours), minutes=number(rest // 60))
    if seconds >= 60:
        minutes, rest = divmod(seconds, 60)
        if rest:
            return translate("ReadinessCheck", "{minutes} min {seconds} s").format(
                minutes=number(minutes), seconds=number(rest))
        return translate("ReadinessCheck", "{minutes} min").format(minutes=number(minutes))
    return translate("ReadinessCheck", "{seconds} s").format(seconds=number(seconds))


def _join_words(items: list[str]) -> str:
    if QLocale().language() not in (QLocale.Language.C, QLocale.Language.English):
        return QLocale().createSeparatedList(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _tr(text: str) -> str:
    """The translation of a sentence marked with QT_TRANSLATE_NOOP("ReadinessCheck", ...)."""
    return translate("ReadinessCheck", text)
