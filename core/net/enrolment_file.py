"""The kiosk enrolment file (``proctor-candidate --enrol FILE``): JSON with the server URL, the
kiosk key and the center's fingerprint. The console exports it (``write_enrolment_file``); it
holds a secret, so it is written with mode 0600. The kiosk reads it (``read_enrolment_file``),
and an enrolment by code (core.client.enrolment) ends with the same ``Enrolment``. What goes
into a center's file is the server's side: ``core.api.secure_serving.center_enrolment``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.net.pinning import normalize_fingerprint

FILE_FORMAT = "proctor-console-enrolment"
MAX_ROOM = 40


class EnrolmentFileError(ValueError):
    """An enrolment file cannot be used; the message says which file and why."""


@dataclass(frozen=True)
class Enrolment:
    server_url: str
    kiosk_key: str
    fingerprint: str | None  # 64 hex digits; None only for a center without TLS (this machine)
    room: str | None = None  # the exam room the kiosk stands in (at most 40 characters)

    @property
    def pin(self) -> str | None:
        return f"sha256:{self.fingerprint}" if self.fingerprint else None

    def to_json(self) -> dict[str, Any]:
        values: dict[str, Any] = {"format": FILE_FORMAT, "version": 1,
                                  "server_url": self.server_url, "kiosk_key": self.kiosk_key,
                                  "fingerprint": self.pin}
        if self.room:
            values["room"] = self.room
        return values


def write_enrolment_file(path: Path, enrolment: Enrolment) -> Path:
    """Write the kiosk enrolment file (mode 0600: it holds the kiosk key)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(enrolment.to_json(), handle, indent=2)
        handle.write("\n")
    os.replace(tmp, path)
    return path


def read_enrolment_file(path: Path) -> Enrolment:
    path = Path(path).expanduser()
    try:
        values = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise EnrolmentFileError(
            f"The enrolment file {path} cannot be read ({exc.strerror}).") from exc
    except ValueError as exc:
        raise EnrolmentFileError(f"The enrolment file {path} is not valid JSON ({exc}).") from exc
    if not isinstance(values, dict) or values.get("format") != FILE_FORMAT:
        raise EnrolmentFileError(f"{path} is not a kiosk enrolment file; ask the proctor to "
                                 "export one from the console's Connect kiosks dialog.")
    url, key, pin = values.get("server_url"), values.get("kiosk_key"), values.get("fingerprint")
    if not isinstance(url, str) or not url or not isinstance(key, str) or not key:
        raise EnrolmentFileError(f"The enrolment file {path} has no server_url or kiosk_key.")
    try:
        fingerprint = normalize_fingerprint(pin) if isinstance(pin, str) and pin else None
    except ValueError as exc:
        raise EnrolmentFileError(f"The enrolment file {path}: {exc}") from exc
    if fingerprint is None and url.startswith("https://"):
        raise EnrolmentFileError(f"The enrolment file {path} has an https address but no "
                                 "fingerprint; export it again from the console.")
    room = values.get("room")
    if room is not None and (not isinstance(room, str) or len(room.strip()) > MAX_ROOM):
        raise EnrolmentFileError(f"The enrolment file {path} has a room that is not a name of "
                                 f"at most {MAX_ROOM} characters; export it again.")
    return Enrolment(url.rstrip("/"), key, fingerprint, (room or "").strip() or None)

