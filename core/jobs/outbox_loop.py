"""OutboxLoop: the thread an outbox sender runs on (the webhooks, the LTI control messages).

It calls ``send_due()`` until nothing is due, then sleeps until this process records a change
(the event bus wakes it) or ``poll_seconds`` pass, whichever comes first; another process's
changes are found by the poll. Changes wake it at most every ``LOOK_SECONDS``: on a loaded
center they came so often that each loop looked 23-61 times a second (1,000 kiosks), each look
a query (about 1 ms of CPU); one look serves all the changes recorded meanwhile. A sender that
settles a delivery wakes it at once (``_look_now``): its session's next delivery may be due.
A database that is away for a while is logged and waited out.
Subclasses write ``send_due`` and may open and close what they send with in ``_opening`` and
``_closing``."""

from __future__ import annotations

import logging
import threading
import time

from core.domain.domain_events import DomainEvent, EventRecorded, SessionChanged
from core.events.bus import EventBus

log = logging.getLogger(__name__)

#: The shortest time between two looks at the outbox that recorded changes ask for.
LOOK_SECONDS = 0.25


class OutboxLoop:
    #: The thread's name, and what the log says could not be claimed.
    thread_name = "proctor-outbox"
    what = "outbox rows"

    def __init__(self, bus: EventBus | None, poll_seconds: float) -> None:
        self._bus = bus
        self.poll_seconds = poll_seconds
        self._unsubscribe: object = None
        self._wake = threading.Event()
        self._now = threading.Event()  # look without waiting out LOOK_SECONDS
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._opening()
        if self._bus is not None:
            self._unsubscribe = self._bus.subscribe(self._on_change)
        self._thread = threading.Thread(target=self._loop, name=self.thread_name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._look_now()
        if callable(self._unsubscribe):
            self._unsubscribe()
            self._unsubscribe = None
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self._closing()

    def send_due(self) -> int:
        """Claim and send what is due; how many were claimed."""
        raise NotImplementedError

    def _opening(self) -> None:
        """Before the thread starts."""

    def _closing(self) -> None:
        """After the thread stopped (or was given up on)."""

    def _on_change(self, event: DomainEvent) -> None:
        if isinstance(event, EventRecorded | SessionChanged):
            self._wake.set()

    def _look_now(self) -> None:
        self._now.set()
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            looked_at = time.monotonic()
            try:
                claimed = self.send_due()
            except Exception:  # the database may be away a while: log, wait, go on
                log.exception("%s could not be claimed", self.what)
                claimed = 0
            if claimed:
                continue  # more may be due (or waiting behind what was just sent)
            self._wake.wait(self.poll_seconds)
            rest = LOOK_SECONDS - (time.monotonic() - looked_at)
            if rest > 0:  # let the changes recorded meanwhile share the next look
                self._now.wait(rest)
            self._now.clear()
            self._wake.clear()
