"""Benchmark: the Proctor Center grid with 1,000 sessions, against a widget-per-card grid.

    QT_QPA_PLATFORM=offscreen python3 tests/benchmarks/grid.py [--sessions 1000] [--rounds 15]

A real core in a temp folder gets 1,000 started attempts, each with a real uploaded JPEG
snapshot (validated, stored, thumbnailed by the core). The real ProctorCenterWindow loads them
and every thumbnail is decoded into the cache. Then, in the same run:

1. **Refresh all rows**: every session changes (risk, snapshot count, time of the last one) and
   the change is applied (model.apply_sessions: dataChanged, the attention sort re-runs, the
   view re-lays out) and the event loop is drained, so the view is up to date.
2. **Paint one viewport**: a 1920x1080 grid view is rendered into a QImage.

The same two figures for a naive grid built in this run over the same sessions and pixmaps:
a QScrollArea holding a QGridLayout with one styled QFrame per card, showing what a card
shows (QLabels for the picture with its face badge, name and flag, ref, exam, status and time
left, snapshots, risk, staleness and sample badges), refreshed by updating each card's labels
and moving the cards into the new attention order. Rounds alternate model and naive on the
same change; each ratio is naive / model within a round, and the median is reported, so load
from other programs hits both alike. Targets: both at least 10x faster than the naive grid;
the console's RSS with 1,000 sessions under 300 MB (psutil).
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import io
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402
from PySide6.QtCore import QSettings, QSize  # noqa: E402
from PySide6.QtGui import QImage, QPixmap  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from console.proctor.console_app import console_style_sheet  # noqa: E402
from console.proctor.context import ConsoleContext  # noqa: E402
from console.proctor.formatting import clock_time, duration, status_words  # noqa: E402
from console.proctor.proctor_center.proctor_center_window import ProctorCenterWindow  # noqa: E402
from console.proctor.proctor_center.session_grid_view import SessionGridView  # noqa: E402
from console.proctor.proctor_center.session_list_model import THUMBNAIL_ROLE  # noqa: E402
from console.proctor.proctor_center.session_rules import is_stale, order_key  # noqa: E402
from console.proctor.settings_values import SortKey  # noqa: E402
from core.bootstrap import build_core  # noqa: E402
from core.config import CoreConfig  # noqa: E402
from core.domain.records import SessionDTO  # noqa: E402
from core.domain.risk import risk_level  # noqa: E402

VIEWPORT = QSize(1920, 1080)
FIRST = ("Amira", "Lucas", "Priya", "Jonas", "Sofia", "Kenji", "Grace", "Mateo", "Hannah", "Omar",
         "Lina", "Tom", "Yuki", "Marco", "Aisha", "Ivan", "Chloe", "Ravi", "Elena", "Noah")
LAST = ("Haddad", "Moreau", "Raman", "Weber", "Alvarez", "Watanabe", "Okafor", "Rossi", "Becker",
        "Khalid", "Nair", "Tanaka", "Bello", "Petrov", "Martin", "Singh", "Costa", "Kim")

NAIVE_STYLE = """
QFrame#naiveCard { background: #ffffff; border: 1px solid #d5dbe3; border-radius: 10px; }
QLabel#naiveName { font-size: 14px; font-weight: 600; color: #1f2933; }
QLabel#naiveMuted { color: #5f6b7a; }
QLabel#naiveRisk { border-radius: 9px; padding: 1px 8px; font-size: 11px; font-weight: 600; }
QLabel#naiveRisk[level="low"] { color: #15803d; background: #e6f4ea; }
QLabel#naiveRisk[level="medium"] { color: #b45309; background: #fff4e0; }
QLabel#naiveRisk[level="high"] { color: #b91c1c; background: #fdecec; }
QLabel#naiveFlag { color: #b91c1c; font-size: 14px; }
QLabel#naiveStale { color: #b45309; background: #fff4e0; border-radius: 9px; padding: 1px 8px; }
QLabel#naiveSample { color: #ffffff; background: #7c3aed; border-radius: 9px; padding: 1px 8px; }
QLabel#naiveFaces { color: #ffffff; background: #dc2626; border-radius: 9px; padding: 1px 8px; }
"""


def frame_jpeg(seed: int) -> bytes:
    rng = random.Random(seed)
    image = Image.new("RGB", (320, 240), (rng.randrange(150, 230),) * 3)
    draw = ImageDraw.Draw(image)
    draw.ellipse((110, 40, 210, 160), fill=(rng.randrange(120, 240), 170, 140))
    draw.rectangle((70, 160, 250, 240), fill=(rng.randrange(256), rng.randrange(256), 120))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def drain(app: QApplication, rounds: int = 6) -> None:
    """Run every event the change posted (layout batches, update requests, paints)."""
    for _ in range(rounds):
        app.processEvents()


def wait_for(app: QApplication, condition, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError("timed out")
        app.processEvents()
        time.sleep(0.002)


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / (1024 * 1024)


def changed(sessions: list[SessionDTO], round_number: int) -> list[SessionDTO]:
    """Every session with a new risk, one more snapshot and a newer last snapshot time."""
    result = []
    for n, s in enumerate(sessions):
        score = (s.risk_score + 7 + n % 13) % 100
        result.append(dataclasses.replace(
            s, risk_score=score, risk_level=risk_level(score), snapshot_count=s.snapshot_count + 1,
            last_snapshot_at=(s.last_snapshot_at or s.started_at) + timedelta(seconds=30),
            is_flagged=(n + round_number) % 97 == 0,
        ))
    return result


# ---- the naive grid ---------------------------------------------------------------------------
class NaiveCard(QFrame):
    """One card as widgets, showing what the delegate paints: picture with a face badge,
    name with a flag marker, ref, exam, status and time left, snapshots, risk, staleness and
    sample badges."""

    def __init__(self, pixmap: QPixmap) -> None:
        super().__init__()
        self.setObjectName("naiveCard")
        self.setFixedSize(300, 148)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 12, 12, 12)
        self.picture = QLabel()
        self.picture.setFixedSize(128, 96)
        self.picture.setScaledContents(True)
        self.picture.setPixmap(pixmap)
        self.faces = QLabel(self.picture, objectName="naiveFaces")
        self.faces.move(6, 72)
        left = QVBoxLayout()
        left.addWidget(self.picture)
        badges = QHBoxLayout()
        self.risk = QLabel(objectName="naiveRisk")
        self.stale = QLabel(objectName="naiveStale")
        self.sample = QLabel(objectName="naiveSample")
        for badge in (self.risk, self.stale, self.sample):
            badges.addWidget(badge)
        left.addLayout(badges)
        row.addLayout(left)
        text = QVBoxLayout()
        text.setSpacing(2)
        top = QHBoxLayout()
        self.name = QLabel(objectName="naiveName")
        self.flag = QLabel(objectName="naiveFlag")
        top.addWidget(self.name, 1)
        top.addWidget(self.flag)
        text.addLayout(top)
        self.ref = QLabel(objectName="naiveMuted")
        self.exam = QLabel()
        self.status = QLabel()
        self.shots = QLabel(objectName="naiveMuted")
        for label in (self.ref, self.exam, self.status, self.shots):
            text.addWidget(label)
        text.addStretch(1)
        row.addLayout(text, 1)

    def show_session(self, s: SessionDTO, now) -> None:
        self.name.setText(s.candidate_name)
        self.flag.setText("⚑" if s.is_flagged else "")
        self.ref.setText(s.candidate_ref)
        self.exam.setText(s.exam_title)
        self.status.setText(f"● {status_words(s.status)} · "
                            f"{duration((s.deadline_at - now).total_seconds())} left")
        self.shots.setText(f"{s.snapshot_count} · last {clock_time(s.last_snapshot_at)}")
        self.risk.setText(f"Risk {s.risk_score} · {str(s.risk_level).capitalize()}")
        if self.risk.property("level") != str(s.risk_level):
            self.risk.setProperty("level", str(s.risk_level))
            self.risk.style().unpolish(self.risk)
            self.risk.style().polish(self.risk)
        stale = is_stale(s, now)
        self.stale.setText("No snapshot" if stale else "")
        self.stale.setVisible(stale)
        self.sample.setVisible(s.is_sample)
        self.sample.setText("Sample" if s.is_sample else "")
        faces = s.latest_face_count
        self.faces.setText("No face" if faces == 0 else f"{faces} faces" if faces else "")
        self.faces.setVisible(faces is not None and faces != 1)


class NaiveGrid(QScrollArea):
    """A widget per card in a grid layout, kept in attention order like the real grid."""

    COLUMNS = 6

    def __init__(self, sessions: list[SessionDTO], pixmaps: dict[str, QPixmap], now) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        body = QWidget()
        body.setStyleSheet(NAIVE_STYLE)
        self.grid = QGridLayout(body)
        self.grid.setSpacing(10)
        self.cards: dict[str, NaiveCard] = {}
        self.order: list[str] = []
        for s in sessions:
            card = NaiveCard(pixmaps[s.latest_snapshot_id])
            card.show_session(s, now)
            self.cards[s.session_id] = card
        self._place(sessions, now)
        self.setWidget(body)

    def refresh(self, sessions: list[SessionDTO], now) -> None:
        for s in sessions:
            self.cards[s.session_id].show_session(s, now)
        self._place(sessions, now)

    def _place(self, sessions: list[SessionDTO], now) -> None:
        order = [s.session_id for s in sorted(sessions, key=order_key(SortKey.ATTENTION, now))]
        if order == self.order:
            return
        for position, session_id in enumerate(order):
            self.grid.addWidget(self.cards[session_id], position // self.COLUMNS,
                                position % self.COLUMNS)
        self.order = order


class _NothingDelegate(QStyledItemDelegate):
    def sizeHint(self, option, index) -> QSize:
        return QSize(300, 148)

    def paint(self, painter, option, index) -> None:
        pass


# ---- measuring --------------------------------------------------------------------------------
def timed(fn: Callable[[], object]) -> float:
    """Milliseconds for ``fn()``, with Python's cyclic GC paused as timeit does (the naive
    grid's 12,000 widget wrappers would otherwise make collections land in random rounds)."""
    gc.collect()
    gc.disable()
    try:
        started = time.perf_counter()
        fn()
        return (time.perf_counter() - started) * 1000
    finally:
        gc.enable()


def render(widget: QWidget, image: QImage) -> QImage:
    """Paint the widget's whole area into ``image`` (what a repaint of that area costs)."""
    widget.render(image)
    return image


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Proctor Center grid benchmark")
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setStyleSheet(console_style_sheet())
    process = psutil.Process()
    print(f"Proctor Center grid benchmark: {args.sessions} sessions, {args.rounds} rounds, "
          f"{psutil.cpu_count()} CPUs, Qt platform {app.platformName()}")

    with tempfile.TemporaryDirectory(prefix="grid-bench-") as temp:
        config = CoreConfig.load(data_dir=temp, env={"PROCTOR_ANALYSIS": "0"})
        core = build_core(config)
        exams = [core.exams.create_exam(f"Exam {n + 1}", 3 * 3600) for n in range(5)]
        started = time.perf_counter()
        for n in range(args.sessions):
            name = f"{FIRST[n % len(FIRST)]} {LAST[(n // len(FIRST)) % len(LAST)]} {n}"
            attempt = core.attempts.start_attempt(exams[n % 5].exam_id, f"C-{n:05d}", name)
            core.snapshots.record_snapshot(attempt.attempt_id, str(uuid.uuid4()), frame_jpeg(n))
        print(f"setup: {args.sessions} attempts with a real snapshot each in "
              f"{time.perf_counter() - started:.1f} s")
        rss_before_console = rss_mb()

        context = ConsoleContext.create(core, QSettings(str(Path(temp) / "console.ini"),
                                                        QSettings.Format.IniFormat))
        window = ProctorCenterWindow(context)
        window.resize(VIEWPORT)
        window.show()
        model = window.model
        started = time.perf_counter()
        wait_for(app, lambda: model.rowCount() == args.sessions)
        load_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        for row in range(model.rowCount()):
            model.index(row).data(THUMBNAIL_ROLE)  # starts every load in the pool
        wait_for(app, lambda: len(context.thumbnails) >= args.sessions)
        thumbs_ms = (time.perf_counter() - started) * 1000
        rss_console = rss_mb()
        # Measure on one 1920x1080 grid view (the window's grid is smaller than its window).
        window.hide()
        grid = SessionGridView()
        grid.setModel(window.proxy)
        grid.resize(VIEWPORT)
        grid.show()
        drain(app)
        image = QImage(VIEWPORT, QImage.Format.Format_ARGB32_Premultiplied)
        print(f"console: first load {load_ms:.0f} ms, {len(context.thumbnails)} thumbnails "
              f"decoded off the GUI thread in {thumbs_ms:.0f} ms")

        sessions = model.sessions()
        now = core.clock.now()
        pixmaps = {s.latest_snapshot_id: context.thumbnails.pixmap(s.latest_snapshot_id,
                                                                    model.thumbnail_size)
                   for s in sessions}
        started = time.perf_counter()
        naive = NaiveGrid(sessions, pixmaps, now)
        naive.resize(VIEWPORT)
        naive.show()
        drain(app)
        naive_build_ms = (time.perf_counter() - started) * 1000
        rss_naive = rss_mb()

        # Rounds alternate model and naive on the same change, so load from other programs
        # on the machine hits both alike; the ratio is taken per round, then the median.
        figures: dict[str, list[float]] = {k: [] for k in ("rm", "rn", "pm", "pn")}
        for round_number in range(args.rounds):
            fresh = changed(sessions, round_number)
            figures["rm"].append(timed(lambda f=fresh: (model.apply_sessions(f), drain(app))))
            figures["rn"].append(timed(lambda f=fresh: (naive.refresh(f, now), drain(app))))
            sessions = fresh
            layers_before = grid.card_delegate.rendered_layers
            figures["pm"].append(timed(lambda: render(grid, image)))
            figures.setdefault("cold", []).append(grid.card_delegate.rendered_layers
                                                  - layers_before)
            figures["pn"].append(timed(lambda: render(naive, image)))

        # The floor for any Python delegate: the same view and model, a delegate that paints
        # nothing (what remains is Qt's item loop and PySide's call into Python per card).
        floor_view = SessionGridView()
        floor_view.setItemDelegate(_NothingDelegate(floor_view))
        floor_view.setModel(window.proxy)
        floor_view.resize(VIEWPORT)
        floor_view.show()
        drain(app)
        floor_ms = statistics.median(timed(lambda: render(floor_view, image))
                                     for _ in range(args.rounds))
        floor_view.close()
        cards_painted = VIEWPORT.width() // 310 * (VIEWPORT.height() // 158 + 1)
        print(f"card layers redrawn during the viewport paints: {sum(figures['cold'])} "
              f"(the refresh before each already drew the changed cards)")
        median = statistics.median
        refresh_ratio = median(n / m for m, n in zip(figures["rm"], figures["rn"], strict=True))
        paint_ratio = median(n / m for m, n in zip(figures["pm"], figures["pn"], strict=True))
        print()
        print(f"{'median of ' + str(args.rounds) + ' rounds':<44}{'model/view':>12}"
              f"{'naive':>12}{'naive/model':>13}")
        print(f"{'refresh all ' + str(args.sessions) + ' rows (ms)':<44}"
              f"{median(figures['rm']):>12.1f}{median(figures['rn']):>12.1f}"
              f"{refresh_ratio:>12.1f}x")
        print(f"{'paint one 1920x1080 viewport (ms)':<44}{median(figures['pm']):>12.1f}"
              f"{median(figures['pn']):>12.1f}{paint_ratio:>12.1f}x")
        print(f"{'  floor: same view, delegate painting nothing':<44}{floor_ms:>12.1f}"
              f"{'':>12}{median(figures['pn']) / floor_ms:>12.1f}x")
        print()
        print(f"console RSS with {args.sessions} sessions and thumbnails: {rss_console:.0f} MB "
              f"(core alone before the console: {rss_before_console:.0f} MB; target < 300 MB)")
        print(f"naive grid: built in {naive_build_ms:.0f} ms, +{rss_naive - rss_console:.0f} MB "
              f"RSS; about {cards_painted} cards visible per viewport")
        targets = {
            "refresh >= 10x faster": refresh_ratio >= 10,
            "repaint >= 10x faster": paint_ratio >= 10,
            "RSS < 300 MB": rss_console < 300,
        }
        print("targets: " + ", ".join(f"{k}: {'met' if v else 'MISSED'}"
                                      for k, v in targets.items()))
        naive.close()
        grid.close()
        window.close()
        context.close()
        core.close()
        del process
    return 0


if __name__ == "__main__":
    sys.exit(main())
