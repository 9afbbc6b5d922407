"""How late the event loop that serves the API runs: a signal for work that shares the process.

The API's event loop does every request's network work: accepting connections, TLS handshakes,
reading bodies, writing answers. It runs Python, so it needs the interpreter's lock, which the
analysis' workers hold between their OpenCV calls. When 1,000 kiosks open their TLS connections
at once (analysis on), the handshakes queued behind the analysis for that lock and the kiosks'
first uploads waited 2-5 s (`tests/benchmarks/capacity.py --tls`); the uploads' own queue, the
analysis' other signal, was empty, as those requests had not reached it yet.

``ServingLoopWatch.run`` ticks on the serving loop every ``TICK_SECONDS``; ``lateness()``, read
from any thread, is how far the loop is behind its next tick now (0 while it keeps up, and
while no server runs). The analysis gives way while it is late (core/jobs/analysis/pool.py).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


class ServingLoopWatch:
    #: How often the serving loop ticks (seconds).
    TICK_SECONDS = 0.05

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last_tick: float | None = None  # None: no server runs

    def tick(self) -> None:
        self._last_tick = self._clock()

    def stopped(self) -> None:
        """The serving loop ended: nothing is late any more."""
        self._last_tick = None

    def lateness(self) -> float:
        """Seconds the serving loop is behind its next tick; 0 when on time or not running."""
        last = self._last_tick
        if last is None:
            return 0.0
        return max(0.0, self._clock() - last - self.TICK_SECONDS)

    async def run(self) -> None:
        """Tick on the running loop until cancelled (the server's end)."""
        try:
            while True:
                self.tick()
                await asyncio.sleep(self.TICK_SECONDS)
        finally:
            self.stopped()
