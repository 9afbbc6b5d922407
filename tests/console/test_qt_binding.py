"""The installed PySide6 must keep Python's None/True/False alive under a busy console.

PySide6 6.12.0 returns the results of ``SignalInstance.emit()`` and of empty ``QVariant``
conversions without taking a reference; on Python 3.11 a live grid or kiosk then aborts within
minutes ("Fatal Python error: bool_dealloc" / "none_dealloc"). pyproject.toml keeps PySide6
below 6.12 for that reason; this test is what to run before lifting the cap.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QStringListModel, Qt, Signal

CALLS = 2000


class Ticker(QObject):
    ticked = Signal(int)


def test_emitting_signals_keeps_a_reference_to_each_returned_true_or_false():
    ticker = Ticker()
    received: list[int] = []
    ticker.ticked.connect(received.append)
    true_before, false_before = sys.getrefcount(True), sys.getrefcount(False)
    results = [ticker.ticked.emit(n) for n in range(CALLS)]
    gained = (sys.getrefcount(True) - true_before) + (sys.getrefcount(False) - false_before)
    assert received == list(range(CALLS))
    assert gained >= len(results), "emit() hands out bools it holds no reference to"


def test_reading_an_empty_role_keeps_a_reference_to_each_returned_none():
    model = QStringListModel(["Sarah Ahmed"])
    index = model.index(0, 0)
    none_before = sys.getrefcount(None)
    results = [index.data(Qt.ItemDataRole.UserRole) for _ in range(CALLS)]
    assert results == [None] * CALLS
    assert sys.getrefcount(None) - none_before >= CALLS, "empty QVariants lose a None reference"


def test_connecting_and_disconnecting_many_times_keeps_delivery_exact():
    ticker = Ticker()
    received: list[int] = []
    for _ in range(200):
        ticker.ticked.connect(received.append)
        ticker.ticked.disconnect(received.append)
    ticker.ticked.emit(7)
    assert received == []
