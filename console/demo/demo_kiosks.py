"""DemoKiosks: N simulated kiosks, each a real HTTP client of the real API, following a script so
the Proctor Center shows variety within a minute.

The script (seconds at ``time_scale`` 1): everyone starts at once and uploads a frame every
``snapshot_interval`` seconds; one candidate looks away (no face) from 12 s to 40 s; one has a
second person in view from 15 s to 35 s; one's camera is denied at 8 s and restored at 30 s;
one leaves the exam window at 20 s and returns at 26 s; one submits at 45 s; one sits a short
exam and runs out of time at 75 s. Further kiosks behave normally.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from console.demo.demo_frames import DemoFrames, Scene
from core.client import ApiError, AttemptStart, ProctorClient, ServerUnreachable

log = logging.getLogger(__name__)

MAIN_EXAM = ("Networking basics", 20 * 60)
SHORT_EXAM = ("Short quiz", 75)


@dataclass(frozen=True)
class Step:
    at: float  # seconds from the start of the script (before time scaling)
    action: str  # "scene", "event", "submit"
    value: str = ""
    detail: str | None = None


@dataclass(frozen=True)
class KioskScript:
    candidate_ref: str
    candidate_name: str
    steps: tuple[Step, ...] = ()
    short_exam: bool = False


SCRIPTS: tuple[KioskScript, ...] = (
    KioskScript("DEMO-101", "Lina Haddad"),
    KioskScript("DEMO-102", "Marco Rossi", (
        Step(12, "scene", Scene.NOBODY), Step(40, "scene", Scene.ONE_PERSON))),
    KioskScript("DEMO-103", "Aisha Bello", (
        Step(15, "scene", Scene.TWO_PEOPLE), Step(35, "scene", Scene.ONE_PERSON))),
    KioskScript("DEMO-104", "Tom Becker", (
        Step(8, "event", "camera_denied", "The camera is in use by another program"),
        Step(8, "scene", "off"),
        Step(30, "event", "camera_restored", "Camera is working again"),
        Step(30, "scene", Scene.ONE_PERSON))),
    KioskScript("DEMO-105", "Yuki Tanaka", (
        Step(20, "event", "focus_lost", "The exam window lost focus"),
        Step(26, "event", "focus_regained", "Back in the exam window"),
        Step(45, "submit"))),
    KioskScript("DEMO-106", "Priya Nair", short_exam=True),
)
EXTRA_NAMES = ("Jonas Berg", "Sofia Costa", "Kwame Mensah", "Elena Petrova", "Ravi Kumar",
               "Hana Sato", "Lucas Moreau", "Amara Obi", "Noah Fischer", "Leila Karimi")


def scripts_for(count: int) -> list[KioskScript]:
    scripts = list(SCRIPTS[:count])
    for index in range(len(scripts), count):
        name = EXTRA_NAMES[(index - len(SCRIPTS)) % len(EXTRA_NAMES)]
        scripts.append(KioskScript(f"DEMO-{101 + index}", name))
    return scripts


@dataclass
class DemoStats:
    uploads: int = 0
    events: int = 0
    failures: int = 0
    ended: list[str] = field(default_factory=list)


class DemoKiosks:
    def __init__(
        self,
        base_url: str,
        admin_key: str,
        kiosk_key: str,
        count: int = 6,
        time_scale: float = 1.0,
        snapshot_interval: float = 5.0,
        clock: Callable[[], float] | None = None,
    ) -> None:
        import time

        self.base_url = base_url
        self._admin_key = admin_key
        self._kiosk_key = kiosk_key
        self.scripts = scripts_for(count)
        self.time_scale = time_scale
        self.snapshot_interval = snapshot_interval
        self._monotonic = clock or time.monotonic
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self.stats = DemoStats()
        self.exam_ids: dict[str, str] = {}

    # ---- lifecycle ----------------------------------------------------------------------------
    def start(self) -> None:
        with ProctorClient(self.base_url, self._admin_key) as admin:
            interval = max(2, round(self.snapshot_interval))
            for key, (title, seconds) in (("main", MAIN_EXAM), ("short", SHORT_EXAM)):
                duration = max(2, round(seconds * self.time_scale))
                exam = admin.create_exam(title, duration, True, interval)
                self.exam_ids[key] = exam.exam_id
        frames_have_faces = DemoFrames().has_faces
        if not frames_have_faces:
            log.warning("scikit-image is not installed: demo frames show a pattern, not faces")
        for index, script in enumerate(self.scripts):
            thread = threading.Thread(target=self._run_kiosk, args=(index, script),
                                      name=f"demo-kiosk-{index + 1}", daemon=True)
            self._threads.append(thread)
            thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout)
        self._threads.clear()

    @property
    def is_running(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    # ---- one kiosk ----------------------------------------------------------------------------
    def _run_kiosk(self, index: int, script: KioskScript) -> None:
        frames = DemoFrames(seed=index)
        exam_id = self.exam_ids["short" if script.short_exam else "main"]
        scale = self.time_scale
        with ProctorClient(self.base_url, self._kiosk_key, timeout=10) as client:
            started = self._retry(lambda: client.start_attempt(
                exam_id, script.candidate_ref, script.candidate_name))
            if started is None:
                return
            attempt_id, token = started.attempt_id, started.token
            begin = self._monotonic()
            pending = sorted(script.steps, key=lambda s: s.at)
            scene: str = Scene.ONE_PERSON
            tick = 0
            next_frame = 0.0
            while not self._stop.is_set():
                elapsed = (self._monotonic() - begin) / scale
                while pending and pending[0].at <= elapsed:
                    step = pending.pop(0)
                    if step.action == "scene":
                        scene = step.value
                    elif step.action == "event":
                        self._send_event(client, attempt_id, token, step)
                    elif step.action == "submit":
                        self._call(lambda: client.submit_attempt(attempt_id, token=token))
                        self._ended(script, "submitted")
                        return
                if elapsed >= next_frame:
                    next_frame = elapsed + self.snapshot_interval
                    if scene != "off" and not self._upload(client, attempt_id, token, frames,
                                                           Scene(scene), tick):
                        self._ended(script, "ended by the server")
                        return
                    tick += 1
                self._stop.wait(min(0.25, self.snapshot_interval * scale / 4))

    def _upload(self, client: ProctorClient, attempt_id: str, token: str, frames: DemoFrames,
                scene: Scene, tick: int) -> bool:
        """Upload one frame; False once the server says the attempt has ended."""
        jpeg = frames.frame(scene, tick)
        try:
            client.upload_snapshot(attempt_id, str(uuid.uuid4()), jpeg, datetime.now(UTC),
                                   token=token)
        except ApiError as exc:
            if exc.status == 409:
                return False
            self._count_failure(exc)
            return True
        except ServerUnreachable as exc:
            self._count_failure(exc)
            return True
        with self._lock:
            self.stats.uploads += 1
        return True

    def _send_event(self, client: ProctorClient, attempt_id: str, token: str, step: Step) -> None:
        if self._call(lambda: client.record_event(attempt_id, step.value, step.detail,
                                                  event_id=str(uuid.uuid4()), token=token)):
            with self._lock:
                self.stats.events += 1

    def _call(self, fn: Callable[[], object]) -> bool:
        try:
            fn()
        except (ApiError, ServerUnreachable) as exc:
            self._count_failure(exc)
            return False
        return True

    def _retry(self, fn: Callable[[], AttemptStart]) -> AttemptStart | None:
        while not self._stop.is_set():
            try:
                return fn()
            except (ApiError, ServerUnreachable) as exc:
                self._count_failure(exc)
                self._stop.wait(1.0)
        return None

    def _ended(self, script: KioskScript, how: str) -> None:
        with self._lock:
            self.stats.ended.append(f"{script.candidate_name}: {how}")

    def _count_failure(self, exc: Exception) -> None:
        log.warning("demo kiosk call failed: %s", exc)
        with self._lock:
            self.stats.failures += 1
