"""CameraPreview: the live picture, scaled to the space it has (keeping its shape), or a calm
placeholder sentence when there is no picture."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from resources import TOKENS

ASPECT = 4 / 3
RADIUS = 8.0


class CameraPreview(QWidget):
    picture_size_changed = Signal(int, int)  # the camera makes frames of this size

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Preview")
        # Paints every pixel itself (the card's colour around the picture): the card behind
        # it is not repainted for each frame.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(200, 150)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._image: QImage | None = None
        self.placeholder = ""

    @property
    def is_showing_picture(self) -> bool:
        return self._image is not None

    def sizeHint(self) -> QSize:
        return QSize(400, 300)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round(width / ASPECT)

    def set_image(self, image: QImage) -> None:
        self._image = image
        self.update()

    def show_placeholder(self, text: str) -> None:
        self._image = None
        self.placeholder = text
        self.update()

    def picture_rect(self) -> QRectF:
        width, height = self.width(), self.height()
        if width / max(1, height) > ASPECT:
            width = round(height * ASPECT)
        else:
            height = round(width / ASPECT)
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        rect = self.picture_rect()
        self.picture_size_changed.emit(int(rect.width()), int(rect.height()))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(TOKENS["surface"]))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.picture_rect()
        path = QPainterPath()
        path.addRoundedRect(rect, RADIUS, RADIUS)
        painter.setClipPath(path)
        if self._image is not None:
            if self._image.width() == rect.width() and self._image.height() == rect.height():
                painter.drawImage(rect.topLeft(), self._image)  # 1:1, no scaling
            else:
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                painter.drawImage(rect, self._image)
        else:
            painter.fillRect(rect, QColor(TOKENS["surface_alt"]))
            painter.setPen(QColor(TOKENS["text_muted"]))
            font = painter.font()
            font.setPixelSize(17)
            painter.setFont(font)
            painter.drawText(rect.adjusted(24, 0, -24, 0),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.placeholder)
        painter.setClipping(False)
        painter.setPen(QPen(QColor(TOKENS["border"]), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), RADIUS, RADIUS)
        painter.end()
