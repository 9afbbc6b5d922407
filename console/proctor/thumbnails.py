"""ThumbnailCache: snapshot thumbnails decoded as QImage in the pool, turned into QPixmap on the
GUI thread, cached by (snapshot id, size). Views ask, get None at first, and repaint when
``thumbnail_ready`` fires."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap

from console.tasks import TaskRunner

Key = tuple[str, int, int]


def decode_scaled(data: bytes, size: QSize) -> QImage:
    """Decode JPEG bytes into a QImage scaled to fit ``size`` (any thread)."""
    image = QImage.fromData(data)
    if image.isNull():
        raise ValueError("the thumbnail could not be decoded")
    if image.width() > size.width() or image.height() > size.height():
        image = image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    return image


class ThumbnailCache(QObject):
    thumbnail_ready = Signal(str)  # snapshot_id
    thumbnail_failed = Signal(str, str)  # snapshot_id, reason

    def __init__(self, tasks: TaskRunner, read_bytes: Callable[[str], bytes],
                 capacity: int = 4000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._read_bytes = read_bytes
        self._capacity = capacity
        self._pixmaps: OrderedDict[Key, QPixmap] = OrderedDict()
        self._loading: set[Key] = set()
        self._failed: set[Key] = set()

    def pixmap(self, snapshot_id: str, size: QSize) -> QPixmap | None:
        """The cached pixmap, or None while it loads (a load is started if needed)."""
        key = (snapshot_id, size.width(), size.height())
        pixmap = self._pixmaps.get(key)
        if pixmap is not None:
            self._pixmaps.move_to_end(key)
            return pixmap
        if key not in self._loading and key not in self._failed:
            self._loading.add(key)
            self._tasks.submit(
                self._load, snapshot_id, QSize(size),
                on_done=lambda image, k=key: self._store(k, image),
                on_error=lambda exc, k=key: self._fail(k, exc),
            )
        return None

    def has_failed(self, snapshot_id: str, size: QSize) -> bool:
        return (snapshot_id, size.width(), size.height()) in self._failed

    def insert(self, snapshot_id: str, size: QSize, image: QImage) -> None:
        """Put an already decoded image in the cache (GUI thread)."""
        self._store((snapshot_id, size.width(), size.height()), image)

    def clear(self) -> None:
        self._pixmaps.clear()
        self._failed.clear()

    def __len__(self) -> int:
        return len(self._pixmaps)

    def _load(self, snapshot_id: str, size: QSize) -> QImage:
        return decode_scaled(self._read_bytes(snapshot_id), size)

    def _store(self, key: Key, image: QImage) -> None:
        self._loading.discard(key)
        self._pixmaps[key] = QPixmap.fromImage(image)
        self._pixmaps.move_to_end(key)
        while len(self._pixmaps) > self._capacity:
            self._pixmaps.popitem(last=False)
        self.thumbnail_ready.emit(key[0])

    def _fail(self, key: Key, exc: BaseException) -> None:
        self._loading.discard(key)
        self._failed.add(key)
        self.thumbnail_failed.emit(key[0], str(exc))
