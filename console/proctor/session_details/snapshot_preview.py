"""SnapshotPreview: the selected snapshot large (scaled with the widget, aspect kept, smooth),
its capture time, its analysis result and the events recorded near that time.

The full JPEG is decoded as a QImage in the TaskRunner; a result that arrives after the
selection moved on is dropped, so stepping quickly through a long session never blocks."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from PySide6.QtCore import QLocale, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from console.i18n import translate
from console.proctor.formatting import clock_time, date_time
from console.proctor.session_details.gallery_model import badge_words
from console.proctor.session_details.timeline_model import detail_words, event_title, source_words
from console.tasks import TaskRunner
from core.domain.records import EventDTO, SnapshotDTO
from resources import TOKENS


def events_near(events: Sequence[EventDTO], when: datetime, window: timedelta) -> list[EventDTO]:
    """The events recorded within ``window`` of ``when``, in the order given."""
    return [e for e in events if abs(e.occurred_at - when) <= window]


def decode_image(read_image: Callable[[str], bytes], snapshot_id: str) -> QImage:
    """Worker thread: the full snapshot as a QImage."""
    image = QImage.fromData(read_image(snapshot_id))
    if image.isNull():
        raise ValueError("the picture could not be decoded")
    return image


class _Canvas(QWidget):
    """Paints one image scaled to fit, centred, with its aspect ratio kept."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewCanvas")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 100)  # a short window (800x600) still shows the rest
        self._image: QImage | None = None
        self._scaled: QPixmap | None = None
        self._message = ""

    def sizeHint(self) -> QSize:
        return QSize(640, 480)

    def set_image(self, image: QImage | None, message: str = "") -> None:
        self._image = image
        self._scaled = None
        self._message = message
        self.update()

    def image_rect(self) -> QRect:
        """Where the picture is drawn (empty when there is none)."""
        if self._image is None:
            return QRect()
        size = self._image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        rect = QRect(0, 0, size.width(), size.height())
        rect.moveCenter(self.rect().center())
        return rect

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._scaled = None
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#111827"))
        if self._image is None:
            painter.setPen(QColor("#cbd5e1"))
            painter.drawText(self.rect().adjusted(20, 20, -20, -20),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._message)
            return
        target = self.image_rect()
        if self._scaled is None or self._scaled.size() != target.size():
            self._scaled = QPixmap.fromImage(self._image.scaled(
                target.size(), Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        painter.drawPixmap(target.topLeft(), self._scaled)


class _ElidedLabel(QLabel):
    """One line of text that shortens with "…" instead of widening its column; the whole text
    is in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setProperty("elides", True)  # shortened on purpose, whole in the tooltip

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self.text()) + 4,
                     super().sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        area = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                             area.width())
        self.style().drawItemText(painter, area, int(self.alignment()), self.palette(),
                                  self.isEnabled(), text, self.foregroundRole())


class SnapshotPreview(QFrame):
    image_shown = Signal(str)  # snapshot_id, once its full image is on screen
    image_failed = Signal(str, str)  # snapshot_id, reason
    save_image_requested = Signal(str)  # snapshot_id

    def __init__(self, tasks: TaskRunner, read_image: Callable[[str], bytes],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("snapshotPreview")
        self._tasks = tasks
        self._read_image = read_image
        self._snapshot: SnapshotDTO | None = None
        self._shown_id: str | None = None
        self._is_closed = False
        self._canvas = _Canvas(self)
        self._canvas.set_image(None, translate("SnapshotPreview",
                                               "Select a snapshot to see it large."))

        self._caption = _ElidedLabel(self)
        self._caption.setObjectName("previewCaption")
        self._badges = _ElidedLabel(self)
        self._badges.setObjectName("previewBadges")
        self._save = QPushButton(translate("SnapshotPreview", "Save image…"), self)
        self._save.setObjectName("saveImageButton")
        self._save.setToolTip(translate("SnapshotPreview",
                                        "Save this snapshot as the original JPEG file"))
        self._save.setEnabled(False)
        self._save.clicked.connect(self._request_save)
        self._nearby = QLabel(self)
        self._nearby.setObjectName("previewNearby")
        self._nearby.setWordWrap(True)
        self._nearby.setTextFormat(Qt.TextFormat.RichText)
        self._nearby.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._nearby.setMinimumWidth(1)  # wraps; a long word never widens the column

        caption_row = QHBoxLayout()
        caption_row.setContentsMargins(0, 0, 0, 0)
        caption_row.addWidget(self._caption)
        caption_row.addWidget(self._badges)
        caption_row.addStretch(1)
        caption_row.addWidget(self._save)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        layout.addWidget(self._canvas, 1)
        layout.addLayout(caption_row)
        layout.addWidget(self._nearby)
        self._nearby.hide()
        #: There are nearby events to list; they show when the picture keeps its minimum
        #: height beside them (on a short window the list gives way: the timeline has them).
        self._has_nearby = False

    # ---- state for tests and the window ----------------------------------------------------
    @property
    def snapshot(self) -> SnapshotDTO | None:
        """The selected snapshot (its image may still be decoding)."""
        return self._snapshot

    @property
    def shown_snapshot_id(self) -> str | None:
        """The snapshot whose full image is on screen."""
        return self._shown_id

    @property
    def caption_text(self) -> str:
        return self._caption.text()

    @property
    def nearby_text(self) -> str:
        return self._nearby.text()

    def image_rect(self) -> QRect:
        return self._canvas.image_rect()

    # ---- updates ---------------------------------------------------------------------------
    def close_down(self) -> None:
        """The window is closing: decodes still in flight are dropped when they arrive."""
        self._is_closed = True

    def set_placeholder(self, message: str) -> None:
        self._snapshot = None
        self._shown_id = None
        self._canvas.set_image(None, message)
        self._caption.setText("")
        self._badges.setText("")
        self._has_nearby = False
        self._nearby.hide()
        self._save.setEnabled(False)

    def show_snapshot(self, snapshot: SnapshotDTO, nearby: list[EventDTO],
                      window_seconds: int, position: str = "") -> None:
        is_new = self._snapshot is None or self._snapshot.snapshot_id != snapshot.snapshot_id
        self._snapshot = snapshot
        self._caption.setText(translate("SnapshotPreview", "Captured {time}").format(
            time=date_time(snapshot.captured_at)) + (f"  ·  {position}" if position else ""))
        badges = badge_words(snapshot)
        self._badges.setText("  ".join(badges))
        self._badges.setVisible(bool(badges))
        self._save.setEnabled(True)
        self._show_nearby(nearby, window_seconds)
        if is_new:
            self._shown_id = None
            sid = snapshot.snapshot_id
            self._tasks.submit(decode_image, self._read_image, sid,
                               on_done=lambda image: self._decoded(sid, image),
                               on_error=lambda exc: self._failed(sid, exc))

    def _show_nearby(self, nearby: list[EventDTO], window_seconds: int) -> None:
        if not nearby:
            self._nearby.setText(f"<span style='color:{TOKENS['text_muted']}'>" + translate(
                "SnapshotPreview", "No events within {seconds} s of this snapshot.").format(
                seconds=QLocale().toString(window_seconds)) + "</span>")
        else:
            lines = [
                f"<b>{html.escape(clock_time(e.occurred_at))}</b>&nbsp;&nbsp;"
                f"{html.escape(event_title(e))}"
                + (f" — {html.escape(detail_words(e))}" if e.detail else "")
                + f" <span style='color:{TOKENS['text_muted']}'>({source_words(e.source)})</span>"
                for e in nearby[:4]
            ]
            more = len(nearby) - 4
            if more > 0:
                lines.append(f"<span style='color:{TOKENS['text_muted']}'>" + translate(
                    "SnapshotPreview", "and {count} more").format(
                    count=QLocale().toString(more)) + "</span>")
            self._nearby.setText(f"<span style='color:{TOKENS['text_muted']}'>" + translate(
                "SnapshotPreview", "Events within {seconds} s:").format(
                seconds=QLocale().toString(window_seconds)) + "</span><br>"
                + "<br>".join(lines))
        self._has_nearby = True
        self._fit_nearby()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_nearby()

    def _fit_nearby(self) -> None:
        """The nearby events show only where they leave the picture its minimum height; on a
        short window (an 800x600 screen) they give way rather than cover the picture."""
        if not self._has_nearby:
            self._nearby.hide()
            return
        layout = self.layout()
        margins = layout.contentsMargins()
        inner = self.contentsRect().adjusted(margins.left(), margins.top(), -margins.right(),
                                             -margins.bottom())
        caption = max(self._caption.sizeHint().height(), self._save.sizeHint().height())
        room = (inner.height() - caption - 2 * layout.spacing()
                - self._canvas.minimumHeight())
        self._nearby.setVisible(self._nearby.heightForWidth(inner.width()) <= room)

    @property
    def shows_nearby(self) -> bool:
        """True when the nearby events are listed under the picture."""
        return self._has_nearby and not self._nearby.isHidden()

    def _decoded(self, snapshot_id: str, image: QImage) -> None:
        if self._is_closed:
            return
        if self._snapshot is None or self._snapshot.snapshot_id != snapshot_id:
            return  # the selection moved on while this one decoded
        self._shown_id = snapshot_id
        self._canvas.set_image(image)
        self.image_shown.emit(snapshot_id)

    def _failed(self, snapshot_id: str, error: BaseException) -> None:
        if self._is_closed:
            return
        if self._snapshot is None or self._snapshot.snapshot_id != snapshot_id:
            return
        self._canvas.set_image(None, translate(
            "SnapshotPreview",
            "This snapshot's image could not be opened ({error}). Choose another snapshot.")
            .format(error=error))
        self.image_failed.emit(snapshot_id, str(error))

    def _request_save(self) -> None:
        if self._snapshot is not None:
            self.save_image_requested.emit(self._snapshot.snapshot_id)
