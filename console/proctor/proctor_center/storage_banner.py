"""StorageBanner: a banner that says how much room the media storage has left.

Hidden while there is room; amber when space runs low (under 1 GiB or 5 % free), red when it is
full (under 16 MiB free: uploads are about to be refused, or are). The thresholds are the core's
(``core.domain.storage``); the banner only measures on a timer and words what it is told.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from console.i18n import translate
from console.tasks import TaskRunner
from console.ui import set_style_property
from core.domain.storage import StorageLevel, StorageStatus

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_MS = 30_000
STYLE = """
QLabel#storageBanner { border-radius: 8px; padding: 8px 12px; font-weight: 600; }
QLabel#storageBanner[level="low"] {
    background: #fff4db; color: #7a4a00; border: 1px solid #f3d38c;
}
QLabel#storageBanner[level="full"], QLabel#storageBanner[level="unknown"] {
    background: #fde8e8; color: #8a1c1c; border: 1px solid #f4b4b4;
}
"""


def describe_bytes(count: int) -> str:
    """1,536 -> '1.5 KB'; binary units, one decimal under 10, none above."""
    value = float(count)
    for unit in ("bytes", "KB", "MB", "GB", "TB"):
        if value < 1024 or unit == "TB":
            if unit == "bytes":
                return f"{int(value):,} bytes"
            return f"{value:.1f} {unit}" if value < 10 else f"{value:,.0f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def storage_sentence(status: StorageStatus) -> str:
    """What the banner says for a measurement ('' when there is room)."""
    free, total = describe_bytes(status.free_bytes), describe_bytes(status.total_bytes)
    share = f"{status.free_fraction:.0%}"
    if status.level is StorageLevel.FULL:
        return translate(
            "StorageBanner", "Media storage is full: {free} free of {total}. New snapshots are "
            "refused until space is freed; delete old evidence or move the media root now."
        ).format(free=free, total=total)
    if status.level is StorageLevel.LOW:
        return translate(
            "StorageBanner", "Media storage is running low: {free} free of {total} ({share}). "
            "Free some space before snapshots are refused.").format(free=free, total=total,
                                                                    share=share)
    return ""


class StorageBanner(QLabel):
    """Measures with ``measure`` now and every ``interval_ms``; shows itself when space is low
    or gone. ``level_changed`` carries "ok", "low", "full" or "unknown" (could not measure)."""

    level_changed = Signal(str)

    def __init__(self, measure: Callable[[], StorageStatus],
                 interval_ms: int = DEFAULT_INTERVAL_MS, parent: QWidget | None = None, *,
                 tasks: TaskRunner | None = None) -> None:
        """With ``tasks``, ``measure`` runs there (a center over the network); without, at once
        on this thread (a local disk answers in microseconds)."""
        super().__init__(parent)
        self._tasks = tasks
        self.setObjectName("storageBanner")
        self.setWordWrap(True)
        self.setStyleSheet(STYLE)
        self._measure = measure
        self.level = ""
        self.status: StorageStatus | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.hide()
        self.refresh()

    def refresh(self) -> None:
        if self._tasks is not None:
            self._tasks.submit(self._measure, on_done=self.show_status,
                               on_error=self._measure_failed)
            return
        try:
            status = self._measure()
        except OSError as exc:
            self._measure_failed(exc)
            return
        self.show_status(status)

    def _measure_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, OSError):  # the center is out of reach: another banner says so
            log.info("the media storage was not measured: %s", exc)
            return
        log.warning("cannot measure the media storage: %s", exc)
        self._show("unknown", self.tr("The media storage cannot be measured ({reason}). Check "
                                      "that its disk or share is mounted.").format(
            reason=exc.strerror or exc))

    def show_status(self, status: StorageStatus) -> None:
        self.status = status
        self._show(str(status.level), storage_sentence(status))

    def _show(self, level: str, sentence: str) -> None:
        self.setText(sentence)
        self.setToolTip(sentence)
        set_style_property(self, "level", level)
        self.setVisible(bool(sentence))
        if level != self.level:
            self.level = level
            self.level_changed.emit(level)
