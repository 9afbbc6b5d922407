"""The installed PySide6 must hand out a reference with every object it returns, under a busy
console.

PySide6 6.12.0 returns the results of ``SignalInstance.emit()`` and of empty ``QVariant``
conversions without taking a reference; on Python 3.11 a live grid or kiosk then aborts within
minutes ("Fatal Python error: bool_dealloc" / "none_dealloc"). pyproject.toml keeps PySide6
below 6.12 for that reason; this test is what to run before lifting the cap.

On Python 3.12+ True, False and None are immortal: a missing reference can no longer free them,
and ``sys.getrefcount`` no longer moves for them, so the two tests that count their references
are skipped there (they say so). The binding is still held to the same rule there through
objects that are not immortal: a Python object stored in a ``QVariant`` (a dynamic property)
and one carried by a signal must gain exactly one reference per copy handed out and lose it
again, and the installed version must satisfy pyproject.toml's bound.
"""

from __future__ import annotations

import re
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QStringListModel, Qt, Signal

CALLS = 2000
PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def refcount_moves(obj: object) -> bool:
    """False for an immortal object (Python 3.12+ singletons): its count never changes."""
    before = sys.getrefcount(obj)
    held = [obj] * 10
    return sys.getrefcount(obj) - before == len(held)


singletons_are_counted = pytest.mark.skipif(
    not refcount_moves(True),
    reason="True/False/None are immortal on this Python (3.12+): a lost reference cannot free "
           "them and sys.getrefcount cannot see it; the payload tests cover the binding here",
)


class Ticker(QObject):
    ticked = Signal(int)
    carried = Signal(object)


class Payload:
    """A plain Python object: never immortal, so its reference count tells the truth."""


def version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


@singletons_are_counted
def test_emitting_signals_keeps_a_reference_to_each_returned_true_or_false():
    ticker = Ticker()
    received: list[int] = []
    ticker.ticked.connect(received.append)
    true_before, false_before = sys.getrefcount(True), sys.getrefcount(False)
    results = [ticker.ticked.emit(n) for n in range(CALLS)]
    gained = (sys.getrefcount(True) - true_before) + (sys.getrefcount(False) - false_before)
    assert received == list(range(CALLS))
    assert gained >= len(results), "emit() hands out bools it holds no reference to"


@singletons_are_counted
def test_reading_an_empty_role_keeps_a_reference_to_each_returned_none():
    model = QStringListModel(["Sarah Ahmed"])
    index = model.index(0, 0)
    none_before = sys.getrefcount(None)
    results = [index.data(Qt.ItemDataRole.UserRole) for _ in range(CALLS)]
    assert results == [None] * CALLS
    assert sys.getrefcount(None) - none_before >= CALLS, "empty QVariants lose a None reference"


def test_an_object_read_back_from_a_qvariant_gains_one_reference_per_copy_and_loses_it_again():
    holder = QObject()
    payload = Payload()
    holder.setProperty("payload", payload)
    before = sys.getrefcount(payload)

    copies = [holder.property("payload") for _ in range(CALLS)]

    assert all(copy is payload for copy in copies)
    assert sys.getrefcount(payload) - before == CALLS, "QVariant hands out borrowed references"
    del copies
    assert sys.getrefcount(payload) == before, "QVariant leaks references"


def test_an_object_carried_by_a_signal_reaches_the_slot_with_its_own_reference():
    ticker = Ticker()
    payload = Payload()
    received: list[object] = []
    ticker.carried.connect(received.append)
    before = sys.getrefcount(payload)

    for _ in range(CALLS):
        ticker.carried.emit(payload)

    assert received == [payload] * CALLS
    assert sys.getrefcount(payload) - before == CALLS, "a slot got a borrowed reference"
    received.clear()
    assert sys.getrefcount(payload) == before, "emit() leaks references"


def test_the_installed_binding_satisfies_the_bound_in_pyproject():
    [requirement] = [
        dependency for dependency in tomllib.loads(PYPROJECT.read_text())["project"]["dependencies"]
        if dependency.startswith("PySide6-Essentials")
    ]
    installed = version_tuple(version("PySide6-Essentials"))
    clauses = re.findall(r"(>=|<)\s*([\d.]+)", requirement)
    assert ("<", "6.12") in clauses, "the cap that keeps 6.12.0 out is gone: run this file first"
    for operator, bound in clauses:
        is_within = installed >= version_tuple(bound) if operator == ">=" else (
            installed < version_tuple(bound))
        assert is_within, f"PySide6-Essentials {installed} is outside {requirement!r}"


def test_connecting_and_disconnecting_many_times_keeps_delivery_exact():
    ticker = Ticker()
    received: list[int] = []
    for _ in range(200):
        ticker.ticked.connect(received.append)
        ticker.ticked.disconnect(received.append)
    ticker.ticked.emit(7)
    assert received == []
