"""DetailsWindows: the open session-details windows, one per session. Opening a session that
already has a window raises it; several sessions can be open side by side (non-modal).

A new window opens on the screen that holds the main window, over it, and whole inside that
screen's available geometry (smaller than usual on a small screen), never partly off-screen."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, QRect, QSize, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from console.proctor.context import ConsoleContext
from console.proctor.session_details.session_details_window import SessionDetailsWindow

#: Room kept for the window's frame, which is not known before the window is shown: the title
#: bar above, a border on the other sides.
FRAME_TOP, FRAME_SIDE = 40, 8
#: Each window opened while others are open steps this far right and down (at most 5 steps).
CASCADE = 28


def placement(size: QSize, available: QRect, near: QRect | None, step: int = 0) -> QRect:
    """Where a window of ``size`` goes: centred over ``near`` (the main window; the screen's
    middle without one), moved ``step`` cascade steps, made smaller where the screen is, and
    kept with its frame whole inside ``available`` (the screen without its task bars)."""
    room = available.adjusted(FRAME_SIDE, FRAME_TOP, -FRAME_SIDE, -FRAME_SIDE)
    fitted = size.boundedTo(room.size())
    rect = QRect(QPoint(0, 0), fitted)
    rect.moveCenter((near if near is not None else available).center())
    rect.translate(step * CASCADE, step * CASCADE)
    left = min(max(rect.left(), room.left()), room.left() + room.width() - fitted.width())
    top = min(max(rect.top(), room.top()), room.top() + room.height() - fitted.height())
    rect.moveTopLeft(QPoint(left, top))
    return rect


class DetailsWindows(QObject):
    window_opened = Signal(str)  # session_id

    def __init__(self, context: ConsoleContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._windows: dict[str, SessionDetailsWindow] = {}
        #: The window details open over and on the screen of (the Proctor Center); without
        #: one, the active window.
        self.main_window: QWidget | None = None

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
            self._place(window)
            window.show()
            self.window_opened.emit(session_id)
        else:
            if window.isMinimized():
                window.showNormal()
            window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _place(self, window: QWidget) -> None:
        main = self.main_window if self.main_window is not None else QApplication.activeWindow()
        if main is not None and (not main.isVisible() or main in self._windows.values()):
            main = None
        screen = main.screen() if main is not None else QGuiApplication.primaryScreen()
        if screen is None:
            return
        step = (len(self._windows) - 1) % 6
        where = placement(window.size(), screen.availableGeometry(),
                          main.frameGeometry() if main is not None else None, step)
        window.resize(where.size())
        window.move(where.topLeft() - QPoint(FRAME_SIDE, FRAME_TOP))  # move() places the frame

    def window(self, session_id: str) -> SessionDetailsWindow | None:
        return self._windows.get(session_id)

    def open_session_ids(self) -> list[str]:
        return list(self._windows)

    def close_all(self) -> None:
        for window in list(self._windows.values()):
            window.close()

    def _forget(self, session_id: str) -> None:
        self._windows.pop(session_id, None)
