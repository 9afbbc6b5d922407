"""ExamClock: the time left that the kiosk shows, ticking every second between heartbeats.

Time left follows the core's one rule (``StartedAttempt.time_left``/``AttemptState.time_left``,
rounded up) at the kiosk's idea of *now*. That *now* is read from the wall clock once, when the
attempt starts, and then advanced by the monotonic clock, so a wall-clock jump on the kiosk (an
NTP step, a user changing the time) moves nothing. Each heartbeat carries the server's own
``remaining_seconds``: when the kiosk's *now* disagrees with it, *now* is moved just enough to
agree (the server's clock wins; the shift is the smallest that makes the two agree).

While a proctor has paused the attempt the clock stands still at the server's time left
(``pause``); ``resume`` lets it run again from the server's answer.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal, Slot


class TimedAttempt(Protocol):
    @property
    def status(self) -> str: ...

    @property
    def deadline_at(self) -> datetime: ...

    def time_left(self, now: datetime) -> int: ...


def _wall_now() -> datetime:
    return datetime.now(UTC)


class ExamClock(QObject):
    ticked = Signal(int)  # seconds left
    ran_out = Signal()  # the tick that reached 0 (again each second until the exam ends)

    def __init__(self, parent: QObject | None = None,
                 monotonic: Callable[[], float] = time.monotonic,
                 wall: Callable[[], datetime] = _wall_now) -> None:
        super().__init__(parent)
        self._monotonic = monotonic
        self._wall = wall
        self._attempt: TimedAttempt | None = None
        self._anchor_wall = wall()
        self._anchor_monotonic = monotonic()
        self.seconds_left: int | None = None
        self.is_paused = False
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)

    @property
    def deadline_at(self) -> datetime | None:
        return self._attempt.deadline_at if self._attempt is not None else None

    def now(self) -> datetime:
        """The kiosk's *now*: the wall clock at start, advanced by the monotonic clock."""
        return self._anchor_wall + timedelta(seconds=self._monotonic() - self._anchor_monotonic)

    def start(self, attempt: TimedAttempt) -> None:
        self._anchor_wall = self._wall()
        self._anchor_monotonic = self._monotonic()
        self._attempt = attempt
        self._timer.start()
        self.tick()

    def update(self, attempt: TimedAttempt, server_seconds_left: int | None = None) -> None:
        """A heartbeat's attempt (its deadline may have moved) and the server's time left."""
        self._attempt = attempt
        if server_seconds_left is not None and attempt.status == "in_progress":
            self._agree_with(attempt, server_seconds_left)

    def pause(self, attempt: TimedAttempt, server_seconds_left: int) -> None:
        """Paused by the proctor: the countdown stands at the server's time left."""
        self._attempt = attempt
        self.is_paused = True
        self._timer.stop()
        self.seconds_left = max(0, server_seconds_left)
        self.ticked.emit(self.seconds_left)

    def resume(self, attempt: TimedAttempt, server_seconds_left: int) -> None:
        """Resumed: the deadline has moved by the paused time; run from the server's answer."""
        self.is_paused = False
        self.update(attempt, server_seconds_left)
        self._timer.start()
        self.tick()

    def stop(self) -> None:
        self._timer.stop()

    @Slot()
    def tick(self) -> None:
        if self._attempt is None or self.is_paused:
            return
        left = self._attempt.time_left(self.now())
        self.seconds_left = left
        self.ticked.emit(left)
        if left == 0:
            self.ran_out.emit()

    def _agree_with(self, attempt: TimedAttempt, server_left: int) -> None:
        # The rule rounds up: ``server_left`` seconds left puts the server's now just after
        # ``deadline - server_left`` (within the second before it). Move the kiosk's now only
        # when the rule, applied to it, says something else.
        now = self.now()
        kiosk_left = attempt.time_left(now)
        if kiosk_left == server_left:
            return
        earliest = attempt.deadline_at - timedelta(seconds=server_left)
        target = earliest if kiosk_left > server_left else earliest + timedelta(seconds=0.9)
        self._anchor_wall += target - now
