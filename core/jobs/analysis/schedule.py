"""Which frame the analysis looks at next, so that a busy center degrades by session, not by
chance.

Sessions with frames waiting are served in turn, in the order they began to wait; after one of
its frames is taken a session with more waiting goes to the back of the line, so a busy kiosk (a
spooled backlog arriving at once) cannot push the others back. What is taken of a session:

- while the center keeps up (the first session in line began to wait less than ``behind_seconds``
  ago), its oldest waiting frame: frames are analysed in capture order and episodes see them all;
- when the center is behind, its newest frame: every session's newest frame is looked at before
  older frames of any session, and the older ones wait for a quieter moment (analysed then out of
  order: their face count is stored, they start or end no episode).

The frames waiting beyond each session's newest are bounded (``backlog_limit``): when there are
more, the oldest of them is skipped, never a session's newest. One session's frames are analysed
by one worker at a time. Skipped frames are counted per session until the pool records them
(``take_skipped``), so the proctor can see how much of a session went unanalysed. No I/O here.
"""

from __future__ import annotations

import threading
import time
from collections import Counter, OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass

#: The center is behind when a session has waited this long for its turn.
BEHIND_SECONDS = 2.0


@dataclass(frozen=True)
class Frame:
    session_id: str
    snapshot_id: str
    #: The session's newest waiting frame when it was taken.
    is_newest: bool


@dataclass
class _Waiting:
    since: float  # when the session began to wait for its turn
    frames: deque[str]  # snapshot ids, oldest first
    #: Its newest frame has not been looked at (False: only frames older than one analysed).
    fresh: bool = True


class FrameSchedule:
    """A thread-safe schedule of frames waiting for analysis (see the module doc)."""

    def __init__(self, backlog_limit: int, behind_seconds: float = BEHIND_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.backlog_limit = max(0, backlog_limit)
        self.behind_seconds = behind_seconds
        self._clock = clock
        self._line: OrderedDict[str, _Waiting] = OrderedDict()  # sessions in turn order
        self._extra = 0  # frames waiting beyond each session's newest
        self._busy: set[str] = set()
        self._skipped: Counter[str] = Counter()
        self._closed = False
        self._changed = threading.Condition()
        #: Every frame skipped since the start (for the log and the benchmarks).
        self.skipped_total = 0

    def __len__(self) -> int:
        with self._changed:
            return sum(len(w.frames) for w in self._line.values())

    def put(self, session_id: str, snapshot_id: str) -> str | None:
        """Schedule a session's new frame. Returns the snapshot id skipped to make room, if any."""
        with self._changed:
            waiting = self._line.get(session_id)
            if waiting is None:
                self._line[session_id] = _Waiting(self._clock(), deque([snapshot_id]))
            else:  # the session keeps its place in line
                waiting.frames.append(snapshot_id)
                waiting.fresh = True
                self._extra += 1
            skipped = self._skip_oldest_extra() if self._extra > self.backlog_limit else None
            self._changed.notify()
            return skipped

    def take(self, timeout: float | None = None) -> Frame | None:
        """The next frame to analyse (the caller must call ``done`` with its session), or None
        when nothing could be taken within ``timeout`` or the schedule is closed."""
        with self._changed:
            frame = self._next()
            if frame is None and not self._closed:
                self._changed.wait(timeout)
                frame = self._next()
            if frame is not None:
                self._busy.add(frame.session_id)
            return frame

    def done(self, session_id: str) -> None:
        with self._changed:
            self._busy.discard(session_id)
            self._changed.notify()

    def is_behind(self) -> bool:
        with self._changed:
            return self._is_behind()

    def drop_session(self, session_id: str) -> int:
        """The session ended: its waiting frames will not be analysed (they are counted as
        skipped). Returns how many there were."""
        with self._changed:
            waiting = self._line.pop(session_id, None)
            if waiting is None:
                return 0
            dropped = len(waiting.frames)
            self._extra -= dropped - 1
            self._count_skip(session_id, dropped)
            return dropped

    def take_skipped(self, session_id: str | None = None) -> dict[str, int]:
        """The skips counted and not yet taken: of one session, or (None) of every session that
        has no frame waiting or being analysed (whose count no later frame will carry)."""
        with self._changed:
            if session_id is not None:
                count = self._skipped.pop(session_id, 0)
                return {session_id: count} if count else {}
            quiet = [s for s in self._skipped if s not in self._line and s not in self._busy]
            return {s: self._skipped.pop(s) for s in quiet}

    def close(self) -> list[str]:
        """No more frames are handed out; returns the snapshot ids that were waiting."""
        with self._changed:
            self._closed = True
            waiting = [snapshot for w in self._line.values() for snapshot in w.frames]
            self._line.clear()
            self._extra = 0
            self._changed.notify_all()
            return waiting

    # ---- inside the lock ------------------------------------------------------------------------
    def _is_behind(self) -> bool:
        first = next(iter(self._line.values()), None)
        return first is not None and self._clock() - first.since >= self.behind_seconds

    def _next(self) -> Frame | None:
        if self._closed:
            return None
        behind = self._is_behind()
        chosen = fallback = None
        for item in self._line.items():
            if item[0] in self._busy:
                continue
            if not behind or item[1].fresh:  # behind: a newest frame not looked at comes first
                chosen = item
                break
            fallback = fallback or item
        chosen = chosen or fallback
        if chosen is None:
            return None
        session_id, waiting = chosen
        frames = waiting.frames
        is_newest = waiting.fresh and (behind or len(frames) == 1)
        snapshot_id = frames.pop() if behind else frames.popleft()
        if behind:
            waiting.fresh = False
        if frames:  # more of this session wait: to the back of the line
            self._extra -= 1
            waiting.since = self._clock()
            self._line.move_to_end(session_id)
        else:
            del self._line[session_id]
        return Frame(session_id, snapshot_id, is_newest)

    def _skip_oldest_extra(self) -> str:
        """Skip the oldest frame that is not its session's newest (of the session with the
        most waiting: it has the most evidence left)."""
        session_id, waiting = max(self._line.items(), key=lambda item: len(item[1].frames))
        skipped = waiting.frames.popleft()
        self._extra -= 1
        self._count_skip(session_id)
        return skipped

    def _count_skip(self, session_id: str, count: int = 1) -> None:
        self._skipped[session_id] += count
        self.skipped_total += count
