"""DemoKiosks: N simulated kiosks, each a real HTTP client of the real API, following a script so
the Proctor Center shows variety within a minute and keeps showing it for as long as the
presenter talks.

The script (seconds at ``time_scale`` 1), repeated every ``CYCLE_SECONDS`` (three minutes) of a
candidate's attempt: everyone uploads a frame every ``snapshot_interval`` seconds; one candidate
looks away (nobody in view) from 12 s to 162 s; one has a second person in view from 15 s to
170 s; one's camera is denied at 8 s and restored at 50 s; one leaves the exam window at 20 s and
returns at 26 s, and submits at 100 s; one sits a 75-second quiz and runs out of time. Further
kiosks are calm. The episodes are long enough (at speed 1) for the risk rule, which weighs
episodes by their length, to rank these candidates above the calm ones within minutes: measured
at speed 1, the candidate with a second person in view reaches Medium at 2 min 21 s and High at
2 min 51 s, the candidate out of view Medium at 3 min 17 s. Every candidate seated is seen as
the next of the demo's twelve people (``DemoFrames``' ``person``, counted over all kiosks in the
order they are seated), so the first twelve candidates are twelve different people. A kiosk
whose candidate submitted or ran out of time seats a new candidate (another name)
``NEXT_CANDIDATE_SECONDS`` later, who follows the same script, so the demo loops for as long as
it runs.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from console.proctor.center.remote import with_admin_key
from console.proctor.demo.demo_frames import DemoFrames, Scene
from core.client import ApiError, ProctorClient, ServerUnreachable, StartedAttempt

log = logging.getLogger(__name__)

#: Long enough that a presenter's demo never meets the end of the main exam.
MAIN_EXAM = ("Networking basics", 3 * 60 * 60)
SHORT_EXAM = ("Short quiz", 75)
#: The scripted moments of an attempt repeat with this period (script seconds).
CYCLE_SECONDS = 180.0
#: A kiosk whose candidate finished seats the next candidate after this pause (script seconds).
NEXT_CANDIDATE_SECONDS = 10.0


@dataclass(frozen=True)
class Step:
    at: float  # seconds from the start of the cycle (before time scaling)
    action: str  # "scene", "event", "submit"
    value: str = ""
    detail: str | None = None


@dataclass(frozen=True)
class KioskScript:
    candidate_ref: str
    candidate_name: str
    steps: tuple[Step, ...] = ()
    short_exam: bool = False

    @property
    def is_scripted(self) -> bool:
        """Whether this kiosk has scripted trouble (the others are calm candidates)."""
        return bool(self.steps) or self.short_exam

    def timeline(self) -> Iterator[Step]:
        """The steps of one attempt, cycle after cycle, in time order (endless when scripted)."""
        ordered = sorted(self.steps, key=lambda s: s.at)
        if not ordered:
            return
        cycle = 0
        while True:
            for step in ordered:
                yield Step(step.at + cycle * CYCLE_SECONDS, step.action, step.value, step.detail)
                if step.action == "submit":
                    return
            cycle += 1


SCRIPTS: tuple[KioskScript, ...] = (
    KioskScript("DEMO-101", "Lina Haddad"),
    KioskScript("DEMO-102", "Marco Rossi", (
        Step(12, "scene", Scene.NOBODY), Step(162, "scene", Scene.ONE_PERSON))),
    KioskScript("DEMO-103", "Aisha Bello", (
        Step(15, "scene", Scene.TWO_PEOPLE), Step(170, "scene", Scene.ONE_PERSON))),
    KioskScript("DEMO-104", "Tom Becker", (
        Step(8, "event", "camera_denied", "The camera is in use by another program"),
        Step(8, "scene", "off"),
        Step(50, "event", "camera_restored", "Camera is working again"),
        Step(50, "scene", Scene.ONE_PERSON))),
    KioskScript("DEMO-105", "Yuki Tanaka", (
        Step(20, "event", "focus_lost", "The exam window lost focus"),
        Step(26, "event", "focus_regained", "Back in the exam window"),
        Step(100, "submit"))),
    KioskScript("DEMO-106", "Priya Nair", short_exam=True),
)
EXTRA_NAMES = ("Jonas Berg", "Sofia Costa", "Kwame Mensah", "Elena Petrova", "Ravi Kumar",
               "Hana Sato", "Lucas Moreau", "Amara Obi", "Noah Fischer", "Leila Karimi")
#: Who sits down at a kiosk after its candidate has finished.
NEXT_NAMES = ("Omar Farouk", "Ines Duarte", "Mei Chen", "Felix Wagner", "Zara Ahmed",
              "Diego Alvarez", "Anna Kowalska", "Samuel Okafor", "Freya Lund", "Kenji Mori")


def scripts_for(count: int) -> list[KioskScript]:
    scripts = list(SCRIPTS[:count])
    for index in range(len(scripts), count):
        name = EXTRA_NAMES[(index - len(SCRIPTS)) % len(EXTRA_NAMES)]
        scripts.append(KioskScript(f"DEMO-{101 + index}", name))
    return scripts


def next_candidate(script: KioskScript, seat_round: int) -> KioskScript:
    """The candidate who takes the same kiosk (and follows its script) in round ``seat_round``
    (1, 2, ...)."""
    seat = int(script.candidate_ref.rsplit("-", 1)[-1]) - 101
    name = NEXT_NAMES[(seat * 3 + seat_round - 1) % len(NEXT_NAMES)]
    return KioskScript(f"{script.candidate_ref}-{seat_round + 1}", name, script.steps,
                       script.short_exam)


@dataclass
class DemoStats:
    uploads: int = 0
    events: int = 0
    failures: int = 0
    ended: list[str] = field(default_factory=list)
    #: Every candidate a kiosk seated, by kiosk index: the scripted kiosk's name first.
    seated: dict[int, list[str]] = field(default_factory=dict)
    #: The picture (in resources/demo_frames) each seated candidate is seen as, by name.
    pictures: dict[str, str] = field(default_factory=dict)


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
        #: Candidates seated so far, at every kiosk: the next one is seen as the next person.
        self._seated_count = 0
        self.exam_ids: dict[str, str] = {}
        #: Why the frames show no faces (their pictures cannot be read), or None.
        self.frames_problem: str | None = DemoFrames().problem

    # ---- lifecycle ----------------------------------------------------------------------------
    def start(self) -> None:
        with with_admin_key(self.base_url, self._admin_key) as admin:
            interval = max(2, round(self.snapshot_interval))
            for key, (title, seconds) in (("main", MAIN_EXAM), ("short", SHORT_EXAM)):
                duration = max(2, round(seconds * self.time_scale))
                exam = admin.create_exam(title, duration, True, interval)
                self.exam_ids[key] = exam.exam_id
        if self.frames_problem:
            log.warning("%s", self.frames_problem)
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
        """Seat candidates one after another at this kiosk until the demo stops."""
        seat_round = 0
        while not self._stop.is_set():
            candidate = script if seat_round == 0 else next_candidate(script, seat_round)
            with self._lock:
                frames = DemoFrames(seed=index, person=self._seated_count)
                self._seated_count += 1
                self.stats.seated.setdefault(index, []).append(candidate.candidate_name)
                self.stats.pictures[candidate.candidate_name] = frames.picture
            how = self._run_attempt(candidate, frames)
            if how is None:
                return  # the demo is stopping
            self._ended(candidate, how)
            seat_round += 1
            self._stop.wait(NEXT_CANDIDATE_SECONDS * self.time_scale)

    def _run_attempt(self, script: KioskScript, frames: DemoFrames) -> str | None:
        """One candidate's attempt from start to its end; how it ended, or None on stop."""
        exam_id = self.exam_ids["short" if script.short_exam else "main"]
        scale = self.time_scale
        with ProctorClient(self.base_url, self._kiosk_key, timeout=10) as client:
            started = self._retry(lambda: client.start_attempt(
                exam_id, script.candidate_ref, script.candidate_name))
            if started is None:
                return None
            attempt_id, token = started.attempt_id, started.token
            begin = self._monotonic()
            steps = script.timeline()
            pending = next(steps, None)
            scene: str = Scene.ONE_PERSON
            tick = 0
            next_frame = 0.0
            while not self._stop.is_set():
                elapsed = (self._monotonic() - begin) / scale
                while pending is not None and pending.at <= elapsed:
                    step, pending = pending, next(steps, None)
                    if step.action == "scene":
                        scene = step.value
                    elif step.action == "event":
                        self._send_event(client, attempt_id, token, step)
                    elif step.action == "submit":
                        self._call(lambda: client.submit_attempt(attempt_id, token=token))
                        return "submitted"
                if elapsed >= next_frame:
                    next_frame = elapsed + self.snapshot_interval
                    if scene != "off" and not self._upload(client, attempt_id, token, frames,
                                                           Scene(scene), tick):
                        return "ended by the server"
                    tick += 1
                self._stop.wait(min(0.25, self.snapshot_interval * scale / 4))
        return None

    def _upload(self, client: ProctorClient, attempt_id: str, token: str, frames: DemoFrames,
                scene: Scene, tick: int) -> bool:
        """Upload one frame; False once the server says the attempt has ended."""
        jpeg = frames.frame(scene, tick)
        snapshot_id, captured_at = str(uuid.uuid4()), datetime.now(UTC)
        try:
            self._once_more_if_reset(lambda: client.upload_snapshot(
                attempt_id, snapshot_id, jpeg, captured_at, token=token))
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
        event_id = str(uuid.uuid4())
        if self._call(lambda: client.record_event(attempt_id, step.value, step.detail,
                                                  event_id=event_id, token=token)):
            with self._lock:
                self.stats.events += 1

    @staticmethod
    def _once_more_if_reset(fn: Callable[[], object]) -> None:
        """Call ``fn``; when the connection failed, once more on a fresh one. An idle keep-alive
        connection that the server closes just as a request goes out (its keep-alive timeout is
        about the demo's snapshot interval) fails with a reset; the retry is safe because
        snapshots and events carry their own ids."""
        try:
            fn()
        except ServerUnreachable:
            fn()

    def _call(self, fn: Callable[[], object]) -> bool:
        try:
            self._once_more_if_reset(fn)
        except (ApiError, ServerUnreachable) as exc:
            self._count_failure(exc)
            return False
        return True

    def _retry(self, fn: Callable[[], StartedAttempt]) -> StartedAttempt | None:
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
