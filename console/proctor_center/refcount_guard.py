"""A guard against PySide6 6.12.0's lost references to None, True and False on Python 3.11.

PySide6 6.12.0 hands back some singletons without taking a reference: every Python
``SignalInstance.emit()`` drops one reference of ``True``, and every invalid ``QVariant``
converted to Python (``QModelIndex.data()`` of an empty role, ``QComboBox.currentData()`` of a
``None`` item, a proxy model sorting) drops one of ``None``. From Python 3.12 these singletons
are immortal and nothing happens; on 3.11 a busy console aborts within minutes ("Fatal Python
error: none_dealloc" / "bool_dealloc"). A live grid emits thousands of signals an hour.

``keep_singletons_alive()`` measures the bug once and, only when it is present, gives None,
True and False the same protection Python 3.12 gives them: a reference count no bug can reach
zero. It is idempotent and does nothing on a correct PySide6 or on Python 3.12+.
"""

from __future__ import annotations

import ctypes
import sys

#: 2**40 references: at a million lost references a second, 12 days to use up.
RESERVE = 1 << 40
PROBE_CALLS = 64

_is_applied = False


def singletons_lose_references() -> bool:
    """Measure whether this PySide6 drops references of True (emit) or None (QVariant)."""
    from PySide6.QtCore import QObject, QStringListModel, Qt, Signal

    class _Probe(QObject):
        probed = Signal()

    probe = _Probe()
    model = QStringListModel(["probe"])
    index = model.index(0, 0)
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    emitted = [probe.probed.emit() for _ in range(PROBE_CALLS)]
    empty = [index.data(Qt.ItemDataRole.UserRole) for _ in range(PROBE_CALLS)]
    true_gained = sys.getrefcount(True) - true_before
    none_gained = sys.getrefcount(None) - none_before
    # A correct binding: each list holds PROBE_CALLS new references. The buggy one: about 0.
    is_affected = true_gained < PROBE_CALLS // 2 or none_gained < PROBE_CALLS // 2
    if is_affected:
        _reserve(True, PROBE_CALLS)
        _reserve(None, PROBE_CALLS)
    del emitted, empty
    return is_affected


def keep_singletons_alive() -> bool:
    """Apply the guard when needed; True when it is in place (now or before)."""
    global _is_applied
    if _is_applied:
        return True
    if sys.version_info >= (3, 12) or not singletons_lose_references():
        return False
    for singleton in (None, True, False):
        _reserve(singleton, RESERVE)
    _is_applied = True
    return True


def _reserve(singleton: object, count: int) -> None:
    """Add ``count`` references to ``singleton`` (ob_refcnt is PyObject's first field)."""
    refcount = ctypes.c_ssize_t.from_address(id(singleton))
    refcount.value += count
