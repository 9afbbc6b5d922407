"""emit() and disconnect(): Signal calls that survive PySide6 6.12.0's reference bug.

PySide6 6.12.0 returns the result of ``SignalInstance.emit()`` and ``.disconnect()`` (``True`` /
``False``) without taking a reference. On Python 3.11 every call therefore drops one reference
of ``True``; after a few hundred signals the interpreter aborts with "Fatal Python error:
bool_dealloc". (6.11.2 is correct; bools are immortal from Python 3.12.) The bug is detected
once, by measurement, and these helpers give the missing reference back only when it exists,
so they are exact on fixed versions too. Every Python-side emit in the kiosk goes through here.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None
_is_affected: bool | None = None
PROBE_CALLS = 64


def returns_borrowed_bool() -> bool:
    """True when this PySide6 hands out un-referenced bools from emit() (measured once)."""
    global _is_affected
    if _is_affected is None:
        from PySide6.QtCore import QObject, Signal

        class _Probe(QObject):
            probed = Signal()

        probe = _Probe()
        before = sys.getrefcount(True)
        kept = [probe.probed.emit() for _ in range(PROBE_CALLS)]
        gained = sys.getrefcount(True) - before
        # A correct binding: the list holds PROBE_CALLS new references. The buggy one: about 0.
        _is_affected = gained < PROBE_CALLS // 2
        if _is_affected:
            for value in kept:
                _incref(value)
        del kept
    return _is_affected


def emit(signal: Any, *args: Any) -> None:
    result = signal.emit(*args)
    if returns_borrowed_bool():
        _incref(result)


def disconnect(signal: Any, slot: Any) -> None:
    result = signal.disconnect(slot)
    if returns_borrowed_bool():
        _incref(result)
