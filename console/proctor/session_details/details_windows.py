"""DetailsWindows: the open session-details windows, one per session. Opening a session that
already has a window raises it; several sessions can be open side by side (non-modal)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from console.proctor.context import ConsoleContext
from console.proctor.session_details.session_details_window import SessionDetailsWindow


class DetailsWindows(QObject):
    window_opened = Signal(str)  # session_id

    def __init__(self, context: ConsoleContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._windows: dict[str, SessionDetailsWindow] = {}

    @classmethod
    def install(cls, context: ConsoleContext, parent: QObject | None = None) -> DetailsWindows:
        """Create the registry and make ``context.open_details`` open through it."""
        windows = cls(context, parent)
        context.open_details = windows.open
        return windows

    def open(self, session_id: str) -> SessionDetailsWindow:
        window = self._windows.get(session_id)
        if window is None:
            window = SessionDetailsWindow(self._context, session_id)
            window.closed.connect(self._forget)
            self._windows[session_id] = window
            window.show()
            self.window_opened.emit(session_id)
        else:
            if window.isMinimized():
                window.showNormal()
            window.show()
        window.raise_()
        window.activateWindow()
        return window

    def window(self, session_id: str) -> SessionDetailsWindow | None:
        return self._windows.get(session_id)

    def open_session_ids(self) -> list[str]:
        return list(self._windows)

    def close_all(self) -> None:
        for window in list(self._windows.values()):
            window.close()

    def _forget(self, session_id: str) -> None:
        self._windows.pop(session_id, None)
