"""A guard against a reference-counting bug of PySide6 6.12.0 on CPython 3.11.

Measured here (PySide6-Essentials 6.12.0, Python 3.11.7): every ``SignalInstance.emit()`` called
from Python releases one reference to ``True`` that it never took, and every Python override
that Qt calls on a thread it created (``QRunnable.run`` in a QThreadPool, ``QThread.run``)
releases one reference to ``None``. The TaskRunner, the ThumbnailCache and the CoreEventBridge
emit for every job, thumbnail and domain event, so after some tens of thousands of them CPython
deallocates ``True`` or ``None`` and aborts ("Fatal Python error: bool_dealloc"), at the latest
when the process exits.

CPython 3.12 made these singletons immortal. On 3.11 we do the same by hand: their reference
counts get a margin of 2**40, which no real run can use up. The three objects are static and
never freed anyway, so the margin changes nothing else. Idempotent; a no-op on 3.12 and later.
"""

from __future__ import annotations

import ctypes
import sys

MARGIN = 1 << 40
_applied = False


def make_singletons_immortal() -> None:
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every object in a release build of CPython.
        ctypes.c_ssize_t.from_address(id(singleton)).value += MARGIN
    _applied = True
