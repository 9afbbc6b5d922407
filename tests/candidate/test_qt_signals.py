"""Many signals in a long exam must not wear out Python's True (PySide6 6.12.0 bug guard)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from console.candidate.qt_signals import disconnect, emit


class Ticker(QObject):
    ticked = Signal(int)


def test_thousands_of_emits_and_disconnects_leave_true_and_false_untouched():
    ticker = Ticker()
    received: list[int] = []
    before = sys.getrefcount(True), sys.getrefcount(False)
    for n in range(5000):  # a 12 fps preview emits this many in 7 minutes
        emit(ticker.ticked, n)
    for _ in range(200):
        ticker.ticked.connect(received.append)
        disconnect(ticker.ticked, received.append)
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
    assert received == []
