"""UploadSpool: the kiosk's on-disk queue of snapshots and events waiting for the server.

Layout, one folder per attempt::

    <spool dir>/<attempt_id>/snapshots/<captured ns>-<snapshot_id>.jpg
    <spool dir>/<attempt_id>/events/<occurred ns>-<event_id>.json

An event file holds ``{"type", "detail"}``, the detail's ``detail_code`` and ``detail_params``
when the kiosk's sentence has a template, and for an ``upload_failed`` its ``cause``; a file
written before causes existed (no ``cause``) is sent without one, which the server reads as
``refused``, and one written before codes existed is sent with its detail alone.

A file is written under a temporary name, fsync'd, then renamed, so a crash never leaves half
a picture in the queue. Names sort in capture order, and the time in the name is the capture
time, so the queue survives a restart of the kiosk unchanged. Writers (camera thread, GUI
thread) and the reader (upload thread) only ever touch whole files, so no lock is needed
between threads; a lock keeps this process's names strictly increasing.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

ITEM_NAME = re.compile(r"^(\d{19,20})-([A-Za-z0-9_-]{1,64})\.(jpg|json)$")
STALE_TEMP_SECONDS = 60.0
CLOSED_NOTE = "closed-during-exam"


@dataclass(frozen=True)
class SpooledSnapshot:
    snapshot_id: str
    captured_at: datetime
    path: Path


@dataclass(frozen=True)
class SpooledEvent:
    event_id: str
    type: str
    detail: str | None
    occurred_at: datetime
    path: Path
    cause: str | None = None  # why uploads failed (upload_failed only)
    detail_code: str | None = None  # the code of the detail's template, and its values
    detail_params: dict[str, Any] | None = None


#: Two items stamped closer than this keep the order they were added in.
SAME_INSTANT_NS = 1_000_000


class UploadSpool:
    _name_lock = threading.Lock()
    _last_ns = 0

    def __init__(self, root: Path, attempt_id: str) -> None:
        if not re.match(r"^[A-Za-z0-9_-]{1,100}$", attempt_id):
            raise ValueError(f"{attempt_id!r} cannot name a spool folder")
        self.folder = Path(root).expanduser() / attempt_id
        self.snapshot_folder = self.folder / "snapshots"
        self.event_folder = self.folder / "events"
        self.snapshot_folder.mkdir(parents=True, exist_ok=True)
        self.event_folder.mkdir(parents=True, exist_ok=True)
        self._remove_stale_temp_files()

    # ---- writing (camera thread, GUI thread) ---------------------------------------------------
    def add_snapshot(self, jpeg: bytes, snapshot_id: str | None = None,
                     captured_at: datetime | None = None) -> SpooledSnapshot:
        snapshot_id = snapshot_id or str(uuid.uuid4())
        stamp = self._stamp(captured_at)
        path = self.snapshot_folder / f"{stamp:020d}-{snapshot_id}.jpg"
        _write_atomic(path, jpeg)
        return SpooledSnapshot(snapshot_id, _from_ns(stamp), path)

    def add_event(self, event_type: str, detail: str | None = None,
                  occurred_at: datetime | None = None, event_id: str | None = None,
                  cause: str | None = None, detail_code: str | None = None,
                  detail_params: dict[str, Any] | None = None) -> SpooledEvent:
        event_id = event_id or str(uuid.uuid4())
        stamp = self._stamp(occurred_at)
        path = self.event_folder / f"{stamp:020d}-{event_id}.json"
        body: dict[str, Any] = {"type": event_type, "detail": detail}
        if cause is not None:
            body["cause"] = cause
        if detail_code is not None:
            body["detail_code"] = detail_code
            body["detail_params"] = dict(detail_params or {})
        _write_atomic(path, json.dumps(body).encode("utf-8"))
        return SpooledEvent(event_id, event_type, detail, _from_ns(stamp), path, cause,
                            detail_code, body.get("detail_params"))

    def note_closed(self) -> None:
        """Remember that the kiosk was closed during the exam (reported when it starts again)."""
        _write_atomic(self.folder / CLOSED_NOTE, b"closed during the exam\n")

    def take_closed_note(self) -> bool:
        """True (once) when the kiosk was closed during this attempt since the last start."""
        note = self.folder / CLOSED_NOTE
        if not note.exists():
            return False
        note.unlink(missing_ok=True)
        return True

    # ---- reading (upload thread) ---------------------------------------------------------------
    def pending_snapshots(self) -> list[SpooledSnapshot]:
        items = []
        for name, stamp, item_id in self._listing(self.snapshot_folder, "jpg"):
            items.append(SpooledSnapshot(item_id, _from_ns(stamp), self.snapshot_folder / name))
        return items

    def pending_events(self) -> list[SpooledEvent]:
        items = []
        for name, stamp, item_id in self._listing(self.event_folder, "json"):
            path = self.event_folder / name
            try:
                body = json.loads(path.read_text(encoding="utf-8"))
                event_type = str(body["type"])
                detail = body.get("detail")
                cause = body.get("cause")  # absent in files written before causes existed
                code = body.get("detail_code")  # absent in files written before codes existed
                params = body.get("detail_params") if code is not None else None
            except (OSError, ValueError, KeyError, TypeError) as exc:
                log.error("dropping unreadable spooled event %s: %s", path.name, exc)
                path.unlink(missing_ok=True)
                continue
            items.append(SpooledEvent(item_id, event_type, detail, _from_ns(stamp), path,
                                      None if cause is None else str(cause),
                                      None if code is None else str(code),
                                      params if isinstance(params, dict) else None))
        return items

    def pending_snapshot_count(self) -> int:
        return len(self._listing(self.snapshot_folder, "jpg"))

    def pending_event_count(self) -> int:
        return len(self._listing(self.event_folder, "json"))

    @staticmethod
    def read_image(item: SpooledSnapshot) -> bytes:
        return item.path.read_bytes()

    def remove(self, item: SpooledSnapshot | SpooledEvent) -> None:
        """Only after the server acknowledged it (or refused it for good)."""
        item.path.unlink(missing_ok=True)

    def clear(self) -> int:
        """Forget everything waiting (the attempt has ended: the server takes nothing more)."""
        count = 0
        for item in [*self.pending_snapshots(), *self.pending_events()]:
            self.remove(item)
            count += 1
        return count

    # ---- helpers -------------------------------------------------------------------------------
    @classmethod
    def _stamp(cls, when: datetime | None) -> int:
        """Nanoseconds since the epoch of ``when`` (now by default). Items added within the
        same instant get 1 ns apart, so they keep the order they were added in."""
        wanted = (int(when.timestamp()) * 1_000_000_000 + when.microsecond * 1000
                  if when is not None else time.time_ns())
        with cls._name_lock:
            if 0 <= cls._last_ns - wanted < SAME_INSTANT_NS:
                wanted = cls._last_ns + 1
            cls._last_ns = wanted
        return wanted

    @staticmethod
    def _listing(folder: Path, suffix: str) -> list[tuple[str, int, str]]:
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            return []
        found = []
        for name in names:
            match = ITEM_NAME.match(name)
            if match and match.group(3) == suffix:
                found.append((name, int(match.group(1)), match.group(2)))
        found.sort()
        return found

    def _remove_stale_temp_files(self) -> None:
        cutoff = time.time() - STALE_TEMP_SECONDS
        for folder in (self.snapshot_folder, self.event_folder):
            for path in folder.glob(".*.tmp"):
                try:
                    if path.stat().st_mtime < cutoff:
                        path.unlink()
                except OSError:
                    pass


def _from_ns(stamp: int) -> datetime:
    seconds, nanos = divmod(stamp, 1_000_000_000)
    return datetime.fromtimestamp(seconds, UTC).replace(microsecond=nanos // 1000)


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    os.replace(tmp, path)
