"""FocusWatch: notices the candidate leaving the exam window (another application active).

A short blink (less than ``debounce_seconds``) is not reported. Leaving for longer reports
``focus_lost`` with the moment it started; coming back reports ``focus_regained`` with the time
away.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication


class FocusWatch(QObject):
    focus_lost = Signal(object)  # datetime (UTC) when the window was left
    focus_regained = Signal(float)  # seconds away

    def __init__(self, debounce_seconds: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, int(debounce_seconds * 1000)))
        self._timer.timeout.connect(self._report_lost)
        self.is_away = False
        self._left_monotonic: float | None = None
        self._left_at: datetime | None = None
        self._is_connected = False

    @property
    def is_debouncing(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        app = QGuiApplication.instance()
        if app is not None and not self._is_connected:
            app.applicationStateChanged.connect(self.on_app_state)  # type: ignore[attr-defined]
            self._is_connected = True

    def stop(self) -> None:
        self._timer.stop()
        app = QGuiApplication.instance()
        if app is not None and self._is_connected:
            app.applicationStateChanged.disconnect(self.on_app_state)  # type: ignore[attr-defined]
            self._is_connected = False

    @Slot(Qt.ApplicationState)
    def on_app_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            if self._timer.isActive():
                self._timer.stop()  # a short blink is not reported
            elif self.is_away:
                self.is_away = False
                away = time.monotonic() - (self._left_monotonic or time.monotonic())
                self.focus_regained.emit(away)
            self._left_monotonic = None
        elif not self.is_away and not self._timer.isActive():
            self._left_monotonic = time.monotonic()
            self._left_at = datetime.now(UTC)
            self._timer.start()

    @Slot()
    def _report_lost(self) -> None:
        self.is_away = True
        self.focus_lost.emit(self._left_at)
