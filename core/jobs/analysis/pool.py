"""The analysis worker pool: every accepted snapshot is looked at off the request path, and
what it shows becomes evidence on the session's timeline (events with source ``analysis``).

What one frame shows is decided in core/jobs/analysis/inspection.py; when frames make an event, in
core/domain/episodes.py. This module only moves frames through threads.

Flow
    The snapshot service publishes ``SnapshotRecorded`` on the core's bus after the row commits.
    ``FrameAnalysis`` hands the snapshot to its ``FrameSchedule`` and returns at once, so an upload
    answers before its analysis starts. Worker threads (``PROCTOR_ANALYSIS_WORKERS``: two on two
    cores or more) take frames from the schedule: every session's newest frame
    before any older frame, sessions in the order they began to wait, one session's frames by one
    worker at a time (core/jobs/analysis/schedule.py). When the center is behind, older frames wait
    in a bounded backlog (``PROCTOR_ANALYSIS_QUEUE``) and its oldest are skipped: the upload itself
    is never refused or slowed, each skip is counted on its session (``frames_skipped``, shown to
    the proctor) and a warning says so. The face detector runs in OpenCV without the GIL, one
    OpenCV thread per worker, so the workers use the cores there are while the uploads' Python
    code runs beside them; the operating system shares the CPU between them. With
    ``PROCTOR_ANALYSIS_PROCESSES`` the decoding and the inspection run in that many spawned worker
    processes instead, outside this interpreter's lock; the threads then only read the rows
    and keep each session's episodes.
    When the uploads queue (the oldest one the snapshot writer has not stored has waited over
    ``GIVE_WAY_AFTER_SECONDS``), a worker waits before analysing its next frame, at most
    ``GIVE_WAY_AT_MOST_SECONDS``: the analysis then falls behind and skips frames by session,
    counted, instead of the uploads timing out. At 1,000 kiosks the analysis went on analysing
    while the uploads waited seconds for the writer and timed out; its work (the interpreter's
    lock, the two cores, the writers' turn) is what they waited for. The signal is the uploads'
    own queue, not the sharing of the interpreter (a rule that rested whenever a frame took
    longer than its CPU time rested all the time). The workers also give way while the event
    loop serving the API runs over ``GIVE_WAY_LOOP_LATE_SECONDS`` late
    (core/jobs/serving_loop.py): when 1,000 kiosks opened their TLS connections, the handshakes
    queued there for the interpreter's lock before any upload reached the writer.
    One more thread records the results, all those waiting in one write: the workers hand
    their results over and go on, so they never wait for the writers' turn (which the
    uploads' commits share: at 1,000 kiosks that wait took about 200 ms a batch, more than a
    third of the workers' time).
    Worker threads are deliberately not given a lower OS priority: a low-priority thread that
    is preempted while it holds the GIL or SQLite's write lock stalls the uploads behind it
    (priority inversion), which measured worse (tests/benchmarks/analysis.py).

    The face count and the cues are stored on the snapshot row (``face_count``, ``analysis``,
    ``analysed_at``). Frames analysed out of order (captured before the newest frame already
    analysed for the session: a backlog frame, or a kiosk's spooled backlog) get their face count
    and cues stored but never start or end an episode.

State and restarts
    Episode state is kept in memory per session and forgotten when the session ends. After a
    restart, the first frame of a session rebuilds it from the database: the cues stored on
    the session's recent analysed snapshots are replayed through the same rule (recording
    nothing), and the newest one's image is the reference for ``frozen``. So an episode that
    was already reported before the restart is not reported again.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from core.domain.domain_events import DomainEvent, SessionChanged, SnapshotRecorded
from core.domain.episodes import EpisodeTracker
from core.domain.errors import NotFound
from core.domain.lifecycle import is_live
from core.jobs.analysis.inspection import (
    FaceDetector,
    FrameFindings,
    Picture,
    inspect_file,
    inspect_frame,
    load_face_detector,
    read_frame,
    small_copy,
    use_one_opencv_thread,
)
from core.jobs.analysis.schedule import Frame, FrameSchedule
from core.jobs.serving_loop import ServingLoopWatch
from core.services.snapshots import AnalysedFrameRow, AnalysisInput, AnalysisResult

if TYPE_CHECKING:
    from core.events.bus import EventBus
    from core.services.snapshots import SnapshotService

log = logging.getLogger(__package__)  # "core.jobs.analysis", as before the package was split

#: How many analysed frames of a session are replayed to rebuild its state after a restart.
HISTORY_FRAMES = 20
#: Skipped frames are reported at most this often (each one is counted on its session).
SKIP_WARNING_EVERY_SECONDS = 10.0
#: How often the skips of sessions that have no frame waiting are recorded.
SKIPPED_FLUSH_SECONDS = 2.0
#: At most this many results are recorded in one write (those that came in while the previous
#: write waited for its turn among the writers).
RESULT_BATCH = 32
#: The workers give way to the uploads while the oldest upload not stored yet has waited longer
#: than this (seconds) ...
GIVE_WAY_AFTER_SECONDS = 0.5
#: ... or while the event loop serving the API is this late (seconds) ...
GIVE_WAY_LOOP_LATE_SECONDS = 0.1
#: ... but for at most this long before each frame, so the newest frames still go on.
GIVE_WAY_AT_MOST_SECONDS = 2.0
#: How often a worker that gives way looks at the uploads' queue and the serving loop again.
GIVE_WAY_STEP_SECONDS = 0.05


@dataclass
class _SessionState:
    """One session's episodes and last picture; touched by one worker at a time (``lock``)."""

    episodes: EpisodeTracker
    previous_small: Picture | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


def default_workers() -> int:
    """One analysis thread per core the process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class FrameAnalysis:
    """Analyses every accepted snapshot in a pool of worker threads (see module doc)."""

    def __init__(
        self,
        snapshots: SnapshotService,
        *,
        workers: int | None = None,
        queue_size: int = 64,
        confirm_frames: int = 1,
        processes: int = 0,
        serving_loop: ServingLoopWatch | None = None,
    ) -> None:
        load_face_detector()  # fail now, with a clear message, rather than in every worker
        use_one_opencv_thread()
        self._snapshots = snapshots
        self._serving_loop = serving_loop or ServingLoopWatch()  # not served: never late
        self.worker_count = max(1, workers or default_workers())
        #: Worker processes that decode and inspect the frames (0: the threads do it).
        self.process_count = max(0, processes)
        self._pool: ProcessPoolExecutor | None = None
        self.confirm_frames = max(1, confirm_frames)
        self._schedule = FrameSchedule(backlog_limit=queue_size)
        self._local = threading.local()
        self._states: dict[str, _SessionState] = {}
        self._states_lock = threading.Lock()
        self._unfinished = 0
        self._idle = threading.Condition()
        self._threads: list[threading.Thread] = []
        self._stopping = threading.Event()
        #: Results waiting for the recording thread, oldest first; ``_results_ready`` guards it.
        self._results: list[AnalysisResult] = []
        self._results_ready = threading.Condition()
        self._recorder: threading.Thread | None = None
        self._recorder_stopping = False
        self._unsubscribe: Callable[[], None] | None = None
        self._last_skip_warning = 0.0
        self._last_flush = 0.0
        self.analysed_count = 0
        self.failed_count = 0

    @property
    def skipped_count(self) -> int:
        """Frames stored but never analysed because the center was behind (or their session
        ended first), since the start."""
        return self._schedule.skipped_total

    @classmethod
    def attach(
        cls,
        bus: EventBus,
        snapshots: SnapshotService,
        *,
        workers: int | None = None,
        queue_size: int = 64,
        confirm_frames: int = 1,
        processes: int = 0,
        serving_loop: ServingLoopWatch | None = None,
    ) -> FrameAnalysis:
        """Build the analysis and subscribe it to ``bus`` (the core's). Frames are scheduled
        from now on; ``start()`` runs the workers, ``drain()`` analyses them in the caller."""
        analysis = cls(snapshots, workers=workers, queue_size=queue_size,
                       confirm_frames=confirm_frames, processes=processes,
                       serving_loop=serving_loop)
        analysis._unsubscribe = bus.subscribe(analysis.handle_event)
        return analysis

    # ---- lifecycle -----------------------------------------------------------------------------
    @property
    def is_running(self) -> bool:
        return bool(self._threads) and not self._stopping.is_set()

    def start(self) -> None:
        if self._threads or self._stopping.is_set():
            return
        for index in range(self.worker_count):
            thread = threading.Thread(target=self._work, name=f"proctor-analysis-{index}",
                                      daemon=True)
            self._threads.append(thread)
            thread.start()
        self._recorder = threading.Thread(target=self._record_results,
                                          name="proctor-analysis-results", daemon=True)
        self._recorder.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop for good: no more frames are taken; frames still waiting are not analysed."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._stopping.set()
        waiting = self._schedule.close()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        with self._results_ready:  # the workers are done: what they handed over is recorded
            self._recorder_stopping = True
            self._results_ready.notify()
        if self._recorder is not None:
            self._recorder.join(max(0.0, deadline - time.monotonic()))
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        if waiting:
            log.info("frame analysis stopped with %d snapshots not analysed", len(waiting))

    def drain(self, timeout: float = 30.0) -> bool:
        """Wait until every scheduled frame is analysed; without running workers, analyse them
        in the calling thread. True when nothing is left."""
        if not self.is_running:
            while (frame := self._schedule.take(timeout=0)) is not None:
                self._run(frame)
            self._record_skipped(self._schedule.take_skipped())
        with self._idle:
            return self._idle.wait_for(lambda: self._unfinished == 0, timeout)

    # ---- intake (runs on the thread that committed the snapshot) -------------------------------
    def handle_event(self, event: DomainEvent) -> None:
        if isinstance(event, SnapshotRecorded):
            self.submit(event.session_id, event.snapshot_id)
        elif isinstance(event, SessionChanged) and not is_live(event.status):
            with self._states_lock:
                self._states.pop(event.session_id, None)
            dropped = self._schedule.drop_session(event.session_id)
            self._finished(count=dropped)

    def submit(self, session_id: str, snapshot_id: str) -> bool:
        """Schedule one snapshot; never blocks. False when it skipped a frame to make room."""
        with self._idle:
            self._unfinished += 1
        skipped = self._schedule.put(session_id, snapshot_id)
        if skipped is None:
            return True
        self._finished()
        self._warn_skip(skipped)
        return False

    def _warn_skip(self, snapshot_id: str) -> None:
        now = time.monotonic()
        with self._idle:
            should_warn = now - self._last_skip_warning >= SKIP_WARNING_EVERY_SECONDS
            if should_warn:
                self._last_skip_warning = now
        if should_warn:
            log.warning(
                "frame analysis is behind (%d snapshots waiting): snapshot %s was stored but "
                "will not be analysed; %d snapshots skipped so far (each session's newest frame "
                "is analysed first). Uploads are not affected.",
                len(self._schedule), snapshot_id, self.skipped_count,
            )

    def _finished(self, is_failed: bool = False, count: int = 1) -> None:
        if count <= 0:
            return
        with self._idle:
            self.failed_count += is_failed
            self._unfinished -= count
            if self._unfinished == 0:
                self._idle.notify_all()

    # ---- work ----------------------------------------------------------------------------------
    def _work(self) -> None:
        """Take frames and analyse them; their results go to the recording thread, so a worker
        never waits for the writers' turn (under load that wait was longer than the analysis)."""
        while not self._stopping.is_set():
            frame = self._schedule.take(timeout=SKIPPED_FLUSH_SECONDS)
            if frame is None:
                continue
            self._give_way_to_requests()
            result = self._attempt(frame)
            if result is None:
                self._finished()
                continue
            with self._results_ready:
                self._results.append(result)
                self._results_ready.notify()

    def _give_way_to_requests(self) -> None:
        """Wait while the uploads queue or the serving loop runs late, at most
        ``GIVE_WAY_AT_MOST_SECONDS`` (see the module's text)."""
        deadline = time.monotonic() + GIVE_WAY_AT_MOST_SECONDS
        while ((self._snapshots.oldest_upload_wait() > GIVE_WAY_AFTER_SECONDS
                or self._serving_loop.lateness() > GIVE_WAY_LOOP_LATE_SECONDS)
               and time.monotonic() < deadline):
            if self._stopping.wait(GIVE_WAY_STEP_SECONDS):
                return

    def _record_results(self) -> None:
        """The recording thread: records the results handed over, all those waiting (up to
        ``RESULT_BATCH``) in one write, so a keeping-up center records each frame at once and a
        busy one in fewer, larger writes; and the skips of quiet sessions every
        ``SKIPPED_FLUSH_SECONDS``. Ends once the workers have stopped and all is recorded."""
        while True:
            with self._results_ready:
                self._results_ready.wait_for(lambda: self._results or self._recorder_stopping,
                                             SKIPPED_FLUSH_SECONDS)
                batch, self._results = self._results[:RESULT_BATCH], self._results[RESULT_BATCH:]
                if not batch and self._recorder_stopping:
                    return
            if batch:
                self._record(batch)
            if time.monotonic() - self._last_flush >= SKIPPED_FLUSH_SECONDS:
                self._last_flush = time.monotonic()
                self._record_skipped(self._schedule.take_skipped())

    def _attempt(self, frame: Frame) -> AnalysisResult | None:
        """Analyse one frame (its result not recorded yet); None when there is nothing to record."""
        try:
            skipped = self._schedule.take_skipped(frame.session_id).get(frame.session_id, 0)
            analysed = self._analyse(frame.snapshot_id, skipped)
        except Exception:
            log.exception("frame analysis of snapshot %s failed", frame.snapshot_id)
            with self._idle:
                self.failed_count += 1
            return None
        finally:
            self._schedule.done(frame.session_id)
        return None if analysed is None else analysed[1]

    def _record_skipped(self, counts: dict[str, int]) -> None:
        counts = {session_id: n for session_id, n in counts.items() if n > 0}
        if not counts:
            return
        try:
            self._snapshots.record_skipped_frames(counts)
        except Exception:
            log.exception("cannot record %d skipped frames", sum(counts.values()))

    def _record(self, results: list[AnalysisResult]) -> None:
        try:
            self._snapshots.record_analyses(results)
        except Exception:
            log.exception("cannot record the analysis of %d snapshots", len(results))
            self._finished(is_failed=True, count=len(results))
            return
        with self._idle:
            self.analysed_count += len(results)
        self._finished(count=len(results))

    def _run(self, frame: Frame) -> None:
        """Analyse one frame and record it now (``drain`` without workers)."""
        result = self._attempt(frame)
        if result is None:
            self._finished()
        else:
            self._record([result])

    def analyse_snapshot(self, snapshot_id: str) -> FrameFindings | None:
        """Analyse one stored snapshot now, in the calling thread, and record the results.
        None when the snapshot is gone, already analysed, or its image cannot be decoded."""
        analysed = self._analyse(snapshot_id, skipped_before=0)
        if analysed is None:
            return None
        self._snapshots.record_analyses([analysed[1]])
        with self._idle:
            self.analysed_count += 1
        return analysed[0]

    def _analyse(self, snapshot_id: str,
                 skipped_before: int) -> tuple[FrameFindings, AnalysisResult] | None:
        """What one stored snapshot shows, and the result to record (with ``skipped_before``
        frames of its session that were skipped). None when the snapshot is gone, already
        analysed, or its image cannot be decoded."""
        try:
            snapshot = self._snapshots.analysis_input(snapshot_id)
        except NotFound:
            return None  # purged meanwhile
        path = snapshot.path
        if snapshot.face_count is not None:
            self._record_skipped({snapshot.session_id: skipped_before})
            return None
        state = self._state_of(snapshot)
        events: list[tuple[str, str | None]] = []
        with state.lock:
            in_order = not state.episodes.is_out_of_order(snapshot.captured_at)
            inspected = self._inspect(path, snapshot.width,
                                      state.previous_small if in_order else None)
            if inspected is None:
                log.warning("snapshot %s cannot be decoded for analysis (%s)", snapshot_id, path)
                self._record_skipped({snapshot.session_id: skipped_before})
                return None
            findings, small = inspected
            if in_order:
                events = state.episodes.observe(findings.cues, snapshot.captured_at,
                                                findings.face_count)
                state.previous_small = small
        return findings, AnalysisResult(snapshot_id, findings.face_count, findings.cues,
                                        tuple(events), skipped_before)

    def _inspect(self, path: Path, width: int,
                 previous_small: Picture | None) -> tuple[FrameFindings, Picture] | None:
        """Decode and inspect one stored frame: in a worker process when there are some (the
        decoding and the face detector then run outside this interpreter: its lock stays with
        the uploads), else in this thread."""
        if self.process_count:
            try:
                return self._processes().submit(inspect_file, str(path), width,
                                                previous_small).result()
            except (BrokenProcessPool, RuntimeError, OSError) as exc:  # cannot start or died
                log.warning("frame analysis goes on in threads: its worker processes failed "
                            "(%s)", exc)
                self.process_count = 0
        frame = read_frame(path, width)
        if frame is None:
            return None
        small = small_copy(frame)  # kept for the next frame, and compared with the last
        return inspect_frame(frame, self._detector(), previous_small, small), small

    def _processes(self) -> ProcessPoolExecutor:
        """The worker processes, started on the first frame (spawned, never forked: this process
        runs threads, and a forked copy of a held lock never opens)."""
        with self._states_lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(self.process_count,
                                                 mp_context=multiprocessing.get_context("spawn"))
            return self._pool

    def _detector(self) -> FaceDetector:
        """This thread's face detector (they are not thread-safe: one per thread)."""
        detector: FaceDetector | None = getattr(self._local, "detector", None)
        if detector is None:
            detector = self._local.detector = load_face_detector()
        return detector

    def _state_of(self, snapshot: AnalysisInput) -> _SessionState:
        with self._states_lock:
            state = self._states.get(snapshot.session_id)
            if state is not None:
                return state
        state = self._rebuilt_state(snapshot)
        with self._states_lock:
            return self._states.setdefault(snapshot.session_id, state)

    def _rebuilt_state(self, snapshot: AnalysisInput) -> _SessionState:
        """Replay the cues already stored for this session (after a restart), recording nothing."""
        state = _SessionState(EpisodeTracker(self.confirm_frames))
        analysed = self._snapshots.analysed_frames(snapshot.session_id, HISTORY_FRAMES)[::-1]
        for earlier in analysed:
            cues = earlier.analysis.split(",") if earlier.analysis else ()
            state.episodes.observe(cues, earlier.captured_at, earlier.face_count)
        if analysed:
            state.previous_small = self._small_copy_of(analysed[-1])
        return state

    def _small_copy_of(self, snapshot: AnalysedFrameRow) -> Picture | None:
        if not snapshot.path.is_file():  # its media purged
            return None
        frame = read_frame(snapshot.path, snapshot.width)
        return None if frame is None else small_copy(frame)
