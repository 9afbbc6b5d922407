"""Frame analysis: every accepted snapshot is looked at by OpenCV off the request path, and what
it shows becomes evidence on the session's timeline (events with source ``analysis``).

The only module in core that imports OpenCV (cv2).

Flow
    The snapshot service publishes ``SnapshotRecorded`` on the core's bus after the row commits.
    ``FrameAnalysis`` puts the snapshot id on a bounded queue and returns at once, so an upload
    answers before its analysis starts. A small pool of worker threads (one by default,
    ``PROCTOR_ANALYSIS_WORKERS``) takes frames off the queue. All frames of one session go to the
    same worker, so a session's frames are analysed in upload order. When the queue is full the
    frame is not analysed (the upload itself is never refused or slowed): a warning says so and
    ``dropped_count`` counts it. Analysis yields to uploads: OpenCV's own thread pool is limited
    to one thread, and when a frame's analysis had to compete for the CPU (its thread got less
    than ``CONTENDED_CPU_SHARE`` of the wall time) while uploads keep arriving, the worker rests
    so that it analyses at most ``BUSY_DUTY`` of the time, resuming at full speed as soon as
    uploads pause. On a machine with spare CPU, analysis runs at full speed. Under a sustained
    upload burst frames wait in the queue, or are skipped when it is full.
    Worker threads are deliberately not given a lower OS priority: a low-priority thread that
    is preempted while it holds the GIL or SQLite's write lock stalls the uploads behind it
    (priority inversion), which measured worse than the rest periods alone
    (tests/benchmarks/analysis.py).

What one frame shows (``inspect_frame``)
    The stored JPEG is decoded in gray at reduced size (libjpeg DCT scaling, about 320x240 for a
    640x480 snapshot). On that picture:

    - ``camera_blocked``: the picture is nearly uniform (gray-level standard deviation below
      ``BLOCKED_MAX_CONTRAST``): a hand, tape or a closed lid over the lens. No face count is
      attempted (it is 0) and the other cues are not looked for.
    - ``too_dark``: mean brightness below ``DARK_MAX_BRIGHTNESS`` (of 255).
    - ``frozen``: practically the same picture as the session's previous frame (mean absolute
      difference of 160x120 gray copies below ``FROZEN_MAX_DIFFERENCE``): a stuck camera driver
      or a still image fed to a virtual camera. Real sensors add noise, so two real frames of a
      perfectly still room still differ by more than that.
    - faces: OpenCV's bundled frontal-face Haar cascade; a detection counts as a face when the
      cascade's final-stage score reaches ``MIN_FACE_SCORE`` (this drops the weak extra boxes
      the cascade finds on collars and patterned clothes). Faces smaller than about 60 pixels
      in the 640x480 snapshot are not found. ``no_face`` when none is found (not reported on a
      too-dark frame, where the darkness is the finding); ``multiple_faces`` when two or more.

    The face count and the cues are stored on the snapshot row (``face_count``, ``analysis``).

Debouncing: an episode is one event
    For each session and each condition, an *episode* starts with the first frame that shows
    the condition and lasts while consecutive analysed frames keep showing it. The event is
    recorded once per episode, when the episode reaches ``confirm_frames`` frames
    (``PROCTOR_ANALYSIS_CONFIRM_FRAMES``, default 1: at its first frame), dated at the frame
    that confirmed it. A frame without the condition ends the episode and nothing is recorded
    then; the next episode of the same condition records a new event whose detail also says
    how long the previous one lasted (from its first frame to the frame that cleared it). So
    three no-face frames in a row make one ``no_face`` event, and so a long absence adds the
    ``no_face`` risk weight once. ``frozen`` episodes are recorded as ``camera_blocked`` events
    (the event type covers "blocked or frozen"); the detail tells which.

    Frames that arrive out of order (captured before the newest frame already analysed for the
    session, e.g. a kiosk's spooled backlog) get their face count and cues stored but never
    start or end an episode.

State and restarts
    Episode state is kept in memory per session and forgotten when the session ends. After a
    restart, the first frame of a session rebuilds it from the database: the cues stored on
    the session's recent analysed snapshots are replayed through the same rule (recording
    nothing), and the newest one's image is the reference for ``frozen``. So an episode that
    was already reported before the restart is not reported again.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np

from core.domain.domain_events import DomainEvent, SessionChanged, SnapshotRecorded
from core.domain.enums import EventType, SessionStatus
from core.domain.errors import NotFound
from core.services.dto import SnapshotDTO

if TYPE_CHECKING:
    from core.bootstrap import Core
    from core.services.proctoring import ProctoringService
    from core.services.snapshots import SnapshotService

log = logging.getLogger(__name__)

CASCADE_FILE = "haarcascade_frontalface_default.xml"

#: Decode so that the gray picture is at least this wide (libjpeg scales by 1/2, 1/4 or 1/8).
ANALYSIS_MIN_WIDTH = 320
REDUCED_GRAY_MODES = (
    (8, cv2.IMREAD_REDUCED_GRAYSCALE_8),
    (4, cv2.IMREAD_REDUCED_GRAYSCALE_4),
    (2, cv2.IMREAD_REDUCED_GRAYSCALE_2),
    (1, cv2.IMREAD_GRAYSCALE),
)
#: Haar detection on the reduced gray picture (about 320x240).
FACE_SCALE_FACTOR = 1.15
FACE_MIN_NEIGHBORS = 5
FACE_MIN_SIZE = (30, 30)
MIN_FACE_SCORE = 2.5
#: Image cues, on 0-255 gray levels.
BLOCKED_MAX_CONTRAST = 6.0
DARK_MAX_BRIGHTNESS = 40.0
FROZEN_SIZE = (160, 120)
FROZEN_MAX_DIFFERENCE = 0.2
#: How many analysed frames of a session are replayed to rebuild its state after a restart.
HISTORY_FRAMES = 20
#: A full queue is reported at most this often (each dropped frame is counted).
DROP_WARNING_EVERY_SECONDS = 10.0
#: When a frame's analysis got less than ``CONTENDED_CPU_SHARE`` of a core over its wall time
#: and uploads keep arriving (one within ``BUSY_SECONDS``), the worker spends at most
#: ``BUSY_DUTY`` of its time analysing: after a frame that took t seconds it rests up to
#: t * (1 / BUSY_DUTY - 1), and goes on as soon as uploads pause.
CONTENDED_CPU_SHARE = 0.8
BUSY_SECONDS = 0.05
BUSY_DUTY = 0.1

# Conditions: the cue stored on the snapshot, the event it records, and the event's detail.
NO_FACE = "no_face"
MULTIPLE_FACES = "multiple_faces"
TOO_DARK = "too_dark"
CAMERA_BLOCKED = "camera_blocked"
FROZEN = "frozen"
CONDITIONS: tuple[str, ...] = (CAMERA_BLOCKED, FROZEN, TOO_DARK, NO_FACE, MULTIPLE_FACES)
EVENT_OF_CONDITION: dict[str, str] = {
    NO_FACE: EventType.NO_FACE,
    MULTIPLE_FACES: EventType.MULTIPLE_FACES,
    TOO_DARK: EventType.TOO_DARK,
    CAMERA_BLOCKED: EventType.CAMERA_BLOCKED,
    FROZEN: EventType.CAMERA_BLOCKED,
}
DETAIL_OF_CONDITION: dict[str, str] = {
    NO_FACE: "No face in view",
    MULTIPLE_FACES: "{faces} faces in view",
    TOO_DARK: "Picture too dark to see the candidate",
    CAMERA_BLOCKED: "Camera covered or blocked",
    FROZEN: "Picture frozen: the same image as the previous snapshot",
}


class AnalysisUnavailable(RuntimeError):
    """OpenCV is there but cannot analyse frames (e.g. its face model is missing)."""


@dataclass(frozen=True)
class FrameFindings:
    """What one frame shows."""

    face_count: int
    brightness: float
    contrast: float
    difference: float | None
    cues: tuple[str, ...]


def cascade_path() -> Path:
    return Path(cv2.data.haarcascades) / CASCADE_FILE


def load_face_cascade() -> cv2.CascadeClassifier:
    """A new classifier (they are not thread-safe: one per thread)."""
    path = cascade_path()
    classifier = cv2.CascadeClassifier(str(path))
    if classifier.empty():
        raise AnalysisUnavailable(
            f"OpenCV's face model {path} is missing or unreadable; reinstall "
            "opencv-python-headless (4.x) to turn frame analysis on."
        )
    return classifier


def decode_gray(data: bytes | np.ndarray, width: int) -> np.ndarray | None:
    """Decode a stored JPEG (``width`` pixels wide) in gray at the coarsest libjpeg scale that
    keeps it at least ``ANALYSIS_MIN_WIDTH`` wide; None when it cannot be decoded."""
    buffer = np.frombuffer(data, np.uint8) if isinstance(data, bytes) else data
    mode = next(m for factor, m in REDUCED_GRAY_MODES if width // factor >= ANALYSIS_MIN_WIDTH
                or factor == 1)
    gray = cv2.imdecode(buffer, mode)
    return gray if gray is not None and gray.size else None


def small_copy(gray: np.ndarray) -> np.ndarray:
    """The 160x120 copy compared between frames for ``frozen``."""
    return cv2.resize(gray, FROZEN_SIZE, interpolation=cv2.INTER_AREA)


def count_faces(gray: np.ndarray, cascade: cv2.CascadeClassifier) -> int:
    boxes, _levels, scores = cascade.detectMultiScale3(
        gray, FACE_SCALE_FACTOR, FACE_MIN_NEIGHBORS, minSize=FACE_MIN_SIZE,
        outputRejectLevels=True,
    )
    if len(boxes) == 0:
        return 0
    return int(np.count_nonzero(np.ravel(scores) >= MIN_FACE_SCORE))


def inspect_frame(
    gray: np.ndarray, cascade: cv2.CascadeClassifier, previous_small: np.ndarray | None = None
) -> FrameFindings:
    """The face count and cues of one gray frame (see the module docstring for the rules)."""
    mean, stddev = cv2.meanStdDev(gray)
    brightness, contrast = float(mean[0][0]), float(stddev[0][0])
    if contrast < BLOCKED_MAX_CONTRAST:
        return FrameFindings(0, brightness, contrast, None, (CAMERA_BLOCKED,))
    difference = None
    if previous_small is not None:
        difference = float(cv2.absdiff(small_copy(gray), previous_small).mean())
    is_dark = brightness < DARK_MAX_BRIGHTNESS
    faces = count_faces(gray, cascade)
    cues: list[str] = []
    if difference is not None and difference < FROZEN_MAX_DIFFERENCE:
        cues.append(FROZEN)
    if is_dark:
        cues.append(TOO_DARK)
    elif faces == 0:
        cues.append(NO_FACE)
    if faces >= 2:
        cues.append(MULTIPLE_FACES)
    return FrameFindings(faces, brightness, contrast, difference, tuple(cues))


def describe_duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"


@dataclass
class _Episode:
    started_at: datetime
    frames: int = 0
    is_reported: bool = False


@dataclass
class _SessionState:
    """One session's debounce state; touched by one worker at a time (under ``lock``)."""

    confirm_frames: int
    last_captured_at: datetime | None = None
    previous_small: np.ndarray | None = None
    episodes: dict[str, _Episode] = field(default_factory=dict)
    last_durations: dict[str, float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def is_out_of_order(self, captured_at: datetime) -> bool:
        return self.last_captured_at is not None and captured_at < self.last_captured_at

    def observe(
        self, cues: Iterable[str], captured_at: datetime, face_count: int
    ) -> list[tuple[str, str | None]]:
        """Advance the episodes by one frame; return the events to record now."""
        present = set(cues)
        events: list[tuple[str, str | None]] = []
        for condition in CONDITIONS:
            episode = self.episodes.get(condition)
            if condition not in present:
                if episode is not None:
                    del self.episodes[condition]
                    if episode.is_reported:
                        duration = (captured_at - episode.started_at).total_seconds()
                        self.last_durations[condition] = duration
                continue
            if episode is None:
                episode = self.episodes[condition] = _Episode(captured_at)
            episode.frames += 1
            if not episode.is_reported and episode.frames >= self.confirm_frames:
                episode.is_reported = True
                events.append((EVENT_OF_CONDITION[condition],
                               self._detail(condition, face_count)))
        self.last_captured_at = captured_at
        return events

    def _detail(self, condition: str, face_count: int) -> str:
        detail = DETAIL_OF_CONDITION[condition].format(faces=face_count)
        previous = self.last_durations.get(condition)
        if previous is not None:
            detail += f" (again; the previous time lasted about {describe_duration(previous)})"
        return detail


class FrameAnalysis:
    """Analyses every accepted snapshot in a bounded pool of worker threads (see module doc)."""

    def __init__(
        self,
        snapshots: SnapshotService,
        proctoring: ProctoringService,
        *,
        workers: int = 1,
        queue_size: int = 64,
        confirm_frames: int = 1,
    ) -> None:
        load_face_cascade()  # fail now, with a clear message, rather than in every worker
        cv2.setNumThreads(1)  # parallelism is the worker count; OpenCV must not add its own
        self._snapshots = snapshots
        self._proctoring = proctoring
        self.worker_count = max(1, workers)
        self.confirm_frames = max(1, confirm_frames)
        per_worker = max(1, queue_size // self.worker_count)
        self._queues: list[queue.Queue[str]] = [
            queue.Queue(per_worker) for _ in range(self.worker_count)
        ]
        self._local = threading.local()
        self._states: dict[str, _SessionState] = {}
        self._states_lock = threading.Lock()
        self._unfinished = 0
        self._idle = threading.Condition()
        self._threads: list[threading.Thread] = []
        self._stopping = threading.Event()
        self._unsubscribe: Callable[[], None] | None = None
        self._last_drop_warning = 0.0
        self._last_upload_at = 0.0
        self.analysed_count = 0
        self.dropped_count = 0
        self.failed_count = 0

    @classmethod
    def attach(cls, core: Core) -> FrameAnalysis:
        """Build the analysis for ``core`` and subscribe it to the core's bus. Frames queue up
        from now on; ``start()`` runs the workers, ``drain()`` analyses them in the caller."""
        config = core.config
        analysis = cls(
            core.snapshots,
            core.proctoring,
            workers=config.analysis_workers,
            queue_size=config.analysis_queue_size,
            confirm_frames=config.analysis_confirm_frames,
        )
        analysis._unsubscribe = core.bus.subscribe(analysis.handle_event)
        return analysis

    # ---- lifecycle -----------------------------------------------------------------------------
    @property
    def is_running(self) -> bool:
        return bool(self._threads) and not self._stopping.is_set()

    def start(self) -> None:
        if self._threads or self._stopping.is_set():
            return
        for index, work in enumerate(self._queues):
            thread = threading.Thread(target=self._work, args=(work,),
                                      name=f"proctor-analysis-{index}", daemon=True)
            self._threads.append(thread)
            thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop for good: no more frames are taken; frames still waiting are not analysed."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._stopping.set()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        waiting = sum(q.qsize() for q in self._queues)
        if waiting:
            log.info("frame analysis stopped with %d snapshots not analysed", waiting)

    def drain(self, timeout: float = 30.0) -> bool:
        """Wait until every queued frame is analysed; without running workers, analyse them in
        the calling thread. True when nothing is left."""
        if not self.is_running:
            for work in self._queues:
                while True:
                    try:
                        snapshot_id = work.get_nowait()
                    except queue.Empty:
                        break
                    self._run(snapshot_id)
        with self._idle:
            return self._idle.wait_for(lambda: self._unfinished == 0, timeout)

    # ---- intake (runs on the thread that committed the snapshot) -------------------------------
    def handle_event(self, event: DomainEvent) -> None:
        if isinstance(event, SnapshotRecorded):
            self.submit(event.session_id, event.snapshot_id)
        elif isinstance(event, SessionChanged) and event.status != SessionStatus.ACTIVE:
            with self._states_lock:
                self._states.pop(event.session_id, None)

    def submit(self, session_id: str, snapshot_id: str) -> bool:
        """Queue one snapshot; never blocks. False (and a warning) when the queue is full."""
        work = self._queues[zlib.crc32(session_id.encode()) % self.worker_count]
        self._last_upload_at = time.monotonic()
        with self._idle:
            self._unfinished += 1
        try:
            work.put_nowait(snapshot_id)
        except queue.Full:
            self._finished()
            self._count_drop(snapshot_id, work.maxsize)
            return False
        return True

    def _count_drop(self, snapshot_id: str, waiting: int) -> None:
        with self._idle:
            self.dropped_count += 1
            now = time.monotonic()
            should_warn = now - self._last_drop_warning >= DROP_WARNING_EVERY_SECONDS
            if should_warn:
                self._last_drop_warning = now
        if should_warn:
            log.warning(
                "frame analysis is behind (%d snapshots waiting): snapshot %s was stored but "
                "will not be analysed; %d snapshots skipped so far. Uploads are not affected.",
                waiting, snapshot_id, self.dropped_count,
            )

    def _finished(self, is_failed: bool = False) -> None:
        with self._idle:
            self.failed_count += is_failed
            self._unfinished -= 1
            if self._unfinished == 0:
                self._idle.notify_all()

    # ---- work ----------------------------------------------------------------------------------
    def _work(self, work: queue.Queue[str]) -> None:
        while not self._stopping.is_set():
            try:
                snapshot_id = work.get(timeout=0.2)
            except queue.Empty:
                continue
            started, cpu_started = time.monotonic(), time.thread_time()
            self._run(snapshot_id)
            spent = time.monotonic() - started
            if time.thread_time() - cpu_started < CONTENDED_CPU_SHARE * spent:
                self._rest_while_busy(spent)

    def _rest_while_busy(self, spent: float) -> None:
        """Give the CPU (and the GIL) back to the uploads while they keep coming."""
        resume_at = time.monotonic() + spent * (1 / BUSY_DUTY - 1)
        while not self._stopping.is_set():
            now = time.monotonic()
            if now >= resume_at or now - self._last_upload_at >= BUSY_SECONDS:
                return
            self._stopping.wait(min(BUSY_SECONDS, resume_at - now))

    def _run(self, snapshot_id: str) -> None:
        is_failed = False
        try:
            self.analyse_snapshot(snapshot_id)
        except Exception:
            is_failed = True
            log.exception("frame analysis of snapshot %s failed", snapshot_id)
        finally:
            self._finished(is_failed)

    def analyse_snapshot(self, snapshot_id: str) -> FrameFindings | None:
        """Analyse one stored snapshot now, in the calling thread, and record the results.
        None when the snapshot is gone, already analysed, or its image cannot be decoded."""
        try:
            snapshot = self._snapshots.get_snapshot(snapshot_id)
            path = self._snapshots.image_path(snapshot_id)
        except NotFound:
            return None  # purged meanwhile
        if snapshot.face_count is not None:
            return None
        gray = decode_gray(np.fromfile(path, np.uint8), snapshot.width)
        if gray is None:
            log.warning("snapshot %s cannot be decoded for analysis (%s)", snapshot_id, path)
            return None
        state = self._state_of(snapshot)
        events: list[tuple[str, str | None]] = []
        with state.lock:
            if state.is_out_of_order(snapshot.captured_at):
                findings = inspect_frame(gray, self._cascade())
            else:
                findings = inspect_frame(gray, self._cascade(), state.previous_small)
                events = state.observe(findings.cues, snapshot.captured_at, findings.face_count)
                state.previous_small = small_copy(gray)
        self._snapshots.record_analysis(snapshot_id, findings.face_count, findings.cues, events)
        with self._idle:
            self.analysed_count += 1
        return findings

    def _cascade(self) -> cv2.CascadeClassifier:
        cascade = getattr(self._local, "cascade", None)
        if cascade is None:
            cascade = self._local.cascade = load_face_cascade()
        return cascade

    def _state_of(self, snapshot: SnapshotDTO) -> _SessionState:
        with self._states_lock:
            state = self._states.get(snapshot.session_id)
            if state is not None:
                return state
        state = self._rebuilt_state(snapshot)
        with self._states_lock:
            return self._states.setdefault(snapshot.session_id, state)

    def _rebuilt_state(self, snapshot: SnapshotDTO) -> _SessionState:
        """Replay the cues already stored for this session (after a restart), recording nothing."""
        state = _SessionState(self.confirm_frames)
        try:
            history = self._proctoring.list_snapshots(snapshot.session_id, limit=HISTORY_FRAMES)
        except NotFound:
            return state
        analysed = [s for s in reversed(history) if s.face_count is not None]
        for earlier in analysed:
            cues = earlier.analysis.split(",") if earlier.analysis else ()
            state.observe(cues, earlier.captured_at, earlier.face_count or 0)
        if analysed:
            state.previous_small = self._small_copy_of(analysed[-1])
        return state

    def _small_copy_of(self, snapshot: SnapshotDTO) -> np.ndarray | None:
        try:
            path = self._snapshots.image_path(snapshot.snapshot_id)
        except NotFound:
            return None
        gray = decode_gray(np.fromfile(path, np.uint8), snapshot.width)
        return None if gray is None else small_copy(gray)
