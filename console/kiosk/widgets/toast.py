"""Toast: a short message near the bottom of the window that goes away by itself."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

MAX_WIDTH = 620
BOTTOM_MARGIN = 36


class Toast(QLabel):
    def __init__(self, parent: QWidget, seconds: float = 5.0) -> None:
        super().__init__(parent)
        self.setObjectName("Toast")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.seconds = seconds
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        parent.installEventFilter(self)
        self.hide()

    def show_message(self, text: str, seconds: float | None = None) -> None:
        self.setText(text)
        self._place()
        self.raise_()
        self.show()
        self._timer.start(int((seconds or self.seconds) * 1000))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def _place(self) -> None:
        parent = self.parentWidget()
        width = min(MAX_WIDTH, parent.width() - 48)
        self.setFixedWidth(max(200, width))
        self.setFixedHeight(self.heightForWidth(self.width()) if self.hasHeightForWidth()
                            else self.sizeHint().height())
        x = (parent.width() - self.width()) // 2
        y = parent.height() - self.height() - BOTTOM_MARGIN
        self.move(x, y)
