"""Small Qt plumbing shared by the console and the kiosk: restyling a widget after a property
change, dialog headings, the app's icons, closing cleanly on SIGINT/SIGTERM, and collecting
garbage on the GUI thread only.

This is the one module of ``console`` that the kiosk (``console.kiosk``) may import besides
its own package: it knows nothing of sessions, cores or windows."""

from __future__ import annotations

import contextlib
import gc
import logging
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QWidget,
)

from resources import path as resource_path

log = logging.getLogger(__name__)


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property that a selector reads has changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def set_style_property(widget: QWidget, name: str, value: object) -> None:
    """Set a property that the style sheet selects on (``[kind="error"]``) and restyle."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        repolish(widget)


def dialog_header(layout: QBoxLayout, title: str, hint: str) -> QLabel:
    """A dialog's heading and the sentence under it (styled as ``#dialogTitle``/``#dialogHint``).
    Returns the hint label, for dialogs that change it later."""
    heading = QLabel(title)
    heading.setObjectName("dialogTitle")
    heading.setWordWrap(True)
    layout.addWidget(heading)
    explanation = QLabel(hint)
    explanation.setObjectName("dialogHint")
    explanation.setWordWrap(True)
    layout.addWidget(explanation)
    return explanation


def style_list_table(table: QTableView) -> None:
    """A read-only list of rows (exams, proctor accounts): one row selected at a time, no grid,
    the first column takes the room and the others fit their contents."""
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


def icon(name: str) -> QIcon:
    """One of ``resources/icons/<name>.svg``; an empty icon when it is missing."""
    file = resource_path("icons", f"{name}.svg")
    return QIcon(str(file)) if file.exists() else QIcon()


def quit_on_signals(owner: QObject, request_quit: Callable[[], None]) -> Callable[[], None]:
    """Call ``request_quit`` on the GUI thread when SIGINT or SIGTERM arrives (Ctrl+C in the
    terminal, ``kill``). Python runs signal handlers only when Python code runs, so the signal
    wakes the Qt loop through a socket pair. Returns a function that restores the previous
    handlers and closes the sockets."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    previous_wakeup_fd = signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, owner)
    pending: list[int] = []

    def on_signal(signum: int, _frame: object) -> None:
        pending.append(signum)

    def on_wake() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)
        if pending:
            log.info("received %s, closing", signal.Signals(pending[-1]).name)
            pending.clear()
            request_quit()

    notifier.activated.connect(on_wake)
    previous = {signum: signal.signal(signum, on_signal)
                for signum in (signal.SIGINT, signal.SIGTERM)}

    def restore() -> None:
        notifier.setEnabled(False)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        signal.set_wakeup_fd(previous_wakeup_fd)
        reader.close()
        writer.close()

    return restore


def collect_garbage_on_gui_thread() -> None:
    """One step of Python's cyclic garbage collector, as far as its thresholds ask for, run by
    the caller (the GUI thread). See ``GuiThreadGarbageCollector``."""
    threshold0, threshold1, threshold2 = gc.get_threshold()
    count0, count1, count2 = gc.get_count()
    if count0 > threshold0:
        generation = 0
        if count1 > threshold1:
            generation = 2 if count2 > threshold2 else 1
        gc.collect(generation)


def freeze_start_up_objects() -> None:
    """What the program made to start (modules, Qt's wrappers, the windows, an embedded
    center's app and schemas) lives as long as the program: moved out of the cyclic collector's
    way (``gc.freeze``), a full collection walks only what was made since. A full collection
    holds the interpreter lock while it walks, and the window waits: with an embedded center
    serving 300 kiosks a walk took 100-170 ms, about 10-40 ms after the freeze
    (``tests/benchmarks/grid_under_load.py``). Call it once, when the window is up."""
    gc.collect()
    gc.freeze()


class GuiThreadGarbageCollector(QObject):
    """Python collects reference cycles in whichever thread happens to allocate when a threshold
    is crossed: in these programs, often a background thread (an upload, the embedded center's
    writer, a camera). A cycle that holds a Qt object (a widget whose slot is a lambda over it)
    is then destroyed outside the GUI thread, which Qt does not allow, and the process can crash.
    This turns the automatic collector off and runs the same thresholds from a timer on the GUI
    thread; ``stop()`` turns it back on."""

    INTERVAL_MS = 500

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(collect_garbage_on_gui_thread)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
