"""CenterFinder: looks for exam centers announcing themselves on the network while the join
form is shown, on a thread of its own, so the form never waits for the network.

Each look lasts ``discovery_seconds`` and is repeated every ``discovery_repeat_seconds``; every
look ends in ``found(BrowseResult)``. A network without multicast simply finds nothing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from console.kiosk.kiosk_timings import KioskTimings
from core.client import BrowseResult, browse_centers

log = logging.getLogger(__name__)

#: (seconds to listen, an event set when the look should end early) -> what answered.
BrowseSource = Callable[[float, threading.Event], BrowseResult]


def browse_network(seconds: float, stop: threading.Event) -> BrowseResult:
    """The real source: mDNS/DNS-SD on this computer's IPv4 interfaces."""
    return browse_centers(seconds, stop=stop)


class CenterFinder(QObject):
    found = Signal(object)  # BrowseResult, after each look
    looking = Signal()  # a look has started

    def __init__(self, timings: KioskTimings, browse: BrowseSource | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timings = timings
        self.browse = browse or browse_network
        self.last: BrowseResult | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.found.connect(self._remember)

    @property
    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.is_running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="kiosk-discovery", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """End the looking; returns once the thread has ended (a look in hand stops early)."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=self.timings.discovery_seconds + 3.0)
            if thread.is_alive():
                log.warning("looking for exam centers did not stop in time")

    def _run(self) -> None:
        while not self._stop.is_set():
            self.looking.emit()
            try:
                result = self.browse(self.timings.discovery_seconds, self._stop)
            except Exception as exc:  # looking is a convenience: it never breaks the form
                log.info("looking for exam centers failed: %s", exc)
                result = BrowseResult(hint=str(exc))
            if self._stop.is_set():
                return
            if result.hint:
                log.info("looking for exam centers: %s", result.hint)
            self.found.emit(result)
            self._stop.wait(self.timings.discovery_repeat_seconds)

    def _remember(self, result: BrowseResult) -> None:
        self.last = result
