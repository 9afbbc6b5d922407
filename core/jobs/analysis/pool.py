"""The analysis worker pool: every accepted snapshot is looked at off the request path, and
what it shows becomes evidence on the session's timeline (events with source ``analysis``).

What one frame shows is decided in core/jobs/analysis/inspection.py; when frames make an event, in
core/domain/episodes.py. This module only moves frames through threads.

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

    The face count and the cues are stored on the snapshot row (``face_count``, ``analysis``).
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
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core.domain.domain_events import DomainEvent, SessionChanged, SnapshotRecorded
from core.domain.episodes import EpisodeTracker
from core.domain.errors import NotFound
from core.domain.lifecycle import is_live
from core.domain.records import SnapshotDTO
from core.jobs.analysis.inspection import (
    FaceDetector,
    FrameFindings,
    Picture,
    inspect_frame,
    load_face_detector,
    read_frame,
    small_copy,
    use_one_opencv_thread,
)

if TYPE_CHECKING:
    from core.events.bus import EventBus
    from core.services.proctoring import ProctoringService
    from core.services.snapshots import SnapshotService

log = logging.getLogger(__package__)  # "core.jobs.analysis", as before the package was split

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


@dataclass
class _SessionState:
    """One session's episodes and last picture; touched by one worker at a time (``lock``)."""

    episodes: EpisodeTracker
    previous_small: Picture | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


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
        load_face_detector()  # fail now, with a clear message, rather than in every worker
        use_one_opencv_thread()
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
    def attach(
        cls,
        bus: EventBus,
        snapshots: SnapshotService,
        proctoring: ProctoringService,
        *,
        workers: int = 1,
        queue_size: int = 64,
        confirm_frames: int = 1,
    ) -> FrameAnalysis:
        """Build the analysis and subscribe it to ``bus`` (the core's). Frames queue up from
        now on; ``start()`` runs the workers, ``drain()`` analyses them in the caller."""
        analysis = cls(snapshots, proctoring, workers=workers, queue_size=queue_size,
                       confirm_frames=confirm_frames)
        analysis._unsubscribe = bus.subscribe(analysis.handle_event)
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
        elif isinstance(event, SessionChanged) and not is_live(event.status):
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
        frame = read_frame(path, snapshot.width)
        if frame is None:
            log.warning("snapshot %s cannot be decoded for analysis (%s)", snapshot_id, path)
            return None
        state = self._state_of(snapshot)
        events: list[tuple[str, str | None]] = []
        with state.lock:
            if state.episodes.is_out_of_order(snapshot.captured_at):
                findings = inspect_frame(frame, self._detector())
            else:
                findings = inspect_frame(frame, self._detector(), state.previous_small)
                events = state.episodes.observe(findings.cues, snapshot.captured_at,
                                                findings.face_count)
                state.previous_small = small_copy(frame)
        self._snapshots.record_analysis(snapshot_id, findings.face_count, findings.cues, events)
        with self._idle:
            self.analysed_count += 1
        return findings

    def _detector(self) -> FaceDetector:
        """This thread's face detector (they are not thread-safe: one per thread)."""
        detector: FaceDetector | None = getattr(self._local, "detector", None)
        if detector is None:
            detector = self._local.detector = load_face_detector()
        return detector

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
        state = _SessionState(EpisodeTracker(self.confirm_frames))
        try:
            history = self._proctoring.list_snapshots(snapshot.session_id, limit=HISTORY_FRAMES)
        except NotFound:
            return state
        analysed = [s for s in reversed(history) if s.face_count is not None]
        for earlier in analysed:
            cues = earlier.analysis.split(",") if earlier.analysis else ()
            state.episodes.observe(cues, earlier.captured_at, earlier.face_count or 0)
        if analysed:
            state.previous_small = self._small_copy_of(analysed[-1])
        return state

    def _small_copy_of(self, snapshot: SnapshotDTO) -> Picture | None:
        try:
            path = self._snapshots.image_path(snapshot.snapshot_id)
        except NotFound:
            return None
        frame = read_frame(path, snapshot.width)
        return None if frame is None else small_copy(frame)
