"""MediaStore: validate uploaded images, store them atomically, make thumbnails, and resolve
relative paths safely.

Validation decides the type by content (JPEG or PNG), checks pixel limits before any decode,
then really decodes the image. JPEGs are decoded at reduced scale (libjpeg DCT scaling through
Pillow's ``draft``), which validates the whole stream and yields the thumbnail in one pass. The
stored JPEG is the upload with its metadata segments (EXIF, XMP, comments) cut out losslessly;
PNG input is re-encoded and stored as JPEG, so every snapshot is ``<snapshot_id>.jpg``.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import secrets
import shutil
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from PIL import Image, PngImagePlugin, UnidentifiedImageError

from core.config import make_private_dir
from core.domain.errors import SnapshotRejected, StorageFull
from core.domain.storage import StorageStatus, storage_status

SNAPSHOT_DIR = "proctor-snapshots"
THUMBNAIL_SIZE = (160, 120)
JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
#: JPEG segments kept when metadata is stripped: JFIF (APP0), ICC profile (APP2), Adobe (APP14).
KEPT_APP_MARKERS = {0xE0, 0xE2, 0xEE}

Image.MAX_IMAGE_PIXELS = 4096 * 4096  # belt and braces; sizes are checked before decoding

TEXT_CHUNKS_TOO_LARGE = (
    "The PNG image carries too much metadata in its text chunks (at most "
    f"{PngImagePlugin.MAX_TEXT_CHUNK // 1024 ** 2} MB each); send the picture without it."
)
#: Every temp file of a write in progress ends so; a crash may leave them behind.
TEMP_SUFFIX = ".tmp"
#: The write errors that mean "no room": the file system is full, or the user's quota is.
NO_SPACE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})


def is_no_space(error: BaseException) -> bool:
    return isinstance(error, OSError) and error.errno in NO_SPACE_ERRNOS


@dataclass(frozen=True)
class StorageStats:
    """How many files the media root holds and their size in bytes."""

    files: int
    bytes: int


@dataclass(frozen=True)
class ValidatedImage:
    stored_bytes: bytes
    thumbnail_bytes: bytes
    width: int
    height: int
    source_format: str


class PathOutsideMediaRoot(ValueError):
    pass


class MediaStore:
    def __init__(self, root: Path, max_upload_bytes: int, max_side: int = 4096) -> None:
        self.root = root.resolve()
        make_private_dir(self.root)
        self.max_upload_bytes = max_upload_bytes
        self.max_side = max_side
        self._made_dirs: dict[str, Path] = {}  # relative folder -> resolved, existing folder

    # ---- validation --------------------------------------------------------------------------
    def validate(self, data: bytes) -> ValidatedImage:
        """Check an uploaded image fully before anything is written; raise SnapshotRejected."""
        if not data:
            raise SnapshotRejected("The image is empty.", 422)
        if len(data) > self.max_upload_bytes:
            raise SnapshotRejected(
                f"The image is {len(data):,} bytes; "
                f"at most {self.max_upload_bytes:,} are accepted.",
                413,
            )
        if data.startswith(JPEG_MAGIC):
            kind = "JPEG"
        elif data.startswith(PNG_MAGIC):
            kind = "PNG"
        else:
            raise SnapshotRejected(
                "Only JPEG and PNG images are accepted, and this file is neither.", 415
            )
        try:
            image: Image.Image = Image.open(io.BytesIO(data), formats=[kind])
        except UnidentifiedImageError:  # its message shows a BytesIO repr, not for people
            raise SnapshotRejected(
                f"The file starts like a {kind} image but its header cannot be read.", 422
            ) from None
        except (OSError, SyntaxError, ValueError) as exc:
            if "MAX_TEXT" in str(exc):  # Pillow's words name its own limits
                raise SnapshotRejected(TEXT_CHUNKS_TOO_LARGE, 422) from None
            raise SnapshotRejected(f"The {kind} image cannot be read ({exc}).", 422) from None
        except Image.DecompressionBombError:
            raise SnapshotRejected(self._size_message(0, 0), 422) from None
        width, height = image.size
        if not (1 <= width <= self.max_side and 1 <= height <= self.max_side):
            raise SnapshotRejected(self._size_message(width, height), 422)
        try:
            if kind == "JPEG":
                image.draft("RGB", THUMBNAIL_SIZE)  # decode at 1/2, 1/4 or 1/8 scale
                image.load()
                stored = strip_jpeg_metadata(data)
            else:
                image.load()
                rgb = image.convert("RGB")
                buffer = io.BytesIO()
                rgb.save(buffer, "JPEG", quality=88)
                stored = buffer.getvalue()
                image = rgb
        except Image.DecompressionBombError:
            raise SnapshotRejected(self._size_message(width, height), 422) from None
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise SnapshotRejected(
                f"The {kind} image is damaged or incomplete and cannot be decoded ({exc}).", 422
            ) from None
        return ValidatedImage(stored, make_thumbnail(image), width, height, kind)

    def _size_message(self, width: int, height: int) -> str:
        size = f"{width}x{height} pixels" if width and height else "too large"
        return f"The image is {size}; at most {self.max_side} pixels on a side are accepted."

    # ---- paths ---------------------------------------------------------------------------------
    @staticmethod
    def snapshot_paths(snapshot_id: str, when: datetime) -> tuple[str, str]:
        folder = PurePosixPath(SNAPSHOT_DIR, f"{when.year:04d}", f"{when.month:02d}")
        return str(folder / f"{snapshot_id}.jpg"), str(folder / f"{snapshot_id}.thumb.jpg")

    def resolve(self, relative: str) -> Path:
        """The one way from a stored relative path to a file; refuses anything outside the root."""
        if not relative or os.path.isabs(relative) or "\x00" in relative:
            raise PathOutsideMediaRoot(f"{relative!r} is not a relative media path")
        path = (self.root / relative).resolve()
        if not path.is_relative_to(self.root) or path == self.root:
            raise PathOutsideMediaRoot(f"{relative!r} points outside the media root")
        return path

    def _resolve_for_writing(self, relative: str) -> Path:
        """``resolve`` for the write path, with each folder resolved (and made) only once: a
        plain file name in a folder already known to lie inside the root stays inside it."""
        folder_part, _, name = relative.rpartition("/")
        folder = self._made_dirs.get(folder_part)
        if folder is None or not name or name in (".", "..") or "\x00" in name:
            path = self.resolve(relative)
            make_private_dir(path.parent)
            self._made_dirs[folder_part] = path.parent
            return path
        return folder / name

    # ---- writing -------------------------------------------------------------------------------
    def write_atomic(self, relative: str, data: bytes) -> None:
        """Temp file, fsync, rename: a reader never sees a partial file."""
        self.write_atomic_many([(relative, data)])

    def write_atomic_many(self, files: Iterable[tuple[str, bytes]]) -> None:
        """Several files atomically each: all temp files are written first and then fsync'd,
        so one journal commit usually carries them all (the second fsync finds nothing left
        to flush), then each is renamed into place. On failure no temp file is left."""
        pending: list[tuple[int, Path, Path]] = []
        try:
            for relative, data in files:
                path = self._resolve_for_writing(relative)
                folder = path.parent
                tmp = folder / f".{path.name}.{secrets.token_hex(4)}.tmp"
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
                pending.append((fd, tmp, path))
                view = memoryview(data)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
            for fd, _tmp, _path in pending:
                os.fsync(fd)
        except BaseException as exc:
            for fd, tmp, _path in pending:
                with contextlib.suppress(OSError):
                    os.close(fd)
                tmp.unlink(missing_ok=True)
            if is_no_space(exc):
                raise StorageFull() from exc
            raise
        for fd, _tmp, _path in pending:
            os.close(fd)
        for _fd, tmp, path in pending:
            os.replace(tmp, path)

    def remove(self, relatives: Iterable[str]) -> None:
        for relative in relatives:
            with contextlib.suppress(OSError, PathOutsideMediaRoot):
                self.resolve(relative).unlink(missing_ok=True)

    # ---- housekeeping --------------------------------------------------------------------------
    def iter_files(self) -> Iterator[tuple[str, os.stat_result]]:
        base = self.root / SNAPSHOT_DIR
        if not base.exists():
            return
        for folder, _dirs, files in os.walk(base):
            for name in files:
                full = Path(folder, name)
                try:
                    stat = full.stat()
                except OSError:
                    continue
                yield full.relative_to(self.root).as_posix(), stat

    def stats(self) -> StorageStats:
        files = total = 0
        for _relative, stat in self.iter_files():
            files += 1
            total += stat.st_size
        return StorageStats(files, total)

    def remove_stale_temp_files(self, older_than_seconds: float) -> int:
        """Delete temp files (``*.tmp``) anywhere under the media root last written more than
        ``older_than_seconds`` ago: what a write cut short by a crash (kill -9, power loss)
        leaves. Younger ones may be another process's write in progress and are kept."""
        cutoff = time.time() - older_than_seconds
        removed = 0
        for folder, _dirs, files in os.walk(self.root):
            for name in files:
                if not name.endswith(TEMP_SUFFIX):
                    continue
                path = Path(folder, name)
                with contextlib.suppress(FileNotFoundError):  # renamed or removed meanwhile
                    if path.stat().st_mtime < cutoff:
                        path.unlink()
                        removed += 1
        return removed

    def storage_status(self) -> StorageStatus:
        """Free and total space of the file system holding the media root, and its level."""
        usage = shutil.disk_usage(self.root)
        return storage_status(usage.free, usage.total)

    def remove_orphans(self, known: set[str], older_than_seconds: float) -> int:
        """Delete files no row points to (and stale temp files) older than the grace period."""
        cutoff = time.time() - older_than_seconds
        removed = 0
        for relative, stat in list(self.iter_files()):
            if relative in known or stat.st_mtime > cutoff:
                continue
            self.remove([relative])
            removed += 1
        return removed


def make_thumbnail(image: Image.Image) -> bytes:
    thumb = image if image.mode == "RGB" else image.convert("RGB")
    if thumb.size[0] > THUMBNAIL_SIZE[0] or thumb.size[1] > THUMBNAIL_SIZE[1]:
        thumb = thumb.copy() if thumb is image else thumb
        thumb.thumbnail(THUMBNAIL_SIZE, Image.Resampling.BILINEAR, reducing_gap=None)
    buffer = io.BytesIO()
    thumb.save(buffer, "JPEG", quality=78)
    return buffer.getvalue()


def strip_jpeg_metadata(data: bytes) -> bytes:
    """Drop APPn (but JFIF, ICC, Adobe) and COM segments before the scan; pixels are untouched."""
    out = bytearray(data[:2])
    pos = 2
    size = len(data)
    while pos + 4 <= size:
        if data[pos] != 0xFF:
            return data  # not a marker where one must be: keep the validated bytes as they are
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xDA or 0xD0 <= marker <= 0xD9 or marker == 0x01:
            out += data[pos:]
            return bytes(out)
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        end = pos + 2 + length
        if length < 2 or end > size:
            return data
        is_metadata = (0xE0 <= marker <= 0xEF and marker not in KEPT_APP_MARKERS) or marker == 0xFE
        if not is_metadata:
            out += data[pos:end]
        pos = end
    return data
