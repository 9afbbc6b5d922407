"""Benchmark: the Proctor Center stays responsive while its own embedded center serves kiosks.

    QT_QPA_PLATFORM=offscreen python3 tests/benchmarks/grid_under_load.py [--kiosks 300]
                                                                          [--seconds 60]

The real ``proctor-console`` is started as a proctor starts it (its own center in a temp data
folder, the API on a free port, analysis on; garbage collected on the GUI thread, what start-up
made frozen, as ``ConsoleApp.run`` does). ``capacity.py --against`` then runs ``--kiosks``
simulated kiosks against that API in another process: a real face frame every 10 s per kiosk,
the heartbeat every 5 s, one proctor stream. While they run, and for as long again once they
stop (same sessions on screen, no uploads: the quiet phase of the same run), the console's GUI
thread is measured:

- **event-loop delay**: a 50 ms timer's lateness. Every input, repaint and refresh of the window
  waits at most this long, so it is what a proctor feels as a frozen window.
- **refresh**: each batch of changed sessions the grid's model applies (read in the background
  after the center's change notices, then applied on the GUI thread: the changed cards, the
  attention sort, the view's re-layout), as the running console does it.
- **paint**: a 1920x1080 grid view over the window's own (sorted, filtered) model rendered into
  an image once a second, as a repaint of the whole grid.

Printed: per phase p50 / p99 / max of each, the count of refreshes, the kiosks' figures as the
generator saw them, and the load/quiet ratios (same run, so other programs on the machine hit
both phases alike).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from console.proctor.__main__ import build_parser  # noqa: E402
from console.proctor.console_app import ConsoleApp  # noqa: E402
from console.proctor.proctor_center.session_grid_view import SessionGridView  # noqa: E402
from console.ui import GuiThreadGarbageCollector, freeze_start_up_objects  # noqa: E402
from tests.benchmarks.grid import VIEWPORT, drain  # noqa: E402

TICK_MS = 50


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Probe:
    """The GUI thread's figures, kept per phase."""

    def __init__(self, app: QApplication, window, grid: SessionGridView) -> None:
        self.app, self.window, self.grid = app, window, grid
        self.phase = "setup"
        self.delay: dict[str, list[float]] = {}
        self.refresh: dict[str, list[float]] = {}
        self.paint: dict[str, list[float]] = {}
        self.refreshed_cards: dict[str, int] = {}
        self._image = QImage(VIEWPORT, QImage.Format.Format_ARGB32_Premultiplied)
        self._clock = QElapsedTimer()
        self._clock.start()
        self._last = self._clock.nsecsElapsed()
        self._tick = QTimer(interval=TICK_MS, timerType=Qt.TimerType.PreciseTimer)
        self._tick.timeout.connect(self._ticked)
        self._painter = QTimer(interval=1000)
        self._painter.timeout.connect(self._paint)
        model = window.model
        apply = model._on_fetched

        def timed_apply(results) -> None:
            started = time.perf_counter()
            apply(results)
            self.refresh.setdefault(self.phase, []).append((time.perf_counter() - started) * 1000)
            cards = self.refreshed_cards
            cards[self.phase] = cards.get(self.phase, 0) + len(results)

        # The model applies each batch of changed sessions it read in the background here (the
        # bound method is looked up per read, so this times exactly what the console runs).
        model._on_fetched = timed_apply

    def start(self) -> None:
        self._last = self._clock.nsecsElapsed()
        self._tick.start()
        self._painter.start()

    def stop(self) -> None:
        self._tick.stop()
        self._painter.stop()

    def _ticked(self) -> None:
        now = self._clock.nsecsElapsed()
        late = (now - self._last) / 1e6 - TICK_MS
        self._last = now
        self.delay.setdefault(self.phase, []).append(max(0.0, late))

    def _paint(self) -> None:
        started = time.perf_counter()
        self.grid.render(self._image)
        self.paint.setdefault(self.phase, []).append((time.perf_counter() - started) * 1000)


def run_until(done, timeout: float) -> None:
    """Run the Qt event loop (as the console's own) until ``done()`` or ``timeout`` seconds."""
    ends = time.monotonic() + timeout
    loop = QEventLoop()
    check = QTimer(interval=100)
    check.timeout.connect(lambda: (done() or time.monotonic() >= ends) and loop.quit())
    check.start()
    loop.exec()
    check.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="the Proctor Center under an embedded load")
    parser.add_argument("--kiosks", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory(prefix="grid-load-") as temp:
        console = ConsoleApp(build_parser().parse_args(
            ["--data-dir", str(Path(temp) / "data"), "--port", "0", "--desk", "Bench"]), app)
        garbage_collector = GuiThreadGarbageCollector(console)  # as ConsoleApp.run does
        window = console.start()
        freeze_start_up_objects()
        window.resize(VIEWPORT)
        drain(app)
        server = console.server
        config = console.core.config
        grid = SessionGridView()
        grid.setModel(window.proxy)
        grid.resize(VIEWPORT)
        grid.show()
        probe = Probe(app, window, grid)
        print(f"Proctor Center under load: {args.kiosks} kiosks on the console's own center "
              f"({server.url}), {args.seconds:g} s loaded then {args.seconds:g} s quiet, "
              f"{os.cpu_count()} cores, Qt platform {app.platformName()}", flush=True)
        generator = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "benchmarks" / "capacity.py"),
             "--against", server.url, "--kiosk-key", config.kiosk_key,
             "--admin-key", config.admin_key, "--levels", str(args.kiosks),
             "--seconds", str(args.seconds), "--settle", "3"],
            stdout=subprocess.PIPE, text=True)
        probe.start()
        # The attempts are started first (the grid fills), then the kiosks upload.
        run_until(lambda: window.model.rowCount() >= args.kiosks, 300)
        probe.phase = "load"
        run_until(lambda: generator.poll() is not None, args.seconds + 300)
        output = generator.stdout.read() if generator.stdout else ""
        probe.phase = "quiet"
        quiet_ends = time.monotonic() + args.seconds
        run_until(lambda: time.monotonic() >= quiet_ends, args.seconds + 5)
        probe.stop()
        rows = window.model.rowCount()
        grid.close()
        console.shutdown()
        garbage_collector.stop()

    kiosks = json.loads(output.strip().splitlines()[-1]) if output.strip() else {}
    print(f"sessions on the grid: {rows}")
    if kiosks:
        print(f"kiosks, as the generator saw them: uploads {kiosks['achieved']:.1f}/s of "
              f"{kiosks['offered']:.1f}, upload p50/p99 {kiosks['up50']:.0f}/{kiosks['up99']:.0f} "
              f"ms, heartbeat p50/p99 {kiosks['hb50']:.0f}/{kiosks['hb99']:.0f} ms, "
              f"errors {kiosks['errors']}, newest-frame lag p50/p99 {kiosks['lag50']:.1f}/"
              f"{kiosks['lag99']:.1f} s, analysed {kiosks['analysed']} of {kiosks['frames']}, "
              f"skipped {kiosks['skipped']}")
    print()
    print(f"{'GUI thread (ms)':<34}{'load p50 / p99 / max':>24}{'quiet p50 / p99 / max':>26}"
          f"{'p99 load/quiet':>16}")
    for title, table in (("event-loop delay", probe.delay), ("refresh (changed cards applied)",
                                                             probe.refresh),
                         ("paint 1920x1080 grid", probe.paint)):
        load, quiet = table.get("load", []), table.get("quiet", [])

        def cell(values: list[float]) -> str:
            return (f"{pct(values, 0.5):.1f} / {pct(values, 0.99):.1f} / "
                    f"{max(values, default=float('nan')):.1f}")

        ratio = pct(load, 0.99) / pct(quiet, 0.99) if quiet and pct(quiet, 0.99) else float("nan")
        print(f"{title:<34}{cell(load):>24}{cell(quiet):>26}{ratio:>15.1f}x")
    for phase in ("load", "quiet"):
        count = len(probe.refresh.get(phase, []))
        print(f"{phase}: {count} refreshes of {probe.refreshed_cards.get(phase, 0)} changed cards")
    return 0


if __name__ == "__main__":
    sys.exit(main())
