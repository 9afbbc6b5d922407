"""WarningDesk: a proctor's warnings on the kiosk, one at a time, each acknowledged once.

Heartbeats bring the attempt's warnings; the ones not yet acknowledged on the server are shown in
the order they came, each once. When the candidate presses "I understand", the acknowledgement
is sent; until a heartbeat shows the server has it, it is sent again with every heartbeat (the
server may have been away).

A warning a proctor has dealt with (``cleared_at``: the proctor dismissed its alert) is not shown
any more, and the candidate is told once that they may continue.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from core.client import WarningDTO


class WarningDesk(QObject):
    warning_shown = Signal(str, str)  # warning_id, message
    ack_requested = Signal(str)  # warning_id: send the acknowledgement (again)
    warning_cleared = Signal(str)  # warning_id: the proctor dealt with it; the candidate goes on

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.current: tuple[str, str] | None = None
        self._queue: list[tuple[str, str]] = []
        self._seen: set[str] = set()
        self._unsent_acks: set[str] = set()
        self._cleared: set[str] = set()
        self.is_closed = False

    def take(self, warnings: Iterable[WarningDTO]) -> None:
        """The attempt's warnings from a heartbeat."""
        if self.is_closed:
            return
        still_open: set[str] = set()
        for warning in warnings:
            if warning.cleared_at is not None:
                self._clear(warning.warning_id)
                continue
            if warning.acknowledged_at is not None:
                continue
            still_open.add(warning.warning_id)
            if warning.warning_id not in self._seen:
                self._seen.add(warning.warning_id)
                self._queue.append((warning.warning_id, warning.message))
        # Acknowledgements the server has not recorded yet are sent again; the server's list
        # says which are done (or unknown to it) and need nothing more.
        self._unsent_acks &= still_open
        for warning_id in sorted(self._unsent_acks):
            self.ack_requested.emit(warning_id)
        self._show_next()

    def acknowledge(self, warning_id: str) -> None:
        """The candidate pressed "I understand"."""
        if self.current and self.current[0] == warning_id:
            self.current = None
        self._unsent_acks.add(warning_id)
        self.ack_requested.emit(warning_id)
        self._show_next()

    def acknowledged(self, warning_id: str) -> None:
        """The server has the acknowledgement."""
        self._unsent_acks.discard(warning_id)

    def _clear(self, warning_id: str) -> None:
        """A proctor dealt with this warning: it goes (shown or waiting), said once."""
        if warning_id in self._cleared:
            return
        self._cleared.add(warning_id)
        self._seen.add(warning_id)
        self._queue = [w for w in self._queue if w[0] != warning_id]
        if self.current and self.current[0] == warning_id:
            self.current = None
        self.warning_cleared.emit(warning_id)

    def close(self) -> None:
        """The exam has ended: nothing more is shown."""
        self.is_closed = True
        self.current = None
        self._queue.clear()

    def _show_next(self) -> None:
        if self.current is None and self._queue and not self.is_closed:
            self.current = self._queue.pop(0)
            self.warning_shown.emit(*self.current)
